"""A .docx package written the same way every time, its unchanged parts compressed once per process.

A memo shares most of its bytes with its template (styles, theme, fonts: ~800 KB of XML);
deflating them for every memo was a third of a build. ``write_package`` keeps the
compressed form of each part's bytes and writes the zip itself (PKWARE APPNOTE 4.3:
local headers, data, central directory), since ``zipfile`` cannot take data already
compressed. Entries are in a fixed order with a fixed time, so equal input gives equal bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict
from datetime import date
from lxml import etree

CONTENT_TYPES = "[Content_Types].xml"
_PKG_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # deflate
_PERMISSIONS = 0o600 << 16  # as zipfile wrote them before: owner read/write
_UTF8_NAME = 0x800  # general purpose flag bit 11: the name is UTF-8 (APPNOTE 4.4.4)


class _Compressed(OrderedDict):
    """Part bytes -> (crc, deflated bytes); bytes objects cache their hash, so a lookup is cheap."""

    LIMIT = 128

    def get_or_make(self, data: bytes) -> tuple[int, bytes]:
        found = self.get(data)
        if found is None:
            compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            found = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
            self[data] = found
            if len(self) > self.LIMIT:
                self.popitem(last=False)
        return found


_COMPRESSED = _Compressed()


def write_package(parts: dict[str, bytes], day: date) -> bytes:
    """The parts as a zip: [Content_Types].xml first, then by name; every entry stamped with ``day``."""
    year, month, mday = max((day.year, day.month, day.day), (1980, 1, 1))  # zip time starts in 1980
    dos_date, dos_time = (year - 1980) << 9 | month << 5 | mday, 0
    names = sorted(parts, key=lambda n: (n != CONTENT_TYPES, n))
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = parts[name]
        crc, packed = _COMPRESSED.get_or_make(data)
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        header = _LOCAL.pack(0x04034B50, _VERSION, flags, 8, dos_time, dos_date, crc, len(packed), len(data),
                             len(encoded), 0)
        central.append(_CENTRAL.pack(0x02014B50, _VERSION, _VERSION, flags, 8, dos_time, dos_date, crc, len(packed),
                                     len(data), len(encoded), 0, 0, 0, 0, _PERMISSIONS, offset) + encoded)
        chunks += (header, encoded, packed)
        offset += len(header) + len(encoded) + len(packed)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(names), len(names), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def add_content_type(content_types: bytes, part_name: str, content_type: str) -> bytes:
    """[Content_Types].xml with an Override for a part the template did not have."""
    root = etree.fromstring(content_types)
    override = etree.SubElement(root, f"{{{_PKG_CT}}}Override")
    override.set("PartName", part_name)
    override.set("ContentType", content_type)
    return serialise(root)


def add_relationship(rels: bytes, reltype: str, target: str) -> bytes:
    """A part's relationships with one more, under the next free rId."""
    root = etree.fromstring(rels)
    ids = {r.get("Id") for r in root}
    number = len(ids) + 1
    while f"rId{number}" in ids:
        number += 1
    relationship = etree.SubElement(root, f"{{{_PKG_REL}}}Relationship")
    relationship.set("Id", f"rId{number}")
    relationship.set("Type", reltype)
    relationship.set("Target", target)
    return serialise(root)


def relationships(rels: bytes, base: str) -> dict[str, tuple[str, str]]:
    """rId -> (type, part name) of a part's internal relationships; ``base`` is the folder targets are relative to."""
    out = {}
    for r in etree.fromstring(rels):
        if r.get("TargetMode") != "External":
            target = r.get("Target", "")
            out[r.get("Id")] = (r.get("Type", ""), _join(base, target))
    return out


OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def main_part(package_rels: bytes | None) -> str:
    """The main document part named by the package's relationships (_rels/.rels): word/document.xml as Word
    writes it, but a package may name it otherwise (document2.xml)."""
    if package_rels:
        for kind, name in relationships(package_rels, "").values():
            if kind == OFFICE_DOCUMENT:
                return name
    return "word/document.xml"


def rels_of(part: str) -> str:
    """The relationships part of a part: word/document.xml -> word/_rels/document.xml.rels."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _join(base: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    parts = [p for p in base.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def serialise(root) -> bytes:
    """An XML part as Word and python-docx write it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, encoding="UTF-8", standalone=True)
