"""The case file's JSON Schema, generated from the model, for editors.

VS Code (YAML extension) and other editors read ``schema/case.schema.json``
through the ``# yaml-language-server: $schema=…`` line of each case and then
complete and check fields as the official types. Titles are Swedish; the
descriptions and the Swedish messages for patterns come from the model.

The schema says what memo accepts, as far as a schema can: memo reads every
scalar as text, so a text field also takes what YAML 1.2 reads as a number or
true/false. Written in a project, it lists that project's organisations
(the folders under templates/) and each one's Dnr pattern; it is written
again when an organisation is added.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .model import IDENTIFIER_RULE, Case, Profile
from .organisation import PROFILE, load_organisation

#: The Swedish title of every field and every part of a case, by name.
TITLES: dict[str, str] = {
    "Case": "Ärende",
    "Column": "Kolumn",
    "Decision": "Beslutsförslag",
    "DecisionPart": "Beslutsdel",
    "Distribution": "Sändlista",
    "points": "Beslutspunkter",
    "point_style": "Form för beslutspunkterna",
    "parts": "Beslutsdelar",
    "closing": "Avslutande rad",
    "distribution": "Sändlista",
    "recipients": "Mottagare",
    "page_break": "Ny sida",
    "unit_label": "Enhetens skrivsätt i tabellen",
    "subtract": "Dras av",
    "of_which": "Varav-rad",
    "Frame": "Ram",
    "Row": "Rad",
    "Section": "Avsnitt",
    "Signatory": "Underskrift",
    "Table": "Tabell",
    "TableView": "Tabell i texten",
    "Subtotal": "Delsumma",
    "StatedSum": "Angiven summa",
    "CaseOfficer": "Handläggare",
    "type": "Kolumntyp",
    "sum_of": "Summa av kolumner",
    "change_of": "Förändring mellan kolumner",
    "texts": "Text per kolumn",
    "subtotal": "Delsummarad",
    "stated_sum": "Angiven summa",
    "tolerance": "Tolerans",
    "footnote": "Fotnot",
    "recipient": "Mottagare",
    "case_officer": "Handläggare",
    "phone": "Telefon",
    "email": "E-post",
    "after_signatures": "Efter underskrifterna",
    "amount": "Belopp",
    "body": "Innehåll",
    "column": "Kolumn",
    "column_labels": "Visa kolumnrubriker",
    "columns": "Kolumner",
    "date": "Datum",
    "decision": "Beslutsförslag",
    "dnr": "Diarienummer",
    "frame": "Ram",
    "header": "Rubrik i första kolumnen",
    "heading": "Rubrik",
    "id": "Id",
    "intro": "Inledning",
    "label": "Kolumnrubrik",
    "level": "Rubriknivå",
    "long_name": "Lång lydelse",
    "long_names": "Visa långa lydelser",
    "max_decimals": "Högsta antal decimaler",
    "min_decimals": "Minsta antal decimaler",
    "name": "Namn",
    "organisation": "Organisation",
    "rows": "Rader",
    "sections": "Avsnitt",
    "show_in": "Visas i enhet",
    "signatories": "Underskrifter",
    "sum_label": "Summarad",
    "table": "Tabell",
    "tables": "Tabeller",
    "title": "Rubrik",
    "unit": "Enhet",
    "unit_in_cells": "Enhet i varje cell",
    "values": "Belopp per kolumn",
}

SCHEMA_ID = "https://memo.invalid/schema/case.schema.json"


class _Generator(GenerateJsonSchema):
    """pydantic's schema, with what memo's reading of YAML and its messages add for the editor."""

    def str_schema(self, schema: Any) -> dict[str, Any]:
        generated = super().str_schema(schema)
        if "pattern" not in generated:  # free text: `label: 2024` is the text 2024 to memo
            generated["type"] = ["string", "number", "boolean"]
        return generated

    def literal_schema(self, schema: Any) -> dict[str, Any]:
        generated = super().literal_schema(schema)
        choices = [str(c) for c in generated.get("enum", [generated.get("const")])]
        words = " eller ".join([", ".join(choices[:-1]), choices[-1]]) if len(choices) > 1 else choices[0]
        generated["errorMessage"] = f"är inte tillåtet — välj {words}"
        return generated

    def dict_schema(self, schema: Any) -> dict[str, Any]:
        generated = super().dict_schema(schema)
        patterns = generated.pop("patternProperties", None)
        if patterns:  # keys that are ids: every key must match, with the pattern's message
            [(pattern, values)] = patterns.items()
            generated["additionalProperties"] = values
            generated["propertyNames"] = {**generated.get("propertyNames", {}), "pattern": pattern,
                                          "patternErrorMessage": IDENTIFIER_RULE}
        return generated


def case_schema(templates: Path | None = None) -> dict[str, Any]:
    """The schema; with ``templates``, its organisations and their Dnr patterns are in it."""
    schema = Case.model_json_schema(schema_generator=_Generator)
    _retitle("Case", schema)
    for name, definition in schema.get("$defs", {}).items():
        _retitle(name, definition)
    if templates is not None:
        _add_organisations(schema, _profiles(templates))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def _profiles(templates: Path) -> dict[str, Profile]:
    return {folder.name: load_organisation(templates, folder.name).profile
            for folder in sorted(templates.iterdir()) if (folder / PROFILE).is_file()}


def _add_organisations(schema: dict[str, Any], profiles: dict[str, Profile]) -> None:
    names = ", ".join(profiles)
    organisation = schema["properties"]["organisation"]
    organisation.pop("pattern", None)
    organisation.update(enum=list(profiles), errorMessage=f"okänd organisation — välj en av {names} (mapparna under templates/)")
    schema["allOf"] = [
        {"if": {"properties": {"organisation": {"const": name}}, "required": ["organisation"]},
         "then": {"properties": {"dnr": {
             "pattern": f"^(?:{profile.dnr_pattern})$",
             "patternErrorMessage": f"är inget diarienummer i {profile.name}s form {profile.dnr_format}",
         }}}}
        for name, profile in profiles.items()
    ]


def _retitle(name: str, definition: dict[str, Any]) -> None:
    definition["title"] = TITLES[name]
    for field, spec in definition.get("properties", {}).items():
        spec["title"] = TITLES[field]


def schema_text(templates: Path | None = None) -> str:
    """The schema as committed: stable key order, UTF-8, trailing newline."""
    return json.dumps(case_schema(templates), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
