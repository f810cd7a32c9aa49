"""The style checks: heading levels of the memo's styles, contrast, substituted fonts."""

from __future__ import annotations

import zipfile

from memo.accessibility import presentation
from memo.accessibility.styles import Styles

from ..conftest import ROOT


def _styles(organisation: str = "nacka") -> Styles:
    archive = zipfile.ZipFile(ROOT / "templates" / organisation / "memo.docx")
    return Styles(archive.read("word/styles.xml"), archive.read("word/theme/theme1.xml"))


def test_shipped_heading_styles_nest_under_the_title():
    assert presentation.heading_styles(_styles()) == []


def test_the_styles_the_writer_uses_are_checked_even_when_the_template_does_not_use_them():
    styles = _styles()
    names = {styles.by_id[i].ui_name for i in presentation.checked_styles(styles, set())}
    assert {"Normal", "Caption", "Fotnot", "Tabelltext", "Heading 3", "List Number"} <= names


def test_only_replaced_fonts_are_reported(fontconfig):
    found = presentation.substituted_fonts({"Arial": "word/styles.xml, stilen Normal",
                                            "Frutiger": "word/document.xml, stycke 3"})
    assert found == [("word/document.xml, stycke 3",
                      "typsnittet Frutiger finns inte där PDF:en görs — LibreOffice sätter texten i DejaVu Sans "
                      "(enligt fontconfig); installera Frutiger eller välj ett typsnitt som finns",
                      presentation.APPEARANCE)]
