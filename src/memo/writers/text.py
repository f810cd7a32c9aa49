"""The memo as plain text in reading order: one line per paragraph, heading,
list item and table row (cells separated by tabs).

The same reading order that ``docx_text`` reads back from a Word file, so the
two can be compared line by line.
"""

from __future__ import annotations

from ..memo import Block, DecisionPoints, Heading, ItemList, Memo, Note, Paragraph, Table


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
    notes = note_lines(memo)
    return "\n".join(top + memo_lines(memo) + ([""] + notes if notes else [])) + "\n"


def list_lines(block: ItemList) -> list[str]:
    """Each paragraph of each item, a nested list after its item's paragraphs."""
    return [paragraph.text for paragraph in list_paragraphs(block)]


def list_paragraphs(block: ItemList) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in block.items:
        out += item.paragraphs
        out += list_paragraphs(item.sublist) if item.sublist is not None else []
    return out


def memo_notes(memo: Memo) -> list[Note]:
    """The footnotes of the memo's running text, in order."""
    paragraphs: list[Paragraph] = []
    for block in (*memo.body, *memo.after_signatures):
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        elif isinstance(block, DecisionPoints):
            paragraphs += block.points
        elif isinstance(block, ItemList):
            paragraphs += list_paragraphs(block)
    return [span.note for p in paragraphs for span in p.spans if span.note is not None]


def note_lines(memo: Memo) -> list[str]:
    return [line for note in memo_notes(memo) for line in note.lines]
