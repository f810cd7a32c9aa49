"""Lists as Word multi-level lists: levels, start values, continued items, the organisation's bullet."""

from __future__ import annotations

import io
from dataclasses import replace

import docx

from memo.memo import ItemList, ListItem, Paragraph, Span
from memo.verify import docx_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbered(data: bytes) -> list[tuple[str, str | None, str | None, str]]:
    """(style, ilvl, numId, text) of each list paragraph, in order."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for p in document.paragraphs:
        num_pr = p._p.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            out.append((p.style.name, num_pr.find(f"{W}ilvl").get(f"{W}val"), num_pr.find(f"{W}numId").get(f"{W}val"), p.text))
    return out


def _num(data: bytes, num_id: str):
    numbering = docx.Document(io.BytesIO(data)).part.numbering_part.element
    num = numbering.num_having_numId(int(num_id))
    abstract_id = num.abstractNumId.val
    abstract = next(a for a in numbering.iterchildren(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == str(abstract_id))
    start = num.find(f"{W}lvlOverride/{W}startOverride")
    levels = [(lvl.get(f"{W}ilvl"), lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"))
              for lvl in abstract.iterchildren(f"{W}lvl")]
    return levels, (None if start is None else start.get(f"{W}val"))


def test_lists_are_multi_level_word_lists(structures_docx):
    paragraphs = _numbered(structures_docx)
    first, second, points, bullets, checklist = (paragraphs[i][2] for i in (0, 4, 5, 7, 12))
    assert paragraphs == [
        ("List Number", "0", first, "Riktlinjerna godkänns."),
        ("List Number", "0", first, "Förvaltningen får i uppdrag att"),
        ("List Number", "1", first, "informera berörda,"),
        ("List Number", "1", first, "följa upp arbetet."),
        ("List Number", "0", second, "Beslutet gäller från och med 2027."),
        ("List Number", "0", points, "Förvaltningen verkställer riktlinjerna."),  # decision points: a list of their own
        ("List Number", "0", points, "Kostnaden på 60,87\u00a0mkr belastar nämndens budget."),
        ("List Bullet", "0", bullets, "Första punkten"),
        ("List Bullet", "1", bullets, "en underpunkt"),
        ("List Bullet", "1", bullets, "en till"),
        ("List Bullet", "0", bullets, "Andra punkten i två stycken."),
        ("List Bullet", "0", "0", "Andra stycket i samma punkt."),  # the same item: no number of its own
        ("List Bullet", "0", checklist, "[ ] Ventilation"),
        ("List Bullet", "0", checklist, "[ ] Tillgänglighet"),
    ]
    assert _num(structures_docx, first) == ([("0", "decimal", "%1."), ("1", "lowerLetter", "%2)")], "1")
    assert _num(structures_docx, second) == ([("0", "decimal", "%1."), ("1", "lowerLetter", "%2)")], "3")
    assert _num(structures_docx, points) == ([("0", "decimal", "%1."), ("1", "lowerLetter", "%2)")], "1")
    assert len({first, second, points, bullets, checklist}) == 5
    assert _num(structures_docx, bullets) == ([("0", "bullet", "\u2022"), ("1", "bullet", "\u2022")], "1")


def test_a_continued_paragraph_is_indented_like_its_item(structures_docx):
    document = docx.Document(io.BytesIO(structures_docx))
    [p] = [p for p in document.paragraphs if p.text == "Andra stycket i samma punkt."]
    ind = p._p.find(f"{W}pPr/{W}ind")
    assert (ind.get(f"{W}left"), ind.get(f"{W}hanging")) == ("425", "0")


def test_lists_read_back_item_by_item(structures_docx):
    body = docx_text(structures_docx).body
    start = body.index("Nämnden beslutar följande.")
    assert body[start:start + 7] == [
        "Nämnden beslutar följande.", "Riktlinjerna godkänns.", "Förvaltningen får i uppdrag att",
        "informera berörda,", "följa upp arbetet.", "Därtill gäller följande.", "Beslutet gäller från och med 2027.",
    ]


def test_the_organisations_bullet(nacka):
    from memo.writers.docx import render_docx

    block = ItemList((ListItem((Paragraph((Span("a"),)),)),), bullet="\u2013")
    data = render_docx(replace(nacka.memo, body=(block,)), nacka.organisation.template)
    [(_, _, num_id, _)] = _numbered(data)
    assert _num(data, num_id)[0] == [("0", "bullet", "\u2013"), ("1", "bullet", "\u2013")]
