"""Two ways to write a figure, named apart: `numbers.interval` joins two ends as they print; `sentences.bounded`
says a figure in words that keep its bounds. Values from the article: NIS's 300 + 2,700 = 3,000 casualties of
10,000-11,000 troops (27.3-30.0 %); CSIS's rate "as high as 50 %" of about 11,000 gives at most 5,500."""

from analysis.uncertainty.intervals import Interval
from analysis.wording import numbers, sentences


def test_numbers_interval__two_ends_as_they_print():
    assert numbers.interval(100 * 3000 / 11000, 100 * 3000 / 10000, "percent") == "27.3–30.0%"
    assert numbers.interval(10_000, 11_000, "persons") == "10,000–11,000"
    assert numbers.interval(3000, 3000, "persons") == "3,000"


def test_sentences_bounded__a_bound_stays_a_bound():
    assert sentences.bounded(Interval(0.0, 5500.0, open_low=True), "persons") == "at most 5,500"
    assert sentences.bounded(Interval(1000.0, float("inf"), open_high=True), "persons") == "at least 1,000"
    assert sentences.bounded(Interval(3000.0, 3000.0, 3000.0), "persons") == "3,000"
    assert sentences.bounded(Interval(100 * 3000 / 11000, 30.0), "percent") == "27.3–30.0%"


def test_at_least_times__a_gap_is_a_lower_bound_never_rounded_up():
    # CSIS's about 1,000 killed against NIS's about 300, read as ±10 %: at least 900 / 330 = 2.73 times
    assert sentences.at_least_times(900 / 330) == "at least 2.7 times"
    # a threshold already floored to one decimal stays itself (2.3 is stored as 2.2999…)
    assert sentences.at_least_times(2.3) == "at least 2.3 times"
    assert sentences.at_least_times(2.3, held=False) == "less than 2.3 times"


def test_the_gap_is_said_by_one_function_in_each_place(monkeypatch):
    # the flags' sentence and the robustness judgment say it through at_least_times (the bottom line too:
    # tests/unit/wording/test_bottom_line.py)
    monkeypatch.setattr(sentences, "at_least_times", lambda factor, held=True: f"<{factor:.3f}|{held}>")
    row = dict(claimant_a="CSIS", claimant_b="NIS", label="Killed", quantity="killed", verdict="disagreement",
               factor=900 / 330, higher="CSIS", lower="NIS", echo=False)
    figs = {"CSIS": {"killed": _q(900, 1100, 1000)}, "NIS": {"killed": _q(270, 330, 300)}}
    assert "figure is <2.727|True> NIS’s" in sentences.comparison(row, figs, "persons")
    spec = dict(kind="killed_times", hi="CSIS", lo="NIS", k=2.7, hedges=[])
    assert sentences.robustness_judgment(spec, False) == "CSIS’s killed figure is <2.700|False> NIS’s"


def _q(low, high, point):
    from analysis.uncertainty.derive import Quantity

    return Quantity(Interval(low, high, point), ("x",), "stated")
