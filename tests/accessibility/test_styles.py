from memo.accessibility.styles import Styles

from ..conftest import ROOT


def _styles(organisation: str) -> Styles:
    import zipfile

    archive = zipfile.ZipFile(ROOT / "templates" / organisation / "memo.docx")
    return Styles(archive.read("word/styles.xml"), archive.read("word/theme/theme1.xml"))


def test_outline_levels_put_the_title_above_the_memos_headings():
    styles = _styles("nacka")
    levels = {name: styles.outline_level(styles.named(name).id) for name in ("Title", "Heading 1", "Heading 2", "Heading 3")}
    assert levels == {"Title": 1, "Heading 1": 2, "Heading 2": 3, "Heading 3": 4}
    assert styles.outline_level(styles.named("Normal").id) is None


def test_properties_come_through_based_on_and_the_theme():
    styles = _styles("kungsbacka")
    caption = styles.named("Caption")
    assert caption.ui_name == "Caption" and caption.name == "caption"
    assert styles.font(styles.named("Tabelltext").id) == "Arial"  # Tabelltext -> Normal
    assert styles.colour(styles.named("Title").id) == "000000"
    assert styles.colour(styles.named("Normal").id) is None  # automatic
    assert styles.background(styles.named("Normal").id) == "FFFFFF"
    assert styles.font(styles.named("No Spacing").id) == styles.theme_fonts["minor"] == "Cambria"  # not based on Normal
    assert styles.font(styles.named("Fältetikett tecken").id) is None  # a character style leaves it to the paragraph
