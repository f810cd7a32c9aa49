"""PDF/A-2 and PDF/UA-1 (tagged) from the built .docx, through headless LibreOffice.

LibreOffice exits 0 even when it could not load a file, so the result is
checked: the PDF must exist, be non-empty and declare PDF/A and PDF/UA in its
XMP metadata. LibreOffice 7.4 accepts both options in one export (measured:
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
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pikepdf
from lxml import etree

from ..errors import ConversionError
from ..files import write_atomic

TIMEOUT_SECONDS = 120
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
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="memo-lo-") as work:
        work_dir = Path(work)
        command = [
            soffice,
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":")),
            "--outdir", str(work_dir),
            str(docx.resolve()),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice svarade inte inom {timeout:.0f} s när {docx.name} skulle bli PDF") from None
        produced = work_dir / f"{docx.stem}.pdf"
        data = produced.read_bytes() if produced.is_file() else b""
        if not data:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise ConversionError(
                f"LibreOffice kunde inte göra PDF av {docx.name} (kod {result.returncode}"
                f"{': ' + detail[-1] if detail else ''})"
            )
        if not declares_pdfa(data):
            raise ConversionError(f"PDF:en från LibreOffice för {docx.name} anger inte PDF/A (pdfaid:part saknas)")
        if not declares_pdfua(data):
            raise ConversionError(f"PDF:en från LibreOffice för {docx.name} anger inte PDF/UA (pdfuaid:part saknas) "
                                  "— LibreOffice 7.4 eller senare behövs")
    write_atomic(target, stamp_pdf(data, docx_properties(docx)))
    return target


def declares_pdfa(data: bytes) -> bool:
    """Does the PDF's XMP metadata carry a PDF/A part number?"""
    return re.search(rb"pdfaid:part(?:>|=\")\s*[123]", data) is not None


CORE = "docProps/core.xml"
CORE_NAMES = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "created": "{http://purl.org/dc/terms/}created",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
    "language": "{http://purl.org/dc/elements/1.1/}language",
}


def docx_properties(docx: Path) -> dict[str, str]:
    """The core properties a PDF should carry over: title, created (W3CDTF), keywords, language."""
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read(CORE))
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


def declares_pdfua(data: bytes) -> bool:
    """Does the PDF's XMP metadata carry a PDF/UA part number?"""
    return re.search(rb"pdfuaid:part(?:>|=\")\s*1", data) is not None
