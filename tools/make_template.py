"""Create a starting Word template for an organisation: templates/<id>/memo.docx.

A developer tool, run once per organisation; afterwards the template belongs to
the organisation's communicator, who restyles it in Word. It holds styles,
page setup, header, footer and where the memo's blocks go, and only
docxtpl tags that print prepared values.

    python tools/make_template.py nacka --layout stacked
"""

from __future__ import annotations

import argparse
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START  # noqa: F401  (kept for communicators' reference)
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Arial"
LANG = "sv-SE"

# The header block at the top of page one, per layout: (text with tags, bold, alignment).
LAYOUTS = {
    # date, document type, "Dnr: …" stacked at the right (Nacka).
    "stacked": [
        ("{{ header.date }}", False, WD_ALIGN_PARAGRAPH.RIGHT),
        ("{{ header.document_type }}", True, WD_ALIGN_PARAGRAPH.RIGHT),
        ("{{ header.dnr_label }}: {{ header.dnr }}", False, WD_ALIGN_PARAGRAPH.RIGHT),
    ],
}


def make_template(target: Path, layout: str) -> None:
    doc = Document()
    _drop_thumbnail(doc)
    _page_setup(doc)
    _styles(doc)
    _header_footer(doc)

    body = doc.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)

    for text, bold, align in LAYOUTS[layout]:
        p = doc.add_paragraph(style="Memohuvud")
        p.alignment = align
        p.add_run(text).bold = bold
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

    table = styles.add_style("Memotabell", WD_STYLE_TYPE.TABLE)
    table.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr>'
    ))


def _header_footer(doc) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{{ header.organisation }}"
    header.style = doc.styles["Header"]
    header.runs[0].bold = True
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> (</w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>)</w:t></w:r>'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("organisation")
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="stacked")
    parser.add_argument("--templates", type=Path, default=Path("templates"))
    args = parser.parse_args()
    make_template(args.templates / args.organisation / "memo.docx", args.layout)


if __name__ == "__main__":
    main()
