"""Intervals: their checks, sum, ratio, centre, containment and overlap. Expected values are worked out by hand
from the article: NIS about 300 killed and 2,700 wounded of 10,000-11,000 deployed; CSIS potentially 1,000 killed
of about 11,000, casualty rate as high as 50 %."""

import math

import pytest

from analysis.uncertainty.intervals import Interval

inf, nan = math.inf, math.nan


def ends(iv):
    return iv.low, iv.point, iv.high


# ------------------------------------------------------------------------------------------------ __post_init__

def test_post_init__low_above_high__is_refused_saying_both_ends():
    with pytest.raises(ValueError, match=r"^interval low 11000 exceeds high 10000$"):
        Interval(11000, 10000)


def test_post_init__equal_ends__is_a_single_figure():
    assert ends(Interval(300, 300, 300)) == (300, 300, 300)


@pytest.mark.parametrize("low, high", [(nan, 1.0), (1.0, nan), (nan, nan)])
def test_post_init__an_end_without_value__is_accepted(low, high):
    # 0/0 has no value: a ratio with such an end is kept (later.py divides intervals that may hold 0)
    iv = Interval(low, high)
    assert math.isnan(iv.low) == math.isnan(low) and math.isnan(iv.high) == math.isnan(high)


def test_post_init__open_ends_default_to_closed():
    iv = Interval(10000, 11000)
    assert (iv.point, iv.open_low, iv.open_high) == (None, False, False)


# ------------------------------------------------------------------------------------------------ __add__

def test_add__killed_plus_wounded__adds_ends_and_points():
    # NIS read with a 10 % tolerance: killed 270-330 (300), wounded 2,430-2,970 (2,700)
    s = Interval(270, 330, 300) + Interval(2430, 2970, 2700)
    assert ends(s) == (2700, 3000, 3300)  # 270 + 2,430; 300 + 2,700; 330 + 2,970


@pytest.mark.parametrize("a, b, low", [(Interval(0, 300), Interval(2700, 2700, 2700), 2700),   # 0 + 2,700
                                       (Interval(300, 300, 300), Interval(0, 2700), 300)])   # 300 + 0
def test_add__either_without_a_point__has_no_point(a, b, low):
    s = a + b
    assert ends(s) == (low, None, 3000)  # 300 + 2,700 at the top; no figure put forward for one term


def test_add__ends_are_not_carried_over():
    s = Interval(0, 300, None, open_low=True) + Interval(2700, 2700, 2700)
    assert (s.open_low, s.open_high) == (False, False)  # the caller (later._implied_casualties) sets them


# ------------------------------------------------------------------------------------------------ __truediv__

def test_truediv__wounded_per_killed__is_9():
    q = Interval(2700, 2700, 2700) / Interval(300, 300, 300)
    assert ends(q) == (9.0, 9.0, 9.0)  # 2,700 / 300


def test_truediv__over_a_range__low_over_high_and_high_over_low():
    # killed 300 over deployed 10,000-11,000, and the article's 1,000 of CSIS over NIS's 300 with 10 % tolerance
    q = Interval(300, 300, 300) / Interval(10000, 11000)
    assert (q.low, q.point, q.high) == (pytest.approx(300 / 11000), None, 0.03)
    r = Interval(900, 1100, 1000) / Interval(270, 330, 300)
    assert (r.low, r.point, r.high) == (pytest.approx(900 / 330), pytest.approx(1000 / 300), pytest.approx(1100 / 270))


def test_truediv__numerator_without_point__has_no_point():
    q = Interval(0, 50) / Interval(10, 10, 10)
    assert ends(q) == (0.0, None, 5.0)  # 0 / 10 and 50 / 10


def test_truediv__by_zero__is_infinite_for_a_positive_figure():
    # 0.5 % over a share of 0: any positive figure over 0 has no upper end (0.5 is below 1: not only whole counts)
    q = Interval(0.5, 0.5, 0.5) / Interval(0.0, 0.0, 0.0)
    assert (q.low, q.point, q.high) == (inf, inf, inf)


def test_truediv__zero_over_zero__has_no_value():
    q = Interval(0.0, 2.0, 0.0) / Interval(0.0, 1.0, 0.0)
    assert q.low == 0.0 and math.isinf(q.high) and math.isnan(q.point)  # 0/1; 2/0; 0/0


def test_truediv__by_one__is_unchanged():
    q = Interval(300, 1000, 500) / Interval(1, 1, 1)
    assert ends(q) == (300, 500, 1000)


# ------------------------------------------------------------------------------------------------ central

def test_central__figure_put_forward__else_midpoint():
    assert Interval(10_000, 11_000).central == 10_500  # (10,000 + 11,000) / 2
    assert Interval(25, 50, 50).central == 50


# ------------------------------------------------------------------------------------------------ contains

def test_contains__ends_are_inside():
    assert Interval(10000, 11000).contains([10000, 10500, 11000])


@pytest.mark.parametrize("value", [9999, 11001])
def test_contains__one_person_outside__is_outside(value):
    assert not Interval(10000, 11000).contains([10500, value])


def test_contains__rounding_slack_is_relative_to_the_larger_end():
    iv = Interval(0, 100)
    # slack 1e-9 × 100 = 1e-7: 100 + 5e-8 is rounding, 100 + 1e-6 is not
    assert iv.contains(100 + 5e-8) and not iv.contains(100 + 1e-6)
    assert iv.contains(-5e-8) and not iv.contains(-1e-6)


def test_contains__values_exactly_at_the_slack_are_inside():
    iv = Interval(0, 100)
    slack = 1e-9 * 100.0
    assert iv.contains(0 - slack) and iv.contains(100 + slack)


def test_contains__slack_at_least_absolute_1e9_for_small_ends():
    iv = Interval(0.0, 0.01)
    # slack 1e-9 × max(0.01, 1) = 1e-9
    assert iv.contains(0.01 + 5e-10) and not iv.contains(0.01 + 1.5e-9)


def test_contains__open_high_end__still_refuses_values_below_the_low_end():
    # "at least 1,000 killed" does not contain 700 (the slack must not become infinite with the high end)
    iv = Interval(1000, inf, None, open_high=True)
    assert not iv.contains(700) and iv.contains([1000, 5000])
    assert iv.contains(1000 - 5e-7) and not iv.contains(1000 - 5e-6)  # slack 1e-9 × 1,000 = 1e-6


def test_contains__custom_tolerance():
    assert Interval(300, 300).contains(303, rel=0.01) and not Interval(300, 300).contains(304, rel=0.01)


# ------------------------------------------------------------------------------------------------ overlaps

@pytest.mark.parametrize("a, b, expected", [
    (Interval(10000, 11000), Interval(11000, 12000), True),   # touching at 11,000
    (Interval(11000, 12000), Interval(10000, 11000), True),
    (Interval(10000, 11000), Interval(11001, 12000), False),
    (Interval(11001, 12000), Interval(10000, 11000), False),
    (Interval(10000, 11000), Interval(10200, 10300), True),   # one inside the other
])
def test_overlaps__shared_values(a, b, expected):
    assert a.overlaps(b) is expected


def test_contains__open_high_end__a_figure_below_at_least_is_a_tension():
    # the bug the slack hid: "at least 1,000 killed" against "500-2,000, most likely 700" was called consistent;
    # 700 lies below the 1,000 the first source allows, so it is a tension (the two ranges do overlap)
    from analysis.judgments.consistency import verdict
    from analysis.uncertainty.derive import Quantity

    at_least = Quantity(Interval(1000, inf, None, open_high=True), ("a",), "stated")
    ranged = Quantity(Interval(500, 2000, 700), ("b",), "stated")
    assert verdict(at_least, ranged) == ("tension", "b", "a")
