"""Section text after its expressions (see ``expressions``): a small Markdown subset.

Values from expressions are escaped for Markdown, so a value can never turn into
markup. The subset: paragraphs, bullet and numbered lists, *kursiv*
and **fet** text, backslash escapes. Everything else is literal text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .memo import ItemList, Paragraph, Span

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~])")


def escape_markdown(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


_PARSER = (
    MarkdownIt("zero")
    .enable(["paragraph", "list", "emphasis", "escape", "newline"])
)


class MarkupError(Exception):
    """Markup outside the supported subset; ``line`` is 0-based within the text."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def parse_markup(text: str) -> list[Paragraph | ItemList]:
    """Markdown subset to paragraphs and lists of the intermediate form."""
    tokens = _PARSER.parse(text)
    blocks: list[Paragraph | ItemList] = []
    lists: list[tuple[bool, list[Paragraph]]] = []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if lists:
                raise MarkupError(token.map[0] if token.map else 0, "listor i listor stöds inte — använd en nivå")
            lists.append((token.type == "ordered_list_open", []))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = lists.pop()
            blocks.append(ItemList(tuple(items), ordered))
        elif token.type == "inline":
            paragraph = Paragraph(tuple(_spans(token.children or [])))
            (lists[-1][1] if lists else blocks).append(paragraph)  # type: ignore[arg-type]
    return blocks


def _spans(children) -> list[Span]:
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
    return spans


def _append(spans: list[Span], span: Span) -> None:
    """Join neighbouring spans of the same emphasis so the text stays in one run."""
    if spans and spans[-1].text != "\n" and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
        spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
    else:
        spans.append(span)
