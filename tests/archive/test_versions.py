"""The archive on disk: where the root is, what counts as a version."""

from __future__ import annotations

from pathlib import Path

import pytest

from memo.archive.versions import CaseArchive, archive_root, archived_cases, prepare_version
from memo.build import Workspace
from memo.errors import ArchiveError

from .conftest import CASE, case_archive


def test_root_is_the_option_else_the_environment_else_archive_in_the_project(monkeypatch, tmp_path):
    workspace = Workspace(tmp_path)
    assert archive_root(workspace) == tmp_path / "archive"
    monkeypatch.setenv("MEMO_ARCHIVE_DIR", "/srv/arkiv")
    assert archive_root(workspace) == Path("/srv/arkiv")
    assert archive_root(workspace, Path("annat")) == Path("annat")


def test_only_v_number_folders_are_versions_in_numeric_order(tmp_path):
    archive = CaseArchive(tmp_path, "KS-2024-00167")
    for name in ("v10", "v2", "v1", ".v11.abc.tmp", "v0", "vx", "v03"):
        (archive.folder / name).mkdir(parents=True)
    (archive.folder / "v3").write_text("en fil, ingen version")
    assert [v.name for v in archive.versions()] == ["v1", "v2", "v10"]
    assert archive.latest().name == "v10"
    assert archive.version("2").path == archive.folder / "v2"
    assert archived_cases(tmp_path) == [archive]


def test_an_unknown_version_names_those_there_are(tmp_path):
    archive = CaseArchive(tmp_path, "KS-2024-00167")
    (archive.folder / "v1").mkdir(parents=True)
    with pytest.raises(ArchiveError, match="^KS-2024-00167: versionen v7 finns inte i arkivet — versionerna är: v1$"):
        archive.version("v7")


def test_unreadable_metadata_is_an_archive_error(tmp_path):
    archive = CaseArchive(tmp_path, "KS-2024-00167")
    (archive.folder / "v1" / "data").mkdir(parents=True)
    (archive.folder / "v1" / "data" / "metadata.json").write_text("{inte json")
    with pytest.raises(ArchiveError, match="^KS-2024-00167/v1: data/metadata.json går inte att läsa"):
        archive.latest().metadata


def test_an_archived_version_is_prepared_from_its_own_files(archived):
    v1, v2 = case_archive(archived).versions()
    assert prepare_version(v1).path == v1.data / "cases" / f"{CASE}.yaml"
    assert prepare_version(v1).organisation.folder == (v1.data / "templates" / "nacka").resolve()
    assert prepare_version(v1).memo != prepare_version(v2).memo
