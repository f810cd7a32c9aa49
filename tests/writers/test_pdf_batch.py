"""Many documents, one LibreOffice start; each document still fails on its own.

A stand-in for soffice (a small script) records each start's documents in order and
misbehaves on the documents it is told to, as LibreOffice does: it cannot load one, crashes
on one (stopping the rest), hangs on one after writing half its PDF, or fails on everything;
the PDF checks are a pass-through there. Then the real LibreOffice through `memo build --all --pdf`
(here, beside the single builds of the shipped cases they are compared with).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import time

import pikepdf
import pytest

from memo.batch import build_all
from memo.cli import main
from memo.errors import ConversionError
from memo.writers import pdf as pdf_writer
from memo.writers.pdf_checks import check_pdf

from ..conftest import output_names, require
from .conftest import CASES
from .test_pdf import differing_objects

FAKE_SOFFICE = """#!{python}
import pathlib, sys, time
args = sys.argv[1:]
at = args.index("--outdir")
outdir, sources = pathlib.Path(args[at + 1]), [pathlib.Path(a) for a in args[at + 2:]]
with open({log!r}, "a") as log:
    log.write(" ".join(s.stem for s in sources) + "\\n")
behaviour = {behaviour!r}
if "*" in behaviour:
    print("Error: boom")
    sys.exit(1)
for source in sources:
    what = behaviour.get(source.stem)
    if what == "unloadable":
        print("Error: source file could not be loaded")
        continue
    if what == "crash":
        sys.exit(134)
    target = outdir / (source.stem + ".pdf")
    if what == "hang":
        target.write_bytes(b"half")
        time.sleep(300)
    target.write_bytes(b"PDF of " + source.read_bytes())
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """Install a stand-in soffice that behaves as told per document; returns the log of its starts."""
    log = tmp_path / "starts.log"

    def install(**behaviour: str):
        script = tmp_path / "soffice"
        script.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), behaviour=behaviour))
        script.chmod(0o755)
        monkeypatch.setattr(pdf_writer, "find_soffice", lambda: str(script))
        monkeypatch.setattr(pdf_writer, "finish_pdf", lambda data, docx, name: data)
        return lambda: log.read_text().splitlines() if log.exists() else []

    return install


def documents(*stems: str) -> dict[str, bytes]:
    return {f"{stem}.docx": stem.encode() for stem in stems}


def test_all_documents_are_converted_by_one_start(fake_soffice):
    starts = fake_soffice()
    assert pdf_writer.pdfs_from_docx(documents("a", "b", "c")) == {
        "a.docx": b"PDF of a", "b.docx": b"PDF of b", "c.docx": b"PDF of c"}
    assert starts() == ["a b c"]


def test_a_document_libreoffice_cannot_load_fails_alone_with_its_own_message(fake_soffice):
    starts = fake_soffice(b="unloadable")
    results = pdf_writer.pdfs_from_docx(documents("a", "b", "c"))
    assert (results["a.docx"], results["c.docx"]) == (b"PDF of a", b"PDF of c")
    assert isinstance(results["b.docx"], ConversionError)
    assert str(results["b.docx"]) == (
        "LibreOffice kunde inte göra PDF av b.docx (kod 0: Error: source file could not be loaded)")
    assert starts() == ["a b c", "b"], "converted alone once more, so the message is its own"


def test_a_crash_stops_the_documents_after_it_which_are_converted_again(fake_soffice):
    starts = fake_soffice(b="crash")
    results = pdf_writer.pdfs_from_docx(documents("a", "b", "c", "d"))
    assert str(results["b.docx"]) == "LibreOffice kunde inte göra PDF av b.docx (kod 134)"
    assert [results[f"{s}.docx"] for s in "acd"] == [b"PDF of a", b"PDF of c", b"PDF of d"]
    assert starts() == ["a b c d", "b", "c d"]


def test_a_hang_is_killed_and_the_half_written_pdf_is_not_used(fake_soffice, monkeypatch):
    monkeypatch.setattr(pdf_writer, "TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(pdf_writer, "PER_DOCUMENT_SECONDS", 1)
    starts = fake_soffice(b="hang")
    began = time.perf_counter()
    results = pdf_writer.pdfs_from_docx(documents("a", "b", "c"))
    assert time.perf_counter() - began < 30
    assert (results["a.docx"], results["c.docx"]) == (b"PDF of a", b"PDF of c")
    assert str(results["b.docx"]) == (
        "LibreOffice svarade inte inom 1 s när b.docx skulle bli PDF — processen är avslutad; försök igen")
    assert starts() == ["a b c", "b", "c"]


def test_when_libreoffice_fails_on_everything_it_is_not_started_once_per_document(fake_soffice):
    starts = fake_soffice(**{"*": "fail"})
    results = pdf_writer.pdfs_from_docx(documents("a", "b", "c", "d", "e"))
    assert {name: str(error) for name, error in results.items()} == {
        f"{s}.docx": f"LibreOffice kunde inte göra PDF av {s}.docx (kod 1: Error: boom)" for s in "abcde"}
    assert starts() == ["a b c d e", "a", "b c d e"]


def test_one_document_is_converted_in_one_start(fake_soffice):
    starts = fake_soffice()
    assert pdf_writer.pdfs_from_docx(documents("a")) == {"a.docx": b"PDF of a"}
    assert starts() == ["a"]


def test_the_timeout_grows_with_the_number_of_documents():
    assert pdf_writer.batch_timeout(1) == pdf_writer.TIMEOUT_SECONDS
    assert pdf_writer.batch_timeout(50) == pdf_writer.TIMEOUT_SECONDS + 49 * pdf_writer.PER_DOCUMENT_SECONDS


# The real LibreOffice, through `memo build --all --pdf`: a wrapper in front of soffice counts its starts.

WRAPPER = """#!/bin/sh
echo "$*" >> {log}
for arg; do
  case "$arg" in */{spoil}) printf 'PK\\003\\004 not really a document' > "$arg";; esac
done
exec {soffice} "$@"
"""


@pytest.fixture
def soffice_starts(tmp_path, monkeypatch):
    """Put a counting wrapper first on PATH; ``spoil`` names a document it makes unloadable on the way."""
    require(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")
    real = shutil.which("soffice")
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")

    def install(spoil: str = "-"):
        (folder / "soffice").write_text(WRAPPER.format(log=shlex.quote(str(log)), spoil=spoil,
                                                       soffice=shlex.quote(real)))
        (folder / "soffice").chmod(0o755)
        log.write_text("")
        return lambda: log.read_text().splitlines()

    return install


def test_a_pdf_batch_starts_libreoffice_once_and_its_pdfs_are_those_of_single_builds(
        workspace, soffice_starts, shipped_pdfs, capsys):
    starts = soffice_starts()
    assert main(["--root", str(workspace.root), "build", "--all", "--pdf", "--jobs", "2"]) == 0
    assert len(starts()) == 1
    assert all(f"/{case}.docx" in starts()[0] for case in CASES)
    out = capsys.readouterr().out
    assert out.endswith("byggda 3 / oförändrade 0 / fel 0\n")
    for case in CASES:
        assert f"skrev build/{case}.docx\nskrev build/{case}.pdf\n" in out
        docx, pdf = workspace.build / f"{case}.docx", workspace.build / f"{case}.pdf"
        check_pdf(pdf.read_bytes(), docx.read_bytes(), docx.name)  # what a single build checks
        single = shipped_pdfs[case]
        assert docx.read_bytes() == single.with_suffix(".docx").read_bytes()
        with pikepdf.open(pdf) as batch, pikepdf.open(single) as alone:
            assert {str(k): str(v) for k, v in batch.docinfo.items()} == {
                str(k): str(v) for k, v in alone.docinfo.items()}
            assert str(batch.open_metadata()) == str(alone.open_metadata())
        assert differing_objects(pdf, single) <= {"ICC output intent", "trailer /DocChecksum", "trailer /ID"}
    assert build_all(workspace, pdf=True, jobs=2).line() == "byggda 0 / oförändrade 3 / fel 0"
    assert len(starts()) == 1, "nothing changed: LibreOffice is not started"


def test_a_pdf_that_fails_for_one_document_fails_that_case_only(workspace, soffice_starts, capsys):
    starts = soffice_starts(spoil="SN-18-0098.docx")
    assert main(["--root", str(workspace.root), "build", "--all", "--pdf", "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert out.endswith("byggda 2 / oförändrade 0 / fel 1\n")
    assert ("cases/SN-18-0098.yaml: 1 fel\n  LibreOffice kunde inte göra PDF av SN-18-0098.docx "
            "(kod 0: Error: source file could not be loaded)\n") in err
    assert len(starts()) == 2, "one start for the batch, one for the failing document alone"
    written = [f"{case}.{kind}" for case in CASES[:2] for kind in ("docx", "pdf")]
    assert output_names(workspace.build) == sorted(written + [f".{name}.inputs" for name in written])
    starts = soffice_starts()
    summary = build_all(workspace, pdf=True, jobs=2)
    assert [(o.path.stem, o.status) for o in summary.outcomes] == [
        ("KFKS-2024-00430", "unchanged"), ("KS-2024-00167", "unchanged"), ("SN-18-0098", "built")]
    assert len(starts()) == 1
