"""The lint on a deliberately bad template (tests/accessibility/bad/memo.docx, made by make_template.py there)
and on everything memo ships: exact findings, and none for what is shipped."""

from __future__ import annotations

import pytest

from memo.accessibility.lint import lint_docx
from memo.build import prepare, render_verified

from ..conftest import ROOT

BAD = ROOT / "tests" / "accessibility" / "bad"
S = "(WCAG 2.1 1.3.1 / EN 301 549 9.1.3.1)"
FILE = "tests/accessibility/bad/memo.docx"

BAD_TEMPLATE_FINDINGS = [
    f"{FILE}: word/document.xml, tabell 1, rad 1, kolumn 2: rubrikcellen är tom, så kolumnen saknar namn för "
    f"skärmläsare — skriv en rubrik (i ett ärende: header eller kolumnens label) {S}",
    f"{FILE}: word/document.xml, bild 1 (Picture 1): bilden saknar alternativtext — beskriv vad bilden visar, eller "
    "markera den som dekorativ (WCAG 2.1 1.1.1 / EN 301 549 9.1.1.1)",
    f'{FILE}: word/document.xml, stycke 11 "Läs mer: https://www.example.se": länktexten är adressen '
    '(https://www.example.se) — skriv vart länken leder, t.ex. "Taxor och avgifter 2025" '
    "(WCAG 2.1 2.4.4 / EN 301 549 9.2.4.4)",
    f"{FILE}: word/document.xml, stycke 6: tomt stycke som avstånd — använd avstånd före/efter i styckets stil {S}",
    f"{FILE}: word/document.xml, tabell 1: tabellen saknar rubrik (w:tblCaption, Words alternativtext) — ge den en "
    f"title i ärendet, eller en rubrik under Tabellegenskaper > Alternativtext i mallen {S}",
    f'{FILE}: word/document.xml, stycke 5 "Bilagor": rubriken har nivå 4 som dokumentets första rubrik — en '
    f"rubriknivå hoppas över; använd nivå 1 {S}",
    f"{FILE}: word/styles.xml, stilen Title: stilen har ingen rubriknivå, ska ha nivå 1 (dokumentets rubrik överst, "
    f"memots rubriker under den) — ändra Disposition i stilens styckeformat {S}",
    # Heading 4 is a style memos use (sections of level 4): the bad template keeps Word's default one
    f"{FILE}: word/styles.xml, stilen Heading 4: stilen har nivå 4, ska ha nivå 5 (dokumentets rubrik överst, "
    f"memots rubriker under den) — ändra Disposition i stilens styckeformat {S}",
    f"{FILE}: word/styles.xml, stilen Heading 4: textfärgen #4F81BD på vitt har kontrasten 4,0:1, under 4,5:1 — "
    "välj en mörkare färg (eller ljusare bakgrund) (WCAG 2.1 1.4.3 / EN 301 549 9.1.4.3)",
    f"{FILE}: word/styles.xml, stilen Memohuvud: textfärgen #AAAAAA på vitt har kontrasten 2,3:1, under 4,5:1 — "
    "välj en mörkare färg (eller ljusare bakgrund) (WCAG 2.1 1.4.3 / EN 301 549 9.1.4.3)",
    f"{FILE}: word/styles.xml, stilen Heading 4: typsnittet Calibri finns inte där PDF:en görs — "
    "LibreOffice sätter texten i DejaVu Sans (enligt fontconfig); installera Calibri eller välj ett "
    "typsnitt som finns (utseende, ingen WCAG-punkt)",
    f"{FILE}: word/styles.xml, stilen Caption: typsnittet Frutiger LT 45 Light finns inte där PDF:en görs — "
    "LibreOffice sätter texten i DejaVu Sans (enligt fontconfig); installera Frutiger LT 45 Light eller välj ett "
    "typsnitt som finns (utseende, ingen WCAG-punkt)",
]


def test_the_bad_template_gives_exactly_these_findings(fontconfig):
    findings = lint_docx((BAD / "memo.docx").read_bytes(), FILE)
    assert [str(f) for f in findings] == BAD_TEMPLATE_FINDINGS


@pytest.mark.parametrize("organisation", ["nacka", "kungsbacka", "upplands-bro"])
def test_shipped_templates_give_no_findings(organisation, fontconfig):
    path = ROOT / "templates" / organisation / "memo.docx"
    assert lint_docx(path.read_bytes(), str(path)) == []


@pytest.mark.parametrize("case", ["KFKS-2024-00430", "KS-2024-00167", "SN-18-0098"])
def test_shipped_cases_give_no_findings(project, case, fontconfig):
    data = render_verified(prepare(project.cases / f"{case}.yaml", project))
    assert lint_docx(data, case) == []


def test_the_templates_before_this_lint_are_found_out(fontconfig):
    """The three templates as shipped before issue 12 put the title outside the heading outline."""
    import io
    import zipfile

    from lxml import etree

    from memo.accessibility.styles import W

    source = (ROOT / "templates" / "nacka" / "memo.docx").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(source))
    styles = etree.fromstring(archive.read("word/styles.xml"))
    for level in styles.iter(W + "outlineLvl"):
        level.getparent().remove(level)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in archive.namelist():
            target.writestr(name, etree.tostring(styles) if name == "word/styles.xml" else archive.read(name))
    found = [f.where for f in lint_docx(out.getvalue(), "gammal.docx")]
    assert found == ["word/styles.xml, stilen Title", "word/styles.xml, stilen Heading 1",
                     "word/styles.xml, stilen Heading 2", "word/styles.xml, stilen Heading 3",
                     "word/styles.xml, stilen Heading 4"]
