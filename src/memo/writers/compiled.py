"""An organisation's Word template compiled once per process.

Opening a template costs more than a whole memo: python-docx parses its ~800 KB of
styles, docxtpl joins the tags Word split across runs and Jinja compiles them. Here that
is done once per version of the file (path, modification time, size). What a memo then
needs is kept: every part's bytes as stored (copied into each memo unchanged), the tagged
parts' sources (the body, headers, footers, footnotes), the style ids, font sizes and
spacing the block writer asks for, the text width, and the template's own lines of text.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from ..errors import OutputError
from ..files import file_version
from .package import main_part, rels_of, relationships

PACKAGE_RELS = "_rels/.rels"
HEADING_LEVELS = range(1, 10)

#: Style names the writer uses; every template must define those a memo needs.
STYLES = {
    "title": "Title",
    "heading": "Heading {level}",
    "body": "Normal",
    "caption": "Caption",
    "footnote": "Fotnot",
    "quote": "Quote",
    "note": "Footnote Text",
    "note reference": "Footnote Reference",
    "bullet": "List Bullet",
    "number": "List Number",
    "table": "Memotabell",
    "cell": "Tabelltext",
    "small cell": "Tabelltext liten",
}


@dataclass(frozen=True)
class StyleSheet:
    """What the block writer reads from the template's styles, by style name."""

    ids: dict[str, str]
    font_sizes: dict[str, float]  # points, from the style or those it is based on (11 pt if none says)
    space_after: dict[str, int]  # twips, where the style sets it
    text_width: int  # twips: the first section's page width less its margins

    def id(self, name: str) -> str:
        try:
            return self.ids[name]
        except KeyError:
            raise OutputError(f"mallen saknar stilen {name} — lägg till den i Word-mallen") from None


@dataclass(frozen=True)
class CompiledTemplate:
    path: Path
    document: str  # the main document part (word/document.xml as Word names it)
    parts: dict[str, bytes]  # every part as stored in the template
    sources: dict[str, str]  # tagged parts (the document's body, headers, footers, footnotes): docxtpl's source
    related: dict[str, str]  # relationship type -> part name, for the document part's single parts
    styles: StyleSheet
    text: frozenset[str]  # the lines the template writes itself (paragraphs without tags)
    engine: DocxTemplate  # docxtpl, for its treatment of rendered XML; its document is released


def compiled(template_path) -> CompiledTemplate:
    path = Path(template_path)
    return _compiled(path, file_version(path))


@functools.lru_cache(maxsize=8)
def _compiled(path: Path, version: tuple) -> CompiledTemplate:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    engine = DocxTemplate(str(path))
    engine.init_docx()
    document = engine.docx
    document_part = main_part(parts.get(PACKAGE_RELS))
    sources = {document_part: engine.patch_xml(engine.get_xml())}
    for uri in (engine.HEADER_URI, engine.FOOTER_URI):
        for _, part in engine.get_headers_footers(uri):
            sources[str(part.partname).lstrip("/")] = engine.patch_xml(engine.get_part_xml(part))
    rels = parts.get(rels_of(document_part), b"<Relationships/>")
    related = {kind: name for kind, name in relationships(rels, document_part.rpartition("/")[0]).values()
               if kind not in (RT.HEADER, RT.FOOTER)}
    if RT.FOOTNOTES in related:
        name = related[RT.FOOTNOTES]
        sources[name] = engine.patch_xml(parts[name].decode("utf-8"))
    styles = _style_sheet(document)
    text = _template_text(document.element.body)
    engine.docx = None  # the parsed template is not needed again; keep the process small
    return CompiledTemplate(path, document_part, parts, sources, related, styles, text, engine)


def _style_sheet(document) -> StyleSheet:
    names = [n for key, n in STYLES.items() if key != "heading"]
    names += [STYLES["heading"].format(level=level) for level in HEADING_LEVELS]
    ids, sizes, spacing = {}, {}, {}
    for name in names:
        try:
            style = document.styles[name]
        except KeyError:
            continue
        ids[name] = style.style_id
        sizes[name] = _font_size(style)
        space = getattr(style, "paragraph_format", None) and style.paragraph_format.space_after
        if space is not None:
            spacing[name] = space.twips
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) // 635  # EMU per twip
    return StyleSheet(ids, sizes, spacing, width)


def _font_size(style) -> float:
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 11.0


def _template_text(body) -> frozenset[str]:
    lines = ("".join(p.xpath(".//w:t/text()")) for p in body.iter(qn("w:p")))
    return frozenset(line for line in lines if line.strip() and not _TAG.search(line))


_TAG = re.compile(r"\{[{%#]|[}%#]\}")
