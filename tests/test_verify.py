import io
import zipfile
from dataclasses import replace

import pytest

from memo.errors import OutputError
from memo.verify import docx_text, verify_docx


def rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            change(target, name, source.read(name))
    return out.getvalue()


def test_the_built_document_passes_the_ladder(nacka, nacka_docx):
    text = verify_docx(nacka_docx, nacka.memo)
    assert text.header == ["Nacka kommun"]


def test_not_a_zip():
    with pytest.raises(OutputError, match="ingen giltig zip"):
        verify_docx(b"not a zip")


def test_duplicate_parts(nacka_docx):
    def twice(target, name, data):
        target.writestr(name, data)
        if name == "word/styles.xml":
            target.writestr(name, data)

    with pytest.warns(UserWarning):
        data = rezip(nacka_docx, twice)
    with pytest.raises(OutputError, match="dubblerade delar"):
        verify_docx(data)


def test_xml_that_does_not_parse_strictly(nacka_docx):
    def broken(target, name, data):
        target.writestr(name, data.replace(b"</w:body>", b"</w:body><", 1) if name == "word/document.xml" else data)

    with pytest.raises(OutputError, match="word/document.xml är inte giltig XML"):
        verify_docx(rezip(nacka_docx, broken))


def test_text_that_differs_from_the_memo(nacka, nacka_docx):
    other = replace(nacka.memo, title="Något annat")
    with pytest.raises(OutputError, match="avviker från memot"):
        verify_docx(nacka_docx, other)


def test_reading_order_has_tables_as_tab_separated_rows(nacka_docx):
    body = docx_text(nacka_docx).body
    assert "Trygghetspaketet\tFörslag 2024\tUtfall 2023\tBudget 2023" in body


FOREIGN_LAST_MODIFIED = (b'<cp:lastModifiedBy xmlns:cp="http://schemas.openxmlformats.org/officeDocument/2006/'
                         b'custom-properties">x</cp:lastModifiedBy>')


@pytest.mark.parametrize("added, message", [
    (FOREIGN_LAST_MODIFIED, "egenskapen lastModifiedBy i fel namnrymd"),
    (b"<dc:title>igen</dc:title>", "egenskapen title två gånger"),
])
def test_core_properties_in_the_wrong_namespace_or_twice(nacka_docx, added, message):
    def doubled(target, name, data):
        target.writestr(name, data.replace(b"</cp:coreProperties>", added + b"</cp:coreProperties>") if name == "docProps/core.xml" else data)

    with pytest.raises(OutputError, match=message):
        verify_docx(rezip(nacka_docx, doubled))


def test_a_part_without_content_type(nacka_docx):
    def extra(target, name, data):
        target.writestr(name, data)
        if name == "word/document.xml":
            target.writestr("word/extra.bin", b"\0")

    with pytest.raises(OutputError, match="delen word/extra.bin saknar innehållstyp"):
        verify_docx(rezip(nacka_docx, extra))


def test_every_xml_part_is_parsed_whatever_its_name(nacka_docx):
    """A part is XML by its content type, not its extension: a broken one is found under any name."""
    def renamed(target, name, data):
        if name == "[Content_Types].xml":
            data = data.replace(b"</Types>", b'<Override PartName="/word/extra.dat" ContentType="application/vnd.example+xml"/></Types>')
        target.writestr(name, data)
        if name == "word/document.xml":
            target.writestr("word/extra.dat", b"<a><b></a>")

    with pytest.raises(OutputError, match="word/extra.dat är inte giltig XML"):
        verify_docx(rezip(nacka_docx, renamed))
