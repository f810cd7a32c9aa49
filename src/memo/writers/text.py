"""The memo as plain text in reading order: one line per paragraph, heading,
list item and table row (cells separated by tabs).

The same reading order that ``docx_text`` reads back from a Word file, so the
two can be compared line by line.
"""

from __future__ import annotations

from ..memo import Block, DecisionPoints, Heading, ItemList, Memo, Paragraph, Table


def memo_lines(memo: Memo) -> list[str]:
    """Title, body, signatures and what follows them; the page header is the template's."""
    lines = [memo.title]
    lines += block_lines(memo.body)
    for signatory in memo.signatories:
        lines += [signatory.name, signatory.title] + ([signatory.unit] if signatory.unit else [])
    lines += block_lines(memo.after_signatures)
    return lines


def block_lines(blocks: tuple[Block, ...] | list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, ItemList):
            lines += list_lines(block)
        elif isinstance(block, DecisionPoints):
            lines += [point.text for point in block.points]
        elif isinstance(block, Table):
            lines += ["\t".join(cell.text for cell in row.cells) for row in block.rows]
    return lines


def render_text(memo: Memo) -> str:
    """A terminal view: header fields, then the memo in reading order."""
    header = memo.header
    top = [header.organisation, header.date, header.document_type, f"{header.dnr_label}: {header.dnr}", ""]
    return "\n".join(top + memo_lines(memo)) + "\n"


def list_lines(block: ItemList) -> list[str]:
    """Each paragraph of each item, a nested list after its item's paragraphs."""
    lines: list[str] = []
    for item in block.items:
        lines += [paragraph.text for paragraph in item.paragraphs]
        if item.sublist is not None:
            lines += list_lines(item.sublist)
    return lines
