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
