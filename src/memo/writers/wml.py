"""WordprocessingML elements made with plain lxml: a memo's blocks are thousands of them.

(python-docx's element classes cost a parse per new element and a class lookup per access.)
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

#: The children of w:pPr in their schema order (ECMA-376 part 1, 17.3.1.26, CT_PPrBase then CT_PPr).
_PPR_ORDER = {W + name: i for i, name in enumerate((
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
    "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))}


def scratch():
    """An element to make new elements in (they share its document) before they are moved to their places."""
    return etree.Element(W + "body", nsmap={"w": W_NS})


def child(parent, name: str, **attributes: str):
    """A new last child ``w:name`` of ``parent`` with ``w:`` attributes."""
    return etree.SubElement(parent, W + name, {W + key: value for key, value in attributes.items()})


def paragraph_property(paragraph, name: str, **attributes: str):
    """Set the property ``w:name`` in the paragraph's w:pPr (made if missing), in schema order; replaces one there."""
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    element = etree.Element(W + name, {W + key: value for key, value in attributes.items()})
    old = properties.find(W + name)
    if old is not None:
        old.getparent().replace(old, element)
        return element
    rank = _PPR_ORDER[W + name]
    for existing in properties:
        if _PPR_ORDER.get(existing.tag, -1) > rank:
            existing.addprevious(element)
            return element
    properties.append(element)
    return element
