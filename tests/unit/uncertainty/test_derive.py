"""Derived figures per claimant. Expected values are worked out by hand from the article:
NIS: 300 killed, 2,700 wounded, 10,000-11,000 deployed. CSIS: up to 50 % of about 11,000, 1,000 killed."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from analysis.uncertainty.derive import (BASE_METRICS, QUANTITIES, Quantity, base_quantities, claimant_order, claims_by_claimant,
                             derive, interval_figures, allowed_figures, stated_figures)
from analysis.errors import ParameterError, SelectionError
from analysis.uncertainty.distributions import Assumptions, allowed_interval
from analysis.uncertainty.intervals import Interval
from analysis.ledger.selection import select

approx = pytest.approx


@pytest.fixture(scope="module")
def figs(ledger):
    return stated_figures(select(ledger))


def test_nis_wounded_per_killed(figs):
    v = figs["NIS"]["wounded_per_killed"].value
    assert (v.low, v.point, v.high) == (approx(9.0), approx(9.0), approx(9.0))  # 2,700 / 300


def test_nis_casualties_and_rate(figs):
    c = figs["NIS"]["casualties"].value
    assert (c.low, c.point, c.high) == (3000, 3000, 3000)  # 300 + 2,700
    r = figs["NIS"]["casualty_rate"].value
    assert round(r.low, 1) == 27.3 and round(r.high, 1) == 30.0  # 3,000/11,000 and 3,000/10,000
    assert r.point is None  # the force is a range with no best figure


def test_nis_killed_shares(figs):
    f = figs["NIS"]["killed_share_force"].value
    assert round(f.low, 1) == 2.7 and round(f.high, 1) == 3.0  # 300/11,000 and 300/10,000
    s = figs["NIS"]["killed_share_casualties"].value
    assert s.low == approx(10.0) and s.high == approx(10.0)  # 300 / 3,000


def test_csis_implied_from_rate(figs):
    csis = figs["CSIS"]
    # "as high as 50 %" is a ceiling: every figure it yields is a bound with no point
    assert (csis["casualties"].value.high, csis["casualties"].value.point) == (approx(5500), None)  # 50 % of 11,000
    assert csis["wounded"].value.high == approx(4500)  # 5,500 - 1,000
    assert csis["wounded_per_killed"].value.high == approx(4.5)  # 4,500 / 1,000
    assert round(csis["killed_share_force"].value.point, 1) == 9.1  # 1,000 / 11,000
    assert csis["casualties"].status == "implied" and csis["casualty_rate"].status == "stated"


def test_up_to_has_no_floor_in_the_stated_figures(figs):
    # no floor of ours under "as high as 50 %": the casualties' low end is open
    c = figs["CSIS"]["casualties"].value
    assert c.open_low and not c.open_high


def test_provenance(figs):
    assert figs["NIS"]["wounded_per_killed"].claim_ids == ("nis-killed", "nis-wounded")
    assert figs["CSIS"]["wounded"].claim_ids == ("csis-casualty-rate", "csis-deployed", "csis-killed")
    assert figs["CSIS"]["wounded"].open_bounds == frozenset({"up_to"})


def test_missing_quantity_is_left_out(ledger):
    # killed alone implies nothing: no casualty rate (or anything else) is made up
    nis_only = select(ledger, claimants=["NIS"])
    only_killed = nis_only[nis_only["metric"] == "killed"]
    assert list(stated_figures(only_killed)["NIS"]) == ["killed"]


def test_borrowing_is_explicit_and_marked(ledger):
    sel = select(ledger)
    killed_only = sel[(sel["claimant"] == "CSIS") & (sel["metric"] == "killed") | (sel["claimant"] == "NIS")]
    plain = stated_figures(killed_only)
    assert "killed_share_force" not in plain["CSIS"]  # CSIS lacks a force figure here, and nothing is borrowed
    borrowed = stated_figures(killed_only, borrow={"deployed": "NIS"})
    q = borrowed["CSIS"]["killed_share_force"]
    assert q.status == "borrowed" and "nis-deployed" in q.claim_ids
    assert round(q.value.low, 2) == 9.09 and round(q.value.high, 1) == 10.0  # 1,000 / 11,000 and 1,000 / 10,000


def test_central_is_the_figure_put_forward_else_the_midpoint():
    assert Interval(10_000, 11_000).central == 10_500
    assert Interval(25, 50, 50).central == 50  # "up to 50%": the bound is the figure put forward


# ------------------------------------------------------------------------------------------------ unit tests
# derive() runs on NumPy arrays (corners or draws); claims are plain rows. NIS: 300 killed, 2,700 wounded,
# 3,000 casualties, 10,000 deployed, so a 30 % casualty rate.

NIS = dict(killed=300.0, wounded=2700.0, casualties=3000.0, deployed=10000.0, casualty_rate=30.0)
IDS = dict(killed="k", wounded="w", casualties="c", deployed="d", casualty_rate="r")


def stated(metric, value, status="stated", open_bounds=()):
    return Quantity(np.atleast_1d(np.asarray(value, dtype=float)), (IDS[metric],), status,
                    open_bounds=frozenset(open_bounds))


def derived(**values):
    return derive({m: stated(m, v) for m, v in values.items()})


def one(q):
    return float(q.value[0])


@pytest.mark.parametrize("given, target, value, formula, ids", [
    (("killed", "wounded"), "casualties", 3000.0, "killed + wounded", ("k", "w")),  # 300 + 2,700
    (("casualty_rate", "deployed"), "casualties", 3000.0, "casualty rate × deployed", ("d", "r")),  # 30 % × 10,000
    (("casualties", "killed"), "wounded", 2700.0, "casualties − killed", ("c", "k")),  # 3,000 − 300
    (("casualties", "wounded"), "killed", 300.0, "casualties − wounded", ("c", "w")),  # 3,000 − 2,700
    (("casualties", "deployed"), "casualty_rate", 30.0, "casualties ÷ deployed", ("c", "d")),  # 100 × 3,000 / 10,000
    (("casualties", "casualty_rate"), "deployed", 10000.0, "casualties ÷ casualty rate", ("c", "r")),  # 100 × 3,000 / 30
])
def test_derive__implied_rule__value_formula_and_provenance(given, target, value, formula, ids):
    q = derived(**{m: NIS[m] for m in given})[target]
    assert (one(q), q.formula, q.claim_ids, q.status) == (pytest.approx(value), formula, ids, "implied")
    assert q.open_bounds == frozenset()


@pytest.mark.parametrize("target, value, formula, ids", [
    ("killed_share_force", 3.0, "killed ÷ deployed", ("d", "k")),  # 100 × 300 / 10,000
    ("killed_share_casualties", 10.0, "killed ÷ casualties", ("c", "k")),  # 100 × 300 / 3,000
    ("wounded_per_killed", 9.0, "wounded ÷ killed", ("k", "w")),  # 2,700 / 300
])
def test_derive__ratio_rule__value_formula_and_provenance(target, value, formula, ids):
    q = derived(killed=300, wounded=2700, casualties=3000, deployed=10000)[target]
    assert (one(q), q.formula, q.claim_ids, q.status) == (pytest.approx(value), formula, ids, "implied")


def test_derive__stated_figures_are_never_changed():
    # casualties stated as 3,500 beside 300 killed and 2,700 wounded: kept, not replaced by 3,000
    out = derived(killed=300, wounded=2700, casualties=3500)
    assert (one(out["casualties"]), out["casualties"].status, out["casualties"].formula) == (3500.0, "stated", "stated")
    assert one(out["killed_share_casualties"]) == pytest.approx(300 / 35)  # 100 × 300 / 3,500


def test_derive__quantities_in_the_brief_s_order():
    out = derived(**NIS)
    assert list(out) == list(QUANTITIES)


@pytest.mark.parametrize("given", [s for n in range(6) for s in itertools.combinations(BASE_METRICS, n)])
def test_derive__reaches_every_metric_the_rules_allow(given):
    # by hand: casualties is known if stated, or from killed + wounded, or from rate and force; with casualties,
    # killed and wounded come as a pair (either gives the other), and so do the rate and the force
    g = set(given)
    c = "casualties" in g or {"killed", "wounded"} <= g or {"casualty_rate", "deployed"} <= g
    known = set(g)
    if c:
        known.add("casualties")
        known |= {"killed", "wounded"} if g & {"killed", "wounded"} else set()
        known |= {"casualty_rate", "deployed"} if g & {"casualty_rate", "deployed"} else set()
    ratios = {"killed_share_force": {"killed", "deployed"}, "killed_share_casualties": {"killed", "casualties"},
              "wounded_per_killed": {"wounded", "killed"}}
    known |= {r for r, needs in ratios.items() if needs <= known}
    out = derived(**{m: NIS[m] for m in given})
    assert set(out) == known
    for m in BASE_METRICS:
        if m in out:
            assert one(out[m]) == pytest.approx(NIS[m])  # every route gives the article's own figures


def test_derive__borrowed_input__makes_the_figure_borrowed():
    out = derive({"killed": stated("killed", 1000), "deployed": stated("deployed", 10000, status="borrowed")})
    assert out["killed_share_force"].status == "borrowed" and out["killed"].status == "stated"
    assert one(out["killed_share_force"]) == 10.0  # 100 × 1,000 / 10,000


def test_derive__open_bounds_are_the_union_of_the_inputs():
    out = derive({"casualty_rate": stated("casualty_rate", 50, open_bounds={"up_to"}),
                  "deployed": stated("deployed", 11000), "killed": stated("killed", 1000, open_bounds={"at_least"})})
    assert out["casualties"].open_bounds == frozenset({"up_to"})
    assert out["wounded"].open_bounds == frozenset({"up_to", "at_least"})
    assert out["wounded"].claim_ids == ("d", "k", "r")  # sorted, each once


def test_derive__subtraction_below_zero__cut_to_zero_and_marked():
    # casualties 200, 300 and 310 against 300 killed: wounded −100 (cut to 0, breach), 0 and 10 (no breach)
    out = derive({"casualties": stated("casualties", [200, 300, 310]), "killed": stated("killed", [300, 300, 300])})
    w = out["wounded"]
    assert w.value.tolist() == [0.0, 0.0, 10.0] and w.breach.tolist() == [True, False, False]
    assert out["killed"].breach is None  # stated: never checked
    assert out["casualties"].breach is None


def test_derive__killed_implied_below_zero__cut_and_marked():
    with np.errstate(divide="ignore"):  # wounded per 0 killed
        out = derive({"casualties": stated("casualties", [2000, 3000]), "wounded": stated("wounded", [2700, 2700])})
    assert out["killed"].value.tolist() == [0.0, 300.0] and out["killed"].breach.tolist() == [True, False]


def test_derive__implied_share_over_100__kept_and_marked():
    # 2,000 / 2,010 / 1,000 casualties of 2,000 deployed: 100 %, 100.5 %, 50 %; only 100.5 % breaks the identity
    out = derive({"casualties": stated("casualties", [2000, 2010, 1000]), "deployed": stated("deployed", [2000] * 3)})
    r = out["casualty_rate"]
    assert r.value.tolist() == [100.0, 100.5, 50.0] and r.breach.tolist() == [False, True, False]


def test_derive__ratio_shares__marked_over_100():
    out = derive({"killed": stated("killed", [300, 3000]), "deployed": stated("deployed", [1000, 1000]),
                  "wounded": stated("wounded", [2700, 0])})
    assert out["killed_share_force"].breach.tolist() == [False, True]  # 30 %, 300 %
    assert out["killed_share_casualties"].breach.tolist() == [False, False]  # 10 %, 100 %
    assert out["wounded_per_killed"].breach is None  # not a share


def test_derive__stated_share_over_100__not_marked():
    out = derive({"casualty_rate": stated("casualty_rate", 150), "deployed": stated("deployed", 1000)})
    assert out["casualty_rate"].breach is None and one(out["casualties"]) == 1500.0  # 150 % × 1,000


# ------------------------------------------------------------------------------------------------ claims tables

def claims(*rows):
    """Claim rows with the ledger's columns that derive reads; numbers not given are NaN."""
    full = [dict(dict(low=np.nan, best=np.nan, high=np.nan, unit="persons", bound="exact"), **r) for r in rows]
    return pd.DataFrame(full)


ARTICLE = claims(
    dict(claim_id="csis-killed", claimant="CSIS", metric="killed", best=1000, bound="approximate"),
    dict(claim_id="nis-deployed", claimant="NIS", metric="deployed", low=10000, high=11000, bound="range"),
    dict(claim_id="nis-killed", claimant="NIS", metric="killed", best=300, bound="approximate"),
    dict(claim_id="csis-rate", claimant="CSIS", metric="casualty_rate", high=50, unit="percent", bound="up_to"),
    dict(claim_id="nis-wounded", claimant="NIS", metric="wounded", best=2700, bound="approximate"),
    dict(claim_id="x-killed", claimant="X", metric="killed", low=100, bound="at_least"),
)


def test_claimant_order__first_appearance():
    assert claimant_order(ARTICLE) == ["CSIS", "NIS", "X"]


def test_claims_by_claimant__rows_by_claimant_and_metric():
    t = claims_by_claimant(ARTICLE)
    assert {c: sorted(m) for c, m in t.items()} == {"CSIS": ["casualty_rate", "killed"],
                                                    "NIS": ["deployed", "killed", "wounded"], "X": ["killed"]}
    assert t["NIS"]["killed"]["claim_id"] == "nis-killed" and t["NIS"]["killed"]["best"] == 300


def test_claims_by_claimant__two_claims_for_one_metric__refused_naming_both():
    two = claims(dict(claim_id="nis-killed", claimant="NIS", metric="killed", best=300),
                 dict(claim_id="nis-killed-2", claimant="NIS", metric="killed", best=400))
    with pytest.raises(SelectionError,
                       match=r"^two claims for NIS / killed: nis-killed and nis-killed-2; select one first$"):
        claims_by_claimant(two)


def made(row, claimant):
    return (row["claim_id"], claimant)


def test_base_quantities__own_claims__stated_with_their_open_bound():
    base = base_quantities(ARTICLE, "CSIS", made)
    assert base["killed"] == Quantity(("csis-killed", "CSIS"), ("csis-killed",), "stated", "stated", frozenset())
    assert base["casualty_rate"].open_bounds == frozenset({"up_to"})
    assert base_quantities(ARTICLE, "X", made)["killed"].open_bounds == frozenset({"at_least"})


def test_base_quantities__uses_the_table_given():
    # with the table given, the claims are not read again
    base = base_quantities(None, "NIS", made, table=claims_by_claimant(ARTICLE))
    assert sorted(base) == ["deployed", "killed", "wounded"]


def test_base_quantities__borrowed__marked_with_the_lender():
    base = base_quantities(ARTICLE, "CSIS", made, borrow={"killed": "NIS", "deployed": "NIS", "wounded": "NIS"})
    assert base["killed"].status == "stated"  # CSIS states its own: nothing borrowed
    d = base["deployed"]
    # the value is made for the borrower (its draws), from the lender's claim
    assert d == Quantity(("nis-deployed", "CSIS"), ("nis-deployed",), "borrowed", "borrowed from NIS", frozenset())
    assert base["wounded"].formula == "borrowed from NIS"


def test_base_quantities__borrowed_open_bound_is_kept():
    base = base_quantities(ARTICLE, "NIS", made, borrow={"casualty_rate": "CSIS"})
    assert base["casualty_rate"].open_bounds == frozenset({"up_to"})


def test_base_quantities__from_itself__nothing_borrowed():
    assert "casualty_rate" not in base_quantities(ARTICLE, "NIS", made, borrow={"casualty_rate": "NIS"})


def test_base_quantities__claimant_without_claims__only_borrowed():
    base = base_quantities(ARTICLE, "Y", made, borrow={"killed": "NIS"})
    assert list(base) == ["killed"] and base["killed"].value == ("nis-killed", "Y")


@pytest.mark.parametrize("lender", ["NIS", "Nobody"])
def test_base_quantities__lender_without_the_metric__refused(lender):
    # the user's parameter, said in its words: a BriefError, never a bare ValueError from a notebook cell
    with pytest.raises(ParameterError, match=rf"^parameter 'borrow' borrows casualties from '{lender}', who states "
                                             r"no casualties$"):
        base_quantities(ARTICLE, "CSIS", made, borrow={"casualties": lender})


# ------------------------------------------------------------------------------------------------ interval_figures

def figures(claimant, claim_rows=ARTICLE, a=None, **kw):
    make = (lambda row, _c: allowed_interval(row)) if a is None else (lambda row, _c: allowed_interval(row, a))
    return interval_figures(base_quantities(claim_rows, claimant, make, **kw))


def shape(q):
    v = q.value
    return (v.low, v.point, v.high, v.open_low, v.open_high)


def test_interval_figures__nis__exact_intervals():
    f = figures("NIS")
    assert shape(f["casualties"]) == (3000.0, 3000.0, 3000.0, False, False)  # 300 + 2,700
    r = f["casualty_rate"]  # 100 × 3,000 / 11,000 and / 10,000; the force has no best figure: no point
    assert shape(r) == (pytest.approx(300 / 11), None, pytest.approx(30.0), False, False)
    assert shape(f["wounded_per_killed"]) == (9.0, 9.0, 9.0, False, False)  # 2,700 / 300
    assert f["casualties"].breach is None and f["casualty_rate"].breach is False


def test_interval_figures__stated_figures_kept_as_given():
    base = base_quantities(ARTICLE, "NIS", lambda row, _c: allowed_interval(row))
    f = interval_figures(base)
    assert all(f[m] is base[m] for m in base)
    assert list(f) == ["deployed", "killed", "wounded", "casualties", "casualty_rate", "killed_share_force",
                       "killed_share_casualties", "wounded_per_killed"]


def test_interval_figures__tolerance_on_about():
    # about 300 and about 2,700 with 10 %: 270-330 and 2,430-2,970; casualties 2,700-3,300, point 3,000
    f = figures("NIS", a=Assumptions(approx_tolerance=0.1))
    assert shape(f["casualties"]) == (pytest.approx(2700), 3000.0, pytest.approx(3300), False, False)
    # wounded per killed: 2,430 / 330 to 2,970 / 270, point 9
    assert shape(f["wounded_per_killed"]) == (pytest.approx(2430 / 330), 9.0, pytest.approx(11.0), False, False)


def test_interval_figures__csis__as_high_as_50_percent_opens_the_low_end():
    rows = claims(dict(claim_id="r", claimant="CSIS", metric="casualty_rate", high=50, unit="percent", bound="up_to"),
                  dict(claim_id="k", claimant="CSIS", metric="killed", best=1000, bound="approximate"),
                  dict(claim_id="d", claimant="CSIS", metric="deployed", best=11000, bound="approximate"))
    f = figures("CSIS", rows)
    assert shape(f["casualties"]) == (0.0, None, 5500.0, True, False)  # 0 to 50 % × 11,000
    w = f["wounded"]
    assert shape(w) == (0.0, None, 4500.0, True, False)  # 5,500 − 1,000; below 0 only at the open end
    assert w.breach is False  # the cut at 0 rests on the open end only: no breach of what was stated
    s = f["killed_share_casualties"]  # 100 × 1,000 / 5,500 up to 1,000 / 0
    assert shape(s) == (pytest.approx(100 / 5.5), None, math.inf, False, True)
    assert s.breach is False  # above 100 % only where casualties rest on the open end (below the 1,000 killed)
    k = f["killed_share_force"]
    assert shape(k) == (pytest.approx(100 / 11), pytest.approx(100 / 11), pytest.approx(100 / 11), False, False)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_interval_figures__two_open_ends__only_both_closed_ends_count(order):
    # "at least 300 killed", "as high as 2,700 wounded": wounded per killed 0 (open) to 2,700 / 300 = 9 (closed)
    given = [dict(claim_id="k", claimant="A", metric="killed", low=300, bound="at_least"),
             dict(claim_id="w", claimant="A", metric="wounded", high=2700, bound="up_to")]
    f = figures("A", claims(*(given[i] for i in order)))
    assert shape(f["wounded_per_killed"]) == (0.0, None, 9.0, True, False)
    # casualties 300 (open: no wounded) to infinity (open: no ceiling on killed)
    assert shape(f["casualties"]) == (300.0, None, math.inf, True, True)
    assert f["casualties"].open_bounds == frozenset({"at_least", "up_to"})


def test_interval_figures__finite_end_resting_on_an_open_end__is_open():
    # as high as 300 killed of exactly 3,000 casualties: at least 2,700 wounded; 3,000 only if none was killed
    rows = claims(dict(claim_id="k", claimant="A", metric="killed", high=300, bound="up_to"),
                  dict(claim_id="c", claimant="A", metric="casualties", best=3000))
    assert shape(figures("A", rows)["wounded"]) == (2700.0, None, 3000.0, False, True)


def test_interval_figures__stated_figures_that_break_an_identity__breach():
    # 300 killed but only 200 casualties, stated: wounded 200 − 300 = −100, cut to 0 and marked
    rows = claims(dict(claim_id="k", claimant="A", metric="killed", best=300),
                  dict(claim_id="c", claimant="A", metric="casualties", best=200))
    w = figures("A", rows)["wounded"]
    assert shape(w) == (0.0, 0.0, 0.0, False, False) and w.breach is True


def test_interval_figures__two_as_high_as__zero_over_zero_is_open():
    # as high as 300 killed and 2,700 wounded: 0/0 has no value, read as resting on the open ends
    rows = claims(dict(claim_id="k", claimant="A", metric="killed", high=300, bound="up_to"),
                  dict(claim_id="w", claimant="A", metric="wounded", high=2700, bound="up_to"))
    assert shape(figures("A", rows)["wounded_per_killed"]) == (0.0, None, math.inf, True, True)


def test_interval_figures__zero_killed__no_upper_end():
    # 2,700 wounded per 0 killed: no figure (the point is not finite), and the end is open though both claims are exact
    rows = claims(dict(claim_id="k", claimant="A", metric="killed", best=0),
                  dict(claim_id="w", claimant="A", metric="wounded", best=2700))
    assert shape(figures("A", rows)["wounded_per_killed"]) == (math.inf, None, math.inf, False, True)


@pytest.mark.filterwarnings("error")
def test_interval_figures__division_by_zero_at_a_corner__no_warning():
    rows = claims(dict(claim_id="k", claimant="A", metric="killed", high=300, bound="up_to"),
                  dict(claim_id="w", claimant="A", metric="wounded", high=2700, bound="up_to"))
    figures("A", rows)  # 0 / 0 and 2,700 / 0 at the open corners: no RuntimeWarning reaches the brief


def test_stated_figures__tolerance_and_borrow():
    out = allowed_figures(ARTICLE, Assumptions(approx_tolerance=0.1), borrow={"deployed": "NIS"})
    assert list(out) == ["CSIS", "NIS", "X"]
    k = out["NIS"]["killed"].value
    assert (k.low, k.point, k.high) == (pytest.approx(270), 300.0, pytest.approx(330))  # about 300 ± 10 %
    s = out["CSIS"]["killed_share_force"]  # 100 × 900 / 11,000 to 100 × 1,100 / 10,000, borrowing NIS's force
    assert s.status == "borrowed" and (s.value.low, s.value.high) == (pytest.approx(900 / 110), pytest.approx(11.0))
