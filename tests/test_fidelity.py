"""The built documents say what the real memos say, word for word.

The document's text is read back from the .docx (page header of page one,
then paragraphs and table rows in reading order) and compared line by line
with the reference text in tests/reference/. Every allowed difference is
listed here with its reason; nothing else may differ.
"""

from __future__ import annotations

from memo.verify import docx_text

from .conftest import REFERENCE

NBSP = "\u00a0"


def reference_lines(name: str, joins: list[tuple[str, str]]) -> list[str]:
    text = (REFERENCE / name).read_text(encoding="utf-8")
    for end, start in joins:  # paragraphs the text extract cut at page breaks
        cut = f"{end}\n\n{start}"
        assert cut in text, cut
        text = text.replace(cut, f"{end} {start}")
    return [line.strip(" ") for line in text.split("\n") if line.strip()]


def built_lines(data: bytes) -> list[str]:
    # The reference is a text extract and lost the non-breaking spaces the memo has.
    return [line.replace(NBSP, " ") for line in docx_text(data).lines]


# Nacka: the reference README names these as the only places the text may differ.
NACKA_EXTRA = {
    "Nacka kommun": "the organisation's name in the page header (layout text the extract does not carry)",
}
NACKA_CHANGED = {
    "Trygghetsvårdar\t1,6 mkr": (
        "Trygghetsvärdar\t1,6 mkr",
        "one name per row: the second table spells the same row Trygghetsvärdar",
    ),
    "En summa på 1.1 mkr läggs": (
        "En summa på 1,1 mkr läggs",
        "one number format: every other amount has a decimal comma",
    ),
    "(fördelning av medel)\t": (
        "(fördelning av medel)",
        "no empty header cell: the header spans the unlabelled amount column (one cell, read once)",
    ),
}


def apply_allowed(reference: list[str], changed: dict[str, tuple[str, str]]) -> tuple[list[str], set[str]]:
    used = set()
    out = []
    for line in reference:
        for old, (new, _why) in changed.items():
            if old in line:
                line = line.replace(old, new)
                used.add(old)
        out.append(line)
    return out, used


def test_nacka_text_equals_the_reference(nacka_docx):
    reference = reference_lines(
        "KFKS-2024-00430.txt",
        [("hur pengarna", "skulle prioriteras"), ("Totalt föreslås", "denna punkt omfatta")],
    )
    expected, used = apply_allowed(reference, NACKA_CHANGED)
    assert used == set(NACKA_CHANGED), "every allowed difference must still be needed"
    built = built_lines(nacka_docx)
    extra = [line for line in built if line in NACKA_EXTRA]
    assert extra == list(NACKA_EXTRA)
    assert [line for line in built if line not in NACKA_EXTRA] == expected


def test_nacka_sum_rows_are_table_rows(nacka_docx):
    rows = built_lines(nacka_docx)
    assert "SUMMA\t5,0 mkr" in rows
    assert "SUMMA\t5,0 mkr\t4,29 mkr\t5,0 mkr" in rows


def test_nacka_amounts_keep_their_non_breaking_spaces(nacka_docx):
    lines = docx_text(nacka_docx).lines
    assert f"SUMMA\t5,0{NBSP}mkr\t4,29{NBSP}mkr\t5,0{NBSP}mkr" in lines
    assert any(f"utökas med 200{NBSP}tkr" in line for line in lines)
    assert any("daterad den 25 mars 2024" in line for line in lines)


# PDF-to-text references (Kungsbacka, Upplands-Bro): their line breaks inside paragraphs are
# the PDF's own, so these are compared as word sequences; table rows are also compared whole.

def reference_words(name: str, replace: dict[str, tuple[str, str]]) -> str:
    """The reference body as one whitespace-normalised string, artifacts removed."""
    lines = []
    for line in (REFERENCE / name).read_text(encoding="utf-8").split("\n"):
        if line.startswith("#") or line.startswith("["):  # source notes and layout descriptions
            continue
        lines.append(line)
    text = "\n".join(lines)
    for artifact, (instead, _why) in replace.items():
        assert artifact in text, artifact
        text = text.replace(artifact, f" {instead} ")
    return " ".join(text.split())


def built_words(data: bytes, extra: dict[str, str], page_field: str = "{PAGE} ({NUMPAGES})") -> str:
    lines = [line for line in built_lines(data) if line not in extra]
    text = "\n".join(lines).replace(page_field, " ")
    return " ".join(text.split())


def assert_same_words(expected: str, actual: str) -> None:
    if expected == actual:
        return
    at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
    raise AssertionError(f"first difference at {at}:\n  reference: …{expected[max(0, at - 80):at + 80]}…\n"
                         f"  built:     …{actual[max(0, at - 80):at + 80]}…")


SN_REPLACE = {
    "TJÄNSTESKRIVELSE 1 (2)": ("TJÄNSTESKRIVELSE", "the page number is a field the office program fills in"),
    "Datum Vår beteckning 2 (2)\n\n2018-08-28 SN 18/0098": ("", "the page header repeated on page 2"),
    "Datum Vår beteckning Er beteckning\n\nLena Bergström\n\nSocialkontoret\n\nlena.bergstrom@upplands-bro.se\n\n"
    "2018-08-28 SN 18/0098 Socialnämnden": (
        "Datum Vår beteckning Er beteckning 2018-08-28 SN 18/0098 Socialnämnden Lena Bergström Socialkontoret "
        "lena.bergstrom@upplands-bro.se",
        "reading order: the fields are a table (labels over values, WCAG 1.3.1), read before the case officer",
    ),
}
# The extract's bullet glyphs survive only as leading spaces (" Diariet"); whitespace is
# normalised, and the document has real Word list items instead.
SN_EXTRA = {"Upplands-Bro kommun": "the organisation's name in the page header"}


def test_upplands_bro_text_equals_the_reference(project):
    from memo.build import prepare
    from memo.writers.docx import render_docx

    prepared = prepare(project.cases / "SN-18-0098.yaml", project)
    data = render_docx(prepared.memo, prepared.organisation.template)
    assert_same_words(reference_words("SN-18-0098.txt", SN_REPLACE), built_words(data, SN_EXTRA))
    assert built_lines(data)[0:2] == ["Upplands-Bro kommun", "TJÄNSTESKRIVELSE\t{PAGE} ({NUMPAGES})"]


KS_EMPTY_HEADER = "\tBudget 2024\tNämndernas förslag"
KS_REPLACE: dict[str, tuple[str, str]] = {
    KS_EMPTY_HEADER: ("Benämning Budget 2024 Nämndernas förslag",
                      "no empty header cell: the row-name column's header gets the default label"),
}
KS_EXTRA = {"Kungsbacka kommun": "the organisation's name in the page header"}


def test_kungsbacka_text_equals_the_reference(project):
    from memo.build import prepare
    from memo.writers.docx import render_docx

    prepared = prepare(project.cases / "KS-2024-00167.yaml", project)
    data = render_docx(prepared.memo, prepared.organisation.template)
    assert_same_words(reference_words("KS-2024-00167.txt", KS_REPLACE), built_words(data, KS_EXTRA))

    # Every table row of the reference is a row of the document, cell for cell.
    rows = {line.replace("\n", " ") for line in built_lines(data)}
    reference_rows = [line for line in (REFERENCE / "KS-2024-00167.txt").read_text(encoding="utf-8").split("\n")
                      if "\t" in line and not line.startswith("#")]
    reference_rows = [row.replace(KS_EMPTY_HEADER, "Benämning" + KS_EMPTY_HEADER) for row in reference_rows]
    assert len(reference_rows) == 11 + 17 + 7 + 8
    assert [row for row in reference_rows if row not in rows] == []
