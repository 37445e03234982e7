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
