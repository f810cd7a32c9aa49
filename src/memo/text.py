"""Section text after its expressions (see ``expressions``): a small Markdown subset.

Values from expressions are escaped for Markdown, so a value can never turn into
markup. The subset: paragraphs, bullet and numbered lists (two levels; an item may
have several paragraphs; a numbered list keeps the number it starts with),
quotes (``>``), footnotes (``text[^1]`` … ``[^1]: note``), *kursiv* and **fet** text, line breaks (backslash or two
spaces at a line's end), backslash escapes. Everything else is literal text.
"""

from __future__ import annotations

import re

import itertools
from typing import Iterator

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .memo import ItemList, ListItem, Note, Paragraph, Span

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~])")


def escape_markdown(value: str) -> str:
    """A value as literal Markdown text: it can never turn into markup, also not at a line's start
    ("2024. Budget" is no list item, "- 5" no bullet, "> x" no quote)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return _LINE_START_MARKER.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)


#: What would start a list or quote at the beginning of a line: a number with . or ), or - + >.
_LINE_START_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-+])(?=\s|$)|^\s*>", re.M)


_PARSER = (
    MarkdownIt("zero")
    .enable(["paragraph", "list", "blockquote", "emphasis", "escape", "newline"])
    .use(footnote_plugin, inline=False, move_to_end=True)
)


class MarkupError(Exception):
    """Markup outside the supported subset; ``line`` is 0-based within the text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


#: A number of four or more digits and a period at a line's start is a year, not a list item ("2024. Det året …").
_YEAR_AT_LINE_START = re.compile(r"^( {0,3})(\d{4,})([.)])(?=\s|$)", re.M)


def parse_markup(text: str, bullet: str = "\u2022", notes: Iterator[int] | None = None) -> list[Paragraph | ItemList]:
    """Markdown subset to paragraphs, quotes and lists of the intermediate form; ``bullet`` is the
    organisation's bullet character; ``notes`` gives footnotes their numbers (through the whole memo)."""
    tokens = _PARSER.parse(_YEAR_AT_LINE_START.sub(r"\1\2\\\3", text))
    return _Blocks(bullet, _notes(tokens, notes or itertools.count(1))).read(tokens)


def _notes(tokens, numbers: Iterator[int]) -> dict[int, Note]:
    """Each footnote by the plugin's id, numbered in the order of its references."""
    texts: dict[int, list[Paragraph]] = {}
    current = None
    for token in tokens:
        if token.type == "footnote_open":
            current = texts.setdefault(token.meta["id"], [])
        elif token.type == "footnote_close":
            current = None
        elif token.type == "inline" and current is not None:
            current.append(Paragraph(tuple(_spans(token.children or [], {}))))
    notes: dict[int, Note] = {}
    for token in tokens:
        for child in token.children or []:
            if child.type == "footnote_ref":
                if child.meta["subId"] > 0:
                    raise MarkupError(token.map[0] if token.map else 0, f"fotnoten [^{child.meta['label']}] hänvisas till "
                                      "två gånger — en fotnot har en hänvisning; skriv en ny fotnot")
                notes[child.meta["id"]] = Note(next(numbers), tuple(texts.get(child.meta["id"], ())))
    return notes


class _Blocks:
    """Reads the token stream with a stack of open lists and items (two list levels at most)."""

    def __init__(self, bullet: str, notes: dict[int, Note]):
        self.bullet = bullet
        self.notes = notes
        self.in_note = False
        self.blocks: list[Paragraph | ItemList] = []
        self.lists: list[tuple[bool, int, list[ListItem], int]] = []
        self.items: list[tuple[list[Paragraph], list[ItemList]]] = []
        self.quotes = 0

    def read(self, tokens) -> list[Paragraph | ItemList]:
        for token in tokens:
            line = token.map[0] if token.map else 0
            if token.type in ("bullet_list_open", "ordered_list_open"):
                self.open_list(token, line)
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                self.close_list()
            elif token.type == "list_item_open":
                self.items.append(([], []))
            elif token.type == "list_item_close":
                paragraphs, sublists = self.items.pop()
                self.lists[-1][2].append(ListItem(tuple(paragraphs) or (Paragraph(()),), sublists[0] if sublists else None))
            elif token.type == "blockquote_open":
                if self.lists:
                    raise MarkupError(line, "citat i listor stöds inte — skriv citatet före eller efter listan")
                self.quotes += 1
            elif token.type == "blockquote_close":
                self.quotes -= 1
            elif token.type in ("footnote_block_open", "footnote_block_close"):
                self.in_note = token.type == "footnote_block_open"
            elif token.type == "inline" and not self.in_note:
                self.paragraph(Paragraph(tuple(_spans(token.children or [], self.notes)), "quote" if self.quotes else "body"), line)
        return self.blocks

    def open_list(self, token, line: int) -> None:
        if len(self.lists) == 2:
            raise MarkupError(line, "listor i tre nivåer stöds inte — använd högst två (en lista med underpunkter)")
        if self.quotes:
            raise MarkupError(line, "listor i citat stöds inte — skriv listan efter citatet")
        if self.items and self.items[-1][1]:
            raise MarkupError(line, "en listpunkt kan ha en underlista — samla underpunkterna i en lista")
        ordered = token.type == "ordered_list_open"
        self.lists.append((ordered, int(token.attrGet("start") or 1) if ordered else 1, [], line))

    def close_list(self) -> None:
        ordered, start, items, line = self.lists.pop()
        if len({item.sublist.ordered for item in items if item.sublist is not None}) > 1:
            raise MarkupError(line, "underlistorna i en lista ska vara av samma slag — antingen numrerade eller punktlistor")
        block = ItemList(tuple(items), ordered, start, self.bullet)
        if self.items:
            self.items[-1][1].append(block)
        else:
            self.blocks.append(block)

    def paragraph(self, paragraph: Paragraph, line: int) -> None:
        if not self.items:
            self.blocks.append(paragraph)
        elif self.items[-1][1]:
            raise MarkupError(line, "text efter en underlista i samma listpunkt stöds inte — skriv texten före underlistan")
        else:
            self.items[-1][0].append(paragraph)


def _spans(children, notes: dict[int, Note]) -> list[Span]:
    spans: list[Span] = []
    bold = italic = False
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type == "softbreak":
            _append(spans, Span(" ", bold, italic))
        elif child.type == "hardbreak":
            spans.append(Span("\n", bold, italic))
        elif child.type == "text":
            _append(spans, Span(child.content, bold, italic))
        elif child.type == "footnote_ref" and child.meta["id"] in notes:
            spans.append(Span("", bold, italic, notes[child.meta["id"]]))
    return spans


def _append(spans: list[Span], span: Span) -> None:
    """Join neighbouring spans of the same emphasis so the text stays in one run."""
    if spans and spans[-1].text != "\n" and spans[-1].note is None and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
        spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
    else:
        spans.append(span)
