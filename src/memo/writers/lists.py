"""Lists as Word builds them: one w:num per list over a two-level abstract numbering.

Numbered lists count 1., 2., … with lettered sub-items a), b); bullet lists use the
organisation's bullet at both levels. A list that starts at 2 or later (it continues
after a paragraph) says so with a w:startOverride. Paragraphs after an item's first are
indented like its text and carry no number (w:numId 0).
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..memo import ItemList
from .wml import child, paragraph_property

#: Twips: where each level's text starts; the number hangs in the indent before it.
INDENT = 425


def list_paragraphs(block: ItemList, numbering: "Numbering", paragraph, add_spans, style: str) -> None:
    """Build the list's (its sublists are all of one kind: ``text`` refuses others) paragraphs with ``paragraph(style)`` (a new, placed w:p)."""
    sublists = [item.sublist for item in block.items if item.sublist is not None]
    kinds = (block.ordered, sublists[0].ordered if sublists else block.ordered)
    num_id = numbering.new_num(kinds, block.bullet, block.start)
    _items(block, 0, num_id, paragraph, add_spans, style)


def _items(block: ItemList, level: int, num_id: int, paragraph, add_spans, style: str) -> None:
    for item in block.items:
        for i, memo_paragraph in enumerate(item.paragraphs):
            p = paragraph(style)
            numbering = paragraph_property(p, "numPr")
            child(numbering, "ilvl", val=str(level if i == 0 else 0))
            child(numbering, "numId", val=str(num_id if i == 0 else 0))
            if i:
                paragraph_property(p, "ind", left=str(INDENT * (level + 1)), hanging="0")
            add_spans(p, memo_paragraph.spans)
        if item.sublist is not None:
            _items(item.sublist, level + 1, num_id, paragraph, add_spans, style)


class Numbering:
    """The document's numbering part: abstract numberings made once per kind, a w:num per list."""

    def __init__(self, element):
        self.element = element  # the numbering part's root (python-docx's CT_Numbering)
        self.abstract: dict[tuple, str] = {}

    def new_num(self, kinds: tuple[bool, bool], bullet: str, start: int) -> int:
        key = (kinds, bullet)
        if key not in self.abstract:
            self.abstract[key] = self._add_abstract(kinds, bullet)
        num = self.element.add_num(self.abstract[key])
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def _add_abstract(self, kinds: tuple[bool, bool], bullet: str) -> str:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.element.iterchildren(qn("w:abstractNum"))]
        abstract_id = str(max(ids, default=-1) + 1)
        levels = "".join(_level(level, ordered, bullet) for level, ordered in enumerate(kinds))
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        nums = list(self.element.iterchildren(qn("w:num")))
        if nums:  # every abstractNum before the first num (ECMA-376 schema order)
            nums[0].addprevious(abstract)
        else:
            self.element.append(abstract)
        return abstract_id


def _level(level: int, ordered: bool, bullet: str) -> str:
    if ordered:
        number_format, text = ("decimal", "%1.") if level == 0 else ("lowerLetter", f"%{level + 1})")
    else:
        number_format, text = "bullet", _escape(bullet)
    return (f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT}"/></w:pPr></w:lvl>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
