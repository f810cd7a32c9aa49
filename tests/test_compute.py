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


def kungsbacka_table(project, table_id):
    from memo.build import prepare

    prepared = prepare(project.cases / "KS-2024-00167.yaml", project)
    from memo.compute import compute_tables

    tables, problems = compute_tables(prepared.case)
    assert problems == []
    return tables[table_id]


def tkr(value: Decimal) -> int:
    assert value % 1000 == 0
    return int(value / 1000)


def test_eight_column_table_computes_columns_subtotal_and_total_as_the_reference(project):
    table = kungsbacka_table(project, "investeringar")
    rows = {r.name: r for r in table.rows}
    # Förslag ny budget 2024 = budget + ombudget + förändring; 2025 = ombudget + förändring.
    assert [tkr(r.amounts["ny_budget_2024"]) for r in table.rows] == [94931, 165651, 538422, 528263, 1327267, 117463]
    assert [tkr(r.amounts["ny_budget_2025"]) for r in table.rows] == [0, 500, 0, 0, 500, 0]
    delsumma = rows["Delsumma"]
    assert delsumma.subtotal
    assert [tkr(delsumma.amounts[c]) for c in ("budget_2024", "ombudget_2024", "ombudget_2025",
                                               "forandring_2024", "forandring_2025")] == [1111401, 269861, 61373, -53995, -60873]
    assert {c: tkr(v) for c, v in table.sums.items()} == {
        "budget_2024": 1006901, "ombudget_2024": 491824, "ombudget_2025": 61373, "forandring_2024": -53995,
        "forandring_2025": -60873, "ny_budget_2024": 1444730, "ny_budget_2025": 500,
    }


def test_stated_sums_within_tolerance_are_shown_and_reported(project):
    table = kungsbacka_table(project, "resultatfonder")
    assert tkr(table.sums["ib"]) == 548349 and tkr(table.sums["ub"]) == 472159  # the source's Totalt
    assert [n.path[-1] for n in table.notices] == ["ib", "ub"]
    assert "raderna summerar till 548\u00a0350\u00a0tkr" in table.notices[0].message


def test_stated_sum_beyond_tolerance_is_refused():
    spec = Table.model_validate({
        "unit": "tkr",
        "stated_sum": {"tolerance": "1", "values": {"a": "548 348"}},
        "columns": [{"id": "a", "label": "IB"}],
        "rows": [{"id": "x", "name": "X", "values": {"a": "548 350"}}],
    })
    table, [problem] = compute_table("t", spec)
    assert problem.path == ("tables", "t", "stated_sum", "values", "a")
    assert problem.message == (
        f"IB: angiven summa 548{NB}348{NB}tkr, raderna summerar till 548{NB}350{NB}tkr — skillnaden 2{NB}tkr "
        f"är större än toleransen 1{NB}tkr; rätta raderna eller summan"
    )
    assert table.notices == ()


def test_computed_column_refuses_a_typed_value():
    spec = Table.model_validate({
        "columns": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "s", "label": "S", "sum_of": ["a", "b"]}],
        "rows": [{"id": "x", "name": "X", "values": {"a": "1", "b": "2", "s": "4"}}],
    })
    table, [problem] = compute_table("t", spec)
    assert problem.message == "kolumnen s räknas ut — ta bort beloppet"
    assert table.rows[0].amounts["s"] == Decimal(3)


def rows_table(rows, columns=None, unit="tkr", **extra) -> Table:
    return Table.model_validate({
        "unit": unit,
        "columns": columns or [{"id": "a", "label": "Budget"}, {"id": "p", "label": "Förändring", "type": "percent"}],
        "rows": rows,
        **extra,
    })


NET_ROWS = [
    {"id": "kost", "name": "Kostnader", "values": {"a": "12 500", "p": "4,8"}},
    {"id": "hyra", "name": "varav lokalhyra", "of_which": True, "values": {"a": "4 200", "p": "3,6"}},
    {"id": "int", "name": "Intäkter", "subtract": True, "values": {"a": "3 100,5", "p": "6,5"}},
    {"id": "avg", "name": "varav avgifter", "of_which": True, "values": {"a": "2 000", "p": "-7,5"}},
    {"subtotal": "Nettokostnad", "id": "netto"},
    {"id": "kap", "name": "Kapitalkostnader", "values": {"a": "600", "p": "8,3"}},
    {"id": "ater", "name": "Återbetalning", "subtract": True, "values": {"a": "0.25", "p": "0"}},
]


def test_rows_that_subtract_count_negative_and_the_sum_is_the_signed_sum():
    computed, problems = compute_table("t", rows_table(NET_ROWS, sum_label="Netto"))
    assert problems == []
    assert [(r.id, r.amounts["a"]) for r in computed.rows] == [
        ("kost", Decimal("12500000")), ("hyra", Decimal("4200000")), ("int", Decimal("-3100500.0")),
        ("avg", Decimal("-2000000")), ("netto", Decimal("9399500.0")), ("kap", Decimal("600000")),
        ("ater", Decimal("-250.00")),
    ]
    assert computed.sums == {"a": Decimal("9999250.00")}  # 12 500 − 3 100,5 + 600 − 0,25 tkr: no varav row counted


def test_a_subtotal_is_the_signed_sum_of_its_group_without_its_varav_rows():
    rows = [NET_ROWS[2], NET_ROWS[3], {"subtotal": "Intäkter totalt", "id": "d"}, NET_ROWS[0], NET_ROWS[1],
            {"subtotal": "Kostnader totalt", "id": "e"}]
    computed, problems = compute_table("t", rows_table(rows))
    assert problems == []
    assert computed.values["d"] == {"a": Decimal("-3100500.0")}
    assert computed.values["e"] == {"a": Decimal("12500000")}
    assert computed.sums == {"a": Decimal("9399500.0")}


def test_a_varav_row_takes_the_sign_of_the_row_it_is_part_of():
    computed, _ = compute_table("t", rows_table(NET_ROWS))
    rows = {r.id: r for r in computed.rows}
    assert (rows["avg"].subtract, rows["avg"].of_which, rows["avg"].counted) == (True, True, False)
    assert (rows["hyra"].subtract, rows["hyra"].of_which) == (False, True)
    assert rows["netto"].counted is False and rows["kost"].counted is True


def test_percents_are_kept_as_typed_never_scaled_and_never_summed():
    computed, _ = compute_table("t", rows_table(NET_ROWS, sum_label="Netto", show_in="mkr"))
    rows = {r.id: r for r in computed.rows}
    assert rows["kost"].percents == {"p": Decimal("4.8")}  # not 4 800 in a tkr table
    assert rows["avg"].percents == {"p": Decimal("-7.5")}  # a percent keeps its own sign on a subtracting row
    assert rows["netto"].percents == {}
    assert "p" not in computed.sums and "p" not in rows["netto"].amounts
    assert computed.values["kost"] == {"a": Decimal("12500000"), "p": Decimal("4.8")}  # expressions read both


def test_a_computed_column_on_a_subtracting_row_is_negative():
    columns = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "s", "label": "S", "sum_of": ["a", "b"]}]
    rows = [{"id": "x", "name": "X", "values": {"a": "1", "b": "2"}},
            {"id": "y", "name": "Y", "subtract": True, "values": {"a": "0.5", "b": "0.25"}}]
    computed, problems = compute_table("t", rows_table(rows, columns, unit="mkr", sum_label="Netto"))
    assert problems == []
    assert computed.values["y"] == {"a": Decimal("-500000.0"), "b": Decimal("-250000.00"), "s": Decimal("-750000.00")}
    assert computed.sums == {"a": Decimal("500000.0"), "b": Decimal("1750000.00"), "s": Decimal("2250000.00")}


def test_a_table_with_a_unit_per_row_has_no_sums():
    columns = [{"id": "a", "label": "Avgift"}, {"id": "enhet", "label": "Enhet", "type": "unit"}]
    rows = [{"id": "tim", "name": "Timavgift", "unit": "kronor/timme", "values": {"a": "1 350"}},
            {"id": "tim_del", "name": "varav tillsyn", "of_which": True, "values": {"a": "900"}},
            {"id": "ar", "name": "Årsavgift", "unit": "kronor", "values": {"a": "5 000"}}]
    computed, problems = compute_table("t", rows_table(rows, columns, unit="kr"))
    assert problems == []
    assert computed.sums == {} and computed.summable is False
    assert [(r.unit, r.amounts["a"]) for r in computed.rows] == [
        ("kronor/timme", Decimal(1350)), ("kronor/timme", Decimal(900)), ("kronor", Decimal(5000))]


def test_a_typed_amount_with_more_decimals_than_the_table_shows_gets_a_notice():
    table = Table.model_validate({
        "unit": "tkr", "max_decimals": 0, "sum_label": "Summa",
        "columns": [{"id": "b", "label": "Budget"}],
        "rows": [{"id": "x", "name": "X", "values": {"b": "2 150,5"}}, {"id": "y", "name": "Y", "values": {"b": "100"}}],
    })
    computed, problems = compute_table("t", table)
    assert problems == []
    assert [(n.path, n.message) for n in computed.notices] == [(
        ("tables", "t", "rows", 0, "values", "b"),
        "2\u00a0150,5 har fler decimaler än tabellen visar (max_decimals: 0) och står som 2\u00a0151 i tabellen, "
        "men summor och text räknar med 2\u00a0150,5 — skriv beloppet avrundat, eller höj max_decimals",
    )]
    assert computed.sums["b"] == Decimal("2250500")


def test_amounts_shown_in_another_unit_are_rounded_without_a_notice():
    table = Table.model_validate({
        "unit": "kr", "show_in": "tkr", "max_decimals": 0,
        "columns": [{"id": "b", "label": "Budget"}],
        "rows": [{"id": "x", "name": "X", "values": {"b": "1 234 567,50"}}],
    })
    computed, _ = compute_table("t", table)
    assert computed.notices == ()


def test_a_change_column_is_computed_for_rows_subtotals_and_the_sum():
    table = Table.model_validate({
        "unit": "tkr", "sum_label": "Netto",
        "columns": [{"id": "a", "label": "2025"}, {"id": "b", "label": "2026"},
                    {"id": "f", "label": "Förändring", "type": "percent", "change_of": ["a", "b"]}],
        "rows": [
            {"id": "k", "name": "Kostnader", "values": {"a": "12 500", "b": "13 100"}},
            {"id": "i", "name": "Intäkter", "subtract": True, "values": {"a": "3 100", "b": "3 300"}},
            {"id": "s", "subtotal": "Delsumma"},
            {"id": "n", "name": "Ny", "values": {"a": 0, "b": 50}},
        ],
    })
    computed, problems = compute_table("t", table)
    assert problems == []
    by_id = {r.id: r.percents for r in computed.rows}
    assert by_id["k"] == {"f": Decimal("4.8")}
    assert by_id["i"]["f"] == Decimal(200) / Decimal(3100) * 100  # an income that grows, grows
    assert by_id["s"] == {"f": Decimal(400) / Decimal(9400) * 100}  # 9 400 -> 9 800
    assert by_id["n"] == {}  # from 0: no percentage
    assert computed.sum_percents == {"f": Decimal(450) / Decimal(9400) * 100}


def test_a_change_column_is_not_typed_and_compares_amount_columns():
    table = Table.model_validate({
        "columns": [{"id": "a", "label": "A"}, {"id": "t", "label": "T", "type": "text"},
                    {"id": "f", "label": "F", "type": "percent", "change_of": ["a", "t"]},
                    {"id": "g", "label": "G", "change_of": ["a", "a"]}],
        "rows": [{"id": "x", "name": "X", "values": {"a": 1, "f": 2}, "texts": {"t": "x"}}],
    })
    _, problems = compute_table("t", table)
    assert [(p.path, p.message) for p in problems] == [
        (("tables", "t", "columns", 2, "change_of", 1),
         "t är ingen beloppskolumn i tabellen — change_of jämför två av beloppskolumnerna: a, g"),
        (("tables", "t", "columns", 3, "type"), "change_of ger en procentkolumn — skriv type: percent"),
        (("tables", "t", "rows", 0), "värde saknas för g — fyll i ett värde per kolumn"),  # g is read as amounts
        (("tables", "t", "rows", 0, "values", "f"), "kolumnen f räknas ut — ta bort beloppet"),
    ]


def test_a_misspelt_column_in_change_of_is_answered_with_the_one_meant():
    table = Table.model_validate({
        "columns": [{"id": "budget_2025", "label": "B"}, {"id": "prognos_2025", "label": "P"},
                    {"id": "f", "label": "F", "type": "percent", "change_of": ["budget2025", "prognos_2025"]}],
        "rows": [{"id": "x", "name": "X", "values": {"budget_2025": 1, "prognos_2025": 2}}],
    })
    _, problems = compute_table("t", table)
    assert [p.message for p in problems] == [
        "budget2025 är ingen beloppskolumn i tabellen — menade du budget_2025? change_of jämför två av "
        "beloppskolumnerna: budget_2025, prognos_2025"]


def test_a_frame_written_in_the_unit_the_table_is_shown_in_is_told_so():
    table = Table.model_validate({
        "unit": "kr", "show_in": "mkr", "frame": {"column": "b", "amount": 85},
        "columns": [{"id": "b", "label": "Budget 2026"}],
        "rows": [{"id": "x", "name": "X", "values": {"b": "60 000 000"}}, {"id": "y", "name": "Y", "values": {"b": "25 000 000"}}],
    })
    _, problems = compute_table("t", table)
    assert [p.message for p in problems] == [
        "raderna i Budget 2026 summerar till 85\u00a0000\u00a0000\u00a0kr, 84\u00a0999\u00a0915\u00a0kr över ramen "
        "85\u00a0kr — ramen skrivs i tabellens unit (kr), inte i mkr: menade du 85\u00a0000\u00a0000\u00a0kr?"]


def test_rounded_rows_that_do_not_add_up_to_the_rounded_sum_get_a_notice():
    """32,5 + 18,8 + 6,3 + 9,8 + 7,7 + 10,0 shown is 85,1; the sum of the exact amounts shows 85,0."""
    rows = [("a", "32 500 000"), ("b", "18 750 000"), ("c", "6 250 000"), ("d", "9 800 000"), ("e", "7 700 000"),
            ("f", "10 000 000")]
    table = Table.model_validate({
        "unit": "kr", "show_in": "mkr", "max_decimals": 1, "sum_label": "Summa",
        "columns": [{"id": "b", "label": "Budget 2026"}],
        "rows": [{"id": i, "name": i, "values": {"b": v}} for i, v in rows],
    })
    computed, problems = compute_table("t", table)
    assert problems == []
    assert [(n.path, n.message) for n in computed.notices] == [(
        ("tables", "t", "sum_label"),
        "i Budget 2026 blir de visade, avrundade beloppen tillsammans 85,1\u00a0mkr, summaraden visar 85\u00a0mkr — "
        "visa fler decimaler (max_decimals) eller skriv en fotnot om avrundningsdifferenser",
    )]
