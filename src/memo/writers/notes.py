"""Footnotes as Word makes them: a w:footnoteReference in the text, the note in word/footnotes.xml.

A footnote's w:id is its number in the memo, so the text read back (``[n]``) and the memo agree.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import OutputError
from ..memo import Note

PART_NAME = "/word/footnotes.xml"
#: The separator lines Word draws above the notes (ids -1 and 0 are reserved for them).
_EMPTY = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>'
)


def reference(run, number: int, style_id: str) -> None:
    """Make ``run`` the reference to footnote ``number``."""
    run_properties = run._r.get_or_add_rPr()
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), style_id)
    run_properties.insert(0, style)
    element = OxmlElement("w:footnoteReference")
    element.set(qn("w:id"), str(number))
    run._r.append(element)


def add_footnotes(document, notes: list[Note], text_style: str, reference_style: str, add_spans) -> None:
    """Write the notes into the document's footnotes part (made when the template has none)."""
    if not notes:
        return
    root = _footnotes(document)
    for note in notes:
        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), str(note.number))
        root.append(footnote)
        for i, memo_paragraph in enumerate(note.paragraphs or ()):
            element = OxmlElement("w:p")
            footnote.append(element)
            element.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="{text_style}"/></w:pPr>'))
            paragraph = DocxParagraph(element, document._body)
            if i == 0:
                mark = paragraph.add_run()
                mark._r.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="{reference_style}"/></w:rPr>'))
                mark._r.append(OxmlElement("w:footnoteRef"))
                paragraph.add_run(" ")
            add_spans(paragraph, memo_paragraph.spans)


def _footnotes(document):
    """The footnotes part's root element; a template's own part may hold only the separators."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, XmlPart):  # python-docx loads the part as bytes: read it as XML in its place
                part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = part
            if any(int(f.get(qn("w:id"), "0")) > 0 for f in part.element.iterchildren(qn("w:footnote"))):
                raise OutputError("mallen har egna fotnoter — ta bort dem ur Word-mallen")
            return part.element
    part = XmlPart(PackURI(PART_NAME), CT.WML_FOOTNOTES, parse_xml(_EMPTY), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part.element
