"""Validate a .docx's WordprocessingML parts against the ECMA-376 schemas.

The schemas are not shipped with memo: the caller names their folder
(``memo verify-docx --schemas DIR``). Elements and attributes of namespaces a
part declares ignorable (``mc:Ignorable``: w14, w15, wp14 …) are extensions
the 2006 schemas do not know; they are dropped before validating, as an
office program that does not know them would.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import OutputError

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@lru_cache(maxsize=4)
def _schema(folder: Path) -> etree.XMLSchema:
    main = folder / "wml.xsd"
    if not main.is_file():
        raise OutputError(f"{main} saknas — ange mappen med ECMA-376-scheman (wml.xsd)")
    return etree.XMLSchema(etree.parse(str(main)))


def wordprocessing_parts(data: bytes) -> list[str]:
    """The parts of the document's main namespace: document, styles, headers, footers …"""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return sorted(n for n in archive.namelist() if n.startswith("word/") and n.count("/") == 1 and n.endswith(".xml"))


def schema_errors(data: bytes, folder: Path) -> dict[str, list[str]]:
    """Schema errors by part name (an empty list where a part is valid)."""
    schema = _schema(folder.resolve())
    archive = zipfile.ZipFile(io.BytesIO(data))
    result: dict[str, list[str]] = {}
    for name in wordprocessing_parts(data):
        root = _without_ignorable(etree.fromstring(archive.read(name)))
        schema.validate(root)
        result[name] = [f"{e.line}: {e.message}" for e in schema.error_log]
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
