"""What a memo says, in the units a registrar compares: the decision and the text, paragraph by paragraph.

Read from the Memo (the intermediate form every writer reads), never from a document's bytes.
Tables are left to ``amounts``; their captions and footnotes are paragraphs and stay here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..memo import Block, Heading, ItemList, Memo, Paragraph

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
            if units:
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
        return [(f"{i}. " if block.ordered else "- ") + item.text for i, item in enumerate(block.items, 1)]
    return []
