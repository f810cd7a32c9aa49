"""An archive made once per session (v1, then v2 after a changed amount and paragraph), copied per test.

Archiving converts to PDF with LibreOffice (2–4 s each), so most tests work on a copy of this one.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from memo.archive.store import archive_case
from memo.archive.versions import CaseArchive
from memo.build import Workspace

from ..conftest import ROOT, edit_case, require

CASE = "KFKS-2024-00430"
# v1 -> v2: one amount (the sum of its column moves with it) and one paragraph
AMOUNT_OLD = "values: {forslag_2024: 1.5, utfall_2023: 1.6, budget_2023: 1.5}"
AMOUNT_NEW = "values: {forslag_2024: 1.5, utfall_2023: 1.7, budget_2023: 1.5}"
PARAGRAPH_OLD = "liksom stödet till de lokala arbetsgrupperna."
PARAGRAPH_NEW = "liksom stödet till alla lokala arbetsgrupper."


@pytest.fixture(autouse=True)
def no_archive_from_environment(monkeypatch):
    """Tests (and the memo processes they start) use the archive in their own project folder."""
    monkeypatch.delenv("MEMO_ARCHIVE_DIR", raising=False)


def needs_libreoffice() -> None:
    require(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")


def make_writable(folder: Path) -> None:
    """Undo the archive's read-only modes so a test can tamper and tmp_path can be cleaned."""
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            os.chmod(path, path.stat().st_mode | stat.S_IWUSR | (stat.S_IXUSR if path.is_dir() else 0))


@pytest.fixture(scope="session")
def archived_once(tmp_path_factory) -> Path:
    needs_libreoffice()
    folder = tmp_path_factory.mktemp("archived")
    shutil.copytree(ROOT / "cases", folder / "cases")
    shutil.copytree(ROOT / "templates", folder / "templates")
    workspace = Workspace(folder)
    archive_case(workspace.cases / f"{CASE}.yaml", workspace, folder / "archive")
    edit_case(workspace, AMOUNT_OLD, AMOUNT_NEW)
    edit_case(workspace, PARAGRAPH_OLD, PARAGRAPH_NEW)
    archive_case(workspace.cases / f"{CASE}.yaml", workspace, folder / "archive")
    yield folder
    make_writable(folder)


@pytest.fixture
def archived(archived_once, tmp_path) -> Workspace:
    """A private copy of the session's project with its archive (read-only versions as published)."""
    target = tmp_path / "project"
    shutil.copytree(archived_once, target)
    yield Workspace(target)
    make_writable(target)


def case_archive(workspace: Workspace, case: str = CASE) -> CaseArchive:
    return CaseArchive(workspace.root / "archive", case)


def memo_command(workspace: Workspace, *args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``memo`` as a user runs it, in its own process."""
    return subprocess.run([sys.executable, "-m", "memo.cli", "--root", str(workspace.root), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, **kwargs)
