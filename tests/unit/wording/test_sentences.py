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
