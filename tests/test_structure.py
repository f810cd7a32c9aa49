"""The tests mirror the source: every module has its test module, and src/ names no organisation."""

from __future__ import annotations

from .conftest import ROOT

SRC = ROOT / "src" / "memo"


def test_every_module_has_a_test_module():
    missing = []
    for module in sorted(SRC.rglob("*.py")):
        if module.name == "__init__.py":
            continue
        relative = module.relative_to(SRC)
        expected = ROOT / "tests" / relative.parent / f"test_{relative.name}"
        if not expected.is_file():
            missing.append(str(expected.relative_to(ROOT)))
    assert missing == []
