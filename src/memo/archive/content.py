"""What a memo says, in the units a registrar compares: the decision and the text, paragraph by paragraph.

Read from the Memo (the intermediate form every writer reads), never from a document's bytes.
Tables are left to ``amounts``; their captions and footnotes are paragraphs and stay here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..memo import Block, DecisionPoints, Heading, ItemList, Memo, Paragraph

DECISION, TEXT = "decision", "text"


@dataclass(frozen=True)
class Unit:
    part: Literal["decision", "text"]
    section: str  # the heading it stands under
    text: str


def memo_units(memo: Memo) -> list[Unit]:
    """The decision (the first heading and what follows it up to the next heading), then the rest."""
    units: list[Unit] = []
    part, section = DECISION, ""
    for block in (*memo.body, *memo.after_signatures):
        if isinstance(block, Heading):
            if units and block.level == 1:  # a decision in parts has its parts under level 2
                part = TEXT
            section = block.text
        units += [Unit(part, section, text) for text in _texts(block)]  # type: ignore[arg-type]
    return units


def decision_text(memo: Memo) -> list[str]:
    return [u.text for u in memo_units(memo) if u.part == DECISION]


def _texts(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [block.text]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, ItemList):
        return _list_texts(block)
    if isinstance(block, DecisionPoints):
        return [(f"{i}. " if block.numbered else "") + p.text for i, p in enumerate(block.points, 1)]
    return []


def _list_texts(block: ItemList, indent: str = "") -> list[str]:
    texts: list[str] = []
    for i, item in enumerate(block.items, block.start):
        texts.append(indent + (f"{i}. " if block.ordered else "- ") + item.text)
        if item.sublist is not None:
            texts += _list_texts(item.sublist, indent + "  ")
    return texts
