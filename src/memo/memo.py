"""The intermediate form: everything a memo shows, decided and formatted.

Writers (docx, text) only lay these values out. Like pandoc's AST, it is
plain immutable data, so two writers reading one Memo must agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Union

#: The metadata key of a field's meaning for the communicator who edits a Word template.
MEANING = "meaning"


def described(meaning: str, **options: Any) -> Any:
    """A field a template can use, with its meaning in Swedish: the README's list of template names
    (tools/template_names.py) is generated from these, so a new field cannot go undocumented."""
    return field(metadata={MEANING: meaning}, **options)


@dataclass(frozen=True)
class Span:
    """A run of text with its emphasis. ``text`` may be "\\n" for a line break.

    A span with ``note`` is the reference to a footnote (its text is ""): Word numbers it,
    and a reader of the text sees ``[number]``.
    """

    text: str
    bold: bool = False
    italic: bool = False
    note: "Note | None" = None

    @property
    def shown(self) -> str:
        return self.text if self.note is None else f"[{self.note.number}]"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; "quote" is text cited verbatim (Markdown ``>``), set apart in the template's Quote style."""

    spans: tuple[Span, ...]
    style: Literal["body", "caption", "footnote", "quote"] = "body"

    @property
    def text(self) -> str:
        return "".join(s.shown for s in self.spans)


@dataclass(frozen=True)
class Note:
    """A footnote in running text (Markdown ``text[^1]`` … ``[^1]: note``), numbered through the whole memo."""

    number: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def lines(self) -> list[str]:
        """As read back: the first line begins with the number in brackets."""
        return [(f"[{self.number}] " if i == 0 else "") + p.text for i, p in enumerate(self.paragraphs)]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True)
class ListItem:
    """One item: its paragraphs (the first carries the number or bullet), then a nested list if any."""

    paragraphs: tuple[Paragraph, ...]
    sublist: "ItemList | None" = None

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class ItemList:
    """A bullet or numbered list, nested at most one level (numbered items get lettered sub-items).

    ``start`` is the first item's number (a list that continues after a paragraph starts at 2 or later);
    ``bullet`` is the organisation's bullet character.
    """

    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    bullet: str = "\u2022"


@dataclass(frozen=True)
class Cell:
    """A table cell; ``span`` > 1 when it covers that many columns (a header cell over columns without labels)."""

    text: str
    align: Literal["left", "right"] = "left"
    span: int = 1


@dataclass(frozen=True)
class Row:
    """A table row; a "part" row is a part of the row above it (varav), set indented in its first cell."""

    cells: tuple[Cell, ...]
    kind: Literal["header", "body", "part", "subtotal", "sum"] = "body"


@dataclass(frozen=True)
class Table:
    """A table; a first row of kind "header" is its header row (repeated on each page), and every
    cell of it has text. A table whose labels would all be empty has no header row.

    ``caption`` and ``description`` name the table for assistive technology (w:tblCaption,
    w:tblDescription); "" when the case gives the table no title or header.
    """

    rows: tuple[Row, ...]
    compact: bool = False  # many columns: the template's small table text
    caption: str = ""
    description: str = ""


@dataclass(frozen=True)
class DecisionPoints:
    """The points of a decision: numbered (1., 2., 3., as a Word list) or "att"-clauses, whose
    paragraphs begin with the word as text."""

    points: tuple[Paragraph, ...]
    numbered: bool = True


@dataclass(frozen=True)
class PageBreak:
    """What follows starts on a new page (an appendix); it has no text."""


Block = Union[Paragraph, Heading, ItemList, Table, DecisionPoints, PageBreak]


@dataclass(frozen=True)
class Signatory:
    """Text fields are "" where the case has no value: a template never meets a missing value."""

    name: str = described("Undertecknarens namn.")
    title: str = described("Undertecknarens befattning.")
    unit: str = described("Undertecknarens enhet eller funktion; tom när ärendet inte anger någon "
                          "(omge raden med `{%p if s.unit %}` … `{%p endif %}`).", default="")


@dataclass(frozen=True)
class Officer:
    """The case officer; "" where the case has no value. ``line`` is the finished contact line:
    the fields the profile's ``officer_line`` names, present ones only, joined by ", "."""

    name: str = described("Handläggarens namn.")
    title: str = described("Handläggarens befattning; tom när ärendet inte anger den.", default="")
    unit: str = described("Handläggarens enhet eller förvaltning; tom när ärendet inte anger den.", default="")
    phone: str = described("Handläggarens telefonnummer; tomt när ärendet inte anger det.", default="")
    email: str = described("Handläggarens e-postadress; tom när ärendet inte anger den.", default="")
    line: str = described("Handläggarens uppgifter på en rad, i den ordning profilens `officer_line` anger; "
                          "de som saknas utelämnas.", default="")


@dataclass(frozen=True)
class Header:
    """The fields at the top of the first page, as printed; the template arranges them.

    Every field is text ("" where the case has none), except ``officer``, which is None
    when the case names no officer (templates guard it with ``{%p if header.officer %}``).
    """

    organisation: str = described("Organisationens namn (profilens `name`).")
    document_type: str = described("Dokumenttypen (profilens `document_type`).")
    date: str = described("Tjänsteskrivelsens datum (ärendets `date`), ÅÅÅÅ-MM-DD.")
    dnr: str = described("Diarienumret (ärendets `dnr`).")
    date_label: str = described("Etiketten före datumet (profilens `date_label`).")
    dnr_label: str = described("Etiketten före diarienumret (profilens `dnr_label`).")
    reference_label: str = described("Etiketten före mottagarens beteckning (profilens `reference_label`).")
    recipient: str = described("Mottagaren, t.ex. en nämnd (ärendets `recipient`); tom när ärendet inte anger någon.",
                               default="")
    officer: Officer | None = described(
        "Handläggaren (ärendets `case_officer`). Saknas när ärendet inte anger någon, så handläggarens rader "
        "står mellan de två taggarna.", default=None)


@dataclass(frozen=True)
class Properties:
    """Document properties: the archive's and screen readers' view of the memo."""

    title: str
    subject: str  # the Dnr: what a registrar searches for
    author: str  # the organisation: a memo is the authority's document, its signatories are in the text
    identifier: str
    language: str
    created: date
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Memo:
    """The fields a template is given (inspection.PROVIDED) carry their meaning for the template's author."""

    header: Header = described("Uppgifterna överst på första sidan.")
    title: str = described("Ärendets rubrik (ärendets `title`).")
    body: tuple[Block, ...] = described(
        "Platsen för ärendets text: förslaget till beslut och avsnitten, med rubriker, listor och tabeller i "
        "mallens stilar. Står ensam i ett eget stycke.")
    signatories: tuple[Signatory, ...] = described(
        "De som skriver under, i ordning: raderna mellan de två taggarna upprepas för var och en, med `s` för "
        "undertecknaren.")
    after_signatures: tuple[Block, ...] = described(
        "Platsen för texten efter underskrifterna (ärendets `after_signatures`, t.ex. en sändlista eller en bilaga). "
        "Står ensam i ett eget stycke.")
    properties: Properties
