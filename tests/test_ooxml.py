"""Real schemas: every XML part of every built package validates against ECMA-376
(../shared/ooxml-xsd, used in place; the Dublin Core stand-ins are memo's own)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from memo.build import prepare
from memo.ooxml import validate_package, xml_parts
from memo.writers.docx import render_docx

from .conftest import ROOT, replace_in_part, require

XSD = ROOT.parent / "shared" / "ooxml-xsd"
CASES = sorted(p.stem for p in (ROOT / "cases").glob("*.yaml"))


def require_schemas() -> None:
    require((XSD / "wml.xsd").is_file() and (XSD / "opc-xsd").is_dir(),
            f"the ECMA-376 schemas are not at {XSD} (they are not part of the project)")


@pytest.mark.parametrize("case", CASES)
def test_every_part_of_every_shipped_case_validates_with_zero_errors(case, project):
    require_schemas()
    prepared = prepare(project.cases / f"{case}.yaml", project)
    data = render_docx(prepared.memo, prepared.organisation.template)
    validation = validate_package(data, XSD)
    parts = set(xml_parts(data))
    assert {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
            "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} <= parts
    assert any(n.startswith("word/header") for n in parts) and any(n.startswith("word/footer") for n in parts)
    assert validation.uncovered == []
    assert set(validation.errors) == parts
    assert validation.errors == {name: [] for name in parts}




def test_a_broken_document_part_is_reported(nacka_docx):
    require_schemas()
    errors = validate_package(replace_in_part(nacka_docx, "word/document.xml", b"<w:body>", b"<w:body><w:bogus/>"), XSD).errors
    assert any("bogus" in e for e in errors["word/document.xml"])


def test_a_doubled_core_property_is_reported(nacka_docx):
    """What docxcompose did to every document: a second lastModifiedBy in another namespace."""
    require_schemas()
    foreign = b'<cp:lastModifiedBy xmlns:cp="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties">x</cp:lastModifiedBy>'
    broken = replace_in_part(nacka_docx, "docProps/core.xml", b"</cp:coreProperties>", foreign + b"</cp:coreProperties>")
    errors = validate_package(broken, XSD).errors["docProps/core.xml"]
    assert len(errors) == 1 and "lastModifiedBy" in errors[0]


def test_a_part_in_no_schema_namespace_is_listed_not_passed(nacka_docx):
    require_schemas()
    broken = replace_in_part(nacka_docx, "word/settings.xml", b"<w:settings ", b'<x:settings xmlns:x="urn:example" ')
    broken = replace_in_part(broken, "word/settings.xml", b"</w:settings>", b"</x:settings>")
    assert validate_package(broken, XSD).uncovered == ["word/settings.xml"]


def test_the_structures_case_validates_numbering_and_footnotes_included(structures_docx):
    require_schemas()
    validation = validate_package(structures_docx, XSD)
    assert {"word/numbering.xml", "word/footnotes.xml"} <= set(validation.errors)
    assert validation.uncovered == []
    assert validation.errors == {name: [] for name in xml_parts(structures_docx)}


def test_the_table_rows_case_validates_varav_indents_included(table_rows_docx):
    require_schemas()
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(table_rows_docx)).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert len(list(document.iter(f"{w}tbl"))) == 2
    assert len([ind for tc in document.iter(f"{w}tc") for ind in tc.iter(f"{w}ind")]) == 2  # the two varav rows
    validation = validate_package(table_rows_docx, XSD)
    assert validation.uncovered == []
    assert validation.errors == {name: [] for name in xml_parts(table_rows_docx)}
