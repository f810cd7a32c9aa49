"""Arial's advance widths: digits are equally wide (amounts line up), bold is wider, unknown counts wide."""

from memo.writers.metrics import UNKNOWN, text_width


def test_widths_in_twips():
    assert text_width("0123456789", 10) == 10 * 556 * 10 * 20 / 1000  # every digit 556/1000 em
    assert text_width("Nämndens", 10) == 10 * 20 * (722 + 556 + 833 + 556 + 556 + 556 + 556 + 500) / 1000
    assert text_width("Nämndens", 10, bold=True) > text_width("Nämndens", 10)
    assert text_width("\u4e2d", 10) == UNKNOWN * 10 * 20 / 1000
