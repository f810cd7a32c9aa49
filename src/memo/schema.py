"""The case file's JSON Schema, generated from the model, for editors.

VS Code (YAML extension) and other editors read ``schema/case.schema.json``
through the ``# yaml-language-server: $schema=…`` line of each case and then
complete and check fields as the official types. Titles are Swedish; the
descriptions come from the model's fields.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Case

#: The Swedish title of every field and every part of a case, by name.
TITLES: dict[str, str] = {
    "Case": "Ärende",
    "Column": "Kolumn",
    "Decision": "Beslutsförslag",
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


def case_schema() -> dict[str, Any]:
    schema = Case.model_json_schema()
    _retitle("Case", schema)
    for name, definition in schema.get("$defs", {}).items():
        _retitle(name, definition)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema


def _retitle(name: str, definition: dict[str, Any]) -> None:
    definition["title"] = TITLES[name]
    for field, spec in definition.get("properties", {}).items():
        spec["title"] = TITLES[field]


def schema_text() -> str:
    """The schema as committed: stable key order, UTF-8, trailing newline."""
    return json.dumps(case_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
