"""The content checks on small pieces of WordprocessingML, one rule at a time."""

from __future__ import annotations

from lxml import etree

from memo.accessibility import content
from memo.accessibility.styles import Styles

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _document(body: str):
    root = etree.fromstring(f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    return content.Locator("word/document.xml", root), root


def _p(text: str = "", style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>" if text else f"<w:p>{ppr}</w:p>"


def test_an_empty_header_cell_is_found_in_its_grid_column():
    cells = ('<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + _p("A") + "</w:tc>"
             "<w:tc>" + _p() + "</w:tc>")
    where, root = _document(f"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>"
                            f"<w:tr><w:tc>{_p()}</w:tc><w:tc>{_p()}</w:tc><w:tc>{_p()}</w:tc></w:tr></w:tbl>")
    [(place, _, criterion)] = content.header_cells(where, root)
    assert place == "word/document.xml, tabell 1, rad 1, kolumn 3"  # after a cell spanning two; body cells may be empty
    assert criterion == content.STRUCTURE


def test_heading_levels_may_rise_by_one_and_fall_by_any():
    styles = Styles(f'<w:styles {NS}>'
                    + "".join(f'<w:style w:type="paragraph" w:styleId="H{n}"><w:name w:val="h{n}"/>'
                              f'<w:pPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>' for n in (1, 2, 3))
                    + "</w:styles>")
    where, root = _document(_p("T", "H1") + _p("a", "H2") + _p("b", "H3") + _p("c", "H2") + _p("d", "H1")
                            + _p("e", "H3"))
    [(place, message, _)] = content.heading_order(where, root, styles)
    assert place == 'word/document.xml, stycke 6 "e"'
    assert message == ("rubriken har nivå 3 efter nivå 1 — en rubriknivå hoppas över; använd nivå 2 "
                       "(i ett ärende: level: 1)")


def test_a_link_is_found_when_its_text_is_its_target_or_an_address():
    rels = {"rId1": "https://example.se/a", "rId2": "https://example.se/b"}
    links = "".join(f'<w:p><w:hyperlink r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink></w:p>'
                    for rid, text in (("rId1", "https://example.se/a"), ("rId2", "Läs riktlinjerna"),
                                      ("rId2", "www.example.se")))
    where, root = _document(links)
    assert [place for place, _, _ in content.links(where, root, rels)] == [
        'word/document.xml, stycke 1 "https://example.se/a"', 'word/document.xml, stycke 3 "www.example.se"']


def test_the_only_paragraph_of_a_page_header_may_be_empty_but_not_a_body_paragraph():
    header = etree.fromstring(f"<w:hdr {NS}>{_p()}</w:hdr>")
    assert content.spacing_paragraphs(content.Locator("word/header1.xml", header), header) == []
    where, root = _document(_p("a") + _p() + _p("b") + '<w:p><w:pPr><w:sectPr/></w:pPr></w:p>')
    assert [place for place, _, _ in content.spacing_paragraphs(where, root)] == ["word/document.xml, stycke 2"]


def test_a_decorative_image_needs_no_alternative_text():
    wp = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    decorative = ('<wp:docPr id="2" name="Linje"><a16:decorative '
                  'xmlns:a16="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></wp:docPr>')
    drawings = (f'<w:p><w:r><w:drawing><wp:inline {wp}><wp:docPr id="1" name="Logga" descr="Kommunens logga"/>'
                f'</wp:inline></w:drawing></w:r></w:p><w:p><w:r><w:drawing><wp:inline {wp}>{decorative}'
                f'</wp:inline></w:drawing></w:r></w:p>')
    where, root = _document(drawings)
    assert content.images(where, root) == []


def test_a_coloured_run_is_measured_against_white():
    where, root = _document('<w:p><w:r><w:rPr><w:color w:val="999999"/></w:rPr><w:t>grå</w:t></w:r></w:p>'
                            '<w:p><w:r><w:rPr><w:color w:val="595959"/></w:rPr><w:t>mörkgrå</w:t></w:r></w:p>')
    found = content.run_colours(where, root, Styles(None))
    assert [(place, message) for place, message, _ in found] == [(
        'word/document.xml, stycke 1 "grå"',
        "textfärgen #999999 på vitt har kontrasten 2,8:1, under 4,5:1 — välj en mörkare färg (eller ljusare bakgrund)")]


def test_a_contrast_just_under_the_minimum_is_not_shown_as_the_minimum():
    from memo.accessibility.content import contrast_message

    assert contrast_message("777777", "FFFFFF", 4.4799).startswith("textfärgen #777777 på vitt har kontrasten 4,4:1, under 4,5:1")
