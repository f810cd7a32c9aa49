"""Loading keeps every value as typed text with its position, and refuses what YAML would guess."""

from __future__ import annotations

import pytest

from memo.errors import CaseError
from memo.loading import format_path, load_yaml


def load(tmp_path, text: str | bytes, name: str = "x.yaml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path, name)


def messages(tmp_path, text) -> list[str]:
    """Fatal problems raise at once; the others are kept to be reported with the model's."""
    try:
        loaded = load(tmp_path, text)
    except CaseError as exc:
        return exc.lines()
    assert loaded.problems, "expected problems"
    return [str(p) for p in loaded.problems]


def test_scalars_stay_text_and_remember_their_position(tmp_path):
    loaded = load(tmp_path, "a: 1.6\nb:\n  - 0.09\n  - '2024-03-25'\nc: ~\n")
    assert loaded.data == {"a": "1.6", "b": ["0.09", "2024-03-25"], "c": None}
    assert loaded.location(("b", 1)).line == 4 and loaded.location(("b", 1)).column == 5
    assert str(loaded.location(("a",))) == "x.yaml:1:4"


def test_block_text_lines_are_located_at_their_indentation(tmp_path):
    loaded = load(tmp_path, "s:\n  body: |\n    first\n    second\n")
    assert str(loaded.text_location(("s", "body"), 1)) == "x.yaml:4:5"


def test_duplicate_keys_name_the_first_line(tmp_path):
    assert messages(tmp_path, "title: a\ndnr: x\ntitle: b\n") == [
        "x.yaml:3:1: title: nyckeln finns redan på rad 1 — ta bort den ena"
    ]


def test_anchors_and_aliases_are_refused(tmp_path):
    [message] = messages(tmp_path, "a: &x 1\nb: *x\n")
    assert message.startswith("x.yaml:1:4: ankare och alias")


@pytest.mark.parametrize("value, why", [
    ("no", "ja/nej"), ("NO", "ja/nej"), ("On", "ja/nej"), ("True", "ja/nej"),
    ("10:30", "bas 60"), ("0123", "oktalt"),
])
def test_values_yaml_11_would_convert_are_refused(tmp_path, value, why):
    [message] = messages(tmp_path, f"title: {value}\n")
    assert message.startswith(f"x.yaml:1:8: title: {value} läses av YAML 1.1 som")
    assert why in message and "citattecken" in message


def test_quoted_and_plain_booleans_are_fine(tmp_path):
    assert load(tmp_path, "a: 'no'\nb: true\n").data == {"a": "no", "b": "true"}


def test_tabs_for_indentation(tmp_path):
    [message] = messages(tmp_path, "a:\n\tb: 1\n")
    assert message == "x.yaml:2:1: tabbtecken används för indrag — använd mellanslag"


def test_not_utf8_says_which_encoding_it_looks_like(tmp_path):
    [message] = messages(tmp_path, "title: Ärende\n".encode("cp1252"))
    assert message == "x.yaml:1:1: filen är inte UTF-8 (ser ut som Windows-1252/Latin-1) — spara den som UTF-8"


@pytest.mark.parametrize("text", ["", "   \n", "# bara en kommentar\n"])
def test_empty_files(tmp_path, text):
    assert messages(tmp_path, text) == ["x.yaml:1:1: filen är tom — utgå från en befintlig ärendefil eller kör memo new"]


def test_top_level_must_be_a_mapping(tmp_path):
    [message] = messages(tmp_path, "- a\n- b\n")
    assert "översta nivån" in message


def test_files_over_one_megabyte(tmp_path):
    [message] = messages(tmp_path, "a: " + "x" * 1_048_576 + "\n")
    assert "mer än gränsen 1048576" in message


def test_crlf_is_normalised(tmp_path):
    assert load(tmp_path, "a: |\r\n  x\r\n  y\r\n").data == {"a": "x\ny\n"}


def test_format_path():
    assert format_path(("allocations", 2, "budget")) == "allocations[2].budget"
    assert format_path(()) == ""


def test_a_decimal_comma_inside_braces_is_one_amount_reported_once(tmp_path):
    text = "v: {a: 1,6, b: -1,600,000, c: 2, 7: 3}\nw: {a: 1, 6}\n"
    loaded = load(tmp_path, text)
    assert loaded.data == {"v": {"a": "1,6", "b": "-1,600,000", "c": "2", "7": "3"}, "w": {"a": "1,6"}}
    assert [str(p) for p in loaded.problems] == [
        'x.yaml:1:8: v.a: kommat i 1,6 skiljer fält åt inom { }, så det läses som flera fält — '
        'skriv "1,6" inom citattecken eller 1.6 inom { }',
        'x.yaml:1:16: v.b: kommat i -1,600,000 skiljer fält åt inom { }, så det läses som flera fält — '
        'skriv "-1 600 000" inom citattecken eller -1600000 inom { }',
        'x.yaml:2:8: w.a: kommat i 1,6 skiljer fält åt inom { }, så det läses som flera fält — '
        'skriv "1,6" inom citattecken eller 1.6 inom { }',
    ]


def test_a_decimal_comma_after_digit_groups_inside_braces_is_one_amount_reported_once(tmp_path):
    loaded = load(tmp_path, "v: {a: 2 150,5, b: -12 500,25}\n")
    assert loaded.data == {"v": {"a": "2 150,5", "b": "-12 500,25"}}
    assert [str(p) for p in loaded.problems] == [
        'x.yaml:1:8: v.a: kommat i 2 150,5 skiljer fält åt inom { }, så det läses som flera fält — '
        'skriv "2 150,5" inom citattecken',
        'x.yaml:1:20: v.b: kommat i -12 500,25 skiljer fält åt inom { }, så det läses som flera fält — '
        'skriv "-12 500,25" inom citattecken',
    ]
