"""The shipped cases as PDFs, made once per test session: conversions take seconds each."""

from __future__ import annotations

import shutil

import pytest

from memo.build import Workspace, build

from ..conftest import ROOT, require

CASES = ["KFKS-2024-00430", "KS-2024-00167", "SN-18-0098"]


@pytest.fixture(scope="session")
def shipped_pdfs(tmp_path_factory):
    """Case -> its built PDF, all three converted in parallel in a copy of the project."""
    from concurrent.futures import ThreadPoolExecutor

    require(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(ROOT / "cases", root / "cases")
    shutil.copytree(ROOT / "templates", root / "templates")
    workspace = Workspace(root)
    with ThreadPoolExecutor(max_workers=3) as pool:
        built = list(pool.map(lambda case: build(workspace.cases / f"{case}.yaml", workspace, pdf=True), CASES))
    return {case: b.paths[1] for case, b in zip(CASES, built)}
