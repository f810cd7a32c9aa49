"""What a PDF from LibreOffice must be before it is published: a PDF, PDF/A and PDF/UA by its XMP,
and set in the template's fonts (or the substitutes fontconfig names for them).

A file is parsed (pikepdf), never searched for text: a fake holding the words
``pdfaid:part`` is no PDF/A. Fallback fonts mean LibreOffice could not use what
the template asks for (a font missing, or no room in TMPDIR): the layout and
page count change, so such a PDF is an error, not a success.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import zipfile

import pikepdf
from lxml import etree

from ..errors import ConversionError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FONT_ATTRIBUTES = ("ascii", "hAnsi", "cs")
#: LibreOffice's own font for bullets and symbols (it stands in for Symbol and Wingdings).
LIBREOFFICE_FONTS = frozenset({"opensymbol"})
_PARTS = re.compile(r"word/(styles|document|numbering|header\d*|footer\d*)\.xml|word/theme/theme\d*\.xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def xmp_parts(data: bytes) -> dict[str, str] | None:
    """pdfaid:part and pdfuaid:part from the PDF's XMP, or None when the data is no PDF."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            meta = pdf.open_metadata()
            return {key: str(meta.get(key, "")) for key in ("pdfaid:part", "pdfuaid:part")}
    except (pikepdf.PdfError, ValueError):
        return None


def declares_pdfa(data: bytes) -> bool:
    """Does the PDF's XMP metadata carry a PDF/A part number (1–3)?"""
    parts = xmp_parts(data)
    return parts is not None and parts["pdfaid:part"] in ("1", "2", "3")


def declares_pdfua(data: bytes) -> bool:
    """Does the PDF's XMP metadata carry PDF/UA part 1?"""
    parts = xmp_parts(data)
    return parts is not None and parts["pdfuaid:part"] == "1"


def requested_fonts(docx: bytes) -> set[str]:
    """The font families the document's styles, text, numbering, headers, footers and theme name."""
    fonts: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            if not _PARTS.fullmatch(name):
                continue
            root = etree.fromstring(package.read(name), _PARSER)
            for element in root.iter(W + "rFonts"):
                fonts.update(element.get(W + attribute) for attribute in FONT_ATTRIBUTES if element.get(W + attribute))
            for element in root.iter(A + "latin"):
                fonts.update([element.get("typeface")] if element.get("typeface") else [])
    return fonts


def embedded_fonts(data: bytes) -> set[str]:
    """The PostScript names of the fonts in the PDF, without subset prefixes (ABCDEF+)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {str(obj.BaseFont).lstrip("/").split("+", 1)[-1] for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj}


def unexpected_fonts(embedded: set[str], requested: set[str]) -> list[str]:
    """Embedded fonts that are neither a requested family nor fontconfig's substitute for one."""
    allowed = {_family(name) for name in requested} | {_family(_substitute(name)) for name in requested}
    allowed |= LIBREOFFICE_FONTS
    return sorted(name for name in embedded if _family(name) not in allowed)


def check_pdf(data: bytes, docx: bytes, name: str) -> None:
    """Raise ConversionError unless ``data`` is a PDF/A and PDF/UA set in the template's fonts."""
    parts = xmp_parts(data)
    if parts is None:
        raise ConversionError(f"filen LibreOffice gav för {name} är ingen läsbar PDF")
    if parts["pdfaid:part"] not in ("1", "2", "3"):
        raise ConversionError(f"PDF:en från LibreOffice för {name} anger inte PDF/A (pdfaid:part saknas)")
    if parts["pdfuaid:part"] != "1":
        raise ConversionError(f"PDF:en från LibreOffice för {name} anger inte PDF/UA (pdfuaid:part saknas) "
                              "— LibreOffice 7.4 eller senare behövs")
    requested = requested_fonts(docx)
    wrong = unexpected_fonts(embedded_fonts(data), requested)
    if wrong:
        raise ConversionError(
            f"PDF:en för {name} är satt med {', '.join(wrong)}, inte med mallens typsnitt "
            f"({', '.join(sorted(requested))}) — LibreOffice föll tillbaka på andra typsnitt; installera mallens "
            "typsnitt (eller deras ersättare) och kontrollera att det finns plats i TMPDIR")


def _family(name: str) -> str:
    """'LiberationSans-Bold' and 'Liberation Sans' -> 'liberationsans'; 'Arial-BoldMT' -> 'arial'."""
    family = name.split("-", 1)[0].replace(" ", "").lower()
    return re.sub(r"(mt|ps)$", "", family) if len(family) > 4 else family


@functools.lru_cache(maxsize=64)
def _substitute(family: str) -> str:
    """The font fontconfig gives for ``family`` (its PostScript name), as LibreOffice would get it."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return family
    result = subprocess.run([fc_match, "-f", "%{postscriptname}", family], capture_output=True, text=True,
                            timeout=10, check=False)
    return result.stdout.strip() or family
