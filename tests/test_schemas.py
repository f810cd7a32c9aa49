"""Real schemas: the built parts validate against ECMA-376 (../shared/ooxml-xsd, used in place)."""

from __future__ import annotations

import io
import zipfile

import pytest

from memo.build import prepare
from memo.schemas import schema_errors
from memo.writers.docx import render_docx

from .conftest import ROOT, require

XSD = ROOT.parent / "shared" / "ooxml-xsd"


CASES = sorted(p.stem for p in (ROOT / "cases").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES)
def test_every_shipped_case_validates_document_headers_and_footers_with_zero_errors(case, project):
    require((XSD / "wml.xsd").is_file(), f"the ECMA-376 schemas are not at {XSD} (they are not part of the project)")
    prepared = prepare(project.cases / f"{case}.yaml", project)
    data = render_docx(prepared.memo, prepared.organisation.template)
    errors = schema_errors(data, XSD)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    main = [n for n in errors if n == "word/document.xml" or n.startswith(("word/header", "word/footer"))]
    assert "word/document.xml" in main and any("header" in n for n in main) and any("footer" in n for n in main)
    assert {n: errors[n] for n in main} == {n: [] for n in main}
    template_errors = schema_errors(prepared.organisation.template.read_bytes(), XSD)
    for name, found in errors.items():
        assert len(found) <= len(template_errors.get(name, [])), (name, found)
    assert names


def test_a_broken_part_is_reported(nacka_docx):
    require((XSD / "wml.xsd").is_file(), f"the ECMA-376 schemas are not at {XSD}")
    source = zipfile.ZipFile(io.BytesIO(nacka_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><w:bogus/>", 1)
            target.writestr(name, data)
    errors = schema_errors(out.getvalue(), XSD)
    assert any("bogus" in e for e in errors["word/document.xml"])
