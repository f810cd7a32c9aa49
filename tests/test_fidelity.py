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
