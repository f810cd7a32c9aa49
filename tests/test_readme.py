"""The README's references are complete: the names a Word template can use are listed as
tools/template_names.py generates them now, and every field of the case file is shown with an example."""

from __future__ import annotations

import importlib.util
import re
import textwrap
import typing

from pydantic import BaseModel

from memo.build import prepare, render_verified
from memo.inspection import provided_names, template_names
from memo.model import Case

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tool():
    spec = importlib.util.spec_from_file_location("template_names", ROOT / "tools" / "template_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _between(start: str, end: str) -> str:
    return README[README.index(start):README.index(end, README.index(start))]


def test_the_template_names_section_is_what_the_tool_generates_now():
    """Run `python tools/template_names.py --write` after changing the Memo's fields or their meanings."""
    tool = _tool()
    generated = tool.section()
    assert _between(tool.START, tool.END) + tool.END == generated


def test_the_section_lists_every_name_a_template_can_use_in_template_syntax():
    tool = _tool()
    section = _between(tool.START, tool.END)
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) == len(provided_names())
    for name in ("header.officer.line", "s.name", "p body", "for s in signatories"):
        assert name in section


def test_every_name_the_shipped_templates_use_is_in_the_list():
    listed = {name.path for name in provided_names()}
    for template in sorted((ROOT / "templates").glob("*/memo.docx")):
        used = template_names(template)
        assert used and used <= listed, (template, sorted(used - listed))


def _models(tp, found: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """Every model a case file holds, reached through the fields' annotations (lists, unions, Annotated)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in found:
            found.append(tp)
            for field in tp.model_fields.values():
                _models(field.annotation, found)
    for argument in typing.get_args(tp):
        _models(argument, found)
    return found


CASE_FILE_REFERENCE = _between("## För handläggare", "### Felmeddelanden")


def test_every_field_of_the_case_file_is_shown_with_an_example():
    """Each field appears as written in a case file (`name:`) in the README's part for case officers."""
    missing = [f"{model.__name__}.{name}" for model in _models(Case, [])
               for name in model.model_fields if not re.search(rf"(?<![\w-]){name}:", CASE_FILE_REFERENCE)]
    assert missing == []


BASE_CASE = """\
organisation: nacka
dnr: KFKS-2024-00999
date: 2024-05-02
title: Exempel
decision:
  body: Nämnden beslutar enligt förslaget.
signatories:
  - {name: Anna Andersson, title: Ekonom}
"""


def test_the_examples_of_parts_of_a_case_build(workspace):
    """Each YAML example of one part of a case (not the excerpt of a whole file) builds, put into a small case."""
    fragments = [textwrap.dedent(block) for block in re.findall(r"```yaml\n(.*?)^ *```", CASE_FILE_REFERENCE, re.M | re.S)]
    fragments = [f for f in fragments if "organisation:" not in f and f.split(":")[0] in Case.model_fields]
    assert len(fragments) >= 2
    for i, fragment in enumerate(fragments):
        keys = set(re.findall(r"^([a-z_]+):", fragment, re.M))
        base = "".join(part for part in re.split(r"(?m)^(?=[a-z_]+:)", BASE_CASE)
                       if part and part.split(":")[0] not in keys)
        path = workspace.cases / "KFKS-2024-00999.yaml"
        path.write_text(base + fragment, encoding="utf-8")
        prepared = prepare(path, workspace)
        assert render_verified(prepared), fragment
