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
