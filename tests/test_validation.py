"""Model errors are reported all at once, in file order, with field path and line."""

from __future__ import annotations

import pytest

from memo.errors import CaseError
from memo.loading import load_yaml
from memo.model import Case
from memo.validation import validate

VALID = """\
organisation: nacka
dnr: KFKS-2024-00001
date: 2024-03-25
title: Ett ärende
tables:
  t:
    unit: mkr
    columns:
      - {id: a, label: A}
    rows:
      - id: r
        name: Rad
        values:
          a: 1,6
decision:
  body: Beslut.
signatories:
  - name: Anna Andersson
    title: Chef
"""


def check(tmp_path, text: str) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        validate(Case, load_yaml(path, "c.yaml"))
    return caught.value.lines()


def test_valid_case_reads_amounts_exactly(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(VALID, encoding="utf-8")
    case = validate(Case, load_yaml(path, "c.yaml"))
    assert str(case.tables["t"].rows[0].values["a"]) == "1.6"
    assert case.date.isoformat() == "2024-03-25"
    assert case.decision.body == ["Beslut."]


def test_unknown_key_suggests_the_close_name(tmp_path):
    text = VALID.replace("signatories:", "signatores:")
    assert check(tmp_path, text) == [
        "c.yaml:1:1: signatories: fältet saknas — lägg till det",
        "c.yaml:17:1: signatores: okänt fält — menade du signatories?",
    ]


def test_unknown_key_inside_a_row_suggests_from_the_rows_fields(tmp_path):
    text = VALID.replace("        name: Rad", "        nam: Rad")
    lines = check(tmp_path, text)
    assert "c.yaml:12:9: tables.t.rows[0].nam: okänt fält — menade du name?" in lines


@pytest.mark.parametrize("replacements, expected", [
    pytest.param(
        [("date: 2024-03-25", "date: 2024-02-30"), ("a: 1,6", "a: 1,6,0")],
        ['c.yaml:3:7: date: "2024-02-30" är inget datum — skriv t.ex. 2024-03-25',
         'c.yaml:14:14: tables.t.rows[0].values.a: "1,6,0" är inget belopp — skriv t.ex. 1,6 eller 1.6'],
        id="bad amount and date, in file order"),
    pytest.param(
        [("title: Ett ärende", "title: yes"), ("a: 1,6", "a: fem")],
        ['c.yaml:4:8: title: yes läses av YAML 1.1 som ja/nej — skriv "yes" inom citattecken om det är text, '
         'eller true/false för ja/nej',
         'c.yaml:14:14: tables.t.rows[0].values.a: "fem" är inget belopp — skriv t.ex. 1,6 eller 1.6'],
        id="loader and model problems together"),
    pytest.param(
        [("title: Ett ärende", 'title: "  "'), ("  - name: Anna Andersson", '  - name: "Anna\\nAndersson"')],
        ["c.yaml:4:8: title: får inte vara tomt — skriv en text",
         'c.yaml:18:11: signatories[0].name: "Anna\\nAndersson" ska vara en rad — ta bort radbrytningarna'],
        id="blank and multi-line values on one message line each"),
])
def test_every_error_of_a_file_is_reported_at_once(tmp_path, replacements, expected):
    text = VALID
    for old, new in replacements:
        text = text.replace(old, new)
    assert check(tmp_path, text) == expected


def test_too_many_signatories(tmp_path):
    extra = "  - {name: A, title: B}\n" * 3
    lines = check(tmp_path, VALID + extra)
    assert lines == ["c.yaml:17:1: signatories: har för många poster — högst 3 tillåts"]


def test_table_block_with_unknown_field(tmp_path):
    text = VALID.replace("  body: Beslut.", "  body:\n    - table: t\n      colums: [a]")
    lines = check(tmp_path, text)
    assert lines == ["c.yaml:18:7: decision.body[0].colums: okänt fält — menade du columns?"]




def test_salvage_keeps_what_validates_of_an_invalid_case():
    from memo.model import Section, TableView
    from memo.validation import salvage

    data = {
        "organisation": "nacka", "dnr": "KFKS-2024-00001", "date": "2024-02-30",
        "tables": {"bad": {"unit": "Mkr"}, "good": {"columns": [{"id": "a", "label": "A"}],
                                                    "rows": [{"id": "r", "name": "R", "values": {"a": "1"}}]}},
        "decision": {"body": ["Text {{ x }}", {"table": "good", "colums": ["a"]}, {"table": "good"}]},
        "sections": [{"heading": " ", "body": "Stycke."}, 5],
    }
    case = salvage(Case, data)
    assert (case.organisation, case.dnr, case.date, case.title) == ("nacka", "KFKS-2024-00001", None, None)
    assert case.tables["bad"] is None and case.tables["good"].rows[0].values["a"] == 1
    assert case.decision.body == ["Text {{ x }}", None, TableView(table="good")]
    assert case.sections == [Section.model_construct(heading=None, level=1, body=["Stycke."]), None]
