"""Paragraph properties land in the schema's order whatever order they are set in."""

from lxml import etree

from memo.writers.wml import W, child, paragraph_property, scratch


def _names(paragraph) -> list[str]:
    return [etree.QName(e).localname for e in paragraph.find(W + "pPr")]


def test_properties_are_placed_in_schema_order_and_a_second_setting_replaces_the_first():
    paragraph = child(scratch(), "p")
    paragraph_property(paragraph, "ind", left="284")
    paragraph_property(paragraph, "pStyle", val="Normal")
    paragraph_property(paragraph, "jc", val="right")
    paragraph_property(paragraph, "spacing", before="120")
    paragraph_property(paragraph, "numPr")
    paragraph_property(paragraph, "pageBreakBefore")
    paragraph_property(paragraph, "ind", left="568", hanging="0")
    assert _names(paragraph) == ["pStyle", "pageBreakBefore", "numPr", "spacing", "ind", "jc"]
    assert paragraph.find(f"{W}pPr/{W}ind").attrib == {W + "left": "568", W + "hanging": "0"}


def test_a_child_carries_its_attributes_in_the_w_namespace():
    cell = child(scratch(), "tcW", type="dxa", w="1960")
    assert etree.tostring(cell) == (b'<w:tcW xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                                    b'w:type="dxa" w:w="1960"/>')
