"""Archiving: one version per content, never overwritten, never half, concurrent archivers agree."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from filelock import FileLock

from memo.archive.store import PAUSE_HOOK, archive_case
from memo.archive.versions import CaseArchive
from memo.errors import CaseError

from ..conftest import edit_case
from .conftest import CASE, case_archive, memo_command, needs_libreoffice


def test_archiving_what_is_archived_writes_nothing_and_says_so(archived):
    before = sorted(p.relative_to(archived.root) for p in (archived.root / "archive").rglob("*"))
    result = memo_command(archived, "archive", CASE)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{CASE}: redan arkiverad som v2 — inget skrevs\n", "")
    assert sorted(p.relative_to(archived.root) for p in (archived.root / "archive").rglob("*")) == before


def test_a_version_holds_documents_inputs_and_metadata_read_only(archived):
    v1, v2 = case_archive(archived).versions()
    files = sorted(str(p.relative_to(v2.path)) for p in v2.path.rglob("*") if p.is_file())
    assert files == [
        "bag-info.txt", "bagit.txt", f"data/{CASE}.docx", f"data/{CASE}.pdf", f"data/cases/{CASE}.yaml",
        "data/metadata.json", "data/templates/nacka/memo.docx", "data/templates/nacka/profile.yaml",
        "manifest-sha256.txt", "tagmanifest-sha256.txt",
    ]
    assert (v2.data / "cases" / f"{CASE}.yaml").read_bytes() == (archived.cases / f"{CASE}.yaml").read_bytes()
    assert (v2.data / "templates/nacka/memo.docx").read_bytes() == (archived.templates / "nacka/memo.docx").read_bytes()
    for path in [v2.path, *v2.path.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o555 if path.is_dir() else 0o444), path
    meta = v2.metadata
    assert (meta["version"], meta["dnr"], meta["title"], meta["date"]) == (2, CASE, "Trygghetspaketet 2024", "2024-03-25")
    assert meta["organisation"] == {"id": "nacka", "name": "Nacka kommun"}
    assert meta["document_type"] == "TJÄNSTESKRIVELSE"
    assert meta["signatories"][0] == {"name": "Henrik Ahl", "title": "Stabs- och säkerhetsdirektör", "unit": "Säkerhetsfunktionen"}
    assert meta["decision"][0] == "Förslag till beslut"
    assert meta["sha256"]["docx"] == hashlib.sha256((v2.data / f"{CASE}.docx").read_bytes()).hexdigest()
    assert meta["previous_manifest_sha256"] == hashlib.sha256((v1.path / "manifest-sha256.txt").read_bytes()).hexdigest()
    assert v1.metadata["previous_manifest_sha256"] is None
    assert meta["software"]["memo"] and meta["software"]["docxtpl"] and meta["software"]["pdf"].startswith("LibreOffice")
    info = (v2.path / "bag-info.txt").read_text(encoding="utf-8")
    assert f"Dnr: {CASE}\n" in info and "Title: Trygghetspaketet 2024\n" in info and "Date: 2024-03-25\n" in info


def test_a_case_with_errors_is_refused_and_nothing_is_archived(archived):
    edit_case(archived, "amount: 5", "amount: 5.1")
    with pytest.raises(CaseError, match="under ramen"):
        archive_case(archived.cases / f"{CASE}.yaml", archived, archived.root / "archive")
    assert [v.name for v in case_archive(archived).versions()] == ["v1", "v2"]


def test_eight_concurrent_archivers_of_a_changed_case_make_exactly_one_version(archived):
    edit_case(archived, "utfall_2023: 1.7", "utfall_2023: 1.8")
    processes = [subprocess.Popen([sys.executable, "-m", "memo.cli", "--root", str(archived.root), "archive", CASE],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(8)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0] * 8, outputs
    said = sorted(out for out, _ in outputs)
    assert said == sorted([f"arkiverade {CASE}/v3 (archive/{CASE}/v3)\n"] + [f"{CASE}: redan arkiverad som v3 — inget skrevs\n"] * 7)
    assert [v.name for v in case_archive(archived).versions()] == ["v1", "v2", "v3"]
    assert list(case_archive(archived).folder.glob(".*")) == []


def test_a_killed_archiver_leaves_no_version_and_the_next_one_succeeds(archived):
    edit_case(archived, "utfall_2023: 1.7", "utfall_2023: 1.8")
    process = subprocess.Popen([sys.executable, "-m", "memo.cli", "--root", str(archived.root), "archive", CASE],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, PAUSE_HOOK: "120"})
    line = ""
    while not line.startswith(f"{PAUSE_HOOK}: "):  # the version is assembled, sealed, about to be published
        line = process.stderr.readline()
        assert line, "the archiver ended before it paused"
    assembled = line.split(": ", 1)[1].strip()
    assert (archived.root / "archive" / CASE / assembled.rsplit("/", 1)[-1] / "bagit.txt").is_file()
    process.kill()  # SIGKILL
    process.wait(timeout=30)
    archive = case_archive(archived)
    assert [v.name for v in archive.versions()] == ["v1", "v2"]
    assert [p.name for p in archive.folder.glob(".v3.*.tmp")] != []

    result = memo_command(archived, "archive", CASE)
    assert (result.returncode, result.stdout) == (0, f"arkiverade {CASE}/v3 (archive/{CASE}/v3)\n")
    assert list(archive.folder.glob(".v*.tmp")) == []
    assert memo_command(archived, "verify", CASE).returncode == 0


def test_two_cases_archived_at_once_do_not_block_each_other(archived):
    needs_libreoffice()
    archive = CaseArchive(archived.root / "archive", CASE)
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        with FileLock(archive.root / f".{CASE}.lock"):  # an archiver of this case holds its lock
            waiting = pool.submit(memo_command, archived, "archive", CASE)
            other = memo_command(archived, "archive", "SN-18-0098", timeout=120)
            assert (other.returncode, other.stdout) == (0, "arkiverade SN-18-0098/v1 (archive/SN-18-0098/v1)\n")
            assert not waiting.done(), "the same case waits for its lock"
        assert waiting.result(timeout=120).stdout == f"{CASE}: redan arkiverad som v2 — inget skrevs\n"
    finally:
        pool.shutdown(wait=True)
