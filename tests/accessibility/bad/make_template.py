"""Make tests/accessibility/bad/memo.docx: the Nacka template with one accessibility mistake of each kind.

    .venv/bin/python tests/accessibility/bad/make_template.py

The file is committed so it can be opened in Word; test_lint.py holds the findings it must give.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, RGBColor

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def make(target: Path) -> None:
    doc = Document(str(ROOT / "templates" / "nacka" / "memo.docx"))
    title = doc.styles["Title"].element.pPr
    title.remove(title.find(qn("w:outlineLvl")))  # the title is no heading
    doc.styles["Memohuvud"].font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)  # 2.3:1 on white
    doc.styles["Caption"].font.name = "Frutiger LT 45 Light"  # not installed where the PDF is made

    body = [p for p in doc.paragraphs if p.text == "{{ title }}"][0]
    heading = doc.add_paragraph("Bilagor", style="Heading 3")  # level 4 right after the title: levels skipped
    doc.add_paragraph("")  # an empty paragraph as space
    table = doc.add_table(rows=2, cols=2)  # a data table: a header row with an empty cell, and no caption
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for cell, text in zip(table._cells, ("Namn", "", "Anna", "1")):
        cell.text = text
    link = doc.add_paragraph("Läs mer: ")
    rel_id = doc.part.relate_to("https://www.example.se", RT.HYPERLINK, is_external=True)
    link._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rel_id}"><w:r><w:t>https://www.example.se</w:t>'
                             "</w:r></w:hyperlink>"))
    doc.add_paragraph().add_run().add_picture(io.BytesIO(PIXEL), width=Cm(1))  # no alternative text
    for doc_pr in doc.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        doc_pr.attrib.pop("descr", None)
    moved = [heading._p] + list(doc.element.body)[-5:-1]  # after the title, before {{p body }}
    for element in reversed(moved):
        body._p.addnext(element)
    doc.save(target)


if __name__ == "__main__":
    make(HERE / "memo.docx")
