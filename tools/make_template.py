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
    for line in footer_lines:
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
    """Document type, then each field as a small label over its value; the case officer in the first footer."""
    p = doc.add_paragraph(style="Memohuvud")
    p.add_run("{{ header.document_type }}").bold = True
    for label, value in (("{{ header.date_label }}", "{{ header.date }}"), ("{{ header.dnr_label }}", "{{ header.dnr }}")):
        doc.add_paragraph(label, style="Fältetikett")
        doc.add_paragraph(value, style="Memohuvud")
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
    """Document type and page; a row of labels, the case officer, a row of values and the recipient."""
    p = doc.add_paragraph(style="Memohuvud")
    p.add_run("{{ header.document_type }}").bold = True
    p.add_run("\t")
    p.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT)
    _page_number(p, None)
    labels = doc.add_paragraph("\t{{ header.date_label }}\t{{ header.dnr_label }}"
                               "\t{% if header.recipient %}{{ header.reference_label }}{% endif %}",
                               style="Fältetikett")
    for text in ("{%p if header.officer %}", "{{ header.officer.name }}",
                 "{%p if header.officer.unit %}", "{{ header.officer.unit }}", "{%p endif %}",
                 "{%p if header.officer.email %}", "{{ header.officer.email }}", "{%p endif %}",
                 "{%p endif %}"):
        doc.add_paragraph(text, style="Memohuvud")
    values = doc.add_paragraph("\t{{ header.date }}\t{{ header.dnr }}\t{{ header.recipient }}", style="Memohuvud")
    for paragraph in (labels, values):
        for stop in (Cm(6), Cm(9), Cm(12.5)):
            paragraph.paragraph_format.tab_stops.add_tab_stop(stop)
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    _text(section.first_page_header.paragraphs[0], "{{ header.organisation }}", bold=True)
    first = section.header.paragraphs[0]
    _text(first, "{{ header.date_label }}\t{{ header.dnr_label }}\t")
    _page_number(first, None)
    second = section.header.add_paragraph("{{ header.date }}\t{{ header.dnr }}", style="Header")
    for paragraph in (first, second):
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(4))


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
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 20, 12), ("Heading 1", 14, 16), ("Heading 2", 12, 12), ("Heading 3", 11, 10)):
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
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
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
