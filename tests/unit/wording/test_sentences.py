"""Issue 18: the sentences analysis.wording.sentences writes, for ledgers other than Kursk's. Each expected sentence is
worked out by hand from the figures built here (what derive.stated_figures would give for the rows in the comment)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.uncertainty.derive import Quantity
from analysis.uncertainty.intervals import Interval
from analysis.wording import sentences as wording

INF = math.inf
RATE = "Casualty rate (casualties / deployed)"


def flag(quantity: str, label: str, a: str, b: str, verdict: str = "consistent", bound_of: str = "", **cells):
    return dict(quantity=quantity, label=label, claimant_a=a, claimant_b=b, verdict=verdict, bound_of=bound_of,
                echo=False, p_a_greater=math.nan, **cells)


# --- a bound worded in its own direction --------------------------------------------------------------------------

def test_comparison__a_floor_is_a_lower_bound_and_a_stated_floor_stays_at_least():
    # Alpha: at least 3,490 casualties of exactly 10,000 → a rate of at least 34.9 % (open above).
    # Delta: "at least 33.3%" stated (a percent runs to 100: closed, but a floor all the same).
    # 33.3–100 % does not lie within "at least 34.9 %" (33.3 < 34.9): the two overlap, and no more.
    figures = {"Alpha Ministry": {"casualty_rate": Quantity(Interval(34.9, INF, open_high=True), ("a-c", "a-d"),
                                                            "implied", open_bounds=frozenset({"at_least"}))},
               "Delta Monitor": {"casualty_rate": Quantity(Interval(33.3, 100.0), ("d-r",), "stated",
                                                           open_bounds=frozenset({"at_least"}))}}
    row = flag("casualty_rate", RATE, "Alpha Ministry", "Delta Monitor", bound_of="Alpha Ministry")
    assert wording.comparison(row, figures, "percent", stated=figures) == (
        f"{RATE}: Delta Monitor’s at least 33.3% and Alpha Ministry’s lower bound of 34.9% overlap: consistent, "
        "though a bound tests little.")


def test_comparison__within_a_ceiling_only_when_the_whole_figure_is_under_it():
    # CSIS: "as high as 50%" (open below). NIS: 24.5–33.0 % lies under 50 %; Beta: 40–60 % reaches above it.
    figures = {"CSIS": {"casualty_rate": Quantity(Interval(0, 50.0, open_low=True), ("c-r",), "stated",
                                                  open_bounds=frozenset({"up_to"}))},
               "NIS": {"casualty_rate": Quantity(Interval(24.5, 33.0), ("n-d", "n-k"), "implied")},
               "Beta": {"casualty_rate": Quantity(Interval(40.0, 60.0), ("b-r",), "stated")}}
    within = wording.comparison(flag("casualty_rate", RATE, "NIS", "CSIS", bound_of="CSIS"), figures, "percent",
                                stated=figures)
    assert within == (f"{RATE}: NIS’s 24.5–33.0% lies within CSIS’s upper bound of 50%: consistent, though a bound "
                      "tests little.")
    partly = wording.comparison(flag("casualty_rate", RATE, "CSIS", "Beta", bound_of="CSIS"), figures, "percent",
                                stated=figures)
    assert partly == (f"{RATE}: Beta’s 40.0–60.0% and CSIS’s upper bound of 50% overlap: consistent, though a bound "
                      "tests little.")


# --- a figure the claims leave unbounded or undefined is said in a sentence, not dropped into one ------------------

ALPHA = pd.DataFrame([dict(claim_id="a-k", claimant="Alpha Ministry", spokesperson="", metric="killed",
                           as_of="", published="")])


def test_implied__a_figure_unbounded_at_both_ends():
    # killed "up to 300" (open below) + wounded "at least 2,700" (open above): casualties run from 0 to infinity,
    # and so does the rate over them. "the figures of Alpha Ministry imply not bounded by the claims" said nothing.
    unbounded = wording.interval(Interval(0, INF, open_low=True, open_high=True), "percent")
    assert wording.implied(ALPHA, unbounded, {}, name="casualty_rate") == (
        "the figures of Alpha Ministry leave the casualty rate unbounded at both ends")
    assert wording.implied(ALPHA, unbounded, {}, " wounded per killed", "wounded_per_killed") == (
        "the figures of Alpha Ministry leave wounded per killed unbounded at both ends")


def test_implied__a_ratio_over_zero():
    # 0 killed: wounded per killed is undefined, and the sentence says so rather than 'imply undefined (…) wounded'.
    assert wording.implied(ALPHA, wording.undefined("wounded_per_killed"), {}, " wounded per killed",
                           "wounded_per_killed") == (
        "the figures of Alpha Ministry leave wounded per killed undefined (the claims give no one killed: a ratio "
        "over zero has no value)")


def test_implied__a_figure_is_still_a_figure():
    assert wording.implied(ALPHA, "9.0", {}, " wounded per killed", "wounded_per_killed") == (
        "the figures of Alpha Ministry imply 9.0 wounded per killed")


def test_place_sentence__a_ratio_over_zero_is_placed_nowhere():
    # 2,700 wounded over 0 killed: no ratio, so no war to place it among ("at least ∞" was printed).
    from analysis.ledger import reference
    from analysis.wording import reference_wars

    wpk = Quantity(Interval(INF, INF, open_high=True), ("a-k", "a-w"), "implied")
    assert reference_wars.place_sentence({"Alpha Ministry": {"wounded_per_killed": wpk}}, reference.load()) == (
        "Alpha Ministry: undefined (the claims give no one killed: a ratio over zero has no value); nothing to "
        "place among the reference wars.")


# --- counts and names in grammar ----------------------------------------------------------------------------------

def test_confidence__one_of_each_is_singular():
    # One hedged "about 300", undated, from one source: "1 are hedged by their source" was printed.
    assert wording.confidence(1, 1, 1, 1, 0, 1, 1, 0, {}) == (
        "1 figure from 1 published source; 1 is approximate or an open-ended bound, 1 is hedged by its source, 0 are "
        "attributed by us rather than by the source, 1 carries no date, and with one claimant there is nothing to "
        "cross-check. The figure cannot be checked independently here.")


def test_confidence__plural_and_comparisons_counted():
    assert wording.confidence(4, 2, 2, 0, 1, 0, 2, 1, {}) == (
        "4 figures from 2 published sources; 2 are approximate or open-ended bounds, 0 are hedged by their source, 1 "
        "is attributed by us rather than by the source, 0 carry no date, and 1 comparison between claimants finds no "
        "conflict. None of the figures can be checked independently here.")
    assert wording.confidence(5, 2, 3, 2, 2, 2, 2, 6, {"disagreement": 1, "tension": 1}) == (
        "5 figures from 2 published sources; 3 are approximate or open-ended bounds, 2 are hedged by their source, 2 "
        "are attributed by us rather than by the source, 2 carry no date, and 2 of 6 comparisons between claimants "
        "find 1 disagreement and 1 tension. None of the figures can be checked independently here.")
    assert "and the 1 comparison between claimants finds 1 disagreement." in wording.confidence(
        3, 2, 3, 0, 0, 0, 2, 1, {"disagreement": 1})  # not "1 of 1 comparison"
    assert wording.confidence(2, 1, 0, 0, 0, 0, 2, 0, {}).endswith(
        "and the claimants give no figure both can be compared on. None of the figures can be checked independently "
        "here.")


@pytest.mark.parametrize("name, owned", [
    ("Gamma Officials", "Gamma Officials’"), ("Western officials", "Western officials’"), ("CSIS", "CSIS’s"),
    ("NIS", "NIS’s"), ("Zeta", "Zeta’s"), ("Ōmega “Watch”", "Ōmega “Watch”’s")])
def test_possessive__a_plural_s_takes_the_apostrophe_alone(name, owned):
    assert wording.possessive(name) == owned


def test_comparison__plural_names_take_the_apostrophe_alone():
    figures = {"Gamma Officials": {"killed": Quantity(Interval(300, 300, 300), ("g-k",), "stated")},
               "CSIS": {"killed": Quantity(Interval(1000, 1000, 1000), ("c-k",), "stated")}}
    row = flag("killed", "Killed", "Gamma Officials", "CSIS", "disagreement", higher="CSIS",
               lower="Gamma Officials", factor=1000 / 300)
    assert wording.comparison(row, figures, "persons") == (
        "Killed: Gamma Officials’ 300 and CSIS’s 1,000 cannot both be true; CSIS’s figure is at least 3.3 times Gamma "
        "Officials’.")
    assert wording.hedged_name("Gamma Officials", ["reportedly"]) == "Gamma Officials’ hedged (“reportedly”)"


# --- a derived figure carries no more digits than its inputs ------------------------------------------------------

def test_derived_digits__as_many_as_the_most_precise_input_carries_and_at_least_two():
    # 1,920 carries 3 significant figures, 17.45 four, 50 one: a figure derived from them supports 4.
    rows = pd.DataFrame(dict(low=[math.nan, 17.45], best=[1920.0, math.nan], high=[math.nan, 50.0]))
    assert wording.derived_digits(rows) == 4
    assert wording.derived_digits(pd.DataFrame(dict(low=[math.nan], best=[300.0], high=[math.nan]))) == 2
    assert wording.derived_digits(pd.DataFrame(dict(low=[math.nan], best=[1234567.0], high=[math.nan]))) == 7


def test_interval__a_derived_count_rounded_to_its_digits_a_bound_outward():
    # 1,920 casualties ÷ 17.45–50 % = 3,840–11,002.9 deployed: 4 figures give 3,840–11,000 (not 11,003).
    assert wording.interval(Interval(3840.0, 11002.87), "persons", 4) == "3,840–11,000"
    assert wording.interval(Interval(2700.0, 3300.0, 3000.0), "persons", 2) == "3,000 (range 2,700–3,300)"
    # A ceiling is never rounded down, nor a floor up: 5,523.4 at most is "at most 5,600"; 1,234.5 at least,
    # "at least 1,200".
    assert wording.interval(Interval(0, 5523.4, open_low=True), "persons", 2) == "at most 5,600"
    assert wording.interval(Interval(1234.5, INF, open_high=True), "persons", 2) == "at least 1,200"
    # Percents and ratios keep their one decimal; without digits a count prints whole, as before.
    assert wording.interval(Interval(24.54, 33.0), "percent", 2) == "24.5–33.0%"
    assert wording.interval(Interval(3840.0, 11002.87), "persons") == "3,840–11,003"


# --- a share the claims push above 100 % is said in words, never printed above 100 % -----------------------------

def test_share__above_100_percent_in_words():
    # 1,200–1,500 casualties of 1,000 troops: 120–150 %, which one force over one period cannot reach.
    assert wording.share(Interval(120.0, 150.0), "casualty_rate") == wording.breach("casualty_rate")
    # "up to 1,500 killed" of 1,000 troops: at most 150 %, a ceiling above the whole force, which caps nothing.
    assert wording.share(Interval(0, 150.0, open_low=True), "killed_share_force") == (
        "no ceiling below 100% (at the claims’ own ceiling, more killed than troops deployed)")
    # 245–1,500 casualties of 1,000: from 24.5 % to above 100 %; its high end is no share of one force.
    assert wording.share(Interval(24.5, 150.0), "casualty_rate") == (
        "from 24.5% to above 100% (more casualties than troops deployed at its high end)")
    assert wording.share(Interval(24.5, INF, open_high=True), "casualty_rate") is None  # "at least 24.5%"
    assert wording.share(Interval(24.5, 33.0), "casualty_rate") is None
    assert wording.share(Interval(100.0, 100.0, 100.0), "casualty_rate") is None


def test_comparison__a_rate_above_100_percent_is_said_in_words():
    figures = {"A": {"casualty_rate": Quantity(Interval(24.5, 150.0), ("a-c", "a-d"), "implied")},
               "B": {"casualty_rate": Quantity(Interval(30.0, 30.0, 30.0), ("b-r",), "stated")}}
    assert wording.comparison(flag("casualty_rate", RATE, "A", "B"), figures, "percent") == (
        f"{RATE}: A’s from 24.5% to above 100% (more casualties than troops deployed at its high end) and B’s 30.0% "
        "overlap: consistent.")


def test_an_attribution_of_ours_is_marked_beside_the_name():
    from analysis.wording import sentences as s

    claims = pd.DataFrame({"claimant": ["NIS", "NIS", "CSIS"], "attribution": ["inferred", "", ""]})
    ours = s.attributed_by_us(claims)
    assert ours == {"NIS"}                                         # one inferred claim is enough to mark NIS
    assert s.attributed_by_us(claims.drop(columns="attribution")) == frozenset()
    assert (s.named("NIS", ours), s.named("CSIS", ours)) == ("NIS (our attribution)", "CSIS")
    assert (s.owned("NIS", ours), s.owned("CSIS", ours)) == ("NIS’s (our attribution)", "CSIS’s")
    assert s.hedged_name("NIS", ["about"], ours) == "NIS’s (our attribution) hedged (“about”)"
    # 900 / 330 = 2.72: at least 2.7 times; over 0 no ratio
    assert s.how_far("CSIS’s", "NIS", 900 / 330, ours) == "CSIS’s figure is at least 2.7 times NIS’s (our attribution)"
    assert s.how_far("CSIS’s", "NIS", math.inf, ours) == ("CSIS’s figure is above NIS’s (our attribution) figure of 0 "
                                                           "(no ratio to 0 can be given)")


def test_the_robustness_grid_in_plain_words__no_parameter_names():
    from analysis.wording import sentences as s

    grid = {"upto_floor": (0.0, 0.5), "approx_tolerance": (0.05, 0.10, 0.20), "distribution": ("uniform", "lognormal"),
            "weights": ("equal", "unequal"), "correlation": (0.0, 1.0), "hedge_reading": ("as_stated", "upper_bound")}
    assert s.grid_words(grid, "NIS’s") == (
        "“as high as X” read as no lower than 0% or 50% of X; “about” read as ±5%, ±10% or ±20%; ranges read as "
        "uniform or lognormal; equal or unequal weights (unequal weights double NIS’s); every claim read as "
        "independent or claims of one briefing sharing their error; hedged figures read as stated or hedged figures "
        "read as upper ends (“potentially X” as “as high as X”)")


# --- probabilities in ICD 203's words, always with their number ---------------------------------------------------

@pytest.mark.parametrize("p, words", [
    (None, "with no probability to give"), (math.nan, "with no probability to give"),
    (0.0, "almost no chance (1 %)"), (0.004, "almost no chance (1 %)"), (0.04, "almost no chance (4 %)"),
    (0.05, "very unlikely (5 %)"), (0.19, "very unlikely (19 %)"), (0.20, "unlikely (20 %)"),
    (0.44, "unlikely (44 %)"), (0.45, "roughly even chance (45 %)"), (0.54, "roughly even chance (54 %)"),
    (0.55, "likely (55 %)"), (0.79, "likely (79 %)"), (0.80, "very likely (80 %)"), (0.94, "very likely (94 %)"),
    (0.95, "almost certainly (95 %)"), (0.994, "almost certainly (99 %)"), (0.996, "almost certainly (99 %)"),
    (1.0, "almost certainly (99 %)")])
def test_estimative__icd_203_term_and_number_never_beyond_1_to_99(p, words):
    # 0.4 % rounds to 0 and is shown as 1 %; 99.6 % rounds to 100 and is shown as 99 %: never certainty either way.
    assert wording.estimative(p) == words


# --- significant figures ------------------------------------------------------------------------------------------

def test_sig__significant_figures_of_any_size():
    assert wording.sig(2749.0, 2) == 2700.0
    assert wording.sig(-2749.0, 2) == -2700.0
    assert wording.sig(0.012345, 2) == 0.012
    assert wording.sig(9.96, 2) == 10.0
    assert wording.sig(27.46, 3) == 27.5
    assert wording.sig(0.0, 2) == 0.0
    assert wording.sig(INF, 2) == INF
    assert math.isnan(wording.sig(math.nan, 2))


@pytest.mark.parametrize("x, unit, digits", [
    (300.0, "as written", 1), (2700.0, "persons", 2), (27.3, "percent", 3), (10.0, "percent", 3),
    (10.0, "as written", 1), (0.05, "as written", 1), (0.0, "as written", 1), (1234.5, "as written", 5),
    (9.0, "ratio", 2), (10500.0, "persons", 3)])
def test_significant_digits__as_the_brief_prints_the_figure(x, unit, digits):
    # "300": 1; "2,700": 2; "27.3%": 3; "10.0%": 3 (a printed decimal counts); "10": 1; "0.05": 1; "0": 1 (at least
    # one); "1234.5": 5; "9.0" (a ratio's one decimal): 2; "10,500": 3.
    assert wording.significant_digits(x, unit) == digits


@pytest.mark.parametrize("x, digits, unit, text", [
    (27.46, 2, "percent", "27%"), (27.46, 3, "percent", "27.5%"), (9.04, 2, "ratio", "9.0"),
    (10496.0, 3, "persons", "10,500"), (2749.0, 2, "persons", "2,700"), (0.0, 2, "persons", "0"),
    (0.01234, 2, "ratio", "0.012"), (9.96, 2, "ratio", "10"), (1234.0, 4, "persons", "1,234"),
    (None, 2, "persons", "—"), (math.nan, 2, "percent", "—"), (INF, 2, "ratio", "∞")])
def test_rounded__just_the_decimals_the_digits_need(x, digits, unit, text):
    assert wording.rounded(x, digits, unit) == text


@pytest.mark.parametrize("low, high, digits, unit, text", [
    (7.94, 10.4, 2, "ratio", "7.9–10"), (8.84, 11.2, 2, "percent", "8.8–11%"),
    (10000.0, 11000.0, 2, "persons", "10,000–11,000"), (9.01, 8.99, 2, "ratio", "9.0"),
    (27.04, 26.96, 2, "percent", "27%"), (1234.0, 1299.0, 3, "persons", "1,230–1,300")])
def test_span__two_rounded_ends_or_one_where_they_print_alike(low, high, digits, unit, text):
    assert wording.span(low, high, digits, unit) == text


# --- bands --------------------------------------------------------------------------------------------------------

RATIO_BAND = {"p5": 7.94, "p25": 8.5, "p50": 9.02, "p75": 9.6, "p95": 10.4}
RATE_BAND = {"p5": 24.46, "p25": 26.0, "p50": 27.51, "p75": 29.0, "p95": 31.04}
FORCE_BAND = {"p5": 9512.0, "p25": 9880.0, "p50": 10240.0, "p75": 10610.0, "p95": 11020.0}


def test_band__two_significant_figures_at_one_decimal_place_for_the_whole_band():
    # Two figures each: 7.9, 8.5, 9.0, 9.6 need one decimal, 10.4 none; the finest (one decimal) is used for all, and
    # the spread 10.4 − 7.94 = 2.46 needs one too: 10.4 keeps its decimal (span alone would print "10").
    assert wording.band(RATIO_BAND, "ratio") == "median 9.0; 50% band 8.5–9.6; 90% band 7.9–10.4"
    # 24.46 … 31.04 %: whole percents at two figures, spread 6.58 needs no decimal; 27.51 rounds to 28.
    assert wording.band(RATE_BAND, "percent") == "median 28%; 50% band 26–29%; 90% band 24–31%"
    # 10,610 and 11,020 are both 11,000 at two figures: three figures, to the tens (spread 1,508 needs tens).
    assert wording.band(FORCE_BAND, "persons") == (
        "median 10,240; 50% band 9,880–10,610; 90% band 9,510–11,020")


def test_band__a_band_of_one_value_is_one_figure():
    flat = {k: 9.0 for k in ("p5", "p25", "p50", "p75", "p95")}
    assert wording.band(flat, "ratio") == "median 9.0; 50% band 9.0; 90% band 9.0"


def test_band__zeros_and_an_open_end():
    # a 0 sets no decimal place (it has no significant figure); a band all of zeros has none at all
    assert wording.band({"p5": 0.0, "p25": 2.0, "p50": 4.0, "p75": 6.0, "p95": 8.0}, "ratio") == (
        "median 4.0; 50% band 2.0–6.0; 90% band 0.0–8.0")
    assert wording.band({k: 0.0 for k in ("p5", "p25", "p50", "p75", "p95")}, "persons") == (
        "median 0; 50% band 0; 90% band 0")
    # an infinite end sets no place either, nor a spread
    assert wording.band({"p5": 5.0, "p25": 6.0, "p50": 7.0, "p75": 8.0, "p95": INF}, "ratio") == (
        "median 7.0; 50% band 6.0–8.0; 90% band 5.0–∞")


def test_band__a_split_pool_has_no_middle():
    text = ("the claimants’ figures do not overlap, so the pool has no meaningful middle; 90% band 7.9–10.4 spans "
            "both")
    assert wording.band(RATIO_BAND, "ratio", split=True) == text
    assert wording.band({**RATIO_BAND, "p50": None}, "ratio") == text


def test_band_columns__as_the_band_rounds_them():
    assert wording.band_columns(RATE_BAND, "percent") == dict(median="28%", band50="26–29%", band90="24–31%")
    assert wording.band_columns(FORCE_BAND, "persons") == dict(median="10,240", band50="9,880–10,610",
                                                               band90="9,510–11,020")
    assert wording.band_columns(RATIO_BAND, "ratio", split=True) == dict(median="—", band50="—", band90="7.9–10.4")
    assert wording.band_columns({**RATIO_BAND, "p50": None}, "ratio") == dict(median="—", band50="—",
                                                                             band90="7.9–10.4")
    # three figures asked for: 7.94, 8.50, 9.02, 9.60, 10.4 (the spread 2.46 needs two decimals at three figures,
    # 10.4 one: the finest the values need, two, is kept).
    assert wording.band_columns(RATIO_BAND, "ratio", 3) == dict(median="9.02", band50="8.50–9.60",
                                                                 band90="7.94–10.40")


@pytest.mark.parametrize("p", [
    {"p5": 24.1, "p25": 24.4, "p50": 26.0, "p75": 28.0, "p95": 31.0},      # p5 and p25 both 24
    {"p5": 20.0, "p25": 23.0, "p50": 26.0, "p75": 28.1, "p95": 28.4},      # p75 and p95 both 28
    {"p5": 20.0, "p25": 26.1, "p50": 26.2, "p75": 26.4, "p95": 31.0}])     # p25 and p75 both 26
def test_band_digits__three_where_two_would_merge_neighbours(p):
    assert wording.band_digits(p) == 3
    assert wording.band_digits(p, 3) == 3


def test_band_digits__two_where_neighbours_stay_apart_or_are_equal():
    assert wording.band_digits(RATE_BAND) == 2
    # equal percentiles print alike whatever the digits: no reason for a third
    assert wording.band_digits({"p5": 24.0, "p25": 24.0, "p50": 26.0, "p75": 29.0, "p95": 31.0}) == 2
    # a missing or infinite percentile merges with nothing
    assert wording.band_digits({"p5": None, "p25": 24.4, "p50": 26.0, "p75": 29.0, "p95": 31.0}) == 2
    assert wording.band_digits({"p5": 24.1, "p25": 24.4, "p50": 26.0, "p75": 29.0, "p95": INF} | {"p5": INF}) == 2


@pytest.mark.parametrize("status, low, high, digits", [
    ("implied", 27.35, 30.0, 2), ("pooled", 27.35, 30.0, 2), ("stated", 300.0, 300.0, 2),
    ("stated", 27.3, 30.0, 3), ("stated", 1234.5, None, 3), ("stated", 0.0, 27.3, 3), ("stated", 27.3, INF, 3),
    ("stated", None, None, 2)])
def test_band_digits_for__two_or_three_as_the_stated_figure_carries(status, low, high, digits):
    # 27.3 carries 3, 30.0 (printed "30") 1, 300 one, 1234.5 five (at most three are used); 0, ∞ and None carry none.
    assert wording.band_digits_for(status, low, high) == digits


def test_figure_band__a_band_on_a_bound_says_our_reading_sets_it():
    plain = "median 9.0; 50% band 8.5–9.6; 90% band 7.9–10.4"
    assert wording.figure_band(RATIO_BAND, "ratio", 2, False, frozenset()) == plain
    assert wording.figure_band(RATIO_BAND, "ratio", 2, False, ["up_to"]) == "set by our reading of a bound: " + plain
    assert wording.figure_band(RATIO_BAND, "ratio", 2, False, ["at_least"]) == (
        "set by our reading of a bound: " + plain)
    assert wording.figure_band(RATE_BAND, "percent", 3, True, []) == (
        "the claimants’ figures do not overlap, so the pool has no meaningful middle; 90% band 24.5–31.0% spans both")


# --- counts to the digits their inputs support --------------------------------------------------------------------

@pytest.mark.parametrize("x, digits, direction, out", [
    (5523.4, 2, 1, 5600.0), (5500.0, 2, 1, 5500.0), (1234.5, 2, -1, 1200.0), (1299.99, 2, -1, 1200.0),
    (1200.0, 2, -1, 1200.0), (1260.0, 2, 0, 1300.0), (1240.0, 2, 0, 1200.0), (3027.4, 2, 0, 3000.0),
    (55.4, 2, 0, 55.4), (55.4, 3, 1, 55.4), (1234.5, None, 0, 1234.5), (0.0, 2, 1, 0.0), (INF, 2, -1, INF)])
def test_to_digits__nearest_down_or_up_and_a_count_within_its_digits_untouched(x, digits, direction, out):
    # 55.4 at two figures: the step would be 1, and a count is not rounded to its units (scale 1 leaves it as it is).
    assert wording._to_digits(x, digits, direction) == out


def test_to_digits__a_whole_step_is_not_moved_by_float_noise():
    # 5,500 = 55 steps of 100, which float division gives as 55.00000000000001: a ceiling stays 5,500, not 5,600;
    # 1,200 as 11.999999999999998 steps: a floor stays 1,200, not 1,100.
    assert wording._to_digits(55.00000000000001 * 100, 2, 1) == 5500.0
    assert wording._to_digits(11.999999999999998 * 100, 2, -1) == 1200.0


def test_interval__bounds_in_words_and_a_percent_keeps_its_decimal():
    assert wording.interval(Interval(0, INF, open_low=True, open_high=True), "persons", 2) == (
        "not bounded by the claims")
    assert wording.interval(Interval(0, 50.04, open_low=True), "percent", 2) == "at most 50.0%"
    assert wording.interval(Interval(14.96, INF, open_high=True), "percent", 2) == "at least 15.0%"
    assert wording.interval(Interval(1249.0, INF, open_high=True), "persons") == "at least 1,249"
    assert wording.interval(Interval(2745.3, 3311.9, 3027.4), "persons", 2) == "3,000 (range 2,700–3,300)"
    assert wording.interval(Interval(2745.3, 3311.9), "persons", 2) == "2,700–3,300"
    assert wording.interval(Interval(8.26, 9.74, 9.0), "ratio", 2) == "9.0 (range 8.3–9.7)"
    assert wording.bounded is wording.interval


# --- a claim in the words of its bound and hedge ------------------------------------------------------------------

def claim(bound: str, unit: str = "persons", low=math.nan, best=math.nan, high=math.nan, **cells) -> dict:
    return dict(bound=bound, unit=unit, low=low, best=best, high=high, **cells)


@pytest.mark.parametrize("row, text", [
    (claim("range", low=10000.0, high=11000.0), "10,000–11,000"),
    (claim("range", low=10000.0, high=11000.0, hedge="reportedly"), "reportedly 10,000–11,000"),
    (claim("range", low=10000.0, best=10500.0, high=11000.0), "10,500 (10,000–11,000)"),
    (claim("range", low=10000.0, best=10500.0, high=11000.0, hedge="some"), "some 10,500 (10,000–11,000)"),
    (claim("approximate", best=300.0), "about 300"),
    (claim("approximate", best=1000.0, hedge="potentially"), "potentially 1,000"),
    (claim("exact", best=2700.0), "2,700"),
    (claim("exact", best=2700.0, hedge="reportedly"), "reportedly 2,700"),
    (claim("up_to", "percent", high=50.0), "up to 50%"),
    (claim("up_to", "percent", high=50.0, hedge="could be"), "could be as high as 50%"),
    (claim("at_least", low=1000.0), "at least 1,000"),
    (claim("at_least", low=1000.0, hedge="reportedly"), "reportedly at least 1,000"),
    (claim("exact", "percent", best=27.35), "27.35%"),                 # as precise as the source, not 27.4%
    (claim("exact", "ratio", best=9.0), "9.0"),
    (claim("range", "percent", low=24.5, high=33.0), "24.5–33.0%"),
    (claim("approximate", best=300.0, hedge=""), "about 300")])
def test_claim_figure__bound_and_hedge_in_words(row, text):
    assert wording.claim_figure(row) == text
    assert wording.claim_figure(pd.Series(row)) == text


@pytest.mark.parametrize("items, text", [
    ([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"), (["a", "b", "c", "d"],
                                                                                        "a, b, c and d")])
def test_and_list(items, text):
    assert wording.and_list(items) == text


# --- who said it --------------------------------------------------------------------------------------------------

def claims(*rows: dict) -> pd.DataFrame:
    base = dict(claimant="NIS", spokesperson="", metric="killed", error_group="")
    return pd.DataFrame([{**base, **r} for r in rows])


def test_shared_error__the_first_briefing_of_two_claims_or_more_as_the_example():
    # g1 holds one claim (nothing to share), blank groups are none; g2 holds NIS's killed and wounded and CSIS's force.
    c = claims(dict(error_group="g1", metric="deployed"), dict(metric="casualties"), dict(metric="casualty_rate"),
               dict(error_group="g2"), dict(error_group="g2", claimant="CSIS", metric="deployed"),
               dict(error_group="g2", metric="wounded"), dict(error_group="g3", claimant="CSIS"),
               dict(error_group="g3", metric="wounded"))
    assert wording.shared_error(c) == ("claims from one briefing, such as NIS’s killed and wounded and CSIS’s troops "
                                       "deployed, may in fact share their error")
    assert wording.shared_error(c.iloc[6:]) == ("claims from one briefing, such as CSIS’s killed and NIS’s wounded, "
                                                "may in fact share their error")


def test_shared_error__no_briefing_of_two_claims_no_example():
    generic = "claims from one briefing may in fact share their error"
    assert wording.shared_error(claims(dict(), dict())) == generic                       # both blank
    assert wording.shared_error(claims(dict(error_group="g1"), dict(error_group="g2"))) == generic
    assert wording.shared_error(claims(dict(), dict()).drop(columns="error_group")) == generic


def test_actor__the_spokesperson_where_the_source_names_one():
    assert wording.actor(claims(dict(claimant="CSIS", spokesperson="Seth Jones"),
                                dict(claimant="CSIS", spokesperson="Seth Jones"))) == "Seth Jones (CSIS)"
    assert wording.actor(claims(dict(claimant="CSIS", spokesperson=""), dict(claimant="CSIS",
                                                                             spokesperson="Seth Jones"))) == (
        "Seth Jones (CSIS)")
    assert wording.actor(claims(dict(claimant="CSIS"))) == "CSIS"
    # two people speak for it: the claimant alone
    assert wording.actor(claims(dict(claimant="CSIS", spokesperson="Seth Jones"),
                                dict(claimant="CSIS", spokesperson="Mark Cancian"))) == "CSIS"


def test_inferred__any_claim_we_attributed():
    assert wording.inferred(claims(dict(attribution=""), dict(attribution="inferred"))) is True
    assert wording.inferred(claims(dict(attribution=""), dict(attribution="stated"))) is False
    assert wording.inferred(claims(dict())) is False


OUTLETS = {"https://cna.example/a": "CNA (Channel NewsAsia; AFP copy)", "https://yna.example/b": "Yonhap"}


def test_short_outlet__the_name_before_its_gloss_or_the_address():
    assert wording.short_outlet("https://cna.example/a", OUTLETS) == "CNA"
    assert wording.short_outlet("https://yna.example/b", OUTLETS) == "Yonhap"
    assert wording.short_outlet("https://other.example/c (x)", {}) == "https://other.example/c"
    assert wording.short_outlet("https://other.example/c", {}) == "https://other.example/c"


def test_attribution_note__who_we_followed_each_once():
    c = claims(dict(attribution="inferred", attributed_by="https://cna.example/a"),
               dict(attribution="inferred", attributed_by=""),
               dict(attribution="inferred", attributed_by="https://yna.example/b"),
               dict(attribution="inferred", attributed_by="https://cna.example/a"))
    assert wording.attribution_note(c, OUTLETS) == (
        "attributed to NIS by us, after CNA and Yonhap; the source names no claimant")
    assert wording.attribution_note(c.assign(attributed_by=""), OUTLETS) == (
        "attributed to NIS by us; the source names no claimant")
    assert wording.attribution_note(c.assign(attribution=""), OUTLETS) == ""


def test_capital_and_hedges():
    assert wording.capital("the figures") == "The figures"
    assert wording.capital("") == ""
    assert wording.hedges(claims(dict(hedge="could be"), dict(hedge=""), dict(hedge="potentially"),
                                 dict(hedge="could be"))) == ["could be", "potentially"]
    assert wording.hedges(claims(dict())) == []


# --- a stated claim in a sentence ---------------------------------------------------------------------------------

def said(metric: str, bound: str, unit: str = "persons", **cells) -> dict:
    return {**dict(claim_id="x-1", claimant="NIS", spokesperson="", metric=metric), **claim(bound, unit, **cells)}


@pytest.mark.parametrize("row, text", [
    (said("killed", "approximate", best=300.0), "NIS says about 300 killed"),
    (said("killed", "approximate", best=1000.0, hedge="potentially", claimant="CSIS", spokesperson="Seth Jones",
          verb="estimated"), "Seth Jones (CSIS) estimated potentially 1,000 killed"),
    (said("deployed", "range", low=10000.0, high=11000.0, verb=""), "NIS says a force of 10,000–11,000"),
    (said("casualty_rate", "up_to", "percent", high=50.0, hedge="could be", claimant="CSIS"),
     "CSIS says that casualty rates could be as high as 50%"),
    (said("casualty_rate", "exact", "percent", best=27.3), "NIS says a casualty rate of 27.3%"),
    (said("casualty_rate", "exact", "percent", best=27.3, hedge=""), "NIS says a casualty rate of 27.3%"),
    (said("wounded", "exact", best=2700.0), "NIS says 2,700 wounded")])
def test_stated__who_says_what(row, text):
    assert wording.stated(row, {}) == text


def test_stated__an_attribution_of_ours_is_reported_not_said():
    killed = said("killed", "approximate", best=300.0, attribution="inferred", attributed_by="https://cna.example/a")
    assert wording.stated(killed, OUTLETS) == (
        "about 300 killed reported (attributed to NIS by us, after CNA; the source names no claimant)")
    for metric, noun in (("wounded", " wounded"), ("casualties", " casualties"), ("deployed", "")):
        assert wording.stated({**killed, "metric": metric}, OUTLETS) == (
            f"about 300{noun} reported (attributed to NIS by us, after CNA; the source names no claimant)")


# --- a derived figure in a sentence -------------------------------------------------------------------------------

JONES = claims(dict(claimant="CSIS", spokesperson="Seth Jones", hedge="could be", as_of="2025-02-04", published=""),
               dict(claimant="CSIS", spokesperson="Seth Jones", hedge="potentially", as_of="", published="2025-02-04"))


def test_implied__hedges_stay_with_the_figures_they_rest_on():
    assert wording.implied(JONES, "at most 5,500", {}, " casualties") == (
        "the figures of Seth Jones (CSIS), hedged “could be” and “potentially”, imply at most 5,500 casualties")


def test_implied__figures_of_different_dates_say_so():
    # the first claim is dated 2025-01-13 by the source; the second undated, its publication 2025-02-04 stands in.
    rows = claims(dict(as_of="2025-01-13", published="2025-01-20"), dict(as_of="", published="2025-02-04"),
                  dict(as_of="", published=""))
    assert wording.implied(rows, "9.0", {}, " wounded per killed") == (
        "the figures of NIS imply 9.0 wounded per killed (from figures of different dates: 2025-01-13, 2025-02-04)")
    assert wording.implied(rows, wording.UNBOUNDED, {}, name="casualty_rate") == (
        "the figures of NIS leave the casualty rate unbounded at both ends (from figures of different dates: "
        "2025-01-13, 2025-02-04)")
    assert wording.implied(rows, wording.undefined("casualty_rate"), {}, name="casualty_rate") == (
        "the figures of NIS leave the casualty rate undefined (the claims give no force: a ratio over zero has no "
        "value) (from figures of different dates: 2025-01-13, 2025-02-04)")
    one_date = claims(dict(as_of="2025-01-13", published=""), dict(as_of="2025-01-13", published="2025-02-04"))
    assert wording.implied(one_date, "9.0", {}, " wounded per killed") == (
        "the figures of NIS imply 9.0 wounded per killed")
    assert wording.implied(claims(dict()), "9.0", {}, " wounded per killed") == (
        "the figures of NIS imply 9.0 wounded per killed")


def test_implied__figures_we_attributed_say_whose_report_we_followed():
    rows = claims(dict(attribution="inferred", attributed_by="https://cna.example/a"),
                  dict(attribution="inferred", attributed_by="https://yna.example/b"))
    assert wording.implied(rows, "9.0", OUTLETS, " wounded per killed") == (
        "the figures we attribute to NIS (after CNA and Yonhap) imply 9.0 wounded per killed")
    assert wording.implied(rows.assign(attributed_by=""), "9.0", OUTLETS, " wounded per killed") == (
        "the figures we attribute to NIS imply 9.0 wounded per killed")


def test_implied__the_noun_of_an_unbounded_figure():
    # by the quantity's name first, else the words after the figure, else "the figure"
    for name, noun in (("deployed", "the force"), ("killed", "the number killed"), ("wounded", "the number wounded"),
                       ("casualties", "the casualties"), ("killed_share_force", "the share of the force killed"),
                       ("killed_share_casualties", "the share of casualties killed")):
        assert wording.implied(ALPHA, wording.UNBOUNDED, {}, " x", name) == (
            f"the figures of Alpha Ministry leave {noun} unbounded at both ends")
    assert wording.implied(ALPHA, wording.UNBOUNDED, {}, " casualties ") == (
        "the figures of Alpha Ministry leave casualties unbounded at both ends")
    assert wording.implied(ALPHA, wording.UNBOUNDED, {}) == (
        "the figures of Alpha Ministry leave the figure unbounded at both ends")


@pytest.mark.parametrize("name, over", [
    ("wounded_per_killed", "no one killed"), ("killed_share_casualties", "no casualties"),
    ("killed_share_force", "no force"), ("casualty_rate", "no force"), ("other", "zero")])
def test_undefined__what_the_claims_put_at_zero(name, over):
    assert wording.undefined(name) == f"undefined (the claims give {over}: a ratio over zero has no value)"


@pytest.mark.parametrize("name, identity", [
    ("wounded", "casualties below killed"), ("killed", "wounded above casualties"),
    ("casualty_rate", "more casualties than troops deployed"),
    ("killed_share_force", "more killed than troops deployed"),
    ("killed_share_casualties", "more killed than casualties"), ("deployed", "an impossible share")])
def test_identity_broken_and_breach(name, identity):
    assert wording.identity_broken(name) == identity
    assert wording.breach(name) == (f"more than 100% ({identity}): the claims cannot all describe one force over one "
                                    "period — reinforcements or a longer period may explain it")


def test_share__edges():
    # exactly 100 % is a share of one force; a ratio is no share, whatever its size
    assert wording.share(Interval(24.5, 100.0), "casualty_rate") is None
    assert wording.share(Interval(120.0, 150.0), "wounded_per_killed") is None
    # "at least 120 %": the whole of it above 100 %
    assert wording.share(Interval(120.0, INF, open_high=True), "killed_share_casualties") == (
        wording.breach("killed_share_casualties"))
    assert wording.share(Interval(100.0, 150.0), "killed_share_casualties") == (
        "from 100.0% to above 100% (more killed than casualties at its high end)")
    assert wording.share(Interval(0, 150.0, open_low=True), "casualty_rate") == (
        "no ceiling below 100% (at the claims’ own ceiling, more casualties than troops deployed)")
    # unbounded both ways: no ceiling either
    assert wording.share(Interval(0, INF, open_low=True, open_high=True), "killed_share_force") == (
        "no ceiling below 100% (at the claims’ own ceiling, more killed than troops deployed)")


def test_read_words__a_reading_or_a_share_above_100_in_words():
    assert wording.read_words(Interval(2700.0, 3300.0, 3000.0), "wounded", "persons") == "2,700–3,300"
    assert wording.read_words(Interval(0, 50.0, open_low=True), "casualty_rate", "percent") == "at most 50.0%"
    assert wording.read_words(Interval(120.0, 150.0), "casualty_rate", "percent") == wording.breach("casualty_rate")


def test_read_as__the_claim_and_what_our_tolerance_allows():
    assert wording.read_as(Interval(270.0, 330.0, 300.0), "persons") == "300 (read as 270–330)"
    # a derived count at two figures: 3,027.4 (2,745.3–3,311.9) is 3,000 (2,700–3,300)
    assert wording.read_as(Interval(2745.3, 3311.9, 3027.4), "persons", 2) == "3,000 (read as 2,700–3,300)"
    # percents keep their decimal whatever the digits
    assert wording.read_as(Interval(24.54, 33.06, 27.5), "percent", 2) == "27.5% (read as 24.5–33.1%)"
    assert wording.read_as(Interval(300.0, 300.0, 300.0), "persons") == "300"          # nothing to read into
    assert wording.read_as(Interval(270.0, 330.0), "persons") == "270–330"              # no point
    assert wording.read_as(Interval(0, 5150.0, 5000.0, open_low=True), "persons") == "at most 5,150"
    assert wording.read_as(Interval(270.0, INF, 300.0, open_high=True), "persons") == "at least 270"


@pytest.mark.parametrize("name, owned", [("Ross", "Ross’s"), ("US", "US’s"), ("Officials of NIS", "Officials of NIS’s"),
                                         ("", "’s")])
def test_possessive__double_s_acronyms_and_the_last_word(name, owned):
    assert wording.possessive(name) == owned


def test_counted():
    assert wording.counted(1, "figure", "figures") == "1 figure"
    assert wording.counted(0, "figure", "figures") == "0 figures"
    assert wording.counted(2, "figure", "figures") == "2 figures"


def test_confidence__each_kind_of_conflict_counted_in_order():
    assert wording.confidence(6, 3, 2, 1, 0, 0, 3, 3, {"tension": 2, "contradiction": 1}).startswith(
        "6 figures from 3 published sources; 2 are approximate or open-ended bounds, 1 is hedged by its source, 0 are "
        "attributed by us rather than by the source, 0 carry no date, and 3 of 3 comparisons between claimants find "
        "1 contradiction and 2 tensions. None")
    assert "and 1 of 3 comparisons between claimants finds 1 disagreement. None" in wording.confidence(
        6, 3, 2, 1, 0, 0, 3, 3, {"disagreement": 1, "consistent": 2})
    assert "and 3 comparisons between claimants find no conflict. None" in wording.confidence(
        6, 3, 2, 1, 0, 0, 3, 3, {"consistent": 3})
    assert "and 2 of 3 comparisons between claimants find 2 contradictions. None" in wording.confidence(
        6, 3, 2, 1, 0, 0, 3, 3, {"contradiction": 2, "tension": 0})


# --- comparisons --------------------------------------------------------------------------------------------------

def test_at_least_times__floored_never_rounded_up():
    assert wording.at_least_times(2.79) == "at least 2.7 times"
    assert wording.at_least_times(2.2999999999999998) == "at least 2.3 times"     # 2.3 stored just below itself
    assert wording.at_least_times(9.0) == "at least 9.0 times"
    assert wording.at_least_times(2.79, held=False) == "less than 2.7 times"


def test_hedged_name__every_hedge_quoted():
    assert wording.hedged_name("CSIS", ["could be", "potentially"]) == "CSIS’s hedged (“could be”, “potentially”)"
    assert wording.hedged_name("CSIS", []) == "CSIS’s"
    assert wording.hedged_name("NIS", [], frozenset({"NIS"})) == "NIS’s (our attribution)"


CEILING = {"CSIS": {"casualty_rate": Quantity(Interval(0, 50.0, open_low=True), ("c-r",), "stated",
                                              open_bounds=frozenset({"up_to"}))},
           "NIS": {"casualty_rate": Quantity(Interval(24.5, 50.0), ("n-d", "n-k"), "implied")},
           "Beta": {"casualty_rate": Quantity(Interval(40.0, 60.0), ("b-r",), "stated")},
           "Alpha": {"casualty_rate": Quantity(Interval(34.9, INF, open_high=True), ("a-c",), "implied",
                                               open_bounds=frozenset({"at_least"}))},
           "Delta": {"casualty_rate": Quantity(Interval(34.9, 100.0), ("d-r",), "stated")},
           "Gamma": {"casualty_rate": Quantity(Interval(34.8, 100.0), ("g-r",), "stated")}}


def test_within_bound__whose_bound_the_other_and_whether_the_whole_figure_is_within():
    # NIS's 24.5–50.0 % reaches exactly CSIS's ceiling of 50 %: still within it.
    assert wording.within_bound(flag("casualty_rate", RATE, "NIS", "CSIS", bound_of=" CSIS, "), CEILING) == (
        "CSIS", "NIS", True, True)
    assert wording.within_bound(flag("casualty_rate", RATE, "CSIS", "Beta", bound_of="CSIS"), CEILING) == (
        "CSIS", "Beta", True, False)
    # a floor: Delta's 34.9–100 % starts exactly at Alpha's 34.9 %; Gamma's 34.8 % below it
    assert wording.within_bound(flag("casualty_rate", RATE, "Delta", "Alpha", bound_of="Alpha"), CEILING) == (
        "Alpha", "Delta", False, True)
    assert wording.within_bound(flag("casualty_rate", RATE, "Alpha", "Gamma", bound_of="Alpha"), CEILING) == (
        "Alpha", "Gamma", False, False)
    # both sides bounds, neither, or no agreement: nothing to say of one bound
    assert wording.within_bound(flag("casualty_rate", RATE, "CSIS", "Alpha", bound_of="CSIS,Alpha"), CEILING) is None
    assert wording.within_bound(flag("casualty_rate", RATE, "NIS", "Beta", bound_of=" , "), CEILING) is None
    assert wording.within_bound(flag("casualty_rate", RATE, "NIS", "CSIS", "tension", bound_of="CSIS"),
                                CEILING) is None


KILLED = {"NIS": {"killed": Quantity(Interval(270.0, 330.0, 300.0), ("n-k",), "stated")},
          "CSIS": {"killed": Quantity(Interval(900.0, 1100.0, 1000.0), ("c-k",), "stated")}}


def csis_hedges(claimant, quantity):
    assert quantity == "killed"
    return ["potentially"] if claimant == "CSIS" else []


def test_comparison__a_disagreement_with_hedges_our_attribution_and_how_far():
    # the ends that cannot both hold: CSIS's 900 over NIS's 330 is 2.73, at least 2.7 times
    row = flag("killed", "Killed", "NIS", "CSIS", "disagreement", higher="CSIS", lower="NIS", factor=900 / 330)
    text = ("Killed: NIS’s (our attribution) 300 (read as 270–330) and CSIS’s hedged (“potentially”) 1,000 (read as "
            "900–1,100) cannot both be true; CSIS’s hedged (“potentially”) figure is at least 2.7 times NIS’s (our "
            "attribution).")
    assert wording.comparison(row, KILLED, "persons", csis_hedges, ours=frozenset({"NIS"})) == text
    assert wording.comparison({**row, "verdict": "contradiction"}, KILLED, "persons", csis_hedges,
                              ours=frozenset({"NIS"})) == (
        text + " What one claimant’s figures imply contradicts what the other states.")
    # the lower one first: the higher is still named as such
    swapped = flag("killed", "Killed", "CSIS", "NIS", "disagreement", higher="CSIS", lower="NIS", factor=900 / 330)
    assert wording.comparison(swapped, KILLED, "persons") == (
        "Killed: CSIS’s 1,000 (read as 900–1,100) and NIS’s 300 (read as 270–330) cannot both be true; CSIS’s figure "
        "is at least 2.7 times NIS’s.")


def test_comparison__a_tension_names_the_figure_outside_the_other_range():
    figures = {"A": {"wounded": Quantity(Interval(2000.0, 3000.0), ("a-w",), "stated")},
               "B": {"wounded": Quantity(Interval(2800.0, 4000.0), ("b-w",), "stated")}}
    row = flag("wounded", "Wounded", "A", "B", "tension", outside="B", inside="A")
    assert wording.comparison(row, figures, "persons", ours=frozenset({"A"})) == (
        "Wounded: A’s (our attribution) 2,000–3,000 and B’s 2,800–4,000 overlap only in part: the figure B puts "
        "forward lies outside A’s (our attribution) range.")


def test_comparison__an_echo_is_said():
    row = {**flag("killed", "Killed", "NIS", "CSIS"), "echo": True}
    figures = {"NIS": KILLED["NIS"], "CSIS": {"killed": Quantity(Interval(280.0, 340.0, 310.0), ("c-k",), "stated")}}
    assert wording.comparison(row, figures, "persons") == (
        "Killed: NIS’s 300 (read as 270–330) and CSIS’s 310 (read as 280–340) overlap: consistent. The agreement may "
        "be an echo (one figure may derive from the other), not independent confirmation.")


CASUALTIES = {"NIS": {"casualties": Quantity(Interval(2745.3, 3311.9, 3027.4), ("n-k", "n-w"), "implied")},
              "CSIS": {"casualties": Quantity(Interval(0, 5523.4, open_low=True), ("c-r", "c-d"), "implied",
                                              open_bounds=frozenset({"up_to"}))}}
CASUALTIES_STATED = {"NIS": CASUALTIES["NIS"],
                     "CSIS": {"casualties": Quantity(Interval(0, 5020.0, open_low=True), ("c-r", "c-d"), "implied",
                                                     open_bounds=frozenset({"up_to"}))}}


def test_comparison__derived_counts_to_their_digits_and_a_bound_our_tolerance_moved():
    # NIS: 3,027.4 (2,745.3–3,311.9) at two figures is 3,000 (2,700–3,300). CSIS: at most 5,020 as the claims say it,
    # at most 5,523.4 with our tolerance: at two figures, ceilings rounded up, 5,100 and 5,600.
    two = (lambda c, q: 2)
    row = flag("casualties", "Casualties", "NIS", "CSIS")
    assert wording.comparison(row, CASUALTIES, "persons", stated=CASUALTIES_STATED, digits_of=two) == (
        "Casualties: NIS’s 3,000 (read as 2,700–3,300) and CSIS’s at most 5,100 (5,600 with our tolerance on "
        "“about”) overlap: consistent.")
    # within CSIS's bound: the bound's end as the claims give it (5,020), or as read where no stated figures are given
    bound = flag("casualties", "Casualties", "NIS", "CSIS", bound_of="CSIS")
    assert wording.comparison(bound, CASUALTIES, "persons", stated=CASUALTIES_STATED, digits_of=two) == (
        "Casualties: NIS’s 3,000 (read as 2,700–3,300) lies within CSIS’s upper bound of 5,020: consistent, though a "
        "bound tests little.")
    assert wording.comparison(bound, CASUALTIES, "persons") == (
        "Casualties: NIS’s 3,027 (read as 2,745–3,312) lies within CSIS’s upper bound of 5,523: consistent, though a "
        "bound tests little.")


def test_comparison__a_floor_our_tolerance_moved_and_a_stated_floor_of_a_count():
    stated = {"A": {"killed": Quantity(Interval(1000.0, INF, open_high=True), ("a-k",), "stated",
                                       open_bounds=frozenset({"at_least"}))},
              "B": {"killed": Quantity(Interval(1000.0, 5000.0), ("b-k",), "stated",
                                       open_bounds=frozenset({"at_least"}))}}
    tolerant = {"A": {"killed": Quantity(Interval(900.0, INF, open_high=True), ("a-k",), "stated",
                                         open_bounds=frozenset({"at_least"}))}, "B": stated["B"]}
    # B's "at least 1,000" closed at 5,000 by another of its figures is still a floor as stated
    assert wording.comparison(flag("killed", "Killed", "A", "B"), tolerant, "persons", stated=stated) == (
        "Killed: A’s at least 1,000 (900 with our tolerance on “about”) and B’s at least 1,000 overlap: consistent.")


def test_comparison__a_ceiling_of_a_percent_our_tolerance_moved():
    stated = {"CSIS": {"casualty_rate": Quantity(Interval(0, 50.0, open_low=True), ("c-r",), "stated",
                                                 open_bounds=frozenset({"up_to"}))},
              "Beta": CEILING["Beta"]}
    tolerant = {"CSIS": {"casualty_rate": Quantity(Interval(0, 55.0, open_low=True), ("c-r",), "stated",
                                                   open_bounds=frozenset({"up_to"}))}, "Beta": CEILING["Beta"]}
    assert wording.comparison(flag("casualty_rate", RATE, "CSIS", "Beta"), tolerant, "percent", stated=stated) == (
        f"{RATE}: CSIS’s at most 50.0% (55.0% with our tolerance on “about”) and Beta’s 40.0–60.0% overlap: "
        "consistent.")
    # within the ceiling: "50%", not "50.0%", as the source gave it; 47.5 % would keep its decimal
    bound = flag("casualty_rate", RATE, "CSIS", "Beta", bound_of="CSIS")
    assert wording.comparison(bound, tolerant, "percent", stated=stated) == (
        f"{RATE}: Beta’s 40.0–60.0% and CSIS’s upper bound of 50% overlap: consistent, though a bound tests little.")
    assert wording.comparison(bound, tolerant, "percent") == (
        f"{RATE}: Beta’s 40.0–60.0% and CSIS’s upper bound of 55% overlap: consistent, though a bound tests little.")
    half = {"CSIS": {"casualty_rate": Quantity(Interval(0, 47.5, open_low=True), ("c-r",), "stated",
                                               open_bounds=frozenset({"up_to"}))}, "Beta": CEILING["Beta"]}
    assert wording.comparison(bound, half, "percent") == (
        f"{RATE}: Beta’s 40.0–60.0% and CSIS’s upper bound of 47.5% overlap: consistent, though a bound tests little.")


# --- sensitivity, dependence and robustness -----------------------------------------------------------------------

def test_sensitivity_lead__the_input_that_moves_the_rate_most():
    top = pd.Series(dict(unit="persons", claimant="NIS", metric="killed", input_low=270.0, input_high=330.0,
                         watched="CSIS", p50_at_low=30.14, p50_at_high=27.66, swing=2.48, claim_id="nis-killed"))
    assert wording.sensitivity_lead(top) == (
        "The casualty rate moves most with NIS killed", ["nis-killed"],
        ": from 270 to 330, CSIS’s median moves from 30.1% to 27.7% (2.5 percentage points).")
    both = frozenset({"NIS", "CSIS"})
    assert wording.sensitivity_lead({**top, "metric": "casualty_rate", "unit": "percent", "input_low": 45.0,
                                     "input_high": 50.0}, both) == (
        "The casualty rate moves most with NIS (our attribution) casualty rate", ["nis-killed"],
        ": from 45.0% to 50.0%, CSIS’s (our attribution) median moves from 30.1% to 27.7% (2.5 percentage points).")


def test_dependence__a_band_that_exists_only_under_independence():
    # NIS's 2,700 wounded / 300 killed = 9.0; 7.94–10.4 at two figures is 7.9–10
    assert wording.dependence("NIS", [("Wounded per killed", 9.04, 7.94, 10.4, "ratio")], 0.0) == (
        "Dependence: if NIS’s figures from one briefing share their error (correlation 1), its wounded per killed is "
        "9.0 in every draw; its 90% band of 7.9–10 under independence exists only because the brief reads those "
        "figures as independent (correlation 0 here).")
    # 300 killed / 3,000 casualties = 10%
    assert wording.dependence("NIS", [("Killed as a share of casualties", 10.04, 8.84, 11.2, "percent")], 0.5,
                              frozenset({"NIS"})) == (
        "Dependence: if NIS’s (our attribution) figures from one briefing share their error (correlation 1), its "
        "killed as a share of casualties is 10% in every draw; its 90% band of 8.8–11% under independence exists "
        "only because the brief reads those figures as independent (correlation 0.5 here).")


def test_dependence__one_sentence_names_every_quantity_of_one_claimant():
    # Issue 21: two paragraphs said the same frame twice. 2,700 / 300 = 9.0 wounded per killed; 300 / 3,000 = 10%
    # of casualties killed.
    both = [("Wounded per killed", 9.04, 7.94, 10.4, "ratio"),
            ("Killed as a share of casualties", 10.04, 8.84, 11.2, "percent")]
    assert wording.dependence("NIS", both, 0.0, frozenset({"NIS"})) == (
        "Dependence: if NIS’s (our attribution) figures from one briefing share their error (correlation 1), its "
        "wounded per killed is 9.0 and its killed as a share of casualties is 10% in every draw; their 90% bands of "
        "7.9–10 and 8.8–11% under independence exist only because the brief reads those figures as independent "
        "(correlation 0 here).")
    # 300 / 10,000 = 3.0% of the force killed
    three = both + [("Killed as share of force", 3.0, 2.6, 3.2, "percent")]
    assert wording.dependence("NIS", three, 0.25) == (
        "Dependence: if NIS’s figures from one briefing share their error (correlation 1), its wounded per killed is "
        "9.0, its killed as a share of casualties is 10% and its killed as share of force is 3.0% in every draw; "
        "their 90% bands of 7.9–10, 8.8–11% and 2.6–3.2% under independence exist only because the brief reads those "
        "figures as independent (correlation 0.25 here).")


@pytest.mark.parametrize("spec, held, text", [
    (dict(kind="killed_times", hi="CSIS", lo="NIS", hedges=["potentially"], k=2.7), True,
     "CSIS’s hedged (“potentially”) killed figure is at least 2.7 times NIS’s"),
    (dict(kind="killed_times", hi="CSIS", lo="NIS", hedges=[], k=2.7), False,
     "CSIS’s killed figure is less than 2.7 times NIS’s"),
    (dict(kind="rate_within_ceiling", x="NIS", y="CSIS"), True, "NIS’s casualty rate lies within CSIS’s upper bound"),
    (dict(kind="rate_within_ceiling", x="NIS", y="CSIS"), False,
     "NIS’s casualty rate reaches above CSIS’s upper bound"),
    (dict(kind="ratios_conflict", a="NIS", b="CSIS"), True, "NIS’s and CSIS’s wounded-per-killed ratios cannot both be "
                                                            "true"),
    (dict(kind="ratios_conflict", a="NIS", b="CSIS"), False, "NIS’s and CSIS’s wounded-per-killed ratios can both be "
                                                             "true"),
    (dict(kind="pooled_median_within", c="NIS"), True,
     "the pooled casualty-rate median lies within NIS’s implied range"),
    (dict(kind="pooled_median_within", c="NIS"), False,
     "the pooled casualty-rate median lies outside NIS’s implied range"),
    (dict(kind="pooled_band_beyond", c="NIS"), True,
     "the pooled casualty-rate 90% band reaches above NIS’s implied range"),
    (dict(kind="pooled_band_beyond", c="NIS"), False,
     "the pooled casualty-rate 90% band stays within NIS’s implied range")])
def test_robustness_judgment__each_kind_held_or_not(spec, held, text):
    assert wording.robustness_judgment(spec, held) == text
    ours = frozenset({"NIS", "CSIS"})
    assert wording.robustness_judgment(spec, held, ours) == text.replace("NIS’s", "NIS’s (our attribution)").replace(
        "CSIS’s", "CSIS’s (our attribution)")


@pytest.mark.parametrize("name, value, text", [
    ("approx_tolerance", 0.1, "“about” read as ±10%"),
    ("upto_floor", 0.5, "“as high as X” read as no lower than 50% of X"),
    ("distribution", "lognormal", "ranges read as lognormal"), ("weights", "unequal", "unequal weights"),
    ("correlation", 1.0, "claims of one briefing sharing their error"), ("correlation", 0.0, "every claim read as "
                                                                                             "independent"),
    ("hedge_reading", "upper_bound", "hedged figures read as upper ends"),
    ("hedge_reading", "as_stated", "hedged figures read as stated"),
    ("hedge_reading", "exclude", "hedged figures left out"), ("hedge_reading", "other", "other"),
    ("seed", 3, "seed 3")])
def test_reading__each_reading_in_plain_words(name, value, text):
    assert wording.reading(name, value) == text


def test_grid_words__one_value_and_readings_without_words_of_their_own():
    assert wording.grid_words({"approx_tolerance": (0.1,)}, "NIS’s") == "“about” read as ±10%"
    assert wording.grid_words({"weights": ("unequal",), "seed": (1, 2, 3)}, "CSIS’s") == (
        "unequal weights (unequal weights double CSIS’s); seed 1, seed 2 or seed 3")
    assert wording.grid_words({}, "NIS’s") == ""


def test_flips__what_makes_a_judgment_fail():
    assert wording.flips(()) == ""
    assert wording.flips(("every",)) == "fails under every reading"
    assert wording.flips(("with", (("approx_tolerance", (0.2,)), ("distribution", ("uniform", "lognormal"))))) == (
        "“about” read as ±20%; ranges read as uniform or ranges read as lognormal")
    assert wording.flips(("most", (("correlation", 1.0, 0.75), ("upto_floor", 0.0, 0.5)))) == (
        "no single reading; fails most often with claims of one briefing sharing their error (75% of its cells) or "
        "“as high as X” read as no lower than 0% of X (50% of its cells)")


def test_robustness_table__judgments_and_flips_in_words_held_dropped():
    table = pd.DataFrame(dict(
        judgment=[dict(kind="ratios_conflict", a="NIS", b="CSIS"), dict(kind="pooled_median_within", c="NIS")],
        held=[True, False], flips=[(), ("every",)], share=[1.0, 0.0]), index=[3, 7])
    out = wording.robustness_table(table, frozenset({"NIS"}))
    assert list(out.columns) == ["judgment", "flips", "share"]
    assert list(out.index) == [3, 7]
    assert out["judgment"].tolist() == [
        "NIS’s (our attribution) and CSIS’s wounded-per-killed ratios cannot both be true",
        "the pooled casualty-rate median lies outside NIS’s (our attribution) implied range"]
    assert out["flips"].tolist() == ["", "fails under every reading"]
    assert out["share"].tolist() == [1.0, 0.0]


# --- the evidence's date ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("dates, n, by_source, by_us, undated, text", [
    ([], 3, 0, 0, 3, "undated: the source gives no date for these figures"),
    (["2025-02-04", "2025-01-13"], 2, 2, 0, 0, "as of 2025-02-04"),
    (["2025-02-04"], 6, 0, 5, 1, "as of 2025-02-04 (the source dates none of its 6 figures: 5 are dated by us from "
                                 "other reports, 1 has no date)"),
    (["2025-01-13", "2025-02-04"], 6, 3, 1, 2, "as of 2025-02-04 (the source dates 3 of its 6 figures: 1 is dated by "
                                               "us from other reports, 2 have no date)"),
    (["2025-01-13"], 1, 0, 1, 0, "as of 2025-01-13 (the source dates none of its 1 figure: 1 is dated by us from "
                                 "other reports)"),
    (["2025-01-13"], 2, 1, 0, 1, "as of 2025-01-13 (the source dates 1 of its 2 figures: 1 has no date)")])
def test_evidence_date__the_evidence_date_and_who_dated_it(dates, n, by_source, by_us, undated, text):
    assert wording.evidence_date(dates, n, by_source, by_us, undated) == text


# --- what the first mutation run left alive ------------------------------------------------------------------------

def test_derived_digits__every_number_column_counts_and_leading_zeros_do_not():
    # the high end carries the most (1234.5: five); a column the rows lack counts nothing; 0.05 carries one, so the
    # least of two stands
    assert wording.derived_digits(pd.DataFrame(dict(low=[300.0], best=[math.nan], high=[1234.5]))) == 5
    assert wording.derived_digits(pd.DataFrame(dict(best=[1920.0]))) == 3
    assert wording.derived_digits(pd.DataFrame(dict(low=[0.05], best=[0.05], high=[0.05]))) == 2


def test_share__just_above_and_exactly_at_100_percent():
    # 100.5 % is above 100 %: a range reaching it, a floor at it and a range wholly above it are said in words
    assert wording.share(Interval(24.5, 100.5), "casualty_rate") == (
        "from 24.5% to above 100% (more casualties than troops deployed at its high end)")
    assert wording.share(Interval(100.5, INF, open_high=True), "casualty_rate") == wording.breach("casualty_rate")
    assert wording.share(Interval(100.5, 150.0), "casualty_rate") == wording.breach("casualty_rate")
    # "at least 100 %" stays a floor, which `interval` words
    assert wording.share(Interval(100.0, INF, open_high=True), "casualty_rate") is None


def test_read_as__a_ratio_keeps_its_decimal_and_a_derived_bound_its_digits():
    # a ratio of 123.4 (111.1–135.8) is not rounded to two figures (120); a derived ceiling of 5,523.4 at two
    # figures is "at most 5,600", a range without a point "2,700–3,300"
    assert wording.read_as(Interval(111.1, 135.8, 123.4), "ratio", 2) == "123.4 (read as 111.1–135.8)"
    assert wording.read_as(Interval(0, 5523.4, open_low=True), "persons", 2) == "at most 5,600"
    assert wording.read_as(Interval(2745.3, 3311.9), "persons", 2) == "2,700–3,300"


def test_comparison__a_stated_percent_floor_as_the_source_gave_it():
    # "at least 50%" stated, closed at 100 % by the percent's own ceiling: printed as the source gave it (50%, not
    # 50.0%)
    figures = {"Delta": {"casualty_rate": Quantity(Interval(50.0, 100.0), ("d-r",), "stated",
                                                   open_bounds=frozenset({"at_least"}))},
               "Beta": CEILING["Beta"]}
    assert wording.comparison(flag("casualty_rate", RATE, "Delta", "Beta"), figures, "percent") == (
        f"{RATE}: Delta’s at least 50% and Beta’s 40.0–60.0% overlap: consistent.")


def test_comparison__hedges_digits_and_our_attribution_for_each_side():
    # hedges, digits and our mark are looked up for each claimant and quantity (CSIS first, NIS second here)
    row = flag("killed", "Killed", "CSIS", "NIS", "disagreement", higher="CSIS", lower="NIS", factor=900 / 330)
    assert wording.comparison(row, KILLED, "persons", csis_hedges, ours=frozenset({"NIS"})) == (
        "Killed: CSIS’s hedged (“potentially”) 1,000 (read as 900–1,100) and NIS’s (our attribution) 300 (read as "
        "270–330) cannot both be true; CSIS’s hedged (“potentially”) figure is at least 2.7 times NIS’s (our "
        "attribution).")
    # digits per claimant: NIS's casualties to two figures, CSIS's (a stated figure) as they are
    digits = {("NIS", "casualties"): 2, ("CSIS", "casualties"): None}
    figures = {"NIS": CASUALTIES["NIS"],
               "CSIS": {"casualties": Quantity(Interval(2745.3, 3311.9, 3027.4), ("c-c",), "stated")}}
    assert wording.comparison(flag("casualties", "Casualties", "NIS", "CSIS"), figures, "persons",
                              digits_of=lambda c, q: digits[(c, q)]) == (
        "Casualties: NIS’s 3,000 (read as 2,700–3,300) and CSIS’s 3,027 (read as 2,745–3,312) overlap: consistent.")


def test_comparison__a_bound_our_tolerance_moves_within_its_digits_is_said_once():
    # stated at most 5,523.4, read at most 5,580: both "at most 5,600" at two figures, so no tolerance note
    stated = {"NIS": CASUALTIES["NIS"], "CSIS": CASUALTIES["CSIS"]}
    tolerant = {"NIS": CASUALTIES["NIS"],
                "CSIS": {"casualties": Quantity(Interval(0, 5580.0, open_low=True), ("c-r", "c-d"), "implied",
                                                open_bounds=frozenset({"up_to"}))}}
    assert wording.comparison(flag("casualties", "Casualties", "NIS", "CSIS"), tolerant, "persons", stated=stated,
                              digits_of=lambda c, q: 2) == (
        "Casualties: NIS’s 3,000 (read as 2,700–3,300) and CSIS’s at most 5,600 overlap: consistent.")


def test_comparison__a_derived_floor_our_tolerance_lowers_is_rounded_down():
    # stated at least 1,234.5 → "at least 1,200"; read at least 1,161 → 1,100 at two figures (a floor is never rounded
    # up: not 1,200)
    stated = {"A": {"casualties": Quantity(Interval(1234.5, INF, open_high=True), ("a-k", "a-w"), "implied",
                                           open_bounds=frozenset({"at_least"}))},
              "B": {"casualties": Quantity(Interval(2000.0, 3000.0), ("b-c",), "stated")}}
    tolerant = {"A": {"casualties": Quantity(Interval(1161.0, INF, open_high=True), ("a-k", "a-w"), "implied",
                                             open_bounds=frozenset({"at_least"}))}, "B": stated["B"]}
    assert wording.comparison(flag("casualties", "Casualties", "A", "B"), tolerant, "persons", stated=stated,
                              digits_of=lambda c, q: 2) == (
        "Casualties: A’s at least 1,200 (1,100 with our tolerance on “about”) and B’s 2,000–3,000 overlap: "
        "consistent.")


def test_comparison__a_figure_our_tolerance_leaves_unbounded():
    # stated at most 5,000, read unbounded at both ends: the note says so rather than give an end
    stated = {"A": {"casualties": Quantity(Interval(0, 5000.0, open_low=True), ("a-c",), "stated",
                                           open_bounds=frozenset({"up_to"}))},
              "B": {"casualties": Quantity(Interval(2000.0, 3000.0), ("b-c",), "stated")}}
    tolerant = {"A": {"casualties": Quantity(Interval(0, INF, open_low=True, open_high=True), ("a-c",), "stated",
                                             open_bounds=frozenset({"up_to"}))}, "B": stated["B"]}
    assert wording.comparison(flag("casualties", "Casualties", "A", "B"), tolerant, "persons", stated=stated) == (
        "Casualties: A’s at most 5,000 (not bounded by the claims with our tolerance on “about”) and B’s "
        "2,000–3,000 overlap: consistent.")


def test_band__no_finer_than_its_spread_needs():
    # 0.52 needs two decimals at two figures, but the band spans 0.52–99.6 (a spread of 99.08, whole units at two
    # figures): every percentile to whole units, 0.52 as 1 and 99.6 as 100
    wide = {"p5": 0.52, "p25": 20.0, "p50": 50.0, "p75": 80.0, "p95": 99.6}
    assert wording.band(wide, "ratio") == "median 50; 50% band 20–80; 90% band 1–100"
    assert wording.band({k: 0.0 for k in ("p5", "p25", "p50", "p75", "p95")}, "percent") == (
        "median 0%; 50% band 0%; 90% band 0%")


def test_short_outlet__a_name_of_several_words():
    assert wording.short_outlet("https://jad.example/n", {"https://jad.example/n": "Korea JoongAng Daily (Yonhap)"}) \
        == "Korea JoongAng Daily"


def test_interval__a_ratio_is_not_rounded_to_a_count_digits_and_a_floor_is_rounded_down():
    # wounded per killed of 123.4 (111.1–135.8) keeps its decimal; a derived floor of 1,161 at two figures is "at
    # least 1,100" (to the nearest it would be 1,200)
    assert wording.interval(Interval(111.1, 135.8, 123.4), "ratio", 2) == "123.4 (range 111.1–135.8)"
    assert wording.interval(Interval(1161.0, INF, open_high=True), "persons", 2) == "at least 1,100"
