from datetime import date
from decimal import Decimal

import pytest

from memo.formats import (AmountStyle, format_amount, format_number, format_percent, iso_date, keep_numbers_whole,
                          long_date, parse_amount)

NB = "\u00a0"
MKR_TABLE = AmountStyle("mkr", 1, 2, "mkr")
MKR_PROSE = AmountStyle("mkr", 0, 2, "mkr")
TKR_PROSE = AmountStyle("tkr", 0, 2, "tkr")


@pytest.mark.parametrize(
    "kronor, expected",
    [
        ("1600000", f"1,6{NB}mkr"),
        ("0", f"0,0{NB}mkr"),
        ("90000", f"0,09{NB}mkr"),
        ("4290000", f"4,29{NB}mkr"),
        ("5000000", f"5,0{NB}mkr"),
        ("1234500000", f"1{NB}234,5{NB}mkr"),
    ],
)
def test_table_amounts_show_one_decimal_and_more_only_where_present(kronor, expected):
    assert format_amount(Decimal(kronor), MKR_TABLE) == expected


def test_prose_amounts():
    assert format_amount(Decimal(5_000_000), MKR_PROSE) == f"5{NB}mkr"
    assert format_amount(Decimal(1_500_000), MKR_PROSE) == f"1,5{NB}mkr"
    assert format_amount(Decimal(200_000), TKR_PROSE) == f"200{NB}tkr"


def test_thousands_use_nbsp_and_minus_is_the_styles():
    assert format_number(Decimal("-1444730"), 0, 0) == f"\u22121{NB}444{NB}730"
    assert format_number(Decimal("-4849"), 0, 0, minus="-") == "-4\u00a0849"


@pytest.mark.parametrize("typed, decimals, shown", [
    ("3.5", (0, 2), f"3,5{NB}%"),
    ("12", (0, 2), f"12{NB}%"),
    ("12", (1, 2), f"12,0{NB}%"),
    ("0.125", (0, 2), f"0,13{NB}%"),
    ("4.75", (0, 1), f"4,8{NB}%"),
    ("-2.5", (0, 2), f"\u22122,5{NB}%"),
    ("1234.5", (0, 2), f"1{NB}234,5{NB}%"),
])
def test_percents_are_shown_as_typed_in_the_tables_decimals_with_a_hard_space_before_the_sign(typed, decimals, shown):
    assert format_percent(Decimal(typed), *decimals) == shown


def test_a_percent_takes_the_organisations_minus():
    assert format_percent(Decimal("-2.5"), minus="-") == f"-2,5{NB}%"


def test_rounding_is_half_up_and_never_negative_zero():
    assert format_number(Decimal("0.125"), 0, 2) == "0,13"
    assert format_number(Decimal("-0.001"), 1, 2) == "0,0"


def test_dates():
    assert iso_date(date(2024, 3, 25)) == "2024-03-25"
    assert long_date(date(2024, 3, 25)) == "25 mars 2024"
    assert long_date(date(2018, 8, 1)) == "1 augusti 2018"


@pytest.mark.parametrize(
    "text, expected",
    [("1.6", "1.6"), ("1,6", "1.6"), ("1 600 000", "1600000"), (f"1{NB}600{NB}000", "1600000"),
     ("-632", "-632"), ("\u2212632", "-632"), ("0.09", "0.09"), ("5", "5")],
)
def test_parse_amount_exact(text, expected):
    value = parse_amount(text)
    assert value == Decimal(expected) and str(value) == expected


@pytest.mark.parametrize("text", ["1,6,0", "fem", "NaN", "inf", "1e3", "", "1 60", "--1"])
def test_parse_amount_refuses(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize("typed, kept", [
    ("med 60 873 000 kronor", "med 60\u00a0873\u00a0000\u00a0kronor"),
    ("1 234,5 mkr och 12 %", "1\u00a0234,5\u00a0mkr och 12\u00a0%"),
    ("3 kronor/timme", "3\u00a0kronor/timme"),
    ("år 2024 100 personer", "år 2024 100 personer"),  # a year is no digit group
    ("den 3 kronorna", "den 3 kronorna"),  # a unit only as a whole word
])
def test_numbers_typed_in_prose_stay_whole(typed, kept):
    assert keep_numbers_whole(typed) == kept
