"""analysis.judgments.consistency: verdicts between two claimants' figures and the rows of flags(), worked by hand.

Figures are built inline as intervals of what each claim allows. From the article (with our ±10 % on "about"):
NIS about 300 killed → 270–330; CSIS "potentially 1,000" killed, read as 1,000 ± 10 % → 900–1,100; so CSIS's
figure is at least 900 / 330 = 2.7272… times NIS's. NIS 10,000–11,000 deployed (a range, no point); CSIS around
11,000 → 9,900–12,100, point 11,000 (inside NIS's range, at its top). CSIS's casualty rate "as high as 50 %" →
0–50 %, no low end and no point; NIS's implied rate (270 + 2,430) / 11,000 = 24.5 %
to (330 + 2,970) / 10,000 = 33.0 %.
"""

import math

import pytest

from analysis.judgments.consistency import COLUMNS, echoes, flags, verdict
from analysis.uncertainty.derive import Quantity
from analysis.uncertainty.intervals import Interval


def q(low, high, point=None, status="stated", ids=("x",), open_low=False, open_high=False):
    return Quantity(Interval(low, high, point, open_low, open_high), tuple(ids), status)


NIS = {"deployed": q(10_000, 11_000, ids=("nis-deployed",)),
       "killed": q(270, 330, 300, ids=("nis-killed",)),
       "casualty_rate": q(24.5, 33.0, status="implied", ids=("nis-deployed", "nis-killed", "nis-wounded"))}
CSIS = {"deployed": q(9_900, 12_100, 11_000, ids=("csis-deployed",)),
        "killed": q(900, 1_100, 1_000, ids=("csis-killed",)),
        "casualty_rate": q(0, 50, ids=("csis-casualty-rate",), open_low=True)}


# verdict ------------------------------------------------------------------------------------------------------------

def test_verdict__consistent__each_point_inside_the_other():
    assert verdict(q(270, 330, 300), q(250, 350, 310)) == ("consistent", "", "")


def test_verdict__consistent__bounds_without_points():
    # neither has a point: nothing can lie outside, however the ranges sit
    assert verdict(q(0, 50, open_low=True), q(40, 60)) == ("consistent", "", "")


def test_verdict__consistent__point_inside_a_bound():
    assert verdict(CSIS["deployed"], NIS["deployed"]) == ("consistent", "", "")  # 11,000 within 10,000–11,000
    assert verdict(NIS["casualty_rate"], CSIS["casualty_rate"]) == ("consistent", "", "")


def test_verdict__tension__a_point_outside_b():
    # a's 250 lies below b's 270–330; b's 300 lies within a's 200–320
    assert verdict(q(200, 320, 250), q(270, 330, 300)) == ("tension", "a", "b")


def test_verdict__tension__b_point_outside_a():
    assert verdict(q(270, 330, 300), q(200, 320, 250)) == ("tension", "b", "a")


def test_verdict__tension__point_outside_a_bound_without_point():
    # a: as high as 50, no point; b's 55 lies above it though the ranges meet (40–50)
    assert verdict(q(0, 50, open_low=True), q(40, 60, 55)) == ("tension", "b", "a")


def test_verdict__disagreement__both_stated():
    assert verdict(NIS["killed"], CSIS["killed"]) == ("disagreement", "", "")  # 270–330 against 900–1,100


@pytest.mark.parametrize("sa, sb", [("implied", "implied"), ("borrowed", "stated"), ("implied", "borrowed"),
                                    ("borrowed", "borrowed")])
def test_verdict__disagreement__unless_one_stated_one_implied(sa, sb):
    assert verdict(q(1, 2, status=sa), q(5, 6, status=sb)) == ("disagreement", "", "")


@pytest.mark.parametrize("sa, sb", [("implied", "stated"), ("stated", "implied")])
def test_verdict__contradiction__one_stated_one_implied(sa, sb):
    assert verdict(q(1_000, 1_000, 1_000, status=sa), q(5_000, 5_000, 5_000, status=sb)) == ("contradiction", "", "")


def test_verdict__ranges_touching__overlap():
    assert verdict(q(270, 330), q(330, 400)) == ("consistent", "", "")


# echoes -------------------------------------------------------------------------------------------------------------

def test_echoes__a_derives_from_b():
    assert echoes(("a-k",), ("b-k",), {"a-k": "b-k"})


def test_echoes__b_derives_from_a():
    assert echoes(("a-k",), ("b-k",), {"b-k": "a-k"})


def test_echoes__no_lineage__false():
    assert not echoes(("a-k",), ("b-k",), {})


def test_echoes__lineage_elsewhere__false():
    # each derives from a claim outside the other side, or from one on its own side
    assert not echoes(("a-k", "a-w"), ("b-k",), {"a-k": "z", "a-w": "a-k", "b-k": "y"})


# flags --------------------------------------------------------------------------------------------------------------

def test_flags__nis_csis__rows_in_order():
    f = flags({"NIS": NIS, "CSIS": CSIS})
    assert list(f.columns) == COLUMNS
    assert list(f["quantity"]) == ["deployed", "killed", "casualty_rate"]
    assert list(f["label"]) == ["Troops deployed", "Killed", "Casualty rate (casualties / deployed)"]
    assert list(f["claimant_a"]) == ["NIS"] * 3 and list(f["claimant_b"]) == ["CSIS"] * 3
    assert list(f["verdict"]) == ["consistent", "disagreement", "consistent"]
    assert list(f["claim_ids"]) == ["csis-deployed, nis-deployed", "csis-killed, nis-killed",
                                    "csis-casualty-rate, nis-deployed, nis-killed, nis-wounded"]
    assert list(f["outside"]) == ["", "", ""] and list(f["inside"]) == ["", "", ""]
    assert list(f["bound_of"]) == ["", "", "CSIS"]
    assert list(f["echo"]) == [False, False, False]
    assert all(math.isnan(p) for p in f["p_a_greater"])


def test_flags__killed__factor_is_higher_low_over_lower_high():
    # 900 / 330 = 2.7272…; CSIS is higher whichever claimant comes first
    for figures in ({"NIS": NIS, "CSIS": CSIS}, {"CSIS": CSIS, "NIS": NIS}):
        r = flags(figures).set_index("quantity").loc["killed"]
        assert (r["higher"], r["lower"]) == ("CSIS", "NIS")
        assert r["factor"] == pytest.approx(2.727272727, rel=1e-9)


def test_flags__consistent__no_higher_lower_or_factor():
    f = flags({"NIS": {"deployed": NIS["deployed"]}, "CSIS": {"deployed": CSIS["deployed"]}})
    r = f.iloc[0]
    assert (r["verdict"], r["higher"], r["lower"]) == ("consistent", "", "")
    assert math.isnan(r["factor"]) and math.isnan(r["p_a_greater"])


def test_flags__contradiction__factor():
    # A implies 100 + 900 = 1,000 casualties; B states 5,000: 5,000 / 1,000 = 5
    f = flags({"A": {"casualties": q(1_000, 1_000, 1_000, status="implied", ids=("a-k", "a-w"))},
               "B": {"casualties": q(5_000, 5_000, 5_000, ids=("b-c",))}})
    r = f.iloc[0]
    assert (r["verdict"], r["higher"], r["lower"]) == ("contradiction", "B", "A")
    assert r["factor"] == 5.0
    assert r["claim_ids"] == "a-k, a-w, b-c"


def test_flags__lower_is_zero__factor_infinite():
    f = flags({"A": {"killed": q(0, 0, 0)}, "B": {"killed": q(5, 5, 5)}})
    assert (f.iloc[0]["higher"], f.iloc[0]["lower"], f.iloc[0]["factor"]) == ("B", "A", math.inf)


def test_flags__lower_high_below_one__factor_finite():
    # 2 / 0.5 = 4
    f = flags({"A": {"wounded_per_killed": q(2, 3, 2.5)}, "B": {"wounded_per_killed": q(0.25, 0.5, 0.4)}})
    assert (f.iloc[0]["higher"], f.iloc[0]["lower"], f.iloc[0]["factor"]) == ("A", "B", 4.0)


@pytest.mark.parametrize("wa, wb, outside, inside", [((200, 320, 250), (270, 330, 300), "A", "B"),
                                                      ((270, 330, 300), (200, 320, 250), "B", "A")])
def test_flags__tension__names_outside_and_inside(wa, wb, outside, inside):
    f = flags({"A": {"wounded": q(*wa)}, "B": {"wounded": q(*wb)}})
    r = f.iloc[0]
    assert (r["verdict"], r["outside"], r["inside"], r["higher"], r["lower"]) == ("tension", outside, inside, "", "")
    assert math.isnan(r["factor"])


def test_flags__claim_ids__union_sorted_once():
    f = flags({"A": {"killed": q(1, 2, ids=("a-k", "s"))}, "B": {"killed": q(1, 2, ids=("s", "b-k"))}})
    assert f.iloc[0]["claim_ids"] == "a-k, b-k, s"


@pytest.mark.parametrize("ka, kb, bound_of", [
    (dict(open_low=True), {}, "A"),                      # an upper bound ("as high as")
    ({}, dict(open_high=True), "B"),                     # a lower bound ("at least")
    (dict(open_low=True), dict(open_high=True), "A, B"),
    ({}, {}, "")])
def test_flags__bound_of__claimants_whose_figure_is_open(ka, kb, bound_of):
    f = flags({"A": {"killed": q(1, 3, **ka)}, "B": {"killed": q(2, 4, **kb)}})
    assert f.iloc[0]["bound_of"] == bound_of


def test_flags__missing_quantity__skipped_not_stopping():
    # B has no killed (the second quantity compared): wounded is still compared; A has no deployed
    f = flags({"A": {"killed": q(1, 2), "wounded": q(5, 6)}, "B": {"deployed": q(10, 20), "wounded": q(5, 6)}})
    assert list(f["quantity"]) == ["wounded"]


@pytest.mark.parametrize("first", [True, False])
def test_flags__infinite_low__skipped(first):
    # a ratio over no one killed (40 / 0) is compared with nothing, on either side; killed is still compared
    inf = {"killed": q(0, 0, 0), "wounded_per_killed": q(math.inf, math.inf, math.inf)}
    fin = {"killed": q(5, 5, 5), "wounded_per_killed": q(4, 4, 4)}
    f = flags({"A": inf, "B": fin} if first else {"A": fin, "B": inf})
    assert list(f["quantity"]) == ["killed"]


def test_flags__uncompared_quantities__ignored():
    f = flags({"A": {"killed_share_force": q(1, 2)}, "B": {"killed_share_force": q(5, 6)}})
    assert f.empty and list(f.columns) == COLUMNS


def test_flags__three_claimants__every_pair_once():
    k = {"killed": q(1, 2)}
    f = flags({"A": k, "B": k, "C": k})
    assert list(zip(f["claimant_a"], f["claimant_b"])) == [("A", "B"), ("A", "C"), ("B", "C")]


@pytest.mark.parametrize("figures", [{}, {"A": NIS}])
def test_flags__no_pair__empty_with_columns(figures):
    f = flags(figures)
    assert f.empty and list(f.columns) == COLUMNS


@pytest.mark.parametrize("lineage, echo", [({"b-k": "a-k"}, True), ({"a-k": "b-k"}, True), ({}, False),
                                           (None, False)])
def test_flags__echo__from_lineage(lineage, echo):
    f = flags({"A": {"killed": q(1, 2, ids=("a-k",))}, "B": {"killed": q(1, 2, ids=("b-k",))}}, lineage)
    assert bool(f.iloc[0]["echo"]) is echo


def test_flags__p_a_greater__from_prob():
    p = {("A", "B", "killed"): 0.25, ("A", "B", "wounded"): 0.75}
    f = flags({"A": {"killed": q(1, 2), "wounded": q(1, 2)}, "B": {"killed": q(1, 2), "wounded": q(1, 2)}},
              prob=lambda a, b, name: p[(a, b, name)])
    assert list(f["p_a_greater"]) == [0.25, 0.75]



def test_flags__a_figure_unbounded_at_both_ends_is_not_compared():
    # Killed "up to 300" plus wounded "at least 2,700" leave casualties anywhere from 0 to infinity: any figure
    # "overlaps" it, and the flag called it a bound "of ∞". Only NIS and CSIS's killed remain to compare.
    open_casualties = {"killed": q(900, 1_100, 1_000, ids=("csis-killed",)),
                       "casualties": q(0, math.inf, status="implied", ids=("a-k", "a-w"), open_low=True,
                                       open_high=True)}
    nis = {**NIS, "casualties": q(2_700, 3_300, 3_000, status="implied", ids=("nis-killed", "nis-wounded"))}
    f = flags({"NIS": nis, "A": open_casualties})
    assert list(f["quantity"]) == ["killed"]


def test_flags__a_rate_ceiling_above_100_percent_is_not_compared():
    # "as high as 150 %": a ceiling above the whole force caps no share, so agreeing with it tests nothing.
    f = flags({"NIS": NIS, "A": {"casualty_rate": q(0, 150, open_low=True, ids=("a-r",)),
                                 "killed": q(900, 1_100, 1_000, ids=("a-k",))}})
    assert list(f["quantity"]) == ["killed"]
