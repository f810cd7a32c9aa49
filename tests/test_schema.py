import json

from memo.schema import TITLES, case_schema, schema_text

from .conftest import ROOT


def test_committed_schema_is_up_to_date():
    committed = (ROOT / "schema" / "case.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: .venv/bin/memo schema"


def test_every_field_has_a_swedish_title_and_description():
    schema = case_schema()
    for definition in [schema, *schema["$defs"].values()]:
        assert definition["title"] in TITLES.values()
        for name, spec in definition["properties"].items():
            assert spec["title"] == TITLES[name]
            assert spec.get("description"), name


def test_shipped_cases_point_editors_at_the_schema():
    for case in sorted((ROOT / "cases").glob("*.yaml")):
        assert case.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    assert json.loads(schema_text())["properties"]["dnr"]["title"] == "Diarienummer"
