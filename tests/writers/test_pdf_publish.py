"""The PDF step: published with its .docx or not at all, a hanging LibreOffice killed with its
process group, temp profiles of killed runs swept."""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import threading
import time

import pytest

import memo.build
from memo.build import build
from memo.errors import ConversionError
from memo.writers import pdf as pdf_writer

from ..conftest import edit_case

CASE = "KFKS-2024-00430"


def fake_pdf(data: bytes, name: str) -> bytes:
    return b"%PDF " + hashlib.sha256(data).hexdigest().encode()


def test_a_failed_pdf_step_leaves_the_previous_docx_and_pdf(workspace, monkeypatch):
    monkeypatch.setattr(memo.build, "pdf_from_docx", fake_pdf)
    docx, pdf = build(workspace.cases / f"{CASE}.yaml", workspace, pdf=True).paths
    before = docx.read_bytes(), pdf.read_bytes()

    def failing(data, name):
        raise ConversionError("LibreOffice kunde inte göra PDF")

    monkeypatch.setattr(memo.build, "pdf_from_docx", failing)
    edit_case(workspace, "title: Trygghetspaketet 2024", "title: Trygghetspaketet 2025")
    with pytest.raises(ConversionError):
        build(workspace.cases / f"{CASE}.yaml", workspace, pdf=True)
    assert (docx.read_bytes(), pdf.read_bytes()) == before
    assert sorted(p.name for p in docx.parent.iterdir()) == [docx.name, pdf.name]


def test_overlapping_pdf_builds_leave_a_docx_and_pdf_of_the_same_build(workspace, monkeypatch):
    second_done = threading.Event()

    def slow_first(data, name):
        if not second_done.is_set() and threading.current_thread() is not threading.main_thread():
            second_done.wait(10)  # the first build's PDF step outlasts the whole second build
        return fake_pdf(data, name)

    monkeypatch.setattr(memo.build, "pdf_from_docx", slow_first)
    path = workspace.cases / f"{CASE}.yaml"
    first = threading.Thread(target=build, args=(path, workspace, True))
    first.start()
    time.sleep(1.0)  # the first build has read its case and is in the PDF step
    edit_case(workspace, "title: Trygghetspaketet 2024", "title: Trygghetspaketet 2025")
    build(path, workspace, pdf=True)
    second_done.set()
    first.join(30)
    docx = workspace.build / f"{CASE}.docx"
    assert docx.with_suffix(".pdf").read_bytes() == fake_pdf(docx.read_bytes(), docx.name)


def test_a_hanging_libreoffice_is_killed_with_its_children(tmp_path, monkeypatch):
    child = tmp_path / "child.pid"
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {child}\nwait\n")
    script.chmod(0o755)
    monkeypatch.setattr(pdf_writer, "find_soffice", lambda: str(script))
    start = time.perf_counter()
    with pytest.raises(ConversionError) as caught:
        pdf_writer.pdf_from_docx(b"PK", "x.docx", timeout=1)
    assert time.perf_counter() - start < 10
    assert str(caught.value) == "LibreOffice svarade inte inom 1 s när x.docx skulle bli PDF — processen är avslutad; försök igen"
    assert pdf_writer.TIMEOUT_SECONDS <= 300  # by default a hanging LibreOffice is given up within minutes
    pid = int(child.read_text())
    for _ in range(50):
        if not _running(pid):
            break
        time.sleep(0.1)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_temp_profiles_of_dead_conversions_are_swept_and_live_ones_kept():
    gone = subprocess.Popen(["true"])
    gone.wait()
    root = tempfile.gettempdir()
    dead = tempfile.mkdtemp(prefix=f"{pdf_writer.PROFILE_PREFIX}{gone.pid}-", dir=root)
    live = tempfile.mkdtemp(prefix=f"{pdf_writer.PROFILE_PREFIX}{os.getppid()}-", dir=root)
    try:
        pdf_writer.sweep_profiles()
        assert not os.path.exists(dead) and os.path.isdir(live)
    finally:
        os.rmdir(live)


def test_a_conversion_that_produces_nothing_says_what_libreoffice_said(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\necho 'Error: source file could not be loaded'\nexit 0\n")
    script.chmod(0o755)
    monkeypatch.setattr(pdf_writer, "find_soffice", lambda: str(script))
    with pytest.raises(ConversionError) as caught:
        pdf_writer.pdf_from_docx(b"PK", "x.docx")
    assert str(caught.value) == "LibreOffice kunde inte göra PDF av x.docx (kod 0: Error: source file could not be loaded)"


def test_a_profile_of_another_users_live_process_is_kept(monkeypatch):
    def not_ours(pid, signal_number):
        raise PermissionError

    folder = tempfile.mkdtemp(prefix=f"{pdf_writer.PROFILE_PREFIX}999999-", dir=tempfile.gettempdir())
    try:
        monkeypatch.setattr(os, "kill", not_ours)
        pdf_writer.sweep_profiles()
        assert os.path.isdir(folder)
    finally:
        os.rmdir(folder)
