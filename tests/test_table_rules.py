"""The rules a table's rows keep together: a unit per row sums nothing, a subtracting row is written
positive, a varav row has a row above it, takes its sign and unit and is not larger than it."""

from __future__ import annotations

import pytest

from memo.compute import compute_table
from memo.model import Table

NB = "\u00a0"
AMOUNT = {"id": "a", "label": "Avgift"}
UNIT = {"id": "enhet", "label": "Enhet", "type": "unit"}


def problems(columns, rows, **extra) -> list[tuple[tuple, str]]:
    spec = Table.model_validate({"unit": "kr", "columns": columns, "rows": rows, **extra})
    return [(p.path, p.message) for p in compute_table("t", spec)[1]]


def row(row_id: str, value: str = "100", **fields) -> dict:
    return {"id": row_id, "name": row_id.capitalize(), "values": {"a": value}, **fields}


UNITS_NOT_SUMMED = ("tabellen har en enhet per rad (kronor/timme, kronor), och belopp i olika enheter läggs inte ihop "
                    "— ta bort {field}; har alla rader samma enhet, ta bort enhetskolumnen och skriv enheten med "
                    "unit_label")


@pytest.mark.parametrize("field, value", [
    ("sum_label", "Summa"), ("frame", {"column": "a", "amount": "1"}),
    ("stated_sum", {"tolerance": "1", "values": {"a": "1"}}),
])
def test_a_table_with_a_unit_per_row_refuses_every_sum(field, value):
    rows = [row("tim", unit="kronor/timme"), row("ar", unit="kronor")]
    assert problems([AMOUNT, UNIT], rows, **{field: value}) == [(("tables", "t", field), UNITS_NOT_SUMMED.format(field=field))]


def test_a_table_with_a_unit_per_row_refuses_subtotals_units_in_cells_and_a_second_unit_column():
    rows = [row("tim", unit="kronor/timme"), {"subtotal": "Delsumma"}, row("ar", unit="kronor")]
    second = {"id": "enhet2", "label": "Enhet 2", "type": "unit"}
    assert problems([AMOUNT, UNIT, second], rows, unit_in_cells=True) == [
        (("tables", "t", "columns", 2, "type"), "tabellen har redan en enhetskolumn (enhet) — en räcker"),
        (("tables", "t", "unit_in_cells"),
         "radernas enheter står i kolumnen Enhet — ta bort unit_in_cells, annars står enheten två gånger"),
        (("tables", "t", "rows", 1, "subtotal"), "tabellen har en enhet per rad (kronor/timme, kronor), och belopp i "
                                                 "olika enheter läggs inte ihop — ta bort delsumman"),
    ]


def test_a_row_without_its_unit_and_a_unit_without_a_column_are_located():
    assert problems([AMOUNT, UNIT], [row("tim", unit="kronor/timme"), row("ar")]) == [
        (("tables", "t", "rows", 1), "enhet saknas — skriv radens enhet (kolumnen Enhet), t.ex. unit: kronor"),
    ]
    assert problems([AMOUNT], [row("tim", unit="kronor/timme")]) == [
        (("tables", "t", "rows", 0, "unit"),
         "tabellen har ingen kolumn för radernas enheter — lägg till en kolumn med type: unit där enheterna ska stå "
         "(t.ex. {id: enhet, label: Enhet, type: unit}), eller ta bort unit"),
    ]


def test_a_subtracting_row_is_written_without_minus_sign_and_so_are_its_varav_rows():
    rows = [row("kost", "500"), row("int", "-120", subtract=True), row("del", "-20", of_which=True)]
    assert problems([AMOUNT], rows) == [
        (("tables", "t", "rows", 1, "values", "a"), f"raden dras av (subtract: true), så beloppet skrivs utan "
                                                    f"minustecken — skriv 120{NB}kr; memo visar det med minustecken"),
        (("tables", "t", "rows", 2, "values", "a"), f"raden ovanför, som varav-raden är en del av, dras av (subtract: "
                                                    f"true), så beloppet skrivs utan minustecken — skriv 20{NB}kr; memo "
                                                    f"visar det med minustecken"),
    ]


def test_a_varav_row_needs_a_row_above_and_sets_neither_sign_nor_unit():
    wording = ("en varav-rad är en del av raden ovanför, men här finns ingen rad ovanför — flytta raden under den rad "
               "den är en del av, eller ta bort of_which")
    assert problems([AMOUNT], [row("del", of_which=True), row("del2", of_which=True), row("kost")]) == [
        (("tables", "t", "rows", 0, "of_which"), wording), (("tables", "t", "rows", 1, "of_which"), wording),
    ]
    rows = [row("tim", "1000", unit="kronor/timme"), row("del", of_which=True, subtract=True, unit="kronor")]
    assert problems([AMOUNT, UNIT], rows) == [
        (("tables", "t", "rows", 1, "subtract"),
         "en varav-rad räknas med samma tecken som raden den är en del av — ta bort subtract här"),
        (("tables", "t", "rows", 1, "unit"), "en varav-rad har samma enhet som raden den är en del av — ta bort unit här"),
    ]


def test_a_varav_row_larger_than_its_row_is_a_typing_mistake():
    rows = [row("kost", "1 500,5"), row("hyra", "4 200", of_which=True), row("el", "1 500,5", of_which=True)]
    assert problems([AMOUNT], rows) == [
        (("tables", "t", "rows", 1, "values", "a"),
         f"raden Hyra (4{NB}200{NB}kr i Avgift) är större än raden den är en del av, Kost (1{NB}500,5{NB}kr) — en "
         f"del kan inte vara större än helheten; kontrollera beloppen"),
    ]


def test_a_varav_row_is_compared_with_the_row_above_its_group_and_with_a_subtotal():
    rows = [row("int", "300"), row("avg", "200", of_which=True), row("hyra", "250", of_which=True),
            {"subtotal": "Delsumma", "id": "d"}, row("del", "400", of_which=True)]
    assert [(path[3], message.split(" — ")[0]) for path, message in problems([AMOUNT], rows)] == [
        (4, f"raden Del (400{NB}kr i Avgift) är större än raden den är en del av, Delsumma (300{NB}kr)"),
    ]


def test_a_part_of_a_net_amount_may_point_the_other_way():
    """A net change of −54 may hold a part of +60: only a part larger in the same direction is refused."""
    assert problems([AMOUNT], [row("net", "-54"), row("del", "60", of_which=True)]) == []
    assert problems([AMOUNT], [row("net", "-54"), row("del", "-60", of_which=True)])[0][0] == (
        "tables", "t", "rows", 1, "values", "a")


def test_percent_columns_are_never_summed_nor_compared_and_not_a_frame():
    percent = {"id": "p", "label": "Förändring", "type": "percent"}
    rows = [{"id": "k", "name": "K", "values": {"a": "10", "p": "2"}},
            {"id": "d", "name": "D", "of_which": True, "values": {"a": "5", "p": "40"}}]
    assert problems([AMOUNT, percent], rows) == []
    assert problems([AMOUNT, percent], rows, frame={"column": "p", "amount": "1"}) == [
        (("tables", "t", "frame", "column"),
         "kolumnen p är ingen beloppskolumn och summeras inte — ramen gäller summan av en beloppskolumn"),
    ]
    assert problems([AMOUNT, percent], [{"id": "k", "name": "K", "values": {"a": "1", "q": "2"}}]) == [
        (("tables", "t", "rows", 0), "värde saknas för p — fyll i ett värde per kolumn"),
        (("tables", "t", "rows", 0, "values", "q"), "kolumnen q finns inte bland belopps- och procentkolumnerna — de är a, p"),
    ]
