"""The zip writer: a package any reader opens, the same bytes for the same parts, compressed parts reused."""

import io
import zipfile
from datetime import date

from memo.writers import package
from memo.writers.package import add_content_type, add_relationship, relationships, write_package

PARTS = {
    "word/document.xml": b"<w:document xmlns:w='urn:w'>" + b"<w:p/>" * 500 + b"</w:document>",
    "[Content_Types].xml": b"<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
    "_rels/.rels": b"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'/>",
}


def test_the_package_opens_in_zipfile_with_its_parts_in_order_and_one_time():
    data = write_package(PARTS, date(2024, 3, 25))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None  # every CRC holds
    assert archive.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    assert {info.date_time for info in archive.infolist()} == {(2024, 3, 25, 0, 0, 0)}
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert all(archive.read(name) == content for name, content in PARTS.items())


def test_equal_parts_give_equal_bytes_whether_or_not_their_compression_was_kept():
    first = write_package(PARTS, date(2024, 3, 25))
    package._COMPRESSED.clear()
    assert write_package(dict(reversed(PARTS.items())), date(2024, 3, 25)) == first
    assert write_package(PARTS, date(2024, 3, 26)) != first


def test_a_date_before_zip_time_is_stamped_1980():
    archive = zipfile.ZipFile(io.BytesIO(write_package(PARTS, date(1970, 1, 1))))
    assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_a_relationship_takes_the_next_free_id_and_targets_resolve_against_the_folder():
    rels = (b"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
            b"<Relationship Id='rId1' Type='t/styles' Target='styles.xml'/>"
            b"<Relationship Id='rId3' Type='t/image' Target='../media/a.png'/>"
            b"<Relationship Id='rId4' Type='t/link' Target='http://x' TargetMode='External'/></Relationships>")
    added = add_relationship(rels, "t/footnotes", "footnotes.xml")
    assert relationships(added, "word") == {
        "rId1": ("t/styles", "word/styles.xml"),
        "rId3": ("t/image", "media/a.png"),
        "rId5": ("t/footnotes", "word/footnotes.xml"),
    }


def test_a_content_type_override_is_added():
    added = add_content_type(PARTS["[Content_Types].xml"], "/word/footnotes.xml", "application/x-notes+xml")
    assert b'<Override PartName="/word/footnotes.xml" ContentType="application/x-notes+xml"/>' in added


def test_a_part_name_outside_ascii_is_written_as_utf8():
    parts = {**PARTS, "word/media/logotyp_å.png": b"\x89PNG"}
    archive = zipfile.ZipFile(io.BytesIO(write_package(parts, date(2024, 3, 25))))
    assert archive.read("word/media/logotyp_å.png") == b"\x89PNG" and archive.testzip() is None
