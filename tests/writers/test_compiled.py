"""The template compiled once per process: the same bytes as a fresh build, static parts as stored."""

import dataclasses
import io
import os
import subprocess
import sys
import zipfile

import pytest

from memo.build import prepare, render_verified
from memo.errors import OutputError
from memo.ooxml import validate_package
from memo.verify import docx_text
from memo.writers.compiled import compiled

from ..test_ooxml import XSD, require_schemas

FRESH_BUILD = """
import sys
from pathlib import Path
from memo.build import prepare, render_verified
from memo.workspace import Workspace
workspace = Workspace(Path(sys.argv[1]))
sys.stdout.buffer.write(render_verified(prepare(workspace.cases / (sys.argv[2] + ".yaml"), workspace)))
"""


@pytest.mark.parametrize("case", ["KFKS-2024-00430", "KS-2024-00167", "SN-18-0098"])
def test_a_memo_from_the_compiled_template_is_byte_identical_to_a_fresh_process_build(project, case):
    prepared = prepare(project.cases / f"{case}.yaml", project)
    render_verified(prepared)  # the template is now compiled in this process
    warm = render_verified(prepared)
    fresh = subprocess.run([sys.executable, "-c", FRESH_BUILD, str(project.root), case], check=True,
                           capture_output=True).stdout
    assert warm == fresh


def test_parts_without_tags_are_copied_as_the_template_stores_them(nacka, nacka_docx):
    template = zipfile.ZipFile(nacka.organisation.template)
    built = zipfile.ZipFile(io.BytesIO(nacka_docx))
    for name in ("word/styles.xml", "word/stylesWithEffects.xml", "word/theme/theme1.xml", "word/fontTable.xml"):
        assert built.read(name) == template.read(name)


def test_a_template_is_compiled_once_per_version_of_its_file(workspace):
    path = workspace.templates / "nacka" / "memo.docx"
    first = compiled(path)
    assert compiled(path) is first
    os.utime(path, ns=(1, 1))  # another version of the file
    assert compiled(path) is not first


def test_a_style_the_template_lacks_is_named_when_a_memo_needs_it(nacka):
    styles = compiled(nacka.organisation.template).styles
    assert styles.id("Heading 1") == "Heading1"
    without_quote = dataclasses.replace(styles, ids={k: v for k, v in styles.ids.items() if k != "Quote"})
    with pytest.raises(OutputError, match="mallen saknar stilen Quote — lägg till den i Word-mallen"):
        without_quote.id("Quote")


def test_a_template_without_numbering_gets_a_numbering_part_for_the_memo_lists(workspace):
    """SN-18-0098 has bullet lists; its template loses its numbering part, relationship and content type."""
    path = workspace.templates / "upplands-bro" / "memo.docx"
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/numbering.xml":
                continue
            if name == "word/_rels/document.xml.rels":
                data = _without(data, b"<Relationship ", b"numbering.xml")
            if name == "[Content_Types].xml":
                data = _without(data, b"<Override ", b"numbering.xml")
            target.writestr(name, data)
    path.write_bytes(out.getvalue())
    data = render_verified(prepare(workspace.cases / "SN-18-0098.yaml", workspace))
    built = zipfile.ZipFile(io.BytesIO(data))
    assert b"numbering.xml" in built.read("word/_rels/document.xml.rels")
    assert b'PartName="/word/numbering.xml"' in built.read("[Content_Types].xml")
    assert built.read("word/numbering.xml").count(b"<w:num ") >= 1
    require_schemas()
    validation = validate_package(data, XSD)
    assert validation.errors["word/numbering.xml"] == [] and validation.errors["word/_rels/document.xml.rels"] == []


def _without(xml: bytes, start: bytes, needle: bytes) -> bytes:
    """``xml`` without the one element that begins with ``start`` and holds ``needle``."""
    at = xml.index(needle)
    begin = xml.rindex(start, 0, at)
    end = xml.index(b"/>", at) + 2
    return xml[:begin] + xml[end:]


def test_rendering_runs_no_python_docx_document_per_memo(nacka, monkeypatch):
    import docx
    import docxtpl.template

    compiled(nacka.organisation.template)
    for module in (docx, docxtpl.template):
        monkeypatch.setattr(module, "Document", lambda *a, **k: pytest.fail("a memo opened a document with python-docx"))
    render_verified(nacka)



def test_a_template_whose_main_part_has_another_name_is_written_and_read_back(workspace):
    """Word may name the main part word/document2.xml; the package's relationships say which it is."""
    path = workspace.templates / "upplands-bro" / "memo.docx"
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    renamed = {"word/document.xml": "word/document2.xml",
               "word/_rels/document.xml.rels": "word/_rels/document2.xml.rels"}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"word/document.xml", b"word/document2.xml")
            target.writestr(renamed.get(name, name), data)
    path.write_bytes(out.getvalue())
    data = render_verified(prepare(workspace.cases / "SN-18-0098.yaml", workspace))  # lists: numbering is added to
    built = zipfile.ZipFile(io.BytesIO(data))
    assert "word/document2.xml" in built.namelist() and "word/document.xml" not in built.namelist()
    prepared = prepare(workspace.cases / "SN-18-0098.yaml", workspace)
    assert prepared.memo.title in docx_text(data).body  # read back from the part the relationships name
