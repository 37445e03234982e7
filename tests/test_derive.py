"""Derived figures per claimant. Expected values are worked out by hand from the article:
NIS: 300 killed, 2,700 wounded, 10,000-11,000 deployed. CSIS: up to 50 % of about 11,000, 1,000 killed."""

import pytest

from analysis.derive import stated_figures
from analysis.selection import select

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
    from analysis.intervals import Interval

    assert Interval(10_000, 11_000).central == 10_500
    assert Interval(25, 50, 50).central == 50  # "up to 50%": the bound is the figure put forward
