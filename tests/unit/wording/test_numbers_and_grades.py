"""How a figure and a source's grade read in the brief (analysis.wording.numbers and analysis.wording.grades).
Values from the article: NIS's 2,700 wounded / 300 killed = 9.0; 300 + 2,700 = 3,000 casualties of 10,000-11,000
troops = 27.3-30.0 %; CSIS's rate "as high as 50 %"; the Express graded E3."""

import math

import pandas as pd
import pytest

from analysis.uncertainty.intervals import Interval
from analysis.wording import grades, numbers


def test_number__persons_with_separators_percent_and_ratio_one_decimal():
    assert numbers.number(2700.0, "persons") == "2,700"
    assert numbers.number(10_499.6, "persons") == "10,500"  # rounded, not cut
    assert numbers.number(100 * 3000 / 11000, "percent") == "27.3%"  # 27.27… %
    assert numbers.number(2700 / 300, "ratio") == "9.0"
    assert numbers.number(1000 / 330, "ratio") == "3.0"  # 3.03…


def test_number__no_figure_is_a_dash_and_an_open_end_infinity_never_nan():
    assert numbers.number(float("nan"), "persons") == "—"
    assert numbers.number(None, "persons") == "—"
    assert numbers.number(math.inf, "persons") == "∞"


def test_interval__percent_sign_once_and_equal_ends_once():
    # 27.3–30.0 %: the sign after the high end only
    assert numbers.interval(100 * 3000 / 11000, 30.0, "percent") == "27.3–30.0%"
    assert numbers.interval(49.96, 50.04, "percent") == "50.0%"  # both print 50.0
    assert numbers.interval(2700 / 330, 2700 / 270, "ratio") == "8.2–10.0"  # 8.18… and 10.0
    assert numbers.interval(10_000, 11_000, "persons") == "10,000–11,000"


def test_figure__a_point_with_its_range_when_the_range_is_wider():
    # NIS's "about 300" read ±10 %: 270–330 around 300
    assert numbers.figure(270.0, 300.0, 330.0, "persons") == "300 (range 270–330)"
    assert numbers.figure(300.0, 300.0, 300.0, "persons") == "300"
    assert numbers.figure(10_000.0, None, 11_000.0, "persons") == "10,000–11,000"
    assert numbers.figure(10_000.0, float("nan"), 11_000.0, "persons") == "10,000–11,000"
    assert numbers.figure(27.27, 30.0, 30.04, "percent") == "30.0% (range 27.3–30.0%)"


def test_reading__a_bound_keeps_its_open_end():
    assert numbers.reading(Interval(0.0, 50.0, open_low=True), "percent") == "at most 50.0%"
    # at least 300 + 2,700 = 3,000 of at most 20,000 … read as at least 15.0 %
    assert numbers.reading(Interval(15.0, math.inf, open_high=True), "percent") == "at least 15.0%"
    assert numbers.reading(Interval(270.0, 330.0, 300.0), "persons") == "270–330"
    assert numbers.reading(Interval(0.0, math.inf, open_low=True, open_high=True), "ratio") == \
        "not bounded by the claims"


def test_grade_code_and_words():
    assert grades.grade_code(("E", "3")) == "E3"
    assert grades.grade_code(None) == ""
    assert grades.grade_words(("A", "1")) == "A1 (completely reliable source; information confirmed by other sources)"
    # F alone and 6 alone each get their own words
    assert grades.grade_words(("F", "2")) == "F2 (source’s reliability cannot be judged; information probably true)"
    assert grades.grade_words(("C", "6")) == "C6 (fairly reliable source; information’s truth cannot be judged)"


def _sources():
    return pd.DataFrame({"source_url": ["https://a.example/", "https://b.example/", "https://c.example/"],
                         "reliability": ["E", "B", ""], "credibility": ["3", "2", ""]})


def test_grades_used__each_grade_once_in_code_order_ungraded_left_out():
    claims = pd.DataFrame({"source_url": ["https://a.example/", "https://c.example/", "https://b.example/",
                                          "https://a.example/", "https://nowhere.example/"]})
    assert grades.grades_used(claims, _sources()) == [("B", "2"), ("E", "3")]
    assert grades.grades_used(claims.iloc[[1, 4]], _sources()) == []


def test_grade_key__the_codes_a_table_shows_explained_once():
    assert grades.grade_key([("B", "2"), ("E", "3")]) == (
        "Grade: the source’s reliability (A–F) and the information’s credibility (1–6), Admiralty code: "
        "B2 (usually reliable source; information probably true); E3 (unreliable source; information possibly "
        "true).")
    assert grades.grade_key([]) == ""


@pytest.mark.parametrize("weights, words", [
    # B2 weighs 4 × 4 / 25 = 0.64, E3 1 × 3 / 25 = 0.12
    ({"NIS": 0.64, "CSIS": 0.12}, "weights by source grade (NIS 0.64, CSIS 0.12)"),
    ({"Zed": 1 / 25}, "weights by source grade (Zed 0.04)"),
])
def test_weights_words(weights, words):
    assert grades.weights_words(weights) == words
