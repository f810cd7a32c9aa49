"""The workspace: folders, the case files in it, and which file a Dnr names."""

from __future__ import annotations

import pytest

from memo.errors import UsageError
from memo.workspace import resolve_case


def test_a_dnr_as_written_names_its_file(workspace):
    assert resolve_case(workspace, "SN 18/0098") == (workspace.cases / "SN-18-0098.yaml").resolve()


def test_a_file_elsewhere_is_refused(workspace, tmp_path):
    elsewhere = tmp_path / "cases-elsewhere"
    elsewhere.mkdir()
    (elsewhere / "X.yaml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="ärendefiler läses bara från"):
        resolve_case(workspace, str(elsewhere / "X.yaml"))


def test_case_files_are_the_regular_yaml_files(workspace):
    (workspace.cases / "notes.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in workspace.case_files()] == ["KFKS-2024-00430.yaml", "KS-2024-00167.yaml", "SN-18-0098.yaml"]


def test_relative_paths_inside_and_outside(workspace, tmp_path):
    assert workspace.relative(workspace.cases / "A.yaml") == "cases/A.yaml"
    assert workspace.relative(tmp_path.parent / "B.yaml") == str(tmp_path.parent / "B.yaml")
