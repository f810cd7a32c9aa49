"""Loading is bounded: what the file size and nesting limits admit is read, the rest refused, never crashed on."""

from __future__ import annotations

import tracemalloc

import pytest

from memo.errors import CaseError
from memo.loading import MAX_BYTES, MAX_NESTING, load_yaml


def messages(tmp_path, text: str | bytes) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    try:
        loaded = load_yaml(path, "x.yaml")
    except CaseError as exc:
        return exc.lines()
    return [str(problem) for problem in loaded.problems]


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    head = "a: "
    assert messages(tmp_path, head + "x" * (MAX_BYTES - len(head) - 1) + "\n") == []
    assert messages(tmp_path, head + "x" * (MAX_BYTES - len(head)) + "\n") == [
        "x.yaml:1:1: filen är 1048577 byte, mer än gränsen 1048576 — dela upp texten eller korta den",
    ]


def test_a_huge_file_is_refused_without_being_read_whole(tmp_path):
    path = tmp_path / "x.yaml"
    with path.open("wb") as file:
        file.truncate(200 * MAX_BYTES)  # sparse: 200 MiB on paper
    tracemalloc.start()
    with pytest.raises(CaseError) as caught:
        load_yaml(path, "x.yaml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert caught.value.lines() == [
        "x.yaml:1:1: filen är 209715200 byte, mer än gränsen 1048576 — dela upp texten eller korta den",
    ]
    assert peak < 4 * MAX_BYTES


@pytest.mark.parametrize("text, line, column", [
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1000)) + "  " * 1000 + "k: 1\n", 50, 99),
    ("a: " + "[" * 1000 + "]" * 1000 + "\n", 1, 53),
    ("a: " + "{b: " * 1000 + "1" + "}" * 1000 + "\n", 1, 197),
])
def test_deep_nesting_is_a_located_message_not_a_recursion_error(tmp_path, text, line, column):
    assert messages(tmp_path, text) == [
        f"x.yaml:{line}:{column}: fälten är nästlade i mer än {MAX_NESTING} nivåer "
        "— skriv fälten som i en befintlig ärendefil",
    ]


def test_nesting_up_to_the_limit_is_read(tmp_path):
    assert messages(tmp_path, "a: " + "[" * (MAX_NESTING - 2) + "]" * (MAX_NESTING - 2) + "\n") == []


@pytest.mark.parametrize("value", ["off", "Off", "OFF", "on", "yes", "Y", "n"])
def test_yaml_11_yes_and_no_words_are_refused(tmp_path, value):
    assert messages(tmp_path, f"title: {value}\n") == [
        f'x.yaml:1:8: title: {value} läses av YAML 1.1 som ja/nej — skriv "{value}" inom citattecken om det är text, '
        "eller true/false för ja/nej",
    ]


@pytest.mark.parametrize("text, expected", [
    ("title: ab\x0ccd\n", "x.yaml:1:10: tecknet U+000C kan inte stå i ett Word-dokument"),
    ('title: "ab\\x0ccd"\n', "x.yaml:1:8: title: tecknet U+000C (tecken 3 i värdet) kan inte stå i ett Word-dokument"),
    ('title: "ab\\ufffecd"\n', "x.yaml:1:8: title: tecknet U+FFFE (tecken 3 i värdet) kan inte stå i ett Word-dokument"),
    ("title: ab\ufffecd\n", "x.yaml:1:10: tecknet U+FFFE kan inte stå i ett Word-dokument"),
])
def test_characters_word_cannot_hold_are_located_at_their_column(tmp_path, text, expected):
    [message] = messages(tmp_path, text)
    assert message.startswith(expected)


def test_a_refused_yes_no_word_keeps_its_text_so_nothing_else_is_reported_for_it(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("title: Off\n", encoding="utf-8")
    loaded = load_yaml(path, "x.yaml")
    assert loaded.data == {"title": "Off"} and len(loaded.problems) == 1


def test_lines_of_a_quoted_text_are_located_from_its_first_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text('s: "first\n  second"\n', encoding="utf-8")
    loaded = load_yaml(path, "x.yaml")
    assert str(loaded.text_location(("s",), 0)) == "x.yaml:1:4"
    assert str(loaded.text_location(("s",), 1)) == "x.yaml:2:1"
