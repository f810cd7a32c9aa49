"""Read a built .docx back and check it says what the memo says.

``docx_text`` is also the reading order the fidelity tests compare with the
reference memos: page header of page one, then body paragraphs and table
rows (cells separated by tabs), skipping empty paragraphs.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from .errors import OutputError
from .memo import Memo
from .writers.text import memo_lines


@dataclass(frozen=True)
class DocxText:
    header: list[str]
    body: list[str]

    @property
    def lines(self) -> list[str]:
        return self.header + self.body


def docx_text(data: bytes) -> DocxText:
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    return DocxText(_lines(header.iter_inner_content()), _lines(document.iter_inner_content()))


def _lines(items) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Paragraph):
            text = paragraph_text(item._p)
            if text.strip():
                lines.append(text)
        elif isinstance(item, Table):
            for row in item.rows:
                lines.append("\t".join("\n".join(paragraph_text(p._p) for p in cell.paragraphs) for cell in row.cells))
    return lines


def paragraph_text(p) -> str:
    """A paragraph's text as a reader sees it; a field shows as {PAGE}, since the office program fills it in."""
    out: list[str] = []
    for element in p.iter(W + "t", W + "tab", W + "br", W + "fldSimple", W + "softHyphen", W + "noBreakHyphen"):
        if element.tag == W + "t":
            if not _inside(element, W + "fldSimple"):
                out.append(element.text or "")
        elif element.tag == W + "tab":
            if element.getparent().tag == W + "r":
                out.append("\t")
        elif element.tag == W + "br":
            out.append("\n")
        elif element.tag == W + "softHyphen":
            out.append("\u00ad")
        elif element.tag == W + "noBreakHyphen":
            out.append("\u2011")
        elif element.tag == W + "fldSimple":
            out.append("{" + element.get(W + "instr", "").strip().split(" ")[0] + "}")
    return "".join(out)


def _inside(element, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: Digests of XML parts that parsed strictly: the same bytes need not be parsed again.
_PARSED: set[bytes] = set()


def verify_docx(data: bytes, memo: Memo | None = None) -> DocxText:
    """The verification ladder; raise OutputError at the first rung that fails."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise OutputError("dokumentet är ingen giltig zip-fil") from None
    names = archive.namelist()
    if len(names) != len(set(names)):
        raise OutputError("dokumentet har dubblerade delar")
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    for name in names:
        if name.endswith((".xml", ".rels")):
            part = archive.read(name)
            digest = hashlib.sha256(part).digest()
            if digest in _PARSED:  # the same bytes parsed before (a part copied from the template)
                continue
            try:
                etree.fromstring(part, parser)
            except etree.XMLSyntaxError as exc:
                raise OutputError(f"delen {name} är inte giltig XML ({exc})") from None
            if len(_PARSED) < 256:
                _PARSED.add(digest)
    text = docx_text(data)
    if memo is not None:
        expected = [line for line in memo_lines(memo) if line.strip()]
        start = text.body.index(memo.title) if memo.title in text.body else 0
        if text.body[start:] != expected:
            raise OutputError(_first_difference(expected, text.body[start:]))
        missing = [v for v in (memo.header.date, memo.header.dnr) if not any(v in line for line in text.body[:start] + text.header)]
        if missing:
            raise OutputError(f"dokumentets huvud saknar {', '.join(missing)}")
    return text


def _first_difference(expected: list[str], actual: list[str]) -> str:
    for i, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            return f"dokumentets text avviker från memot på rad {i + 1}: väntade {want!r}, fick {got!r}"
    return f"dokumentet har {len(actual)} rader text, memot {len(expected)}"
