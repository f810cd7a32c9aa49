"""Lay a Memo out in the organisation's Word template.

The template (docxtpl) places the header fields, title, signatures and the two
block regions ``{{p body }}`` and ``{{p after_signatures }}``; the blocks are
built here in the template's own styles. The template is compiled once per process
(writers/compiled.py): per memo only the tagged parts are rendered, the blocks built
into the body, numbering and footnotes added where the memo has them, and every other
part copied as the template stores it. Output is deterministic: fixed zip entry times
and order (writers/package.py), property parts generated from the memo (writers/properties.py).
"""

from __future__ import annotations

import re

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ..errors import OutputError, TemplateError
from ..memo import Block, DecisionPoints, Heading, ItemList, ListItem, Memo, PageBreak, Paragraph, Span, Table
from .compiled import STYLES, CompiledTemplate, compiled
from .lists import INDENT, Numbering, list_paragraphs
from .widths import BOLD_KINDS, PART_INDENT, column_widths
from .notes import FOOTNOTES_PART, add_footnotes, empty_footnotes, reference, template_footnotes
from .wml import child, paragraph_property, scratch
from .package import CONTENT_TYPES, add_content_type, add_relationship, rels_of, serialise, write_package
from .text import memo_notes
from .properties import APP_PART, CORE_PART, app_xml, core_xml

NUMBERING_PART = "word/numbering.xml"
#: A table of at most this many rows is kept on one page (each row's paragraphs keep with the next row).
KEEP_TOGETHER_ROWS = 15


def render_docx(memo: Memo, template_path) -> bytes:
    """The memo as .docx bytes, identical for identical input."""
    template = compiled(template_path)
    context = {
        "header": memo.header,
        "title": memo.title,
        "signatories": memo.signatories,
        "body": _marker("body"),
        "after_signatures": _marker("after_signatures"),
    }
    package = _Package(template)
    engine = template.engine
    engine.docx_ids_index = 1000  # docxtpl numbers drawings from here in each document it renders
    body = engine.fix_tables(engine.render_xml_part(template.sources[template.document], None, context, _ENVIRONMENT))
    engine.fix_docpr_ids(body)
    for name, source in template.sources.items():
        if name != template.document:
            package.parts[name] = serialise(parse_xml(engine.render_xml_part(source, None, context, _ENVIRONMENT)
                                                      .encode("utf-8")))
    builder = _Builder(template, package)
    _fill(body, "body", builder.blocks(memo.body))
    _fill(body, "after_signatures", builder.blocks(memo.after_signatures))
    notes = memo_notes(memo)
    if notes:
        add_footnotes(package.footnotes(), notes, template.styles.id(STYLES["note"]),
                      template.styles.id(STYLES["note reference"]), builder.spans)
    root = parse_xml(template.parts[template.document])
    root.replace(root.find(qn("w:body")), body)
    package.parts[template.document] = serialise(root)
    package.parts[CORE_PART] = core_xml(memo.properties)
    package.parts[APP_PART] = app_xml(memo.properties)
    return write_package(package.finished(), memo.properties.created)


class _Package:
    """The memo's parts: the template's, with the numbering and footnotes parts opened where the memo adds to them."""

    def __init__(self, template: CompiledTemplate):
        self.document = template.document
        self.related = dict(template.related)  # relationship type -> part name, parts added included
        self.parts = dict(template.parts)
        self.opened: dict[str, object] = {}  # part name -> root element, serialised when finished

    def numbering(self):
        name = self.related.get(RT.NUMBERING)
        if name is None:
            name = NUMBERING_PART
            self._add(name, CT.WML_NUMBERING, RT.NUMBERING, f'<w:numbering {nsdecls("w")}/>'.encode())
        return self._open(name)

    def footnotes(self):
        name = self.related.get(RT.FOOTNOTES)
        if name is None:
            name = FOOTNOTES_PART
            self._add(name, CT.WML_FOOTNOTES, RT.FOOTNOTES, empty_footnotes())
            return self._open(name)
        return template_footnotes(self._open(name))

    def _open(self, name: str):
        if name not in self.opened:
            self.opened[name] = parse_xml(self.parts[name])
        return self.opened[name]

    def _add(self, name: str, content_type: str, reltype: str, data: bytes) -> None:
        if name in self.parts:
            raise OutputError(f"mallen har delen {name} men dokumentet hänvisar inte till den — spara om mallen i Word")
        self.parts[name] = data
        self.parts[CONTENT_TYPES] = add_content_type(self.parts[CONTENT_TYPES], "/" + name, content_type)
        folder = self.document.rpartition("/")[0]
        rels = rels_of(self.document)
        self.parts[rels] = add_relationship(self.parts[rels], reltype, name.removeprefix(folder + "/"))
        self.related[reltype] = name

    def finished(self) -> dict[str, bytes]:
        for name, root in self.opened.items():
            self.parts[name] = serialise(root)
        return self.parts


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


class _CompiledOnce(ImmutableSandboxedEnvironment):
    """Compiles each template source once per process: docxtpl asks for every part of every memo."""

    LIMIT = 64

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self._compiled.get(source)
        if found is None:
            found = super().from_string(source)
            if len(self._compiled) >= self.LIMIT:
                self._compiled.clear()
            self._compiled[source] = found
        return found


def _environment() -> jinja2.Environment:
    """The template's Jinja: sandboxed like case text (a Word file travels by e-mail), no globals."""
    environment = _CompiledOnce(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_printed)
    environment.globals = {}
    return environment


_ENVIRONMENT = _environment()


def template_text(template_path) -> frozenset[str]:
    """The lines the template writes itself (paragraphs without tags): verification lets them stand."""
    return compiled(template_path).text


_MARKER = "\u2063memo:{}\u2063"  # invisible separators: text no case can produce by accident


def _marker(region: str) -> Markup:
    """A placeholder paragraph where the template says {{p body }}; blocks replace it after rendering."""
    return Markup(f"<w:p><w:r><w:t>{_MARKER.format(region)}</w:t></w:r></w:p>")


def _fill(body, region: str, elements: list) -> None:
    """Move the built elements to the region's placeholder."""
    text = _MARKER.format(region)
    markers = [t.getparent().getparent() for t in body.iter(qn("w:t")) if t.text == text]
    if len(markers) != 1 or markers[0].getparent() is not body:
        raise OutputError(f"mallen har {len(markers)} platser för {region} — den ska ha exakt en {{{{p {region} }}}}")
    for element in elements:
        markers[0].addprevious(element)
    body.remove(markers[0])


class _Builder:
    """Builds blocks as free-standing body elements in the template's styles, placed by the caller.

    (python-docx's add_paragraph scans the body for each paragraph it inserts, which made a long
    memo quadratic; its table API walks every cell per access.)
    """

    def __init__(self, template: CompiledTemplate, package: "_Package"):
        self.styles = template.styles
        self.package = package
        self._numbering: Numbering | None = None
        self.out: list = []
        self.scratch = scratch()

    @property
    def numbering(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering(self.package.numbering())
        return self._numbering

    def blocks(self, blocks: tuple[Block, ...]) -> list:
        self.out = out = []
        breaks: list[int] = []  # where a block that starts a page begins in out
        after_table: list[int] = []  # where running text that follows a table begins in out
        for i, block in enumerate(blocks):
            if i and isinstance(blocks[i - 1], Table) and _running_text(block):
                after_table.append(len(out))
            if isinstance(block, PageBreak):
                breaks.append(len(out))
            elif isinstance(block, Heading):
                self.spans(self.paragraph(STYLES["heading"].format(level=block.level)), (Span(block.text),))
            elif isinstance(block, Paragraph):
                self.spans(self.paragraph(STYLES[block.style]), block.spans)
            elif isinstance(block, ItemList):
                list_paragraphs(block, self.numbering, self.paragraph, self.spans,
                                STYLES["number" if block.ordered else "bullet"])
            elif isinstance(block, DecisionPoints):
                self.points(block)
            elif isinstance(block, Table):
                self.table(block)
        space = self.styles.space_after.get(STYLES["body"])
        for first in after_table:
            if space:
                _space_before(out[first], space)
        for first in reversed(breaks):
            _break_before(first, out)
        return out

    def paragraph(self, style_name: str):
        """A new w:p in the style, appended to what is being built."""
        element = etree.SubElement(self.scratch, _P)
        self.out.append(element)
        etree.SubElement(etree.SubElement(element, _PPR), _PSTYLE, {_VAL: self.styles.id(style_name)})
        return element

    def spans(self, paragraph, spans: tuple[Span, ...]) -> None:
        """The spans as runs of ``paragraph`` (a w:p), written as Word writes them."""
        for span in spans:
            run = etree.SubElement(paragraph, _R)
            if span.note is not None:
                reference(run, span.note.number, self.styles.id(STYLES["note reference"]))
                continue
            if span.bold or span.italic:
                properties = etree.SubElement(run, _RPR)
                if span.bold:
                    etree.SubElement(properties, _B)
                if span.italic:
                    etree.SubElement(properties, _I)
            for piece in _SPECIAL.split(span.text):
                if piece in _SPECIAL_ELEMENTS:
                    etree.SubElement(run, _SPECIAL_ELEMENTS[piece])
                elif piece:
                    text = etree.SubElement(run, _T)
                    text.text = piece
                    if piece.strip() != piece:
                        text.set(_SPACE, "preserve")

    def points(self, block: DecisionPoints) -> None:
        """Numbered points as a numbered list; "att"-clauses hang from their word (the text holds "att" and a tab)."""
        if block.numbered:
            items = tuple(ListItem((point,)) for point in block.points)
            list_paragraphs(ItemList(items, ordered=True), self.numbering, self.paragraph, self.spans, STYLES["number"])
            return
        for point in block.points:
            paragraph = self.paragraph(STYLES["body"])
            paragraph_property(paragraph, "ind", left=str(INDENT), hanging=str(INDENT))
            self.spans(paragraph, point.spans)

    def table(self, block: Table) -> None:
        """The table as Word writes one: fixed layout, a grid of widths from the content, rows kept whole."""
        cell_style = STYLES["small cell" if block.compact else "cell"]
        style_id = self.styles.id(cell_style)
        widths = [round(w) for w in column_widths(block, self.styles.text_width, self.styles.font_sizes[cell_style])]
        table = child(self.scratch, "tbl")
        self.out.append(table)
        properties = child(table, "tblPr")
        child(properties, "tblStyle", val=self.styles.id(STYLES["table"]))
        child(properties, "tblW", type="auto", w="0")
        child(properties, "jc", val="left")
        child(properties, "tblLayout", type="fixed")
        child(properties, "tblLook", firstColumn="1", firstRow="1", lastColumn="0", lastRow="0", noHBand="0",
               noVBand="1", val="04A0")
        for tag, text in (("tblCaption", block.caption), ("tblDescription", block.description)):
            if text:  # the table's name for assistive technology (Word's alternative text)
                child(properties, tag, val=text)
        grid = child(table, "tblGrid")
        for width in widths:
            child(grid, "gridCol", w=str(width))
        keep = len(block.rows) <= KEEP_TOGETHER_ROWS
        for index, memo_row in enumerate(block.rows):
            row = child(table, "tr")
            row_properties = child(row, "trPr")
            child(row_properties, "cantSplit")
            if memo_row.kind == "header":
                child(row_properties, "tblHeader")
            column = 0
            for memo_cell in memo_row.cells:
                cell = child(row, "tc")
                cell_properties = child(cell, "tcPr")
                width = sum(widths[column:column + memo_cell.span])
                child(cell_properties, "tcW", type="dxa", w=str(width))
                if memo_cell.span > 1:
                    child(cell_properties, "gridSpan", val=str(memo_cell.span))
                first = column == 0
                column += memo_cell.span
                paragraph = child(cell, "p")
                paragraph_properties = child(paragraph, "pPr")
                child(paragraph_properties, "pStyle", val=style_id)
                if keep and index < len(block.rows) - 1:  # a short table is kept on one page, as Word's users do
                    child(paragraph_properties, "keepNext")
                if memo_cell.align == "right":
                    child(paragraph_properties, "jc", val="right")
                if memo_row.kind == "part" and first:  # a varav row: its name indented
                    paragraph_property(paragraph, "ind", left=str(PART_INDENT))
                self.spans(paragraph, _cell_spans(memo_cell.text, memo_row.kind in BOLD_KINDS))


def _running_text(block: Block) -> bool:
    return isinstance(block, (ItemList, DecisionPoints)) or (isinstance(block, Paragraph) and block.style in ("body", "quote"))


def _space_before(paragraph, space: int) -> None:
    """Text after a table stands as far from it as a paragraph from the one before (the body's space after)."""
    paragraph_property(paragraph, "spacing", before=str(space))


def _break_before(first: int, out: list) -> None:
    """The next block starts a page: its first paragraph says so (w:pageBreakBefore); a table gets a
    paragraph that holds only the break."""
    if first < len(out) and out[first].tag == _P:
        paragraph_property(out[first], "pageBreakBefore")
    elif first < len(out):
        paragraph = etree.Element(_P)
        child(child(paragraph, "r"), "br", type="page")
        out.insert(first, paragraph)


# Characters Word stores as elements of their own, not as text.
_SPECIAL_ELEMENTS = {"\n": qn("w:br"), "\t": qn("w:tab"), "\u00ad": qn("w:softHyphen"), "\u2011": qn("w:noBreakHyphen")}
_P, _PPR, _PSTYLE, _VAL, _R, _RPR, _B, _I, _T = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:val", "w:r", "w:rPr",
                                                                 "w:b", "w:i", "w:t"))
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SPECIAL = re.compile("([\n\t\u00ad\u2011])")


def _cell_spans(text: str, bold: bool) -> tuple[Span, ...]:
    spans: list[Span] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            spans.append(Span("\n", bold))
        if line:
            spans.append(Span(line, bold))
    return tuple(spans)
