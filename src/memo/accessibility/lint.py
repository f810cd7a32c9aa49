"""Accessibility problems of a .docx (a built memo or a template), each with the criterion it breaks and where.

The checks read the package's XML as a screen reader's source and the PDF export will: header
cells, heading levels, table captions, alternative text, link text, empty paragraphs used for
spacing (``content``), and the styles' heading levels, text contrast and fonts fontconfig would
replace (``presentation``).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..writers.docx import STYLES
from ..writers.package import main_part
from . import content, presentation
from .styles import W, Styles

@functools.lru_cache(maxsize=8)
def _styles(styles_xml: bytes | None, theme_xml: bytes | None) -> Styles:
    """The styles read once per process for each template's bytes (every memo of an organisation shares them)."""
    return Styles(styles_xml, theme_xml)


CONTENT_PART = re.compile(r"word/(header\d*|footer\d*)\.xml")


@dataclass(frozen=True)
class Finding:
    """One problem: the file, where in it (part and paragraph, table or style), what is wrong, and the criterion."""

    file: str
    where: str
    message: str
    criterion: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message} ({self.criterion})"


def lint_docx(data: bytes, file: str) -> list[Finding]:
    """Every accessibility finding of the .docx ``data``; ``file`` names it in the findings."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()

    def read(name: str) -> bytes | None:
        return archive.read(name) if name in names else None

    styles = _styles(read("word/styles.xml"), read("word/theme/theme1.xml"))
    main = main_part(read("_rels/.rels"))  # word/document.xml as Word names it
    parts = sorted((n for n in names if n == main or CONTENT_PART.fullmatch(n)), key=lambda n: (n != main, n))
    findings: list[Finding] = []
    used: set[str] = set()
    fonts: dict[str, str] = {}  # family -> where it is first used
    for part in parts:
        root = etree.fromstring(archive.read(part))
        where = content.Locator(part, root)
        rels = content.relationships(read(part.replace("word/", "word/_rels/") + ".rels"))
        findings += content.header_cells(where, root)
        findings += content.images(where, root)
        findings += content.links(where, root, rels)
        findings += content.spacing_paragraphs(where, root)
        findings += content.run_colours(where, root, styles)
        if part == main:
            findings += content.captions(where, root)
            findings += content.heading_order(where, root, styles)
        used |= {e.get(W + "val") for e in root.iter(W + "pStyle", W + "rStyle")}
        for run_fonts in root.iter(W + "rFonts"):
            family = styles.font_of(run_fonts)
            if family:
                fonts.setdefault(family, f"{part}, {where.paragraph_of(run_fonts)}")
    checked = presentation.checked_styles(styles, used)
    title = styles.named(STYLES["title"])
    if title is not None and title.id in used:  # a memo or a memo template: the heading styles must nest
        findings += presentation.heading_styles(styles)
    findings += presentation.style_contrast(styles, checked)
    for style_id in checked:
        family = styles.font(style_id)
        if family:
            fonts.setdefault(family, f"word/styles.xml, stilen {styles.by_id[style_id].ui_name}")
    findings += presentation.substituted_fonts(fonts)
    return [Finding(file, where, message, criterion) for where, message, criterion in findings]
