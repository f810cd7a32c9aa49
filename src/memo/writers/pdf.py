"""PDF/A-2 and PDF/UA-1 (tagged) from the built .docx, through headless LibreOffice.

LibreOffice exits 0 even when it could not load a file, so the result is
checked (pdf_checks): the PDF must parse, declare PDF/A and PDF/UA in its
XMP metadata and be set in the template's fonts. A LibreOffice that hangs is
killed with its process group; the temp folders of conversions killed with
memo itself are swept by the next conversion. LibreOffice 7.4 accepts both options in one export (measured:
``pdfaid:part`` 2 and ``pdfuaid:part`` 1 in the same XMP packet). Each run gets a private profile directory so parallel runs do not
collide on LibreOffice's lock.

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
from pathlib import Path

import pikepdf
from lxml import etree

from ..errors import ConversionError
from ..files import write_atomic
from .properties import CORE_PART, CP, DC, DCTERMS
from .pdf_checks import check_pdf, declares_pdfa, declares_pdfua

__all__ = ["convert_to_pdf", "pdf_from_docx", "declares_pdfa", "declares_pdfua", "sweep_profiles"]

TIMEOUT_SECONDS = 120
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
    sweep_profiles()
    with tempfile.TemporaryDirectory(prefix=f"{PROFILE_PREFIX}{os.getpid()}-") as work:
        work_dir = Path(work)
        source = work_dir / name
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":")),
            "--outdir", str(work_dir),
            str(source),
        ]
        returncode, output = run_in_group(command, timeout, name)
        produced = work_dir / f"{source.stem}.pdf"
        data = produced.read_bytes() if produced.is_file() else b""
        if not data:
            detail = output.strip().splitlines()
            raise ConversionError(
                f"LibreOffice kunde inte göra PDF av {name} (kod {returncode}"
                f"{': ' + detail[-1] if detail else ''})"
            )
    check_pdf(data, docx, name)
    return stamp_pdf(data, docx_properties(docx))


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
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
