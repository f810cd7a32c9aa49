"""A PDF is parsed before it is published: PDF/A and PDF/UA by its XMP, set in the template's fonts."""

from __future__ import annotations

import pytest

from memo.errors import ConversionError
from memo.writers.pdf_checks import check_pdf, embedded_fonts, requested_fonts, unexpected_fonts

from .test_pdf import pdf_with_xmp

CASE = "KFKS-2024-00430"


@pytest.mark.parametrize("values, message", [
    ({"pdfuaid:part": "1"}, "PDF:en från LibreOffice för x.docx anger inte PDF/A (pdfaid:part saknas)"),
    ({"pdfaid:part": "2"}, "PDF:en från LibreOffice för x.docx anger inte PDF/UA (pdfuaid:part saknas) "
                           "— LibreOffice 7.4 eller senare behövs"),
])
def test_a_pdf_without_its_declarations_is_refused_before_it_is_published(values, message):
    with pytest.raises(ConversionError) as caught:
        check_pdf(pdf_with_xmp(values), b"", "x.docx")
    assert str(caught.value) == message


def test_a_file_that_is_no_pdf_is_refused():
    with pytest.raises(ConversionError, match="^filen LibreOffice gav för x.docx är ingen läsbar PDF$"):
        check_pdf(b"%PDF-1.6 pdfaid:part>2 truncated", b"", "x.docx")


def test_fonts_other_than_the_templates_or_their_substitutes_are_refused():
    assert unexpected_fonts({"LiberationSans-Bold", "ArialMT", "Arial-BoldMT", "OpenSymbol"}, {"Arial"}) == []
    assert unexpected_fonts({"LiberationSans", "DejaVuSans", "DejaVuSans-Bold"}, {"Arial"}) == [
        "DejaVuSans", "DejaVuSans-Bold"]


def test_the_shipped_pdf_is_set_in_the_templates_fonts(shipped_pdfs):
    pdf = shipped_pdfs[CASE]
    docx = pdf.with_suffix(".docx").read_bytes()
    assert requested_fonts(docx) == {"Arial", "Courier", "Symbol", "Calibri", "Cambria"}  # styles, lists, theme
    assert "LiberationSans" in embedded_fonts(pdf.read_bytes()) or "ArialMT" in embedded_fonts(pdf.read_bytes())
    check_pdf(pdf.read_bytes(), docx, pdf.name)


def test_a_pdf_in_fallback_fonts_is_an_error(shipped_pdfs, monkeypatch):
    pdf = shipped_pdfs[CASE]
    monkeypatch.setattr("memo.writers.pdf_checks.requested_fonts", lambda docx: {"Courier New"})
    with pytest.raises(ConversionError) as caught:
        check_pdf(pdf.read_bytes(), b"", pdf.name)
    assert str(caught.value) == (
        f"PDF:en för {pdf.name} är satt med LiberationSans, LiberationSans-Bold, inte med mallens typsnitt "
        "(Courier New) — LibreOffice föll tillbaka på andra typsnitt; installera mallens typsnitt "
        "(eller deras ersättare) och kontrollera att det finns plats i TMPDIR")


def test_without_fontconfig_only_the_templates_own_fonts_are_accepted(monkeypatch):
    from memo.writers import pdf_checks

    monkeypatch.setattr(pdf_checks.shutil, "which", lambda name: None)
    pdf_checks._substitute.cache_clear()
    try:
        assert unexpected_fonts({"Arial-BoldMT", "ArialMT"}, {"Arial"}) == []
        assert unexpected_fonts({"LiberationSans"}, {"Arial"}) == ["LiberationSans"]
    finally:
        pdf_checks._substitute.cache_clear()
