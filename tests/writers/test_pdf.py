"""Real client: LibreOffice opens the built memo and exports PDF/A-2 with PDF/UA-1. Skips only outside CI.

The shipped cases are converted once per session (``shipped_pdfs`` in conftest.py); a conversion takes seconds.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pikepdf
import pytest

from memo.build import Workspace, build
from memo.errors import ConversionError
from memo.writers import pdf as pdf_writer
from memo.writers.pdf import convert_to_pdf, declares_pdfa, declares_pdfua

from ..conftest import ROOT, TABLE_ROWS, edit_case, require


def pdf_text(path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def soffice():
    require(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")


def test_libreoffice_opens_the_memo_and_its_pdf_holds_title_and_sums(shipped_pdfs):
    pdf = shipped_pdfs["KFKS-2024-00430"]
    assert pdf.with_suffix(".docx").is_file()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and declares_pdfa(data) and declares_pdfua(data)
    assert pikepdf.open(pdf).Root.Lang == "sv-SE"  # the document language reaches the tagged PDF
    text = pdf_text(pdf)
    assert "Trygghetspaketet 2024" in text
    assert re.search(r"SUMMA\s+5,0\s+mkr\n", text)
    assert re.search(r"SUMMA\s+5,0\s+mkr\s+4,29\s+mkr\s+5,0\s+mkr", text)
    assert re.search(r"^\s*1 \(3\)\s*$", text, re.M), "page numbers n (N) in the footer"


def test_a_file_libreoffice_cannot_load_is_an_error_not_a_silent_success(tmp_path, soffice):
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 not really a document")
    target = tmp_path / "trasig.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(ConversionError):
        convert_to_pdf(broken, target)
    assert target.read_bytes() == b"previous"


def test_missing_libreoffice_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_writer.shutil, "which", lambda name: None)
    with pytest.raises(ConversionError, match="apt-get install libreoffice-writer-nogui"):
        convert_to_pdf(tmp_path / "x.docx", tmp_path / "x.pdf")


def test_pdfa_and_pdfua_declarations_are_read_from_the_parsed_xmp():
    assert declares_pdfa(pdf_with_xmp({"pdfaid:part": "2"})) and not declares_pdfua(pdf_with_xmp({"pdfaid:part": "2"}))
    assert declares_pdfua(pdf_with_xmp({"pdfuaid:part": "1"})) and not declares_pdfa(pdf_with_xmp({}))
    assert not declares_pdfa(pdf_with_xmp({"pdfaid:part": "7"}))


@pytest.mark.parametrize("fake", [
    b'<rdf:Description pdfaid:part="2" pdfaid:conformance="B"/>',
    b"%PDF-1.6\n<pdfaid:part>2</pdfaid:part><pdfuaid:part>1</pdfuaid:part>\n%%EOF",
])
def test_a_fake_pdf_with_the_words_pdfaid_part_is_refused(fake):
    assert not declares_pdfa(fake) and not declares_pdfua(fake)


def pdf_with_xmp(values: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            for key, value in values.items():
                meta[key] = value
        pdf.save(out)
    return out.getvalue()


def test_parallel_conversions_do_not_collide(workspace, soffice):
    from concurrent.futures import ThreadPoolExecutor

    docs = [build(workspace.cases / f"{case}.yaml", workspace).paths[0] for case in ("SN-18-0098", "KFKS-2024-00430")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda d: convert_to_pdf(d, d.with_suffix(".pdf")), docs))
    for pdf in pdfs:
        assert declares_pdfa(pdf.read_bytes())
    assert "Revidering av riktlinjer för ekonomiskt bistånd" in pdf_text(pdfs[0])


def test_pdf_carries_the_memo_date_and_properties_not_the_conversion_time(workspace, soffice):
    title = 'Trygghetspaketet "2024" & <trygghet>'  # LibreOffice alone would write &quot; into the title
    edit_case(workspace, "title: Trygghetspaketet 2024", f"title: '{title}'")
    docx, pdf = build(workspace.cases / "KFKS-2024-00430.yaml", workspace, pdf=True).paths
    with pikepdf.open(pdf) as document:
        info = {str(k): str(v) for k, v in document.docinfo.items()}
        meta = document.open_metadata()
        assert meta["xmp:CreateDate"] == "2024-03-25T00:00:00Z"
        assert meta["dc:language"] == {"sv-SE"}
        assert meta["pdfaid:part"] == "2"
        assert meta["dc:title"] == title
    assert info["/CreationDate"] == "D:20240325000000+00'00"
    assert (info["/Title"], info["/Subject"], info["/Author"]) == (title, "KFKS-2024-00430", "Nacka kommun")
    assert info["/Keywords"] == "Tjänsteskrivelse, KFKS-2024-00430, Nacka kommun"

    again = convert_to_pdf(docx, docx.with_name("igen.pdf"))
    assert differing_objects(pdf, again) <= {"ICC output intent", "trailer /DocChecksum", "trailer /ID"}, (
        "only LibreOffice's ICC profile time, its /DocChecksum and the /ID computed from the content may differ")


def differing_objects(a, b) -> set[str]:
    """Which objects of two PDFs of the same document differ (by object number, named where known)."""
    with pikepdf.open(a) as first, pikepdf.open(b) as second:
        intent = first.Root.OutputIntents[0]  # its repr holds the ICC stream's compressed /Length
        icc = {intent.objgen, intent.DestOutputProfile.objgen}
        found = set()
        assert len(first.objects) == len(second.objects)
        for x, y in zip(first.objects, second.objects):
            same = (x.read_raw_bytes() == y.read_raw_bytes() and repr(x.stream_dict) == repr(y.stream_dict)
                    if isinstance(x, pikepdf.Stream) else repr(x) == repr(y))
            if not same:
                found.add("ICC output intent" if x.objgen in icc else f"object {x.objgen}")
        assert first.trailer.keys() == second.trailer.keys()
        found |= {f"trailer {key}" for key in first.trailer.keys()
                  if key not in ("/Root", "/Info") and repr(first.trailer[key]) != repr(second.trailer[key])}
        return found


def test_libreoffice_keeps_the_varav_indent_the_minus_signs_and_the_net_row(tmp_path, soffice):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "cases").mkdir()
    shutil.copy(TABLE_ROWS, tmp_path / "cases")
    _, pdf = build(tmp_path / "cases" / TABLE_ROWS.name, Workspace(tmp_path), pdf=True).paths
    lines = {line.strip().split("  ")[0]: line for line in pdf_text(pdf).splitlines() if line.strip()}
    indent = {name: len(lines[name]) - len(lines[name].lstrip()) for name in ("Kostnader", "varav lokalhyra")}
    assert indent["varav lokalhyra"] > indent["Kostnader"]
    assert re.fullmatch(r"\s*Intäkter\s+\u22123 100\s+\u22123 300\s+6,5 %", lines["Intäkter"])
    assert re.fullmatch(r"\s*varav avgifter\s+\u22122 000\s+\u22122 150\s+7,5 %", lines["varav avgifter"])
    assert re.fullmatch(r"\s*Netto\s+10 000\s+10 450", lines["Netto"])
    assert re.fullmatch(r"\s*Timavgift för tillsyn\s+1 350\s+1 400\s+kronor/timme\s+3,7 %", lines["Timavgift för tillsyn"])
