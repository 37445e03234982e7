"""Consistency flags, sensitivity, historical context, selection and charts."""

import hashlib

import pytest

from analysis.present import charts
from analysis.ledger import reference
from analysis.wording import reference_wars as history
from analysis.ledger import selection
from analysis.judgments.consistency import flags
from analysis.uncertainty.derive import allowed_figures
from analysis.uncertainty.distributions import Assumptions
from analysis.uncertainty import bands
from analysis.uncertainty.sensitivity import tornado


@pytest.fixture(scope="module")
def claims(ledger):
    return selection.select(ledger)


def test_flags_killed_disagree(claims):
    f = flags(allowed_figures(claims, Assumptions())).set_index("quantity")
    assert f.loc["killed", "verdict"] == "disagreement"
    # NIS 300 +/- 10 % tops out at 330; CSIS 1,000 -/+ 10 % starts at 900: 900 / 330 = 2.7
    assert f.loc["killed", "factor"] == pytest.approx(900 / 330)
    assert f.loc["deployed", "verdict"] == "consistent"  # ~11,000 sits inside 10,000-11,000
    # CSIS's wounded rests on "as high as 50 %": at most 50 % × 12,100 − 900 = 5,150, which NIS's 2,430-2,970 meets
    assert f.loc["wounded", "verdict"] == "consistent"
    assert f.loc["wounded_per_killed", "verdict"] == "disagreement"  # NIS 7.4-11.0 vs CSIS at most 5.7


def test_tornado_orders_by_swing(claims):
    t = tornado(claims, draws=20_000, seed=3)
    # NIS rate = (killed + wounded) / deployed. Wounded 2,700 +/- 10 % moves it most: with the force's median 10,500
    # and killed 300, (300 + 2,430) / 10,500 = 26.0 % and (300 + 2,970) / 10,500 = 31.1 %, a swing of about 5.1 points.
    assert list(t["claim_id"]) == ["nis-wounded", "nis-deployed", "nis-killed"]
    assert t.loc[0, "p50_at_low"] == pytest.approx(26.0, abs=0.15)
    assert t.loc[0, "p50_at_high"] == pytest.approx(31.1, abs=0.15)
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)
    # CSIS states its rate: its killed and force figures cannot move it, and the stated rate only moves itself
    assert not set(t["claim_id"]) & {"csis-killed", "csis-deployed", "csis-casualty-rate"}


def test_history_ratios_by_hand():
    ref = reference.load().set_index("ref_id")
    assert ref.loc["us-oif", "wounded_per_killed"] == pytest.approx(31947 / 3482)  # 9.17
    assert round(ref.loc["us-oif", "wounded_per_killed"], 2) == 9.17
    assert "closest to US forces in Iraq" in history.place(9.0, reference.load())
    assert history.place(100, reference.load()).startswith("above every")


def test_selection_as_of_and_supersedes(ledger):
    extra = ledger.copy()
    later = extra[extra["claim_id"] == "nis-killed"].assign(claim_id="nis-killed-2", best=600.0, as_of="2025-03",
                                                            supersedes="nis-killed")
    import pandas as pd
    both = pd.concat([extra.assign(as_of="2025-01"), later], ignore_index=True)
    now = selection.select(both)
    assert now.set_index("claim_id").index.tolist().count("nis-killed-2") == 1
    assert "nis-killed" not in set(now["claim_id"])
    before = selection.select(both, as_of="2025-02")
    assert "nis-killed" in set(before["claim_id"]) and "nis-killed-2" not in set(before["claim_id"])


def test_unknown_claimant_refused(ledger):
    with pytest.raises(ValueError, match="not in the ledger: KCNA"):
        selection.select(ledger, claimants=["KCNA"])


@pytest.mark.integration  # draws every chart of a brief
def test_charts_are_deterministic(ledger, claims):
    def build():
        b = bands.summarise(claims, draws=5_000, seed=1)
        p = bands.pool(b)
        return [  # the claims chart: tests/unit/present/test_charts.py
            charts.png(charts.distribution({k: v["casualty_rate"].percentiles() for k, v in b.items()},
                                           p["casualty_rate"].percentiles())),
            charts.png(charts.tornado(tornado(claims, draws=5_000))),
        ]
    first, second = build(), build()
    assert [hashlib.sha256(b).hexdigest() for b in first] == [hashlib.sha256(b).hexdigest() for b in second]
    assert all(b.startswith(b"\x89PNG") for b in first)
