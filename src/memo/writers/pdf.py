"""PDF/A-2 and PDF/UA-1 (tagged) from the built .docx, through headless LibreOffice.

LibreOffice exits 0 even when it could not load a file, so the result is
checked (pdf_checks): the PDF must parse, declare PDF/A and PDF/UA in its
XMP metadata and be set in the template's fonts. A LibreOffice that hangs is
killed with its process group; the temp folders of conversions killed with
memo itself are swept by the next conversion. LibreOffice 7.4 accepts both options in one export (measured:
``pdfaid:part`` 2 and ``pdfuaid:part`` 1 in the same XMP packet). Each run gets a private profile directory so parallel runs do not
collide on LibreOffice's lock.

A batch converts many documents with one LibreOffice start (``pdfs_from_docx``): a start costs
about 2 s, a memo about 0.25 s more. Its timeout grows with the number of documents, and each
document still fails on its own.

LibreOffice stamps the PDF with the time of conversion; the PDF is then given
the document's own creation date (the memo date), keywords and language, in
XMP and the document information alike, and a trailer /ID computed from its
content, so that two conversions differ only where LibreOffice itself varies.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pikepdf
from lxml import etree

from ..errors import ConversionError
from ..files import write_atomic
from .properties import CORE_PART, CP, DC, DCTERMS
from .pdf_checks import check_pdf, declares_pdfa, declares_pdfua

__all__ = ["convert_to_pdf", "pdf_from_docx", "pdfs_from_docx", "declares_pdfa", "declares_pdfua", "sweep_profiles"]

TIMEOUT_SECONDS = 120
PER_DOCUMENT_SECONDS = 10  # each further document of one start: 40 times what a memo takes (about 0.25 s)
PROFILE_PREFIX = "memo-lo-"  # then the pid of the memo process that converts
EXPORT_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},  # PDF/A-2b
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},  # PDF/UA-1: identifier, and LibreOffice's own checks
}
INSTALL_HINT = "installera LibreOffice, t.ex. apt-get install libreoffice-writer-nogui"


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(f"LibreOffice (soffice) finns inte — {INSTALL_HINT}")


def convert_to_pdf(docx: Path, target: Path, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Write ``target`` (PDF/A-2, PDF/UA-1, tagged) from ``docx``; the old target stays if anything fails."""
    find_soffice()  # its absence is the first thing to say
    write_atomic(target, pdf_from_docx(docx.read_bytes(), docx.name, timeout))
    return target


def pdf_from_docx(docx: bytes, name: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The checked, stamped PDF of a .docx given as bytes; converted in a private temp folder, nothing published."""
    soffice = find_soffice()
    with _conversion_folder() as work_dir:
        source = work_dir / name
        source.write_bytes(docx)
        returncode, output = run_in_group(_command(soffice, work_dir, [source]), timeout, name)
        data = _produced(source)
        if not data:
            raise ConversionError(_not_converted(name, _exit_detail(returncode, output)))
    return finish_pdf(data, docx, name)


def pdfs_from_docx(documents: dict[str, bytes]) -> dict[str, bytes | ConversionError]:
    """The checked, stamped PDF of each .docx (file name -> bytes), or the error that is its own.

    All are converted by one LibreOffice start. A document left without a PDF (LibreOffice could
    not load it, or crashed or hung on it and so stopped the ones after it) fails on its own: the
    first one left is converted alone, its own error is its result, and the rest are converted
    together again. Two starts in a row that convert nothing mean LibreOffice fails on every
    document: the rest share that start's error.
    """
    soffice = find_soffice()
    results: dict[str, bytes | ConversionError] = {}
    pending = list(documents)
    empty_starts = 0
    while len(pending) > 1:
        produced, why = _convert_together(soffice, {name: documents[name] for name in pending})
        for name, data in produced.items():
            results[name] = _result(finish_pdf, data, documents[name], name)
        pending = [name for name in pending if name not in produced]
        empty_starts = 0 if produced else empty_starts + 1
        if pending and empty_starts == 2:
            results.update((name, ConversionError(_not_converted(name, why))) for name in pending)
            pending = []
        elif pending:
            first, *pending = pending
            results[first] = _result(pdf_from_docx, documents[first], first, TIMEOUT_SECONDS)
    for name in pending:
        results[name] = _result(pdf_from_docx, documents[name], name, TIMEOUT_SECONDS)
    return {name: results[name] for name in documents}


def batch_timeout(count: int) -> float:
    """One document's time, and more for each further document of the same LibreOffice start."""
    return TIMEOUT_SECONDS + PER_DOCUMENT_SECONDS * max(count - 1, 0)


def finish_pdf(data: bytes, docx: bytes, name: str) -> bytes:
    """LibreOffice's PDF checked (pdf_checks) and stamped with the document's own properties."""
    check_pdf(data, docx, name)
    return stamp_pdf(data, docx_properties(docx))


def _convert_together(soffice: str, documents: dict[str, bytes]) -> tuple[dict[str, bytes], str]:
    """One LibreOffice start over all the documents: the PDFs it made whole, and why one is missing."""
    timeout = batch_timeout(len(documents))
    with _conversion_folder() as work_dir:
        sources = [work_dir / name for name in documents]
        for source in sources:
            source.write_bytes(documents[source.name])
        try:
            returncode, output = run_in_group(_command(soffice, work_dir, sources), timeout, f"{len(sources)} dokument")
            whole, why = sources, _exit_detail(returncode, output)
        except ConversionError:  # timed out, the group killed: the last PDF begun may be half written
            begun = [source for source in sources if _output(source).exists()]
            whole = sources[: sources.index(begun[-1])] if begun else []
            why = f"LibreOffice svarade inte inom {timeout:g} s och avslutades; försök igen"
        produced = {source.name: data for source in whole if (data := _produced(source))}
    return produced, why


def _result(convert: Callable[..., bytes], *args) -> bytes | ConversionError:
    try:
        return convert(*args)
    except ConversionError as exc:
        return exc


@contextmanager
def _conversion_folder() -> Iterator[Path]:
    """A private temp folder (sources, PDFs, LibreOffice profile) named by this process, swept if it is killed."""
    sweep_profiles()
    with tempfile.TemporaryDirectory(prefix=f"{PROFILE_PREFIX}{os.getpid()}-") as work:
        yield Path(work)


def _command(soffice: str, work_dir: Path, sources: list[Path]) -> list[str]:
    """LibreOffice converting ``sources`` in order into ``work_dir``, with a profile of its own there."""
    return [
        soffice,
        f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
        "--headless", "--norestore", "--nolockcheck",
        "--convert-to", "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":")),
        "--outdir", str(work_dir),
        *map(str, sources),
    ]


def _output(source: Path) -> Path:
    return source.with_suffix(".pdf")


def _produced(source: Path) -> bytes:
    output = _output(source)
    return output.read_bytes() if output.is_file() else b""


def _exit_detail(returncode: int, output: str) -> str:
    """LibreOffice's exit code and the last line it printed (where it says what went wrong)."""
    lines = output.strip().splitlines()
    return f"kod {returncode}{': ' + lines[-1] if lines else ''}"


def _not_converted(name: str, why: str) -> str:
    return f"LibreOffice kunde inte göra PDF av {name} ({why})"


def run_in_group(command: list[str], timeout: float, name: str) -> tuple[int, str]:
    """Run LibreOffice in a process group of its own; past ``timeout`` the whole group is killed."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionError(f"LibreOffice svarade inte inom {timeout:g} s när {name} skulle bli PDF "
                              "— processen är avslutad; försök igen") from None
    except BaseException:
        _kill_group(process)
        raise
    return process.returncode, output or ""


def _kill_group(process: subprocess.Popen) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups of this kind
            process.kill()
    except ProcessLookupError:
        pass
    process.communicate()


def sweep_profiles() -> None:
    """Remove the temp folders of conversions whose memo process is gone (killed before it could)."""
    if os.name == "nt":  # pragma: no cover - Windows removes what a killed process leaves at reboot
        return
    for folder in Path(tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}*"):
        pid = folder.name[len(PROFILE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


CORE_NAMES = {"title": f"{{{DC}}}title", "created": f"{{{DCTERMS}}}created", "keywords": f"{{{CP}}}keywords",
              "language": f"{{{DC}}}language"}


def docx_properties(docx: bytes) -> dict[str, str]:
    """The core properties a PDF should carry over: title, created (W3CDTF), keywords, language."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read(CORE_PART))
    return {key: (root.findtext(name) or "").strip() for key, name in CORE_NAMES.items() if root.findtext(name)}


def identify_notes(pdf) -> None:
    """Give every Note structure element an /ID, listed in the structure tree's /IDTree (PDF/UA-1 7.9,
    Matterhorn 19-003): LibreOffice 7.4 tags footnotes as Note without one."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    notes, pending, seen = [], [root], set()
    while pending:  # the tree iteratively: a long memo nests deep
        node = pending.pop()
        if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen and node.objgen != (0, 0):
            continue
        seen.add(node.objgen)
        if node.get("/S") == pikepdf.Name.Note and node.is_indirect:
            notes.append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            pending.extend(reversed(list(kids)))
        elif kids is not None:
            pending.append(kids)
    if not notes:
        return
    names = pikepdf.Array()
    for number, note in enumerate(notes, start=1):
        note.ID = pikepdf.String(f"note-{number:04d}")  # zero-padded: the name tree's keys sort as written
        names.append(note.ID)
        names.append(note)
    root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def stamp_pdf(data: bytes, properties: dict[str, str]) -> bytes:
    """The PDF with the document's title, creation date, keywords and language, and a content-derived /ID."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            if "title" in properties:  # LibreOffice 7.4 writes quotes in the title as &quot;
                meta["dc:title"] = properties["title"]
            if "created" in properties:
                meta["xmp:CreateDate"] = properties["created"]
            if "keywords" in properties:
                meta["pdf:Keywords"] = properties["keywords"]
            if "language" in properties:
                meta["dc:language"] = [properties["language"]]
        identify_notes(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
