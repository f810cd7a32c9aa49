"""Templates are checked: tags parse (even split across runs by Word) and use only what the memo provides."""

from __future__ import annotations

import dataclasses

import pytest

from memo.inspection import PROVIDED, inspect_template, provided_names, template_names

from .conftest import ROOT, replace_in_part

NACKA = ROOT / "templates" / "nacka" / "memo.docx"


def edited(tmp_path, part: str, old: bytes, new: bytes):
    path = tmp_path / "memo.docx"
    path.write_bytes(replace_in_part(NACKA.read_bytes(), part, old, new))
    return path


def test_shipped_templates_are_clean():
    for template in sorted((ROOT / "templates").glob("*/memo.docx")):
        assert inspect_template(template) == [], template


def test_a_misspelt_field_split_across_runs_is_found_with_its_paragraph(tmp_path):
    path = edited(tmp_path, "word/document.xml", b"<w:t>{{ header.date }}</w:t>",
                  b"<w:t>{{ header.</w:t></w:r><w:r><w:t>dat }}</w:t>")
    [problem] = inspect_template(path)
    assert problem.startswith(f'{path}: word/document.xml, stycket "{{{{ header.dat }}}}": header.dat finns inte — header har: ')
    assert "date" in problem


def test_an_unknown_name_in_a_header(tmp_path):
    path = edited(tmp_path, "word/header1.xml", b"{{ header.organisation }}", b"{{ organisation }}")
    assert inspect_template(path) == [
        f'{path}: word/header1.xml, stycket "{{{{ organisation }}}}": organisation finns inte — mallen kan använda: '
        "header, title, signatories, body, after_signatures"
    ]


def test_a_tag_that_does_not_parse(tmp_path):
    path = edited(tmp_path, "word/document.xml", b"{{ title }}", b"{{ title | }}")
    [problem] = inspect_template(path)
    assert problem.startswith(f'{path}: word/document.xml, stycket "{{{{ title | }}}}')
    assert problem.endswith(": taggen går inte att läsa — kontrollera att varje {{ slutar med }} och varje {% med %}")


def test_loop_variables_are_checked_against_the_signatory(tmp_path):
    path = edited(tmp_path, "word/document.xml", b"{{ s.title }}", b"{{ s.titel }}")
    [problem] = inspect_template(path)
    assert "s.titel finns inte — s har: name, title, unit" in problem


def test_a_tag_in_the_footer_is_inspected_too(tmp_path):
    path = edited(tmp_path, "word/footer1.xml", b"<w:t>)</w:t>", b"<w:t>) {{ cycler.__init__ }}</w:t>")
    assert inspect_template(path) == [
        f'{path}: word/footer1.xml, stycket "1 (1) {{{{ cycler.__init__ }}}}": cycler finns inte — mallen kan använda: '
        "header, title, signatories, body, after_signatures"
    ]


def test_a_loop_variable_is_read_as_its_lists_items():
    names = template_names(NACKA)
    assert {"signatories", "signatories[].name", "signatories[].title", "signatories[].unit"} <= names
    assert not [n for n in names if n == "s" or n.startswith("s.")]


def test_every_provided_name_outside_a_loop_is_accepted_and_read(tmp_path):
    printed = [n.path for n in provided_names() if n.type is str and "[]" not in n.path]
    assert "header.officer.line" in printed and "title" in printed
    tags = "".join(f"{{{{ {name} }}}}" for name in printed)
    path = edited(tmp_path, "word/document.xml", b"<w:t>{{ title }}</w:t>", f"<w:t>{tags}</w:t>".encode())
    assert inspect_template(path) == []
    assert set(printed) <= template_names(path)


def test_a_field_without_a_meaning_for_the_template_author_is_refused(monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Bare:
        text: str

    monkeypatch.setitem(PROVIDED, "header", Bare)
    with pytest.raises(TypeError, match="Bare.text has no meaning"):
        provided_names()
