"""Guarantees the mutation run found undefended (issue 9, family 8): each test fails if its guarantee goes."""

from __future__ import annotations

import io
import stat
import zipfile
from decimal import Decimal

import pytest

import memo.build
from memo.build import build, prepare
from memo.compute import compute_table
from memo.errors import CaseError, OutputError
from memo.files import write_atomic
from memo.model import Table

from .conftest import edit_case
from .test_cli import run

CASE = "KFKS-2024-00430"


def altered(change):
    """render_docx, then ``change`` applied to each part's bytes (name, data) -> data."""
    real = memo.build.render_docx

    def render(*args, **kwargs):
        source = zipfile.ZipFile(io.BytesIO(real(*args, **kwargs)))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in source.namelist():
                target.writestr(name, change(name, source.read(name)))
        return out.getvalue()

    return render


def test_the_build_compares_the_documents_text_with_the_memo_line_by_line(workspace, monkeypatch):
    monkeypatch.setattr(memo.build, "render_docx", altered(
        lambda name, data: data.replace("Kommunstyrelsen beslutar".encode(), "Kommunstyrelsen beslöt".encode())
        if name == "word/document.xml" else data))
    with pytest.raises(OutputError, match="^dokumentets text avviker från memot på rad 4: väntade 'Kommunstyrelsen beslutar"):
        build(workspace.cases / f"{CASE}.yaml", workspace)
    assert not (workspace.build / f"{CASE}.docx").exists()


def test_the_build_checks_the_header_carries_dnr_and_date(workspace, monkeypatch):
    monkeypatch.setattr(memo.build, "render_docx", altered(
        lambda name, data: data.replace(CASE.encode(), b"KFKS-2024-99999") if name.startswith("word/") else data))
    with pytest.raises(OutputError, match=f"^dokumentets huvud saknar {CASE}"):
        build(workspace.cases / f"{CASE}.yaml", workspace)


def test_built_files_are_readable_by_others(tmp_path):
    target = tmp_path / "x.docx"
    write_atomic(target, b"data")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_verify_docx_with_schemas_fails_on_a_schema_error(workspace, capsys, tmp_path):
    from .test_ooxml import XSD

    if not (XSD / "wml.xsd").is_file():
        pytest.skip("the ECMA-376 schemas are not beside the project")
    assert run(workspace, "build", CASE) == 0
    data = (workspace.build / f"{CASE}.docx").read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "word/document.xml":
                part = part.replace(b"<w:body>", b"<w:body><w:notAnElement/>", 1)
            target.writestr(name, part)
    broken = tmp_path / "schema.docx"
    broken.write_bytes(out.getvalue())
    capsys.readouterr()
    assert run(workspace, "verify-docx", str(broken), "--schemas", str(XSD)) == 1
    assert "word/document.xml:" in capsys.readouterr().err


def table(columns, rows) -> Table:
    return Table.model_validate({"unit": "kr", "columns": columns, "rows": rows})


AMOUNT = [{"id": "a", "label": "A"}]


def row(row_id: str, value: str) -> dict:
    return {"id": row_id, "name": row_id.upper(), "values": {"a": value}}


def test_a_second_subtotal_sums_only_its_own_group():
    computed, problems = compute_table("t", table(AMOUNT, [
        row("x", "1"), row("y", "2"), {"subtotal": "Delsumma 1", "id": "d1"}, row("z", "10"),
        {"subtotal": "Delsumma 2", "id": "d2"},
    ]))
    assert problems == []
    assert [(r.id, r.amounts["a"], r.subtotal) for r in computed.rows] == [
        ("x", Decimal(1), False), ("y", Decimal(2), False), ("d1", Decimal(3), True),
        ("z", Decimal(10), False), ("d2", Decimal(10), True),
    ]
    assert computed.sums == {"a": Decimal(13)}


def test_a_missing_text_column_value_is_an_error_not_a_blank_cell():
    _, problems = compute_table("t", table(AMOUNT + [{"id": "n", "label": "Not", "type": "text"}],
                                           [row("x", "1")]))
    assert [(p.path, p.message) for p in problems] == [
        (("tables", "t", "rows", 0), "värde saknas för n — fyll i ett värde per kolumn"),
    ]


def test_duplicate_column_ids_are_refused():
    _, problems = compute_table("t", table(AMOUNT + [{"id": "a", "label": "A igen"}], [row("x", "1")]))
    assert [(p.path, p.message) for p in problems] == [
        (("tables", "t", "columns", 1, "id"), "kolumnen a finns redan — ge den ett eget id"),
    ]


def test_a_title_of_255_characters_builds_and_256_is_located(workspace):
    edit_case(workspace, "title: Trygghetspaketet 2024", "title: " + "A" * 255)
    assert build(workspace.cases / f"{CASE}.yaml", workspace).paths
    edit_case(workspace, "title: " + "A" * 255, "title: " + "A" * 256)
    with pytest.raises(CaseError) as caught:
        prepare(workspace.cases / f"{CASE}.yaml", workspace)
    assert caught.value.lines() == [f"cases/{CASE}.yaml:5:8: title: är för lång — högst 255 tecken"]
