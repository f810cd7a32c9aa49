"""The editor's schema says what memo accepts: it is checked against the cases, the skeletons,
the README, memo's own parsers and the broken cases, through the jsonschema library.

Editors read YAML 1.2 (yaml-language-server's default): `1.6` is a number, `2024-03-25`,
`yes` and `10:30` are text. ``load_as_editor`` reads a file that way.
"""

from __future__ import annotations

import json
import re
from datetime import date

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from memo.build import Workspace
from memo.formats import AMOUNT_PATTERN, parse_amount
from memo.model import DATE_PATTERN, LINE_PATTERN, Day, Line
from memo.scaffold import new_case
from memo.schema import TITLES, case_schema, schema_text

from .conftest import ROOT, TABLE_ROWS
from .test_broken_cases import EXPECTED, FOLDER

SCHEMA = case_schema(ROOT / "templates")
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


class _Yaml12(yaml.SafeLoader):
    """The YAML 1.2 core schema: no timestamps, no yes/no, no base 60; 0o17 and 0x1F are numbers."""


_Yaml12.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", list("-+0123456789")),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
     list("-+.0123456789")),
]:
    _Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(f"^(?:{pattern})$"), first)
_Yaml12.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(
    node.value, 10 if re.fullmatch(r"[-+]?[0-9]+", node.value) else 0))
_Yaml12.add_constructor("tag:yaml.org,2002:float", lambda loader, node: float(
    node.value.lower().replace(".inf", "inf").replace(".nan", "nan")))


def load_as_editor(text: str):
    return yaml.load(text, Loader=_Yaml12)  # noqa: S506 - a SafeLoader subclass


def errors(data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_committed_schema_is_up_to_date():
    committed = (ROOT / "schema" / "case.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(ROOT / "templates"), "run: .venv/bin/memo schema"


def test_every_field_has_a_swedish_title_and_description():
    for definition in [SCHEMA, *SCHEMA["$defs"].values()]:
        assert definition["title"] in TITLES.values()
        for name, spec in definition["properties"].items():
            assert spec["title"] == TITLES[name]
            assert spec.get("description"), name


def test_shipped_cases_point_editors_at_the_schema():
    for case in sorted((ROOT / "cases").glob("*.yaml")):
        assert case.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    assert json.loads(schema_text())["properties"]["dnr"]["title"] == "Diarienummer"


@pytest.mark.parametrize("case", sorted(p.name for p in (ROOT / "cases").glob("*.yaml")))
def test_every_shipped_case_is_valid_for_the_editor(case):
    assert errors(load_as_editor((ROOT / "cases" / case).read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("organisation, dnr", [
    ("kungsbacka", "KS-2024-00999"), ("nacka", "KFKS-2024-00999"), ("upplands-bro", "SN 24/0999"),
])
def test_every_new_case_is_valid_for_the_editor(workspace: Workspace, organisation, dnr):
    path = new_case(workspace, dnr, "Ett nytt ärende: med kolon", organisation, on=date(2024, 5, 2))
    assert errors(load_as_editor(path.read_text(encoding="utf-8"))) == []


def test_the_readme_example_is_a_valid_case_for_the_editor():
    """The README's excerpt is a complete case file (its texts are shortened with …, not its fields)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "organisation:" in block]
    data = load_as_editor(example)
    assert {"organisation", "dnr", "date", "title", "tables", "decision", "sections", "signatories"} <= set(data)
    assert errors(data) == []


# Broken cases a schema cannot refuse, and why. Every other broken case must be refused by it.
NOT_FOR_A_SCHEMA = {
    "anchor-alias.yaml": "anchors are YAML syntax; the editor sees the expanded value",
    "dnr-not-file-name.yaml": "needs the file's name",
    "duplicate-key.yaml": "a parser keeps one of the keys (the editor flags it as YAML, not by the schema)",
    "duplicate-row-id.yaml": "uniqueness of a field across list items",
    "expression-division-by-zero.yaml": "expressions",
    "expression-filter-arguments.yaml": "expressions",
    "expression-filter-wrong-type.yaml": "expressions",
    "expression-misspelt-column.yaml": "expressions",
    "expression-name-at-other-level.yaml": "expressions",
    "expression-operands.yaml": "expressions",
    "expression-syntax.yaml": "expressions",
    "expression-unknown-filter.yaml": "expressions",
    "frame-mismatch.yaml": "sums against the frame",
    "frame-unknown-column.yaml": "a reference to a column id",
    "missing-value.yaml": "a value per column id, and sums against the frame",
    "list-three-levels.yaml": "Markdown inside a text",
    "not-utf8.yaml": "the file's encoding",
    "octal-looking.yaml": "0123 is a number in YAML 1.2, and a text field takes numbers (memo reads them as text); "
                          "memo refuses it because YAML 1.1 reads an octal number",
    "power-bomb.yaml": "expressions",
    "private-attribute.yaml": "expressions",
    "sexagesimal.yaml": "10:30 is text in YAML 1.2; memo refuses it because YAML 1.1 reads a number",
    "tab-indentation.yaml": "YAML syntax",
    "unknown-column-value.yaml": "a reference to a column id",
    "unknown-name-in-text.yaml": "expressions",
    "unknown-table.yaml": "a reference to a table id",
    "yaml-syntax.yaml": "YAML syntax",
    "yes-as-text.yaml": "yes is text in YAML 1.2; memo refuses it because YAML 1.1 reads true",
    "of-which-first-row.yaml": "a row's place among the rows, and amounts against the row above",
    "subtract-written-negative.yaml": "a value's sign against another field of its row",
    "table-units-summed.yaml": "a column type against another field of the table",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_a_schema_can_refuse_of_the_broken_cases_it_refuses(name):
    raw = (FOLDER / name).read_bytes()
    try:
        data = load_as_editor(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        assert name in NOT_FOR_A_SCHEMA
        return
    if name in NOT_FOR_A_SCHEMA:
        assert errors(data) == [], "the schema refuses it after all: take it off the list"
    else:
        assert errors(data) != []


@pytest.mark.parametrize("path, value", [
    (("tables", "fordelning", "rows", 0, "values", "forslag_2024"), "fem"),
    (("tables", "fordelning", "rows", 0, "values", "forslag_2024"), "1,6,0"),
    (("tables", "fordelning", "rows", 0, "values", "forslag_2024"), float("inf")),
    (("organisation",), "finns-inte"),
    (("tables", "fordelning", "rows", 0, "id"), "Trygghetsvardar"),
    (("tables", "fordelning", "columns", 0, "id"), "Forslag"),
    (("title",), ""),
    (("title",), "   "),
    (("title",), "två\nrader"),
    (("dnr",), "KS-2024-00430"),
    (("date",), "2023-02-29"),
    (("date",), "1711324800"),
])
def test_what_memo_refuses_the_schema_refuses(path, value):
    data = load_as_editor((ROOT / "cases" / "KFKS-2024-00430.yaml").read_text(encoding="utf-8"))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert errors(data) != []


def test_the_table_rows_case_is_valid_for_the_editor_and_a_misspelt_column_type_is_not():
    data = load_as_editor(TABLE_ROWS.read_text(encoding="utf-8"))
    assert errors(data) == []
    data["tables"]["avgifter"]["columns"][3]["type"] = "procent"
    data["tables"]["netto"]["rows"][1]["of_which"] = "ja"
    found = sorted(errors(data))
    assert found[0] == "tables/avgifter/columns/3/type: 'procent' is not one of ['amount', 'text', 'percent', 'unit']"
    assert len(found) == 2 and found[1].startswith("tables/netto/rows/1: {'id': 'lokalhyra'")  # a row or a subtotal


def test_a_table_id_is_checked_as_a_key():
    data = load_as_editor((ROOT / "cases" / "KFKS-2024-00430.yaml").read_text(encoding="utf-8"))
    data["tables"]["Fordelning"] = data["tables"].pop("fordelning")
    assert errors(data) == ["tables: 'Fordelning' does not match '^[a-z][a-z0-9_]*$'"]


def _matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def _accepts(parse, text: str) -> bool:
    """Whether memo's own parser or validator takes ``text``."""
    try:
        parse(text)
    except (ValueError, ValidationError):  # pydantic's ValidationError is a ValueError too
        return False
    return True


AMOUNT_CHARACTERS = "0123456789" * 3 + ",.- \u00a0\u202f\u2212\t\n\u3000\x1c\x85+e_'" + "١٢" + "aoX"


@settings(max_examples=3000)
@given(st.text(alphabet=AMOUNT_CHARACTERS, max_size=14))
def test_the_amount_pattern_accepts_exactly_what_memo_parses(text):
    assert _matches(AMOUNT_PATTERN, text) == _accepts(parse_amount, text)


@pytest.mark.parametrize("text", ["1,6", "1.6", "-632", "\u2212632", "1 600 000", "1\u00a0600\u202f000,25", " 5 ", "0,09"])
def test_amounts_as_officials_write_them_are_valid(text):
    assert _matches(AMOUNT_PATTERN, text)


@settings(max_examples=2000)
@given(st.text(alphabet="ab \u00a0\t\n\r\u2028\x85\u3000", max_size=8))
def test_the_line_pattern_accepts_exactly_what_the_model_accepts(text):
    assert _matches(LINE_PATTERN, text) == _accepts(TypeAdapter(Line).validate_python, text)


@settings(max_examples=2000)
@given(st.one_of(
    st.dates().map(date.isoformat),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.text(alphabet="0123456789-T: ", max_size=20),
))
def test_the_date_pattern_accepts_exactly_what_the_model_accepts(text):
    assert _matches(DATE_PATTERN, text) == _accepts(TypeAdapter(Day).validate_python, text)


@pytest.mark.parametrize("text, valid", [
    ("2024-02-29", True), ("2000-02-29", True), ("1900-02-29", False), ("2023-02-29", False),
    ("2024-04-31", False), ("2024-12-31", True), ("0000-01-01", False), ("2024-03-25T00:00:00", False),
])
def test_leap_days_and_month_ends(text, valid):
    assert _matches(DATE_PATTERN, text) == valid


def _subschemas(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _subschemas(value)


def test_every_pattern_and_choice_has_a_swedish_message_for_the_editor():
    """yaml-language-server shows patternErrorMessage / errorMessage instead of the regular expression."""
    checked = [s for s in _subschemas(SCHEMA) if "pattern" in s or "enum" in s]
    assert len(checked) > 10
    for subschema in checked:
        message = subschema.get("patternErrorMessage") or subschema.get("errorMessage")
        assert message and re.search("[åäö]", message), subschema
