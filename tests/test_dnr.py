import re

import pytest

from memo.dnr import example_dnr, file_stem


def test_file_stem():
    assert file_stem("SN 18/0098") == "SN-18-0098"
    assert file_stem(" KFKS-2024-00430 ") == "KFKS-2024-00430"


@pytest.mark.parametrize("pattern, example", [
    (r"KFKS-\d{4}-\d{5}", "KFKS-1111-11111"),
    (r"[A-ZÅÄÖ]{2,4} \d{2}/\d{4}", "AA 11/1111"),
    (r"(AB|CD)-[0-9]+", "AB-1"),
    (r"[^/]+", "a"),
    (r"x?y*z", "z"),
])
def test_an_example_matches_its_pattern(pattern, example):
    assert example_dnr(pattern) == example
    assert re.fullmatch(pattern, example)


def test_a_pattern_memo_cannot_exemplify_gives_none():
    assert example_dnr(r"(?=x)y") is None
