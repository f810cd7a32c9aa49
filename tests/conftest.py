"""Shared fixtures: the project's own cases and templates, built in memory or in a temp copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from memo.build import Workspace, prepare
from memo.writers.docx import render_docx

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).resolve().parent / "reference"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip outside CI when a real part is missing; fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def project() -> Workspace:
    return Workspace(ROOT)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A writable copy of the project's cases/ and templates/."""
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return Workspace(tmp_path)


def replace_in_part(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """A .docx (or any zip) with ``old`` replaced by ``new`` in one part; ``old`` must be there."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == part:
                assert old in content, (part, old)
                content = content.replace(old, new)
            target.writestr(name, content)
    return out.getvalue()


def output_names(folder: Path) -> list[str]:
    """The files in an output folder (no lock file or temp file may be among them)."""
    return sorted(p.name for p in folder.iterdir())


def edit_case(workspace: Workspace, old: str, new: str, case: str = "KFKS-2024-00430", count: int = 1) -> None:
    """Replace text in a case file of a temp workspace; ``old`` must occur ``count`` times."""
    path = workspace.cases / f"{case}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def nacka(project: Workspace):
    return prepare(project.cases / "KFKS-2024-00430.yaml", project)


@pytest.fixture(scope="session")
def nacka_docx(nacka) -> bytes:
    return render_docx(nacka.memo, nacka.organisation.template)


@pytest.fixture
def fontconfig(monkeypatch):
    """fc-match as on the CI image: Arial -> Liberation Sans (metric-compatible), anything unknown -> DejaVu Sans."""
    from memo.accessibility import fonts

    known = {"Arial": "Liberation Sans"}
    monkeypatch.setattr(fonts, "matched_family", lambda family: known.get(family, "DejaVu Sans"))


#: A case of the structures real memos use (lists, headings to level 4, quotes, decisions, appendices).
STRUCTURES = Path(__file__).resolve().parent / "structures" / "KFKS-2026-00011.yaml"
#: A case of the table rows real memos use (percents, a unit per row, rows that subtract, varav rows).
TABLE_ROWS = STRUCTURES.parent / "KFKS-2026-00012.yaml"


@pytest.fixture(scope="session")
def structures_workspace(tmp_path_factory) -> Workspace:
    root = tmp_path_factory.mktemp("structures")
    shutil.copytree(ROOT / "templates", root / "templates")
    (root / "cases").mkdir()
    for case in (STRUCTURES, TABLE_ROWS):
        shutil.copy(case, root / "cases")
    return Workspace(root)


@pytest.fixture(scope="session")
def structures(structures_workspace: Workspace):
    return prepare(structures_workspace.cases / STRUCTURES.name, structures_workspace)


@pytest.fixture(scope="session")
def structures_docx(structures) -> bytes:
    """Built and verified: the text read back equals the memo's."""
    from memo.build import render_verified

    return render_verified(structures)


@pytest.fixture(scope="session")
def table_rows(structures_workspace: Workspace):
    return prepare(structures_workspace.cases / TABLE_ROWS.name, structures_workspace)


@pytest.fixture(scope="session")
def table_rows_docx(table_rows) -> bytes:
    """Built and verified: the text read back equals the memo's."""
    from memo.build import render_verified

    return render_verified(table_rows)
