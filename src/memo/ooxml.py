"""Validate every XML part of a .docx package against the ECMA-376 schemas.

Each part is checked against the schema of its root element's namespace: the
package parts (content types, relationships, core properties) against the OPC
schemas of part 2, the document, styles, headers, footers, numbering, settings
… against WordprocessingML, the theme against DrawingML, the application and
custom-XML properties against the shared schemas. A part whose namespace no
schema of ECMA-376 covers is reported as such, never silently passed.

The schemas are not shipped with memo: the caller names their folder
(``memo verify-docx --schemas DIR``). The core-properties schema imports the
Dublin Core schemas from the network; memo ships small stand-ins for them
(``xsd/dc.xsd``, ``xsd/dcterms.xsd``). Elements and attributes of namespaces a
part declares ignorable (``mc:Ignorable``: w14, w15, wp14 …) are extensions
the 2006 schemas do not know; they are dropped before validating, as an
office program that does not know them would.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import OutputError

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STAND_INS = Path(__file__).parent / "xsd"

#: Root namespace -> schema file (relative to the schema folder).
SCHEMAS = {
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-xsd/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-xsd/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "opc-xsd/opc-coreProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
}


@dataclass
class Validation:
    """Schema errors by part name (an empty list where a part is valid), and parts no schema covers."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    uncovered: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(self.errors.values()) or bool(self.uncovered)


class _LocalSchemas(etree.Resolver):
    """Resolve schema imports on disk: the Dublin Core stand-ins and the xml: namespace."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        name = (url or "").rsplit("/", 1)[-1]
        if name in ("dc.xsd", "dcterms.xsd"):
            return self.resolve_filename(str(STAND_INS / name), context)
        if name == "xml.xsd":
            return self.resolve_filename(str(self.folder / "xml.xsd"), context)
        return None


@lru_cache(maxsize=16)
def _schema(folder: Path, relative: str) -> etree.XMLSchema:
    path = folder / relative
    if not path.is_file():
        raise OutputError(f"{path} saknas — ange mappen med ECMA-376-scheman (wml.xsd, opc-xsd/)")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas(folder))
    return etree.XMLSchema(etree.parse(str(path), parser))


def xml_parts(data: bytes) -> list[str]:
    """Every part of the package that holds XML, by content type or extension."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]


def validate_package(data: bytes, folder: Path) -> Validation:
    folder = folder.resolve()
    archive = zipfile.ZipFile(io.BytesIO(data))
    result = Validation()
    for name in xml_parts(data):
        root = etree.fromstring(archive.read(name))
        namespace = etree.QName(root).namespace
        if namespace not in SCHEMAS:
            result.uncovered.append(name)
            continue
        schema = _schema(folder, SCHEMAS[namespace])
        schema.validate(_without_ignorable(root))
        result.errors[name] = [f"{e.line}: {e.message}" for e in schema.error_log]
    return result


def _without_ignorable(root: etree._Element) -> etree._Element:
    prefixes = root.get(f"{{{MC}}}Ignorable", "").split()
    ignorable = {root.nsmap[p] for p in prefixes if p in root.nsmap} | {MC}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attribute in list(element.attrib):
            if etree.QName(attribute).namespace in ignorable:
                del element.attrib[attribute]
    return root
