"""Accessibility problems of a .docx (a built memo or a template), each with the criterion it breaks and where.

The checks read the package's XML as a screen reader's source and the PDF export will: header
cells, heading levels, table captions, alternative text, link text, empty paragraphs used for
spacing, text contrast from the styles' colours and shading, and fonts fontconfig would replace.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..verify import paragraph_text
from ..writers.docx import STYLES
from .contrast import MINIMUM, contrast
from .fonts import substitute
from .styles import W, WHITE, Styles, explicit_colour

STRUCTURE = "WCAG 2.1 1.3.1 / EN 301 549 9.1.3.1"
TEXT_ALTERNATIVE = "WCAG 2.1 1.1.1 / EN 301 549 9.1.1.1"
CONTRAST = "WCAG 2.1 1.4.3 / EN 301 549 9.1.4.3"
LINK_PURPOSE = "WCAG 2.1 2.4.4 / EN 301 549 9.2.4.4"
APPEARANCE = "utseende, ingen WCAG-punkt"  # a replaced font changes how the PDF looks, not what it says

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CONTENT_PART = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
URL = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.I)


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

    styles = Styles(read("word/styles.xml"), read("word/theme/theme1.xml"))
    parts = sorted((n for n in names if CONTENT_PART.fullmatch(n)), key=lambda n: (n != "word/document.xml", n))
    findings: list[Finding] = []
    used: set[str] = set()
    fonts: dict[str, str] = {}  # family -> where it is first used
    for part in parts:
        root = etree.fromstring(archive.read(part))
        where = _Locator(part, root)
        rels = _relationships(read(part.replace("word/", "word/_rels/") + ".rels"))
        findings += _header_cells(where, root)
        findings += _images(where, root)
        findings += _links(where, root, rels)
        findings += _spacing_paragraphs(where, root)
        findings += _run_colours(where, root, styles)
        if part == "word/document.xml":
            findings += _captions(where, root)
            findings += _heading_order(where, root, styles)
        used |= {e.get(W + "val") for e in root.iter(W + "pStyle", W + "rStyle")}
        for run_fonts in root.iter(W + "rFonts"):
            family = styles.font_of(run_fonts)
            if family:
                fonts.setdefault(family, f"{part}, {where.paragraph_of(run_fonts)}")
    checked = _checked_styles(styles, used)
    if styles.named(STYLES["title"]) is not None and styles.named(STYLES["title"]).id in used:
        findings += _heading_styles(styles)
    findings += _style_contrast(styles, checked)
    for style_id in checked:
        family = styles.font(style_id)
        if family:
            fonts.setdefault(family, f"word/styles.xml, stilen {styles.by_id[style_id].ui_name}")
    findings += _fonts(fonts)
    return [Finding(file, where, message, criterion) for where, message, criterion in findings]


class _Locator:
    """Names places in a part as a reader finds them: paragraph n ("its text"), table n."""

    def __init__(self, part: str, root):
        self.part = part
        self.paragraphs = {p: i for i, p in enumerate(root.iter(W + "p"), 1)}
        self.tables = {t: i for i, t in enumerate(root.iter(W + "tbl"), 1)}

    def paragraph(self, p) -> str:
        text = paragraph_text(p).strip()
        shown = f' "{text[:60]}{"…" if len(text) > 60 else ""}"' if text else ""
        return f"{self.part}, stycke {self.paragraphs[p]}{shown}"

    def paragraph_of(self, element) -> str:
        for ancestor in element.iterancestors(W + "p"):
            return f"stycke {self.paragraphs[ancestor]}"
        return "stilarna"

    def table(self, tbl) -> str:
        return f"{self.part}, tabell {self.tables[tbl]}"


def _text(element) -> str:
    return "".join(paragraph_text(p) for p in element.iter(W + "p"))


def _header_cells(where: _Locator, root) -> list[tuple]:
    found = []
    for tbl in root.iter(W + "tbl"):
        for row_number, tr in enumerate(tbl.findall(W + "tr"), 1):
            if tr.find(f"{W}trPr/{W}tblHeader") is None:
                continue
            column = 1
            for tc in tr.findall(W + "tc"):
                if not _text(tc).strip():
                    found.append((f"{where.table(tbl)}, rad {row_number}, kolumn {column}",
                                  "rubrikcellen är tom, så kolumnen saknar namn för skärmläsare — skriv en rubrik "
                                  "(i ett ärende: header eller kolumnens label)", STRUCTURE))
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                column += int(span.get(W + "val", "1")) if span is not None else 1
    return found


def _captions(where: _Locator, root) -> list[tuple]:
    found = []
    for tbl in root.iter(W + "tbl"):
        has_header = any(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in tbl.findall(W + "tr"))
        caption = tbl.find(f"{W}tblPr/{W}tblCaption")
        if has_header and (caption is None or not caption.get(W + "val", "").strip()):
            found.append((where.table(tbl), "tabellen saknar rubrik (w:tblCaption, Words alternativtext) — ge den en "
                          "title i ärendet, eller en rubrik under Tabellegenskaper > Alternativtext i mallen", STRUCTURE))
    return found


def _heading_order(where: _Locator, root, styles: Styles) -> list[tuple]:
    found = []
    previous = 0
    for p in root.iter(W + "p"):
        direct = p.find(f"{W}pPr/{W}outlineLvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        if direct is not None:
            level = int(direct.get(W + "val", "9")) + 1
            level = level if level <= 9 else None
        else:
            level = styles.outline_level(style.get(W + "val") if style is not None else None)
        if level is None:
            continue
        if level > previous + 1:
            after = f"efter nivå {previous}" if previous else "som dokumentets första rubrik"
            in_case = f" (i ett ärende: level: {previous})" if previous else ""  # the title is level 1
            found.append((where.paragraph(p), f"rubriken har nivå {level} {after} — en rubriknivå hoppas "
                          f"över; använd nivå {previous + 1}{in_case}", STRUCTURE))
        previous = level
    return found


def _heading_styles(styles: Styles) -> list[tuple]:
    """The title is the document's top heading and the memo's headings come below it, without a gap."""
    found = []
    for expected, name in enumerate([STYLES["title"]] + [STYLES["heading"].format(level=n) for n in (1, 2, 3)], 1):
        style = styles.named(name)
        if style is None:
            continue
        level = styles.outline_level(style.id)
        if level != expected:
            now = f"nivå {level}" if level else "ingen rubriknivå"
            found.append((f"word/styles.xml, stilen {name}", f"stilen har {now}, ska ha nivå {expected} (dokumentets "
                          "rubrik överst, memots rubriker under den) — ändra Disposition i stilens styckeformat", STRUCTURE))
    return found


def _images(where: _Locator, root) -> list[tuple]:
    found = []
    for number, doc_pr in enumerate(root.iter(WP + "docPr"), 1):
        if doc_pr.get("descr", "").strip() or any(d.get("val") in ("1", "true") for d in doc_pr.iter(DECORATIVE)):
            continue
        name = doc_pr.get("name", "")
        found.append((f"{where.part}, bild {number}{f' ({name})' if name else ''}", "bilden saknar alternativtext — "
                      "beskriv vad bilden visar, eller markera den som dekorativ", TEXT_ALTERNATIVE))
    return found


def _relationships(rels_xml: bytes | None) -> dict[str, str]:
    if not rels_xml:
        return {}
    return {r.get("Id"): r.get("Target", "") for r in etree.fromstring(rels_xml).iter(PACKAGE_RELS)}


def _links(where: _Locator, root, rels: dict[str, str]) -> list[tuple]:
    found = []
    for link in root.iter(W + "hyperlink"):
        text = _link_text(link)
        target = rels.get(link.get(R + "id"), "")
        if URL.match(text) or (target and text.strip() == target):
            paragraph = next(link.iterancestors(W + "p"))
            found.append((where.paragraph(paragraph), f"länktexten är adressen ({text.strip()}) — skriv vart länken "
                          "leder, t.ex. \"Taxor och avgifter 2025\"", LINK_PURPOSE))
    return found


def _link_text(link) -> str:
    return "".join(t.text or "" for t in link.iter(W + "t"))


def _spacing_paragraphs(where: _Locator, root) -> list[tuple]:
    """Empty paragraphs outside tables, used as space: a screen reader announces each as blank."""
    container = root if root.tag != W + "document" else root.find(W + "body")
    paragraphs = container.findall(W + "p")
    if len(paragraphs) == 1 and root.tag != W + "document":
        return []  # a page header or footer holds at least one paragraph, even when it has nothing to say
    found = []
    for p in paragraphs:
        if paragraph_text(p).strip() or p.find(f"{W}pPr/{W}sectPr") is not None:
            continue
        if any(True for _ in p.iter(W + "drawing", W + "fldSimple", W + "fldChar", W + "object")):
            continue
        found.append((where.paragraph(p), "tomt stycke som avstånd — använd avstånd före/efter i styckets stil",
                      STRUCTURE))
    return found


def _run_colours(where: _Locator, root, styles: Styles) -> list[tuple]:
    found = []
    for run in root.iter(W + "r"):
        colour = explicit_colour(run.find(f"{W}rPr/{W}color"))
        if colour is None:
            continue
        paragraph = next(run.iterancestors(W + "p"), None)
        style = paragraph.find(f"{W}pPr/{W}pStyle") if paragraph is not None else None
        background = explicit_colour(run.find(f"{W}rPr/{W}shd"), "fill") or styles.background(
            style.get(W + "val") if style is not None else None)
        ratio = contrast(colour, background)
        if ratio < MINIMUM and paragraph is not None:
            found.append((where.paragraph(paragraph), _contrast_message(colour, background, ratio), CONTRAST))
    return found


def _checked_styles(styles: Styles, used: set[str]) -> list[str]:
    """Styles whose text appears: those the parts use, the default one, and those the docx writer uses."""
    ids = set(used) | ({styles.default_paragraph} if styles.default_paragraph else set())
    names = [v for k, v in STYLES.items() if k != "heading"] + [STYLES["heading"].format(level=n) for n in (1, 2, 3)]
    ids |= {s.id for s in map(styles.named, names) if s is not None}
    return sorted(i for i in ids if i in styles.by_id and styles.by_id[i].type in ("paragraph", "character"))


def _style_contrast(styles: Styles, checked: list[str]) -> list[tuple]:
    found = []
    for style_id in checked:
        colour = styles.colour(style_id)
        if colour is None:
            continue
        background = styles.background(style_id)
        ratio = contrast(colour, background)
        if ratio < MINIMUM:
            found.append((f"word/styles.xml, stilen {styles.by_id[style_id].ui_name}",
                          _contrast_message(colour, background, ratio), CONTRAST))
    return found


def _contrast_message(colour: str, background: str, ratio: float) -> str:
    on = "vitt" if background == WHITE else f"#{background}"
    return (f"textfärgen #{colour} på {on} har kontrasten {_decimal(ratio)}:1, under {_decimal(MINIMUM)}:1 — välj en mörkare "
            "färg (eller ljusare bakgrund)")


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _fonts(fonts: dict[str, str]) -> list[tuple]:
    found = []
    for family, first in sorted(fonts.items()):
        instead = substitute(family)
        if instead:
            found.append((first, f"typsnittet {family} finns inte där PDF:en görs — LibreOffice sätter texten i "
                          f"{instead} (enligt fontconfig); installera {family} eller välj ett typsnitt som finns",
                          APPEARANCE))
    return found
