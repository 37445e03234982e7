"""Sensitivity (tornado) on tiny inline ledgers, worked by hand.

Where every input but the one moved is an exact figure, the casualty rate at that input's low or high end is a
single number (every percentile alike), so the rows' values are known exactly:
rate = 100 × (killed + wounded) / deployed.
"""

import numpy as np
import pandas as pd
import pytest

from analysis.uncertainty import bands
from analysis.uncertainty.distributions import Assumptions
from analysis.uncertainty.sensitivity import COLUMNS, stated_rates, tornado

NAN = float("nan")


def _ledger(*rows):
    """Claims as (claim_id, claimant, metric, low, best, high, unit, bound)."""
    df = pd.DataFrame(rows, columns=["claim_id", "claimant", "metric", "low", "best", "high", "unit", "bound"])
    return df.astype({"low": float, "best": float, "high": float})


def _exact(cid, who, metric, x, unit="persons"):
    return (cid, who, metric, NAN, x, NAN, unit, "exact")


def _range(cid, who, metric, lo, hi, unit="persons"):
    return (cid, who, metric, lo, NAN, hi, unit, "range")


# C states its rate (only moves itself) and a killed range that cannot move that stated rate; D has no rate at all;
# B's wounded is "about 150", A's force a range.
CLAIMS = _ledger(
    _range("c-r", "C", "casualty_rate", 40, 60, "percent"),
    _range("c-k", "C", "killed", 10, 20),
    _range("d-k", "D", "killed", 10, 20),
    _exact("b-d", "B", "deployed", 1000),
    _exact("b-k", "B", "killed", 0),
    ("b-w", "B", "wounded", NAN, 150, NAN, "persons", "approximate"),
    _range("a-d", "A", "deployed", 1000, 2000),
    _exact("a-k", "A", "killed", 100),
    _exact("a-w", "A", "wounded", 300),
)
TOL = Assumptions(approx_tolerance=0.25)  # "about 150" -> 112.5-187.5 (binary-exact ends)
AB = CLAIMS[CLAIMS["claimant"].isin(["A", "B"])]


def test_tornado__own_claimant__rows_values_and_order():
    t = tornado(CLAIMS, TOL, draws=20_000, seed=4)
    assert list(t.columns) == COLUMNS
    # A's force 1,000-2,000 with 400 casualties: 40 % at its low end, 20 % at its high end, a swing of 20 points;
    # B's wounded 112.5-187.5 of a force of 1,000: 11.25 % and 18.75 %, a swing of 7.5. Largest swing first.
    # C's rate is stated (left out), C's killed cannot move it, D has no rate, and fixed figures cannot move.
    assert t[["claim_id", "claimant", "metric", "watched", "unit"]].values.tolist() == [
        ["a-d", "A", "deployed", "A", "persons"], ["b-w", "B", "wounded", "B", "persons"]]
    assert t[["input_low", "input_high"]].values.tolist() == [[1000, 2000], [112.5, 187.5]]
    assert t[["p5_at_low", "p50_at_low", "p95_at_low"]].values.tolist() == [[40, 40, 40], [11.25, 11.25, 11.25]]
    assert t[["p5_at_high", "p50_at_high", "p95_at_high"]].values.tolist() == [[20, 20, 20], [18.75, 18.75, 18.75]]
    assert t["swing"].tolist() == [20, 7.5]  # a size: positive although A's rate falls as its force grows
    # base medians: 40,000 / the force's median 1,500 = 26.67 %; B's wounded median 150 -> 15 %
    assert t["base_p50"].tolist() == pytest.approx([40000 / 1500, 15.0], abs=0.2)
    b = bands.summarise(CLAIMS, TOL, 20_000, 4)
    assert t["base_p50"].tolist() == [b["A"]["casualty_rate"].percentiles()["p50"],
                                      b["B"]["casualty_rate"].percentiles()["p50"]]


def test_tornado__other_inputs_keep_their_draws():
    # E's force 1,000-2,000 and wounded 100-300 both move; with the force at an end, the rate is
    # 100 × (100 + wounded) / force: its median is wounded's median (the same seeded draws) put through that line
    claims = _ledger(_range("e-d", "E", "deployed", 1000, 2000), _exact("e-k", "E", "killed", 100),
                     _range("e-w", "E", "wounded", 100, 300))
    t = tornado(claims, draws=2_000, seed=5).set_index("claim_id")
    w = bands.summarise(claims, Assumptions(), 2_000, 5)["E"]["wounded"].percentiles()
    assert 190 < w["p50"] < 210
    assert t.loc["e-d", "p50_at_low"] == pytest.approx(100 * (100 + w["p50"]) / 1000, abs=1e-3)
    assert t.loc["e-d", "p50_at_high"] == pytest.approx(100 * (100 + w["p50"]) / 2000, abs=1e-3)
    assert t.loc["e-d", "p5_at_high"] == pytest.approx(100 * (100 + w["p5"]) / 2000, abs=1e-3)
    assert t.loc["e-d", "p95_at_low"] == pytest.approx(100 * (100 + w["p95"]) / 1000, abs=1e-3)
    assert t.loc["e-w", "p50_at_low"] < t.loc["e-w", "p50_at_high"]


def test_tornado__pooled__weights_and_unmoved_rows():
    # B weighs 0: the pool is A's alone, so B's wounded leaves the pool's band where it was (row left out) and A's
    # force gives the pool A's own 40 % and 20 %
    t = tornado(AB, TOL, draws=1_000, seed=4, weights={"A": 1, "B": 0}, who="Pooled")
    assert t["claim_id"].tolist() == ["a-d"] and t["watched"].tolist() == ["Pooled"]
    assert t.loc[0, ["p5_at_low", "p50_at_low", "p95_at_low", "p5_at_high", "p50_at_high", "p95_at_high"]].tolist() \
        == [40, 40, 40, 20, 20, 20]
    pooled = bands.pool(bands.summarise(AB, TOL, 1_000, 4), {"A": 1, "B": 0})["casualty_rate"]
    assert t.loc[0, "base_p50"] == pooled.percentiles()["p50"] == pytest.approx(40000 / 1500, abs=0.6)


def test_tornado__pooled_even_weights__other_claimants_stay_in_the_pool():
    t = tornado(AB, TOL, draws=1_000, seed=4, who="Pooled").set_index("claim_id")
    assert t.index.tolist() == ["a-d", "b-w"] and set(t["watched"]) == {"Pooled"}
    # half the pool is A's 40 %, half B's 11.25-18.75 %: the pool's 5th percentile is B's 10th, 11.25 + 0.1 × 7.5
    # = 12.0, its 95th A's 40 % (to the pool's resolution, 1/65,536 of its range); its median lies in the gap
    # between (the middle of the flat stretch of the CDF: (18.75 + 40) / 2)
    assert t.loc["a-d", "p5_at_low"] == pytest.approx(12.0, abs=0.3)
    assert t.loc["a-d", "p95_at_low"] == pytest.approx(40, abs=1e-3)
    assert t.loc["a-d", "p50_at_low"] == pytest.approx((18.75 + 40) / 2, abs=0.05)


def test_tornado__pooled__input_end_leaving_no_draw_left_out():
    # F's force 100-1,000 with 150 casualties: at 100 the rate is 150 %, every draw breaks "more casualties than
    # troops deployed" and the pool has no rate to read; the row is left out (at 1,000 it would read 15 %)
    claims = _ledger(_range("f-d", "F", "deployed", 100, 1000), _exact("f-k", "F", "killed", 50),
                     _exact("f-w", "F", "wounded", 100))
    t = tornado(claims, draws=500, seed=1, who="Pooled")
    assert t.empty and list(t.columns) == COLUMNS


def test_tornado__nothing_moves__empty_frame_with_columns():
    t = tornado(_ledger(_exact("b-d", "B", "deployed", 1000), _range("d-k", "D", "killed", 10, 20)), draws=100)
    assert t.empty and list(t.columns) == COLUMNS


def test_tornado__borrowed_force():
    # G states no force and borrows A's exact 1,000: its wounded 100-300 moves its rate from 20 % to 40 %
    claims = _ledger(_exact("a-d", "A", "deployed", 1000), _exact("g-k", "G", "killed", 100),
                     _range("g-w", "G", "wounded", 100, 300))
    assert tornado(claims, draws=200, seed=1).empty  # without the loan G has no rate
    t = tornado(claims, draws=200, seed=1, borrow={"deployed": "A"})
    assert t[["claim_id", "watched", "p50_at_low", "p50_at_high", "swing"]].values.tolist() == [
        ["g-w", "G", 20, 40, 20]]
    # weights are for the pool: a claimant's own rate ignores them
    weighted = tornado(claims, draws=200, seed=1, borrow={"deployed": "A"}, weights={"A": 1, "G": 0})
    pd.testing.assert_frame_equal(weighted, t)


def test_tornado__equal_swings_keep_ledger_order():
    # eight claimants with one moving input each: wounded 100-300 (swing 20) at even places, 100-200 (swing 10) at
    # odd ones; equal swings stay in ledger order (a sort that is not stable reorders eight such rows)
    rows = []
    for i in range(8):
        w = f"w{i}"
        rows += [_exact(f"{w}-d", w, "deployed", 1000), _exact(f"{w}-k", w, "killed", 100),
                 _range(f"{w}-w", w, "wounded", 100, 300 if i % 2 == 0 else 200)]
    t = tornado(_ledger(*rows), draws=50, seed=1)
    assert t["claimant"].tolist() == ["w0", "w2", "w4", "w6", "w1", "w3", "w5", "w7"]
    assert t["swing"].tolist() == [20] * 4 + [10] * 4
    assert t.index.tolist() == list(range(8))


def test_tornado__defaults__100000_draws_seed_20250101():
    claims = CLAIMS[CLAIMS["claimant"] == "A"]
    pd.testing.assert_frame_equal(tornado(claims), tornado(claims, Assumptions(), draws=100_000, seed=20250101))
    assert tornado(claims)["base_p50"].iloc[0] != tornado(claims, draws=100_000, seed=1)["base_p50"].iloc[0]


def test_stated_rates__only_casualty_rate_claims():
    assert stated_rates(CLAIMS)["claim_id"].tolist() == ["c-r"]
    assert stated_rates(CLAIMS[CLAIMS["claimant"] != "C"]).empty
