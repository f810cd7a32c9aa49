"""Create a starting Word template for an organisation: templates/<id>/memo.docx.

A developer tool, run once per organisation; afterwards the template belongs to
the organisation's communicator, who restyles it in Word (logo, address lines,
fonts). It holds styles, page setup, header, footer and where the memo's
blocks go, and only docxtpl tags that print prepared values.

    python tools/make_template.py <id> --layout stacked|labelled|grid
"""

from __future__ import annotations

import argparse
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"
LANG = "sv-SE"
#: Word 2013 and later: a memo made from the template does not open in compatibility mode.
COMPATIBILITY_MODE = "15"
#: Outline levels (0-based, as w:outlineLvl): the title is the document's top heading, so the
#: memo's Heading 1 is the second level in the PDF's structure (H2) and no level is skipped.
FIELDS_CAPTION = "Dokumentuppgifter"  # the caption of a table of header fields (labels over values)
OUTLINE_LEVELS = {"Title": 0, "Heading 1": 1, "Heading 2": 2, "Heading 3": 3, "Heading 4": 4}


def make_template(target: Path, layout: str, footer_lines: list[str]) -> None:
    doc = Document()
    _drop_thumbnail(doc)
    _page_setup(doc)
    _styles(doc)

    body = doc.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)

    LAYOUTS[layout](doc)
    footer = doc.sections[0].first_page_footer if doc.sections[0].different_first_page_header_footer else doc.sections[0].footer
    for line in footer_lines:  # the footer's first paragraph takes the first line: no empty paragraph as space
        empty = [p for p in footer.paragraphs if not p.text and not p._p.xpath(".//w:fldSimple")]
        if empty:
            empty[0].add_run(line)
        else:
            footer.add_paragraph(line, style="Footer")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{p body }}")
    doc.add_paragraph("{%p for s in signatories %}")
    doc.add_paragraph("{{ s.name }}", style="Underskrift")
    doc.add_paragraph("{{ s.title }}", style="Underskriftsrad")
    doc.add_paragraph("{%p if s.unit %}")
    doc.add_paragraph("{{ s.unit }}", style="Underskriftsrad")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{p after_signatures }}")

    props = doc.core_properties
    props.title = props.subject = props.author = props.comments = props.keywords = ""
    props.last_modified_by = props.category = ""
    props.revision = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)


def _stacked(doc) -> None:
    """Organisation name in the page header; date, document type and "Dnr: …" at the right."""
    for text, bold in (("{{ header.date }}", False), ("{{ header.document_type }}", True),
                       ("{{ header.dnr_label }}: {{ header.dnr }}", False)):
        p = doc.add_paragraph(style="Memohuvud")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(text).bold = bold
    section = doc.sections[0]
    _text(section.header.paragraphs[0], "{{ header.organisation }}", bold=True)
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)


def _labelled(doc) -> None:
    """Document type, then each field as a small label over its value; the case officer in the first footer.

    Label and value are one paragraph (a line break between): a screen reader reads them together (WCAG 2.1 1.3.1).
    """
    p = doc.add_paragraph(style="Memohuvud")
    p.add_run("{{ header.document_type }}").bold = True
    for label, value in (("{{ header.date_label }}", "{{ header.date }}"), ("{{ header.dnr_label }}", "{{ header.dnr }}")):
        field = doc.add_paragraph(style="Memohuvud")
        field.add_run(label, style="Fältetikett tecken").add_break()
        field.add_run(value)
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    _text(section.first_page_header.paragraphs[0], "{{ header.organisation }}", bold=True)
    later = section.header.paragraphs[0]
    _text(later, "{{ header.organisation }}\t", bold=True)
    _page_number(later, None)
    footer = section.first_page_footer
    _page_number(footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    for text in ("{%p if header.officer %}",
                 "{%p if header.officer.unit %}", "{{ header.officer.unit }}", "{%p endif %}",
                 "{{ header.officer.line }}",
                 "{%p endif %}"):
        footer.add_paragraph(text, style="Footer")


def _grid(doc) -> None:
    """Document type and page; the fields as a table (labels in a header row over their values), then the case officer.

    A table keeps each label with its value for a screen reader (WCAG 2.1 1.3.1), which tab-aligned
    rows of labels and values do not. The reference column is left out when the case has no recipient.
    """
    p = doc.add_paragraph(style="Memohuvud")
    p.add_run("{{ header.document_type }}").bold = True
    p.add_run("\t")
    p.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    _page_number(p, None)
    fields = [("{{ header.date_label }}", "{{ header.date }}"), ("{{ header.dnr_label }}", "{{ header.dnr }}"),
              ("{{ header.reference_label }}", "{{ header.recipient }}")]
    table = _field_table(doc.add_table(rows=2, cols=len(fields)), fields, [Cm(3), Cm(3.5), Cm(3.5)], indent=Cm(6))
    _caption(table, FIELDS_CAPTION)
    for row in table.rows:  # the reference column only when the case has a recipient
        _wrap_cell(row.cells[2], "{%tc if header.recipient %}", "{%tc endif %}")
    for text in ("{%p if header.officer %}", "{{ header.officer.name }}",
                 "{%p if header.officer.unit %}", "{{ header.officer.unit }}", "{%p endif %}",
                 "{%p if header.officer.email %}", "{{ header.officer.email }}", "{%p endif %}",
                 "{%p endif %}"):
        doc.add_paragraph(text, style="Memohuvud")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    _text(section.first_page_header.paragraphs[0], "{{ header.organisation }}", bold=True)
    later = section.header.add_table(rows=2, cols=3, width=Cm(16))  # the page number at the right of the labels
    _caption(_field_table(later, fields[:2] + [("", "")], [Cm(4), Cm(4), Cm(8)], indent=Cm(0), style="Header"),
             FIELDS_CAPTION)
    page = later.rows[0].cells[2].paragraphs[0]
    page.style = "Header"
    _page_number(page, WD_ALIGN_PARAGRAPH.RIGHT)
    header = section.header._element
    header.append(header[0])  # the header's paragraph after the table: a part ends with a paragraph


def _caption(table, text: str) -> None:
    """The table's name for assistive technology (Word: Table Properties > Alt Text)."""
    table._tbl.tblPr.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{text}"/>'))


def _field_table(table, fields: list[tuple[str, str]], widths, indent, style: str = "Memohuvud"):
    """Labels in a header row (table header cells), each value under its label; no borders."""
    table.style = None
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_pr.insert_element_before(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{int(indent.twips)}" w:type="dxa"/>'),
                                 "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    tbl_pr.insert_element_before(parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'),
        "w:tblLook")
    labels, values = table.rows
    labels._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for column, width in zip(table.columns, widths):
        column.width = width
    for i, ((label, value), width) in enumerate(zip(fields, widths)):
        for row, text, row_style in ((labels, label, "Fältetikett"), (values, value, style)):
            cell = row.cells[i]
            cell.width = width
            cell.paragraphs[0].style = row_style
            cell.paragraphs[0].add_run(text)
    return table


def _wrap_cell(cell, before: str, after: str) -> None:
    """Put docxtpl cell tags ({%tc … %}) in cells of their own around ``cell``: the cell stays only when the tag says."""
    for text, place in ((before, cell._tc.addprevious), (after, cell._tc.addnext)):
        tag = parse_xml(f'<w:tc {nsdecls("w")}><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>')
        place(tag)


LAYOUTS = {"stacked": _stacked, "labelled": _labelled, "grid": _grid}


def _text(paragraph, text: str, bold: bool = False) -> None:
    paragraph.add_run(text).bold = bold


def _page_number(paragraph, alignment) -> None:
    """"n (N)" as PAGE and NUMPAGES fields, which the office program fills in."""
    if alignment is not None:
        paragraph.alignment = alignment
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> (</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>)</w:t></w:r>'))


def _drop_thumbnail(doc) -> None:
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.header_distance = section.footer_distance = Cm(1.25)


def _styles(doc) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    settings = doc.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # required by the ECMA-376 schema
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 20, 12), ("Heading 1", 14, 16), ("Heading 2", 12, 12), ("Heading 3", 11, 10),
                               ("Heading 4", 11, 8)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        rpr = style.element.get_or_add_rPr()
        for child in rpr.findall(qn("w:rFonts")):
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                child.attrib.pop(qn(attr), None)
            child.set(qn("w:ascii"), FONT)
            child.set(qn("w:hAnsi"), FONT)
        ppr = style.element.get_or_add_pPr()
        for child in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:outlineLvl")):
            ppr.remove(child)
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{OUTLINE_LEVELS[name]}"/>'))
    caption = styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(11)
    caption.font.bold = True
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(12)

    head = styles.add_style("Memohuvud", WD_STYLE_TYPE.PARAGRAPH)
    head.base_style = normal
    head.paragraph_format.space_after = Pt(0)
    sign = styles.add_style("Underskrift", WD_STYLE_TYPE.PARAGRAPH)
    sign.base_style = normal
    sign.paragraph_format.space_before = Pt(24)
    sign.paragraph_format.space_after = Pt(0)
    sign.paragraph_format.keep_with_next = True
    line = styles.add_style("Underskriftsrad", WD_STYLE_TYPE.PARAGRAPH)
    line.base_style = normal
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.keep_with_next = True
    cell = styles.add_style("Tabelltext", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.paragraph_format.space_before = Pt(2)
    cell.paragraph_format.space_after = Pt(2)
    cell.paragraph_format.line_spacing = 1.0
    cell.font.size = Pt(10)
    note = styles.add_style("Fotnot", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.paragraph_format.space_before = Pt(4)
    quote = styles["Quote"]  # text cited verbatim: indented, set apart from the memo's own words
    quote.base_style = normal
    quote.font.italic = False
    quote.font.color.rgb = RGBColor(0, 0, 0)
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    footnote = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)  # Word's built-in names: Word finds them
    footnote.base_style = normal
    footnote.font.size = Pt(9)
    footnote.paragraph_format.space_after = Pt(0)
    footnote.paragraph_format.line_spacing = 1.0
    styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER).font.superscript = True
    small = styles.add_style("Tabelltext liten", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = cell
    small.font.size = Pt(8)
    for name in ("Header", "Footer"):  # one right tab at the text's right edge
        ppr = styles[name].element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):
            ppr.remove(tabs)
        styles[name].paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    label = styles.add_style("Fältetikett", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.font.size = Pt(8)
    label.paragraph_format.space_after = Pt(0)
    styles.add_style("Fältetikett tecken", WD_STYLE_TYPE.CHARACTER).font.size = Pt(8)  # a label beside its value

    table = styles.add_style("Memotabell", WD_STYLE_TYPE.TABLE)
    table.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr>'
    ))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("organisation")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="stacked")
    parser.add_argument("--footer", action="append", default=[], help="a line of fixed footer text (address …)")
    parser.add_argument("--templates", type=Path, default=Path("templates"))
    args = parser.parse_args()
    make_template(args.templates / args.organisation / "memo.docx", args.layout, args.footer)


if __name__ == "__main__":
    main()
