"""Checks of what a document's parts hold, as a screen reader meets it: header cells, table captions,
heading order, alternative text, link text, empty paragraphs used as space, and coloured runs.

Each check returns (where, message, criterion) tuples; ``lint`` makes them findings.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

from lxml import etree

from ..formats import format_number
from ..verify import paragraph_text
from .contrast import MINIMUM, contrast
from .styles import W, Styles, explicit_colour

STRUCTURE = "WCAG 2.1 1.3.1 / EN 301 549 9.1.3.1"
TEXT_ALTERNATIVE = "WCAG 2.1 1.1.1 / EN 301 549 9.1.1.1"
LINK_PURPOSE = "WCAG 2.1 2.4.4 / EN 301 549 9.2.4.4"
CONTRAST = "WCAG 2.1 1.4.3 / EN 301 549 9.1.4.3"

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
URL = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.I)


class Locator:
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


def header_cells(where: Locator, root) -> list[tuple]:
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


def captions(where: Locator, root) -> list[tuple]:
    found = []
    for tbl in root.iter(W + "tbl"):
        has_header = any(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in tbl.findall(W + "tr"))
        caption = tbl.find(f"{W}tblPr/{W}tblCaption")
        if has_header and (caption is None or not caption.get(W + "val", "").strip()):
            found.append((where.table(tbl), "tabellen saknar rubrik (w:tblCaption, Words alternativtext) — ge den en "
                          "title i ärendet, eller en rubrik under Tabellegenskaper > Alternativtext i mallen", STRUCTURE))
    return found


def heading_order(where: Locator, root, styles: Styles) -> list[tuple]:
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


def images(where: Locator, root) -> list[tuple]:
    found = []
    for number, doc_pr in enumerate(root.iter(WP + "docPr"), 1):
        if doc_pr.get("descr", "").strip() or any(d.get("val") in ("1", "true") for d in doc_pr.iter(DECORATIVE)):
            continue
        name = doc_pr.get("name", "")
        found.append((f"{where.part}, bild {number}{f' ({name})' if name else ''}", "bilden saknar alternativtext — "
                      "beskriv vad bilden visar, eller markera den som dekorativ", TEXT_ALTERNATIVE))
    return found


def relationships(rels_xml: bytes | None) -> dict[str, str]:
    if not rels_xml:
        return {}
    return {r.get("Id"): r.get("Target", "") for r in etree.fromstring(rels_xml).iter(PACKAGE_RELS)}


def links(where: Locator, root, rels: dict[str, str]) -> list[tuple]:
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


def spacing_paragraphs(where: Locator, root) -> list[tuple]:
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


def run_colours(where: Locator, root, styles: Styles) -> list[tuple]:
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
            found.append((where.paragraph(paragraph), contrast_message(colour, background, ratio), CONTRAST))
    return found


def contrast_message(colour: str, background: str, ratio: float) -> str:
    on = "vitt" if background == "FFFFFF" else f"#{background}"
    return (f"textfärgen #{colour} på {on} har kontrasten {_decimal(ratio)}:1, under {_decimal(MINIMUM)}:1 — välj en "
            "mörkare färg (eller ljusare bakgrund)")


def _decimal(value: float) -> str:
    """A contrast ratio with one decimal, cut rather than rounded: 4,46 is shown 4,4, never "4,5 under 4,5"."""
    return format_number(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_DOWN), 1, 1)
