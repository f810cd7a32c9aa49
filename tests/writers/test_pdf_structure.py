"""Issue 12, item 2, read from each shipped case's PDF structure tree with pikepdf (one conversion per case, shared with test_pdf)."""

from __future__ import annotations

import pytest

from ..conftest import require
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
