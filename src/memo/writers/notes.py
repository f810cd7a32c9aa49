"""Footnotes as Word makes them: a w:footnoteReference in the text, the note in word/footnotes.xml.

A footnote's w:id is its number in the memo, so the text read back (``[n]``) and the memo agree.
"""

from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from ..errors import OutputError
from ..memo import Note
from .wml import child

FOOTNOTES_PART = "word/footnotes.xml"
#: The separator lines Word draws above the notes (ids -1 and 0 are reserved for them).
_EMPTY = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>'
)


def reference(run, number: int, style_id: str) -> None:
    """Make the new, empty w:r ``run`` the reference to footnote ``number``."""
    child(child(run, "rPr"), "rStyle", val=style_id)
    child(run, "footnoteReference", id=str(number))


def add_footnotes(root, notes: list[Note], text_style: str, reference_style: str, add_spans) -> None:
    """Write the notes into the footnotes part's root element; ``add_spans(w:p, spans)`` writes text."""
    for note in notes:
        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), str(note.number))
        root.append(footnote)
        for i, memo_paragraph in enumerate(note.paragraphs or ()):
            paragraph = OxmlElement("w:p")
            footnote.append(paragraph)
            paragraph.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:pStyle w:val="{text_style}"/></w:pPr>'))
            if i == 0:
                mark = paragraph.add_r()
                mark.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="{reference_style}"/></w:rPr>'))
                mark.append(OxmlElement("w:footnoteRef"))
                paragraph.add_r().add_t(" ")
            add_spans(paragraph, memo_paragraph.spans)


def empty_footnotes() -> bytes:
    """A footnotes part for a template that has none: only the separators."""
    return _EMPTY.encode("utf-8")


def template_footnotes(root):
    """The template's own footnotes part, which may hold only the separators."""
    if any(int(f.get(qn("w:id"), "0")) > 0 for f in root.iterchildren(qn("w:footnote"))):
        raise OutputError("mallen har egna fotnoter — ta bort dem ur Word-mallen")
    return root
