"""Lay a Memo out in the organisation's Word template.

The template (docxtpl) places the header fields, title, signatures and the two
block regions ``{{p body }}`` and ``{{p after_signatures }}``; the blocks are
built here with python-docx in the template's own styles. Output is
deterministic: fixed zip entry times and order, property parts generated from
the memo (writers/properties.py).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import docx
import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.shared import Emu, Twips
from docx.table import _Cell
from lxml import etree
from docxtpl import DocxTemplate

from ..errors import OutputError, TemplateError
from ..memo import Block, DecisionPoints, Heading, ItemList, ListItem, Memo, PageBreak, Paragraph, Span, Table
from .lists import INDENT, Numbering, list_paragraphs
from .widths import BOLD_KINDS, PART_INDENT, column_widths
from .notes import add_footnotes, reference
from .text import memo_notes
from .properties import APP_PART, CORE_PART, app_xml, core_xml

EMU_PER_TWIP = 635

#: Style names the writer uses; every template must define them.
STYLES = {
    "title": "Title",
    "heading": "Heading {level}",
    "body": "Normal",
    "caption": "Caption",
    "footnote": "Fotnot",
    "quote": "Quote",
    "note": "Footnote Text",
    "note reference": "Footnote Reference",
    "bullet": "List Bullet",
    "number": "List Number",
    "table": "Memotabell",
    "cell": "Tabelltext",
    "small cell": "Tabelltext liten",
}


def render_docx(memo: Memo, template_path) -> bytes:
    """The memo as .docx bytes, identical for identical input."""
    template = DocxTemplate(str(template_path))
    context = {
        "header": memo.header,
        "title": memo.title,
        "signatories": memo.signatories,
        "body": _marker("body"),
        "after_signatures": _marker("after_signatures"),
    }
    template.render(context, _ENVIRONMENT)
    document = template.docx
    _fill(document, "body", memo.body)
    _fill(document, "after_signatures", memo.after_signatures)
    notes = memo_notes(memo)
    if notes:
        styles = _StyleIds(document, [])
        add_footnotes(document, notes, styles[STYLES["note"]], styles[STYLES["note reference"]], _add_spans)
    buffer = io.BytesIO()
    template.save(buffer)
    generated = {CORE_PART: core_xml(memo.properties), APP_PART: app_xml(memo.properties)}
    return normalise_zip(buffer.getvalue(), memo.properties.created, generated)


def _printed(value):
    """What a template tag prints; a missing value is a template mistake, never the text "None"."""
    if value is None:
        raise TemplateError(
            "mallen skriver ut ett värde som saknas i ärendet — skriv ut färdiga fält (t.ex. header.officer.line) "
            "eller omge taggen med {%p if … %} … {%p endif %}"
        )
    if isinstance(value, str) and not isinstance(value, Markup):
        # Braces as character references: docxtpl rewrites "{_{" to "{{" in what it rendered, which
        # would change a value's text; the XML parser turns the references back into braces.
        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value


def _environment() -> jinja2.Environment:
    """The template's Jinja: sandboxed like case text (a Word file travels by e-mail), no globals."""
    environment = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_printed)
    environment.globals = {}
    return environment


_ENVIRONMENT = _environment()


def template_text(template_path) -> frozenset[str]:
    """The lines the template writes itself (paragraphs without tags): verification lets them stand."""
    path = Path(template_path)
    stat = path.stat()
    return _template_text(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _template_text(path: Path, mtime: int, size: int) -> frozenset[str]:
    body = docx.Document(str(path)).element.body
    lines = ("".join(p.xpath(".//w:t/text()")) for p in body.iter(qn("w:p")))
    return frozenset(line for line in lines if line.strip() and not _TAG.search(line))


_TAG = re.compile(r"\{[{%#]|[}%#]\}")


_MARKER = "\u2063memo:{}\u2063"  # invisible separators: text no case can produce by accident


def _marker(region: str) -> Markup:
    """A placeholder paragraph where the template says {{p body }}; blocks replace it after rendering."""
    return Markup(f"<w:p><w:r><w:t>{_MARKER.format(region)}</w:t></w:r></w:p>")


def _fill(document, region: str, blocks: tuple[Block, ...]) -> None:
    """Build the blocks in the rendered document itself, in its styles, and move them to the placeholder."""
    body = document.element.body
    text = _MARKER.format(region)
    markers = [t.getparent().getparent() for t in body.iter(qn("w:t")) if t.text == text]
    if len(markers) != 1 or markers[0].getparent() is not body:
        raise OutputError(f"mallen har {len(markers)} platser för {region} — den ska ha exakt en {{{{p {region} }}}}")
    for element in build_blocks(document, blocks):
        markers[0].addprevious(element)
    body.remove(markers[0])


def build_blocks(document, blocks: tuple[Block, ...]) -> list:
    """The blocks as body elements in the document's styles, not yet placed.

    Elements are made free-standing (python-docx's add_paragraph scans the body for
    each one it inserts, which made a long memo quadratic) and placed by the caller.
    """
    out: list = []
    styles = _StyleIds(document, out)
    breaks: list[int] = []  # where a block that starts a page begins in out
    after_table: list[int] = []  # where running text that follows a table begins in out
    for i, block in enumerate(blocks):
        if i and isinstance(blocks[i - 1], Table) and _running_text(block):
            after_table.append(len(out))
        if isinstance(block, PageBreak):
            breaks.append(len(out))
        elif isinstance(block, Heading):
            _add_spans(_paragraph(document, styles, STYLES["heading"].format(level=block.level)), (Span(block.text),))
        elif isinstance(block, Paragraph):
            _add_spans(_paragraph(document, styles, STYLES[block.style]), block.spans)
        elif isinstance(block, ItemList):
            list_paragraphs(block, styles.numbering, functools.partial(_paragraph, document, styles), _add_spans,
                            STYLES["number" if block.ordered else "bullet"])
        elif isinstance(block, DecisionPoints):
            _add_points(document, styles, block)
        elif isinstance(block, Table):
            _add_table(document, styles, block)
    for first in after_table:
        _space_before(out[first], styles)
    for first in reversed(breaks):
        _break_before(first, out)
    return out


def _running_text(block: Block) -> bool:
    return isinstance(block, (ItemList, DecisionPoints)) or (isinstance(block, Paragraph) and block.style in ("body", "quote"))


def _space_before(paragraph, styles: "_StyleIds") -> None:
    """Text after a table stands as far from it as a paragraph from the one before (the body's space after)."""
    space = styles.document.styles[STYLES["body"]].paragraph_format.space_after
    if space:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), str(space.twips))
        paragraph.get_or_add_pPr().insert_element_before(spacing, "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                                                         "w:suppressOverlap", "w:jc", "w:textDirection",
                                                         "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                                                         "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _break_before(first: int, out: list) -> None:
    """The next block starts a page: its first paragraph says so (w:pageBreakBefore); a table gets a
    paragraph that holds only the break."""
    if first < len(out) and out[first].tag == qn("w:p"):
        out[first].get_or_add_pPr().get_or_add_pageBreakBefore()
    elif first < len(out):
        out.insert(first, parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>'))


def _add_points(document, styles: "_StyleIds", block: DecisionPoints) -> None:
    """Numbered points as a numbered list; "att"-clauses hang from their word (the text holds "att" and a tab)."""
    if block.numbered:
        items = tuple(ListItem((point,)) for point in block.points)
        list_paragraphs(ItemList(items, ordered=True), styles.numbering, functools.partial(_paragraph, document, styles),
                        _add_spans, STYLES["number"])
        return
    for point in block.points:
        paragraph = _paragraph(document, styles, STYLES["body"])
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:ind {nsdecls("w")} w:left="{INDENT}" w:hanging="{INDENT}"/>'))
        _add_spans(paragraph, point.spans)


class _StyleIds(dict):
    """Style name -> id, looked up once per document (python-docx scans every style per lookup);
    also the list the built elements go to."""

    def __init__(self, document, out: list):
        super().__init__()
        self.document = document
        self.out = out
        self._text_width = None
        self._numbering = None

    @property
    def numbering(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering(self.document)
        return self._numbering

    @property
    def text_width(self) -> int:
        """The first section's text width; read once (python-docx searches the whole body for sections)."""
        if self._text_width is None:
            section = self.document.sections[0]
            self._text_width = section.page_width - section.left_margin - section.right_margin
        return self._text_width

    def font_size(self, name: str) -> float:
        """The style's font size in points, from the style or the styles it is based on (11 pt if none says)."""
        style = self.document.styles[name]
        while style is not None:
            if style.font.size is not None:
                return style.font.size.pt
            style = style.base_style
        return 11.0

    def __missing__(self, name: str) -> str:
        try:
            style_id = self.document.styles[name].style_id
        except KeyError:
            raise OutputError(f"mallen saknar stilen {name} — lägg till den i Word-mallen") from None
        self[name] = style_id
        return style_id


def _paragraph(document, styles: _StyleIds, style_name: str):
    element = OxmlElement("w:p")
    styles.out.append(element)
    style = etree.SubElement(etree.SubElement(element, qn("w:pPr")), qn("w:pStyle"))
    style.set(qn("w:val"), styles[style_name])
    return DocxParagraph(element, document._body)


def _add_spans(paragraph, spans: tuple[Span, ...]) -> None:
    for span in spans:
        run = paragraph.add_run()
        if span.note is not None:
            reference(run, span.note.number, _StyleIds(paragraph.part.document, [])[STYLES["note reference"]])
            continue
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        for piece in _SPECIAL.split(span.text):
            if piece in _SPECIAL_ELEMENTS:
                run._r.append(OxmlElement(_SPECIAL_ELEMENTS[piece]))
            elif piece:
                run._r.add_t(piece)


# Characters Word stores as elements of their own, not as text.
_SPECIAL_ELEMENTS = {"\n": "w:br", "\t": "w:tab", "\u00ad": "w:softHyphen", "\u2011": "w:noBreakHyphen"}
_SPECIAL = re.compile("([\n\t\u00ad\u2011])")


def _add_table(document, styles: _StyleIds, block: Table) -> None:
    text_width = styles.text_width
    cell_style = STYLES["small cell" if block.compact else "cell"]
    widths = [Emu(int(w * EMU_PER_TWIP)) for w in column_widths(block, text_width // EMU_PER_TWIP, styles.font_size(cell_style))]
    element = CT_Tbl.new_tbl(len(block.rows), len(widths), text_width)
    styles.out.append(element)
    table = DocxTable(element, document._body)
    table._tbl.tblPr.style = styles[STYLES["table"]]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row, memo_row in zip(table.rows, block.rows):
        if memo_row.kind == "header":
            tr_pr = row._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            tr_pr.append(header)
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().insert(0, cant_split)
        for index, (cell, memo_cell, width) in enumerate(_spanned(table, row, memo_row.cells, widths)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = styles[cell_style]
            if memo_cell.align == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if memo_row.kind == "part" and index == 0:  # a varav row: its name indented, in the cell's own style
                paragraph.paragraph_format.left_indent = Twips(PART_INDENT)
            bold = memo_row.kind in BOLD_KINDS
            _add_spans(paragraph, _cell_spans(memo_cell.text, bold))
    for tag, text in (("w:tblCaption", block.caption), ("w:tblDescription", block.description)):
        if text:  # the table's name for assistive technology (Word's alternative text)
            element = OxmlElement(tag)
            element.set(qn("w:val"), text)
            table._tbl.tblPr.append(element)


def _spanned(table, row, memo_cells, widths):
    """(cell, memo cell, width) for each memo cell; a cell spanning n columns takes the place of n (w:gridSpan)."""
    tcs = list(row._tr.tc_lst)
    column = 0
    for memo_cell in memo_cells:
        tc = tcs[column]
        if memo_cell.span > 1:
            for extra in tcs[column + 1:column + memo_cell.span]:
                row._tr.remove(extra)
            tc.grid_span = memo_cell.span
        yield _Cell(tc, table), memo_cell, sum(widths[column:column + memo_cell.span], Emu(0))
        column += memo_cell.span


def _cell_spans(text: str, bold: bool) -> tuple[Span, ...]:
    spans: list[Span] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            spans.append(Span("\n", bold))
        if line:
            spans.append(Span(line, bold))
    return tuple(spans)


def normalise_zip(data: bytes, day, replace: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed entry times and order so equal input gives equal bytes.

    ``replace``: parts whose content is given (where the package has them).
    """
    replace = replace or {}
    stamp = max((day.year, day.month, day.day, 0, 0, 0), (1980, 1, 1, 0, 0, 0))  # zip time starts in 1980
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            target.writestr(info, replace[name] if name in replace else source.read(name))
    return out.getvalue()
