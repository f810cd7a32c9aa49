import shutil

from memo.accessibility import fonts

from ..conftest import require


def test_a_font_is_substituted_when_fontconfig_gives_another_family(monkeypatch):
    answers = {"Frutiger": "DejaVu Sans", "Arial": "Liberation Sans", "Liberation Sans": "Liberation Sans",
               "Calibri": "DejaVu Sans"}
    monkeypatch.setattr(fonts, "matched_family", answers.get)
    assert fonts.substitute("Frutiger") == "DejaVu Sans"
    assert fonts.substitute("Liberation Sans") is None
    assert fonts.substitute("Arial") is None  # metric-compatible: same widths, same line breaks
    assert fonts.substitute("Calibri") == "DejaVu Sans"  # Carlito is not installed: a real substitution


def test_fc_match_is_asked():
    require(shutil.which("fc-match") is not None, "fontconfig (fc-match) is not installed")
    fonts.matched_family.cache_clear()
    assert fonts.substitute("DejaVu Sans") is None
    assert fonts.substitute("Frutiger LT 45 Light") not in (None, "Frutiger LT 45 Light")
