from decimal import Decimal

from memo.compute import compute_table
from memo.model import Table

NB = "\u00a0"


def table(rows, frame=None, unit="mkr") -> Table:
    return Table.model_validate({
        "unit": unit,
        "columns": [{"id": "a", "label": "Förslag"}, {"id": "b", "label": "Utfall"}],
        "rows": rows,
        **({"frame": frame} if frame else {}),
    })


ROWS = [
    {"id": "x", "name": "X", "values": {"a": "1.6", "b": "1.2"}},
    {"id": "y", "name": "Y", "values": {"a": "0.1", "b": "0.09"}},
    {"id": "z", "name": "Z", "values": {"a": "3.3", "b": "3"}},
]


def test_sums_are_exact_decimals_in_kronor():
    computed, problems = compute_table("t", table(ROWS))
    assert problems == []
    assert computed.sums == {"a": Decimal("5000000.0"), "b": Decimal("4290000.00")}
    assert computed.values["y"]["b"] == Decimal("90000.00")
    assert str(computed.sums["b"] / 1_000_000) == "4.29"


def test_frame_that_holds():
    _, problems = compute_table("t", table(ROWS, {"column": "a", "amount": "5"}))
    assert problems == []


def test_frame_that_does_not_hold_says_by_how_much_and_where():
    _, [problem] = compute_table("t", table(ROWS, {"column": "a", "amount": "5.1"}))
    assert problem.path == ("tables", "t", "frame", "amount")
    assert problem.message == (
        f"raderna i Förslag summerar till 5{NB}mkr, 0,1{NB}mkr under ramen 5,1{NB}mkr "
        "— ändra beloppen i raderna eller ramen så att de stämmer"
    )


def test_missing_and_unknown_values_and_reserved_ids():
    rows = [{"id": "sum", "name": "S", "values": {"a": "1", "c": "2"}}]
    _, problems = compute_table("t", table(rows))
    assert [(p.path, p.message.split(" —")[0]) for p in problems] == [
        (("tables", "t", "rows", 0, "id"), "id sum är reserverat för summor"),
        (("tables", "t", "rows", 0), "värde saknas för b"),
        (("tables", "t", "rows", 0, "values", "c"), "kolumnen c finns inte bland beloppskolumnerna"),
    ]
