"""A folder of broken case files, each with its exact expected messages (tests/broken_cases/expected.yaml).

Together they cover what an official can get wrong: YAML traps, the model,
amounts, dates, the Dnr, consistency and expressions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from memo.build import Workspace, build, prepare
from memo.errors import CaseError

from .conftest import ROOT, output_names

FOLDER = Path(__file__).resolve().parent / "broken_cases"
EXPECTED: dict[str, list[str]] = yaml.safe_load((FOLDER / "expected.yaml").read_text(encoding="utf-8"))
TARGET = "KFKS-2024-00430.yaml"


def test_the_folder_and_the_expectations_match():
    files = sorted(p.name for p in FOLDER.glob("*.yaml") if p.name != "expected.yaml")
    assert files == sorted(EXPECTED)
    assert len(files) >= 30


@pytest.fixture
def empty_workspace(tmp_path) -> Workspace:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "cases").mkdir()
    return Workspace(tmp_path)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_case_gives_exactly_its_messages(name, empty_workspace):
    target = empty_workspace.cases / TARGET
    shutil.copy(FOLDER / name, target)
    with pytest.raises(CaseError) as caught:
        prepare(target, empty_workspace)
    organisations = ", ".join(sorted(p.parent.name for p in empty_workspace.templates.glob("*/profile.yaml")))
    assert caught.value.lines() == [line.replace("{organisations}", organisations) for line in EXPECTED[name]]


def test_a_file_over_one_megabyte(empty_workspace):
    target = empty_workspace.cases / TARGET
    target.write_text("title: " + "x" * 1_048_576 + "\n", encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        prepare(target, empty_workspace)
    assert caught.value.lines() == [
        f"cases/{TARGET}:1:1: filen är 1048584 byte, mer än gränsen 1048576 — dela upp texten eller korta den"
    ]


def test_a_failed_build_leaves_the_previous_output_and_writes_nothing_else(workspace):
    case = workspace.cases / TARGET
    [docx] = build(case, workspace).paths
    before = docx.read_bytes()
    shutil.copy(FOLDER / "amount-two-commas.yaml", case)
    with pytest.raises(CaseError):
        build(case, workspace)
    assert docx.read_bytes() == before
    assert output_names(workspace.build) == [docx.name]
