"""The tests mirror the source: every module has its test module, and src/ names no organisation."""

from __future__ import annotations

import re

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


# What these three memos are: their organisations, titles and headings. None of it may be code.
MEMO_WORDS = [
    "Nacka", "Kungsbacka", "Upplands-Bro", "KFKS", "KS-2024", "SN 18",
    "Trygghetspaketet", "Ombudgeteringar och resultatfonder", "Revidering av riktlinjer",
    "Förslag till beslut", "Sammanfattning", "Ärendet", "Bakgrund", "Ekonomiska konsekvenser",
    "Konsekvenser för barn", "Handlingar i ärendet", "Beslutsunderlag", "Beslutet skickas till",
    "Beslut sänds till", "Barnperspektiv", "Beskrivning av ärendet", "Resultatfonder", "SUMMA",
]


def test_src_names_no_organisation_title_or_heading_of_these_memos():
    found = []
    for module in sorted(SRC.rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        found += [f"{module.relative_to(ROOT)}: {word}" for word in MEMO_WORDS
                  if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    assert found == []
