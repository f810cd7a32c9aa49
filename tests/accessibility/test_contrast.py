import pytest

from memo.accessibility.contrast import MINIMUM, contrast, luminance


def test_black_on_white_is_21_to_1_and_equal_colours_1_to_1():
    assert luminance("FFFFFF") == pytest.approx(1.0)
    assert luminance("000000") == 0.0
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("FFFFFF", "000000") == pytest.approx(21.0)
    assert contrast("4F81BD", "4F81BD") == pytest.approx(1.0)


def test_the_threshold_lies_between_767676_and_777777():
    # The well-known pair: #767676 is the lightest grey that passes on white, #777777 fails.
    assert contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("767676", "FFFFFF") >= MINIMUM > contrast("777777", "FFFFFF")
