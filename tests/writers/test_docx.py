"""The Word document: accessible structure, properties, and byte-for-byte reproducibility."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile

import docx
from lxml import etree


from ..conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_headings_use_real_heading_styles(nacka_docx):
    document = docx.Document(io.BytesIO(nacka_docx))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert ("Title", "Trygghetspaketet 2024") in styles
    assert ("Heading 1", "Förslag till beslut") in styles
    assert ("Heading 1", "Ärendet") in styles
    assert ("Heading 2", "Bakgrund") in styles
    assert ("Caption", "Förslag till fördelning av trygghetspaketets 5\u00a0mkr för 2024") in styles


def test_tables_have_repeating_header_rows_and_right_aligned_amounts(nacka_docx):
    document = docx.Document(io.BytesIO(nacka_docx))
    assert len(document.tables) == 2
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r._tr.find(f"{W}trPr/{W}tblHeader") is None for r in table.rows[1:])
        for row in table.rows[1:]:
            assert all(c.paragraphs[0].alignment == 2 for c in row.cells[1:])  # RIGHT
        last = table.rows[-1]
        assert last.cells[0].text == "SUMMA"
        assert all(run.bold for cell in last.cells for run in cell.paragraphs[0].runs)


def test_language_title_and_properties_come_from_the_case(nacka_docx):
    document = docx.Document(io.BytesIO(nacka_docx))
    props = document.core_properties
    assert props.title == "Trygghetspaketet 2024"
    assert props.language == "sv-SE"
    assert props.identifier == "KFKS-2024-00430"
    assert props.author == "Nacka kommun"
    assert props.created.date().isoformat() == "2024-03-25"
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(nacka_docx)).read("word/styles.xml"))
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "sv-SE"


def test_zip_entries_have_fixed_times_and_order(nacka_docx):
    infos = zipfile.ZipFile(io.BytesIO(nacka_docx)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2024, 3, 25, 0, 0, 0)}
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])


BUILD_AND_HASH = (
    "import hashlib, sys; from pathlib import Path; from memo.build import Workspace, build; "
    "[p] = build(Path(sys.argv[1]) / 'cases' / 'KFKS-2024-00430.yaml', Workspace(Path(sys.argv[1]))).paths; "
    "print(hashlib.sha256(p.read_bytes()).hexdigest())"
)


def test_two_builds_under_other_clock_zone_and_hash_seed_are_byte_identical(workspace):
    digests = []
    for tz, seed in (("UTC", "1"), ("Pacific/Auckland", "4242")):
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", BUILD_AND_HASH, str(workspace.root)],
                             env=env, capture_output=True, text=True, check=True, cwd=ROOT)
        digests.append(out.stdout.strip())
    assert len(digests[0]) == 64
    assert digests[0] == digests[1]
    assert hashlib.sha256((workspace.build / "KFKS-2024-00430.docx").read_bytes()).hexdigest() == digests[1]


def test_lists_are_real_word_lists_and_numbered_lists_restart(workspace):
    from memo.build import build

    path = workspace.cases / "KFKS-2024-00430.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    body: Tjänsteskrivelse daterad den {{ date | long_date }}",
                        "    body: |\n      1. ett\n      2. två\n\n      Stycke.\n\n      1. tre\n\n      - punkt")
    path.write_text(text, encoding="utf-8")
    [target] = build(path, workspace).paths
    document = docx.Document(str(target))
    items = [p for p in document.paragraphs if p.text in ("ett", "två", "tre", "punkt")]
    assert [(p.text, p.style.name) for p in items] == [
        ("ett", "List Number"), ("två", "List Number"), ("tre", "List Number"), ("punkt", "List Bullet")]
    num_ids = [p._p.pPr.numPr.numId.val for p in items[:3]]
    assert num_ids[0] == num_ids[1] != num_ids[2]  # the second list starts again at 1
    numbering = document.part.numbering_part.element
    for num_id in set(num_ids):
        num = numbering.num_having_numId(num_id)
        assert num.findall(f"{W}lvlOverride/{W}startOverride")[0].get(f"{W}val") == "1"

