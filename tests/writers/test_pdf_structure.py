"""Issue 12, item 2, read from each shipped case's PDF structure tree with pikepdf (one conversion per case, shared
with test_pdf), and from one case given footnotes."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from memo.build import Workspace, build

from ..conftest import ROOT, edit_case, require
from ..pdf_tree import outline, structure_tree
from .conftest import CASES

HEADINGS = {f"H{n}" for n in range(1, 7)}


@pytest.fixture(scope="module")
def trees(shipped_pdfs):
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        require(False, "pikepdf is not installed (pip install -e '.[test]')")
    return {case: structure_tree(path) for case, path in shipped_pdfs.items()}


@pytest.fixture(scope="module")
def catalogs(shipped_pdfs):
    import pikepdf

    out = {}
    for case, path in shipped_pdfs.items():
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            metadata = pdf.open_metadata()
            out[case] = {
                "marked": bool(root.MarkInfo.Marked),
                "lang": str(root.Lang),
                "display_title": bool(root.ViewerPreferences.DisplayDocTitle),
                "title": str(pdf.docinfo.get("/Title", "")),
                "pdfa": metadata.get("pdfaid:part"),
                "pdfua": metadata.get("pdfuaid:part"),
            }
    return out


@pytest.mark.parametrize("case", CASES)
def test_tagged_pdfa2_and_pdfua1_in_swedish_with_the_title_shown(catalogs, case, project):
    from memo.build import prepare

    title = prepare(project.cases / f"{case}.yaml", project).memo.title
    assert catalogs[case] == {"marked": True, "lang": "sv-SE", "display_title": True, "title": title,
                              "pdfa": "2", "pdfua": "1"}


@pytest.mark.parametrize("case", CASES)
def test_headings_start_at_h1_and_skip_no_level(trees, case):
    levels = [int(e.role[1:]) for e in trees[case].iter() if e.role in HEADINGS]
    assert levels[0] == 1 and levels.count(1) == 1, levels  # the title, once
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert max(levels) <= 4


@pytest.mark.parametrize("case", CASES)
def test_tables_have_header_cells_with_column_scope(trees, case):
    tables = [e for e in trees[case].iter() if e.role == "Table"]
    assert tables
    for table in tables:
        rows = [e for e in table.children if e.role == "TR"]
        first = [c for c in rows[0].children]
        assert first and all(c.role == "TH" and c.attributes.get("Scope") == "Column" for c in first), outline(table)
        assert all(c.role == "TD" for row in rows[1:] for c in row.children)


def test_a_header_cell_over_two_columns_says_so(trees):
    decision = next(e for e in trees["KFKS-2024-00430"].iter() if e.role == "Table")
    [header] = [c for c in decision.children if c.role == "TR"][0].children
    assert header.attributes.get("ColSpan") == "2"


def test_lists_are_l_and_li(trees):
    lists = [e for e in trees["SN-18-0098"].iter() if e.role == "L"]
    assert len(lists) == 2
    for found in lists:
        assert found.children and all(item.role == "LI" for item in found.children)
        assert all({"LBody"} <= {c.role for c in item.children} for item in found.children)


# Two footnotes in the Nacka case, on different pages: (the text before the reference, the note's text).
NOTES = [
    ("trygghetspaketet.", "Kommunfullmäktiges beslut den 11 december 2023."),
    ("för detta syfte.", "Lag (2023:196) om kommuners ansvar för brottsförebyggande arbete."),
]


@pytest.fixture(scope="module")
def footnoted(tmp_path_factory):
    """The Nacka case with NOTES as footnotes, built as PDF."""
    require(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    root = tmp_path_factory.mktemp("footnoted")
    shutil.copytree(ROOT / "cases", root / "cases")
    shutil.copytree(ROOT / "templates", root / "templates")
    workspace = Workspace(root)
    for before, note in NOTES:
        edit_case(workspace, f"{before}\n", f"{before}[^1]\n\n      [^1]: {note}\n")
    return build(workspace.cases / "KFKS-2024-00430.yaml", workspace, pdf=True).paths[1]


def _words(pdf, page: int) -> list[tuple[str, float, float, float, float]]:
    """The page's words in pdftotext's reading order, with xMin, yMin, xMax, yMax (from the top left)."""
    out = subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1), "-bbox", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [(html.unescape(w[4]), *map(float, w[:4])) for w in word.findall(out)]


def test_footnotes_are_notes_that_their_references_link_to(footnoted):
    """LibreOffice tags a Word footnote as Note (in a Div, where the page's notes are) and its reference as a
    Link in the paragraph, whose annotation leads to the note's line at the foot of the note's page."""
    import pikepdf

    tree = structure_tree(footnoted)
    notes = [note for div in tree.iter() if div.role == "Div" for note in div.children if note.role == "Note"]
    assert len(notes) == len(NOTES) == len([e for e in tree.iter() if e.role == "Note"]), outline(tree)
    assert all(any(child.role == "P" for child in note.children) for note in notes)
    references = [e for p in tree.iter() if p.role == "P" for e in p.children if e.role == "Link" and e.destinations]
    assert len(references) == len(NOTES), outline(tree)
    with pikepdf.open(footnoted) as pdf:
        heights = [float(page.mediabox[3]) for page in pdf.pages]
    for number, ((_, text), note, reference) in enumerate(zip(NOTES, notes, references), start=1):
        [(page, left, top)] = reference.destinations
        assert page == note.page
        expected = [str(number), *text.split()]  # the note as printed: its number, then its text
        words = _words(footnoted, page)
        [line] = [words[i:i + len(expected)] for i in range(len(words))
                  if [w[0] for w in words[i:i + len(expected)]] == expected]
        x_min, y_min = min(w[1] for w in line), min(w[2] for w in line)
        x_max, y_max = max(w[3] for w in line), max(w[4] for w in line)
        assert x_min - 1 <= left <= x_max and y_min - 1 <= heights[page] - top <= y_max, (line, left, top)
    assert references[0].destinations[0][0] < references[1].destinations[0][0], "the notes are on different pages"


def test_every_note_has_an_id_listed_in_the_structure_trees_id_tree(footnoted):
    """PDF/UA-1 7.9 (Matterhorn 19-003): a Note carries an /ID; memo adds it, LibreOffice 7.4 does not."""
    import pikepdf

    with pikepdf.open(footnoted) as pdf:
        root = pdf.Root.StructTreeRoot
        listed = list(root.IDTree.Names)
        ids = [bytes(key) for key in listed[::2]]
        assert len(ids) == len(NOTES) and ids == sorted(ids) and len(set(ids)) == len(ids)
        for key, note in zip(listed[::2], listed[1::2]):
            assert note.S == pikepdf.Name.Note and bytes(note.ID) == bytes(key)
