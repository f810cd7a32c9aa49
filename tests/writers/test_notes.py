"""Footnotes in running text: w:footnoteReference in the text, the note in word/footnotes.xml, read back alike."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from memo.verify import docx_text
from memo.writers.text import note_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_footnotes_are_word_footnotes_in_their_own_part(structures_docx):
    archive = zipfile.ZipFile(io.BytesIO(structures_docx))
    document = etree.fromstring(archive.read("word/document.xml"))
    references = [(r.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val"), r.get(f"{W}id"))
                  for r in document.iter(f"{W}footnoteReference")]
    assert references == [("FootnoteReference", "1"), ("FootnoteReference", "2")]
    notes = etree.fromstring(archive.read("word/footnotes.xml"))
    assert [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes.iter(f"{W}footnote")] == [
        ("-1", "separator"), ("0", "continuationSeparator"), ("1", None), ("2", None)]
    [note] = [n for n in notes.iter(f"{W}footnote") if n.get(f"{W}id") == "2"]
    assert note.find(f"{W}p/{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
    assert note.find(f"{W}p/{W}r/{W}footnoteRef") is not None
    types = archive.read("[Content_Types].xml").decode()
    assert 'PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"' in types
    assert b'relationships/footnotes" Target="footnotes.xml"' in archive.read("word/_rels/document.xml.rels")


def test_footnotes_read_back_as_the_text_writer_writes_them(structures, structures_docx):
    text = docx_text(structures_docx)
    assert text.notes == note_lines(structures.memo) == [
        "[1] Lag (2026:1) om tillstånd, 3 kap. 2 §.", "[2] Enligt Boverkets byggregler."]
    assert "Lagen säger[1]:" in text.body
