"""Read a built .docx back and check it says what the memo says.

``docx_text`` is also the reading order the fidelity tests compare with the
reference memos: page header of page one, then body paragraphs and table
rows (cells separated by tabs; a cell spanning columns once), skipping empty paragraphs.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .errors import OutputError
from .memo import Memo
from .writers.package import main_part, rels_of, relationships
from .writers.properties import CORE_PART, CP, DC, DCTERMS
from .writers.text import memo_lines, note_lines


@dataclass(frozen=True)
class DocxText:
    header: list[str]
    body: list[str]
    notes: list[str] = field(default_factory=list)  # footnotes: "[n] text", further paragraphs as lines

    @property
    def lines(self) -> list[str]:
        return self.header + self.body


def docx_text(data: bytes) -> DocxText:
    """The document's text in reading order, read from its XML (the parts as Word reads them)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    name = _main_part(archive)
    return _text(archive, name, etree.fromstring(archive.read(name), _PARSER))


def _main_part(archive: zipfile.ZipFile) -> str:
    try:
        return main_part(archive.read("_rels/.rels"))
    except KeyError:
        return main_part(None)


def _text(archive: zipfile.ZipFile, name: str, document) -> DocxText:
    body = document.find(W + "body")
    rels = _relationships(archive, rels_of(name))
    header = _first_page_header(body, rels)
    header_lines = _lines(etree.fromstring(archive.read(header), _PARSER)) if header else []
    notes = next((name for kind, name in rels.values() if kind == RT.FOOTNOTES), None)
    note_lines_ = _note_lines(etree.fromstring(archive.read(notes), _PARSER)) if notes else []
    return DocxText(header_lines, _lines(body), note_lines_)


def _relationships(archive: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    try:
        return relationships(archive.read(name), name.split("_rels/")[0].rstrip("/"))
    except KeyError:
        return {}


def _first_page_header(body, rels: dict[str, tuple[str, str]]) -> str | None:
    """The part of the header the first page shows: the first section's first-page header where the section
    has one (w:titlePg), else its default header; None where the section has none."""
    section = next(body.iter(W + "sectPr"), None)
    if section is None:
        return None
    kind = "first" if _on(section.find(W + "titlePg")) else "default"
    for reference in section.iterchildren(W + "headerReference"):
        if reference.get(W + "type", "default") == kind:
            rel = rels.get(reference.get(R + "id"))
            return rel[1] if rel else None
    return None


def _on(element) -> bool:
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


def _note_lines(root) -> list[str]:
    """The footnotes (w:id 1 and up; -1 and 0 are separators), the first line of each with its number."""
    lines: list[str] = []
    for note in root.iterchildren(W + "footnote"):
        if int(note.get(W + "id", "0")) > 0:
            texts = [paragraph_text(p) for p in note.iterchildren(W + "p")]
            lines += [f"[{note.get(W + 'id')}]" + texts[0], *texts[1:]] if texts else []
    return lines


def _lines(container) -> list[str]:
    """Paragraphs with text and table rows (cells joined by tabs, a cell's paragraphs by line breaks), in order."""
    lines: list[str] = []
    for child in container.iterchildren(W + "p", W + "tbl"):
        if child.tag == W + "p":
            text = paragraph_text(child)
            if text.strip():
                lines.append(text)
            continue
        above: dict[int, str] = {}  # grid column -> text of the cell a vertical merge continues
        for row in child.iterchildren(W + "tr"):
            cells, column, current = [], 0, {}
            for cell in row.iterchildren(W + "tc"):
                properties = cell.find(W + "tcPr")
                merge = properties.find(W + "vMerge") if properties is not None else None
                span = properties.find(W + "gridSpan") if properties is not None else None
                if merge is not None and merge.get(W + "val", "continue") == "continue":
                    text = above.get(column, "")
                else:
                    text = "\n".join(paragraph_text(p) for p in cell.iterchildren(W + "p"))
                cells.append(text)
                current[column] = text
                column += int(span.get(W + "val", "1")) if span is not None else 1
            above = current
            line = "\t".join(cells)
            if line.strip():
                lines.append(line)
    return lines


def paragraph_text(p) -> str:
    """A paragraph's text as a reader sees it; a field shows as {PAGE}, since the office program fills it in."""
    out: list[str] = []
    for element in p.iter(W + "t", W + "tab", W + "br", W + "fldSimple", W + "softHyphen", W + "noBreakHyphen",
                          W + "footnoteReference"):
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
        elif element.tag == W + "footnoteReference":
            out.append(f"[{element.get(W + 'id')}]")
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
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


#: Digests of XML parts that parsed strictly: the same bytes need not be parsed again.
_PARSED: set[bytes] = set()
_PARSER = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)

CONTENT_TYPES = "[Content_Types].xml"
MAX_PART_BYTES = 64 * 1024 * 1024  # a part larger than this unpacked is no memo (a zip bomb)
MAX_PACKAGE_BYTES = 256 * 1024 * 1024
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
#: The namespaces a core-properties element may be in (ECMA-376 part 2, 11).
CORE_NAMESPACES = {CP, DC, DCTERMS}


@dataclass(frozen=True)
class _ContentTypes:
    defaults: dict[str, str]
    overrides: dict[str, str]


def _content_types(archive: zipfile.ZipFile) -> _ContentTypes:
    try:
        root = etree.fromstring(archive.read(CONTENT_TYPES), _PARSER)
    except KeyError:
        raise OutputError(f"dokumentet saknar {CONTENT_TYPES}") from None
    except etree.XMLSyntaxError as exc:
        raise OutputError(f"delen {CONTENT_TYPES} är inte giltig XML ({exc})") from None
    return _ContentTypes(
        {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(CT + "Default")},
        {e.get("PartName", ""): e.get("ContentType", "") for e in root.iter(CT + "Override")},
    )


def _parsed(archive: zipfile.ZipFile, name: str):
    """The part parsed strictly, or None where the same bytes parsed before (a part copied from the template)."""
    part = archive.read(name)
    digest = hashlib.sha256(part).digest()
    if digest in _PARSED:
        return None
    try:
        root = etree.fromstring(part, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise OutputError(f"delen {name} är inte giltig XML ({exc})") from None
    if len(_PARSED) < 256:
        _PARSED.add(digest)
    return root


def _check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a package whose parts unpack to more than a memo can be; zipfile reads no more than declared."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise OutputError(f"delen {info.filename} packas upp till {info.file_size} byte, mer än gränsen "
                              f"{MAX_PART_BYTES} — filen är ingen memo-fil")
    if total > MAX_PACKAGE_BYTES:
        raise OutputError(f"dokumentet packas upp till {total} byte, mer än gränsen {MAX_PACKAGE_BYTES} "
                          "— filen är ingen memo-fil")


def _check_core_properties(root) -> None:
    """Each property once and in its own namespace: Word repairs a document where it is not."""
    seen: set[str] = set()
    for child in root:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child)
        if name.namespace not in CORE_NAMESPACES:
            raise OutputError(f"delen {CORE_PART} har egenskapen {name.localname} i fel namnrymd ({name.namespace})")
        if name.localname in seen:
            raise OutputError(f"delen {CORE_PART} har egenskapen {name.localname} två gånger")
        seen.add(name.localname)


def verify_docx(data: bytes, memo: Memo | None = None, template_text: frozenset[str] = frozenset()) -> DocxText:
    """The verification ladder; raise OutputError at the first rung that fails.

    ``template_text``: lines the template itself writes (text without tags), which may
    stand between the memo's lines.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise OutputError("dokumentet är ingen giltig zip-fil") from None
    names = archive.namelist()
    if len(names) != len(set(names)):
        raise OutputError("dokumentet har dubblerade delar")
    _check_sizes(archive)
    types = _content_types(archive)
    main = _main_part(archive)
    document = None
    for name in names:
        if name == CONTENT_TYPES:
            continue
        content_type = types.overrides.get("/" + name) or types.defaults.get(name.rsplit(".", 1)[-1].lower())
        if content_type is None:
            raise OutputError(f"delen {name} saknar innehållstyp i {CONTENT_TYPES}")
        if content_type.endswith("xml"):
            root = _parsed(archive, name)
            if name == CORE_PART and root is not None:
                _check_core_properties(root)
            if name == main:
                document = root
    if main not in names:
        raise OutputError(f"dokumentet saknar delen {main}")
    text = _text(archive, main, document if document is not None else etree.fromstring(archive.read(main), _PARSER))
    if memo is not None:
        expected = [line for line in memo_lines(memo) if line.strip()]
        # The title may also stand in the letterhead ("TJÄNSTESKRIVELSE"): the memo starts where the rest matches.
        starts = [i for i, line in enumerate(text.body) if line == memo.title] or [0]
        start = next((i for i in starts if _without_template_text(text.body[i:], expected, template_text) == expected),
                     starts[0])
        actual = _without_template_text(text.body[start:], expected, template_text)
        if actual != expected:
            raise OutputError(_first_difference(expected, actual))
        if text.notes != note_lines(memo):
            raise OutputError(f"dokumentets fotnoter avviker från memot: väntade {note_lines(memo)!r}, fick {text.notes!r}")
        missing = [v for v in (memo.header.date, memo.header.dnr) if not any(v in line for line in text.body[:start] + text.header)]
        if missing:
            raise OutputError(f"dokumentets huvud saknar {', '.join(missing)}")
    return text


def _without_template_text(actual: list[str], expected: list[str], template_text: frozenset[str]) -> list[str]:
    """The document's lines with the template's own lines left out where the memo does not have them."""
    if not template_text:
        return actual
    kept: list[str] = []
    for line in actual:
        if len(kept) < len(expected) and line == expected[len(kept)]:
            kept.append(line)
        elif line not in template_text:
            kept.append(line)
    return kept


def _first_difference(expected: list[str], actual: list[str]) -> str:
    for i, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            return f"dokumentets text avviker från memot på rad {i + 1}: väntade {want!r}, fick {got!r}"
    return f"dokumentet har {len(actual)} rader text, memot {len(expected)}"
