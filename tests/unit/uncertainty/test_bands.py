"""Binned distributions, their mixtures and the percentile bands, on tiny hand-made counts worked by hand.

A Binned's CDF is linear within each bin: with counts c_1..c_n over [low, high], the share at the k-th edge is
(c_1 + ... + c_k) / total. A Pooled's CDF is the weighted sum of its parts' CDFs.
"""

import numpy as np
import pandas as pd
import pytest

from analysis.uncertainty import bands
from analysis.uncertainty.bands import (BINS, Binned, Pooled, _chunk_sizes, _disjoint, pool, prob_greater, quantiles, summarise,
                            table)
from analysis.uncertainty.distributions import Assumptions
from analysis.uncertainty.montecarlo import simulate

NAN = float("nan")
QS = [0.05, 0.25, 0.5, 0.75, 0.95]
KEYS = ["p5", "p25", "p50", "p75", "p95"]


def B(low, high, counts, ids=("x",), status="stated", open_bounds=frozenset()):
    return Binned(low, high, np.asarray(counts, dtype=float), tuple(ids), status, frozenset(open_bounds))


def _values(d):
    return [d[k] for k in KEYS]


# ---- Binned ----

def test_binned_percentiles__even_counts__tenths_of_the_range():
    # ten equal bins over [0, 10]: the CDF is x / 10, so the q-th quantile is 10 q
    assert _values(B(0, 10, [1] * 10).percentiles()) == pytest.approx([0.5, 2.5, 5.0, 7.5, 9.5], abs=1e-6)


def test_binned_percentiles__empty_middle__median_in_the_middle_of_the_gap():
    # [2, 0, 0, 2] over [0, 4]: CDF 0, .5, .5, .5, 1 at 0..4. p5: .05 / .5 of the first bin = 0.1; p25 = 0.5;
    # the CDF is flat at .5 from 1 to 3, so the median is 2; p75 = 3.5; p95 = 3 + .45 / .5 = 3.9
    assert _values(B(0, 4, [2, 0, 0, 2]).percentiles()) == pytest.approx([0.1, 0.5, 2.0, 3.5, 3.9], abs=1e-6)


def test_binned_percentiles__point_mass_and_no_draws():
    assert B(5, 5, [3, 0, 0, 0]).percentiles() == {k: 5.0 for k in KEYS}
    p = B(0, 10, [0] * 10).percentiles()
    assert list(p) == KEYS and all(np.isnan(v) for v in p.values())


def test_binned_percentiles__a_single_draw():
    # one draw in the second of two bins over [0, 2]: uniform over [1, 2] -> 1 + q
    assert _values(B(0, 2, [0, 1]).percentiles()) == pytest.approx([1.05, 1.25, 1.5, 1.75, 1.95], abs=1e-6)


def test_binned_edges__by_hand_and_kept():
    b = B(0, 4, [1, 3, 0, 4])  # total 8: shares 1/8, 4/8, 4/8, 8/8
    grid, cdf = b.edges()
    assert grid.tolist() == [0, 1, 2, 3, 4] and cdf.tolist() == [0, 0.125, 0.5, 0.5, 1.0]
    assert b.edges() is b.edges()  # computed once
    grid, cdf = B(5, 5, [2, 0]).edges()
    assert grid.tolist() == [5, 5] and cdf.tolist() == [0.0, 1.0]


def test_binned_cdf__linear_within_bins():
    b = B(0, 4, [1, 3, 0, 4])
    # 0.5: half of the first bin's 1/8; 1.5: 1/8 + half of 3/8; 2.5: flat at 1/2
    assert b.cdf([-1, 0, 0.5, 1, 1.5, 2.5, 4, 5]).tolist() == [0, 0, 0.0625, 0.125, 0.3125, 0.5, 1, 1]
    assert b.cdf(1.5) == 0.3125 and b.cdf(1.5).shape == ()
    assert B(0, 2, [0, 1]).cdf(1.5) == 0.5  # a single draw is a distribution too


def test_binned_cdf__point_mass_is_a_step_at_the_point():
    assert B(5, 5, [2, 0]).cdf([4.9, 5, 6]).tolist() == [0, 1, 1]
    assert B(5, 5, [2, 0]).cdf([4, 5]).dtype == float


def test_binned_cdf__no_draws__nan_of_the_shape_asked():
    c = B(0, 4, [0, 0]).cdf([1, 2, 3])
    assert c.shape == (3,) and np.isnan(c).all()
    c = B(0, 0, [0, 0]).cdf([0, 1])  # every draw dropped: summarise leaves an empty distribution at 0
    assert c.shape == (2,) and np.isnan(c).all()


def test_binned_density__128_bins_by_default():
    # 256 counts over [2, 10]: 1 each in the lower half, 3 each in the upper (total 512). 128 bins of width 1/16
    # hold 2 or 6 counts: densities 2 / (512 / 16) = 1/16 and 6 / 32 = 3/16
    b = B(2, 10, [1] * 128 + [3] * 128)
    edges, density = b.density()
    assert edges.tolist() == np.linspace(2, 10, 129).tolist()
    assert density.tolist() == [1 / 16] * 64 + [3 / 16] * 64
    edges, density = b.density(4)  # 64, 64, 192, 192 counts in bins of width 2
    assert edges.tolist() == [2, 4, 6, 8, 10] and density.tolist() == [0.0625, 0.0625, 0.1875, 0.1875]


def test_binned_density__point_mass__all_in_the_first_bin():
    edges, density = B(5, 5, [4, 0, 0, 0]).density(2)
    assert edges.tolist() == [5, 5, 5] and density.tolist() == [1.0, 0.0]


# ---- quantiles of mixtures ----

U1, U2 = B(0, 4, [1, 1, 1, 1]), B(6, 10, [1, 1, 1, 1])  # uniform over [0, 4] and [6, 10]
K1, K2 = B(0, 3, [1, 1, 2]), B(6, 9, [1, 1, 2])  # shares 1/4, 1/4, 1/2 per unit bin


def test_pooled__two_humps__percentiles_cdf_and_ends():
    p = Pooled([K1, K2], [0.5, 0.5], ("a", "b"), frozenset(), split=True)
    # CDF on [0, 3]: .125 x to 1, .125 + .125 (x - 1) to 2 (=.25), .25 + .25 (x - 2) to 3 (=.5); flat to 6; then
    # .5 + the same shape. p5 = .05 / .125 = 0.4; p25 = 2 (a kink); p50 = the middle of [3, 6]; p75 = 8 (a kink);
    # p95: .5 + .5 (.5 + .5 y) = .95 -> y = 0.8 past 8 -> 8.8
    assert _values(p.percentiles()) == pytest.approx([0.4, 2.0, 4.5, 8.0, 8.8], abs=1e-8)
    assert p.cdf([0, 1.5, 4, 7, 9]).tolist() == pytest.approx([0, 0.1875, 0.5, 0.625, 1.0], abs=1e-12)
    assert (p.low, p.high) == (0, 9)


def test_pooled_density__mass_per_width():
    p = Pooled([K1, K2], [0.5, 0.5], ("a", "b"), frozenset(), split=True)
    edges, density = p.density(3)  # [0, 3] holds .5 of the mass, [3, 6] none, [6, 9] .5: / width 3
    assert edges.tolist() == [0, 3, 6, 9] and density.tolist() == pytest.approx([1 / 6, 0, 1 / 6], abs=1e-12)
    edges, density = p.density()
    assert len(edges) == 129 and len(density) == 128
    edges, density = Pooled([B(2, 4, [1, 1]), B(6, 8, [1, 1])], [0.5, 0.5], (), frozenset(), True).density(3)
    assert edges.tolist() == [2, 4, 6, 8] and density.tolist() == pytest.approx([0.25, 0, 0.25], abs=1e-12)
    assert float(np.sum(density * np.diff(edges))) == pytest.approx(1.0, abs=1e-12)


def test_quantiles__weights_need_not_sum_to_one():
    # weights 3 : 1 -> .75 and .25. On [0, 4] the CDF is .75 x / 4: p5 = 0.8 / 3, p25 = 4 / 3, p50 = 8 / 3;
    # it is flat at .75 from 4 to 6 (p75 = 5); then .75 + .25 (x - 6) / 4 = .95 at x = 9.2
    assert quantiles([U1, U2], [3, 1], QS) == pytest.approx([0.8 / 3, 4 / 3, 8 / 3, 5.0, 9.2], abs=1e-8)


def test_quantiles__parts_without_draws_or_weight_left_out():
    empty, far = B(0, 4, [0, 0, 0, 0]), B(20, 30, [1, 1])
    expected = [0.8 / 3, 4 / 3, 8 / 3, 5.0, 9.2]
    assert quantiles([U1, empty, U2, far], [3, 5, 1, 0], QS) == pytest.approx(expected, abs=1e-8)
    assert all(np.isnan(quantiles([U1], [0.0], QS)))
    assert all(np.isnan(quantiles([empty], [1.0], [0.5, 0.9]))) and len(quantiles([empty], [1.0], [0.5, 0.9])) == 2
    assert quantiles([B(0, 2, [0, 1])], [0.5], [0.5]) == pytest.approx([1.5], abs=1e-8)  # one draw, weight 1/2


def test_quantiles__0_and_1_are_the_ends():
    assert quantiles([B(0, 10, [1] * 10)], [1.0], [0.0, 1.0]) == pytest.approx([0, 10], abs=1e-6)
    assert quantiles([U1, U2], [1, 1], [0.0, 1.0]) == pytest.approx([0, 10], abs=1e-6)


def test_quantiles__1__top_of_the_last_bin_with_draws():
    # [1, 0] over [0, 10]: every draw in [0, 5]; the CDF is 1 from 5 on, so the 100th percentile is 5, not 10
    assert quantiles([B(0, 10, [1, 0])], [1.0], [1.0]) == pytest.approx([5.0], abs=1e-6)


def test_quantiles__1__never_past_the_top():
    # 999,999 draws in [0, 1], one in [1, 2]: the last bin holds a share of 1e-6. Just below q = 1 (1 - 1e-9) the
    # CDF is reached at 1 + (1e-6 - 1e-9) / 1e-6 = 1.999; just above, the top, 2 (not past it): the mean is 1.9995
    assert quantiles([B(0, 2, [999_999, 1])], [1.0], [1.0]) == pytest.approx([1.9995], abs=1e-6)


STEP = 4 / 65536  # the pool's coarse grid: 1/65,536 of its range ([2, 6] here)


def test_quantiles__point_masses():
    assert quantiles([B(3, 3, [1]), B(3, 3, [2])], [1, 1], QS) == [3.0] * 5
    assert quantiles([B(3, 3, [1])], [1], QS) == [3.0] * 5
    # half the mass at 2, half at 6: the CDF is flat at .5 between them -> median 4; the other percentiles are the
    # points, to the pool's resolution
    q = quantiles([B(2, 2, [1]), B(6, 6, [1])], [1, 1], QS)
    assert q == pytest.approx([2, 2, 4, 6, 6], abs=STEP)


def test_quantiles__point_mass_at_the_low_end():
    # half at 0, half uniform over [0, 10]: the CDF is .5 at 0, then .5 + x / 20. p5 = p25 = 0; the median is the
    # top of the jump at 0; p75 = 5, p95 = 9
    q = quantiles([B(0, 0, [1]), B(0, 10, [1] * 10)], [1, 1], QS)
    assert q == pytest.approx([0, 0, 0, 5, 9], abs=1e-6)


def test_quantiles__point_mass_at_the_high_end():
    # half uniform over [0, 10], half at 10: p5 = 1, p25 = 5; above .5 the mass sits at 10. The CDF is drawn
    # linearly across the last grid step [10 - d, 10] (d = 10 / 65,536), from .5 - .05 d up to 1, so the 75th and
    # 95th percentiles are 10 - d + d (q - c) / (1 - c), c = .5 - .05 d
    d = 10 / 65536
    c = 0.5 - 0.05 * d
    q = quantiles([B(0, 10, [1] * 10), B(10, 10, [1])], [1, 1], QS)
    assert q[:2] == pytest.approx([1, 5], abs=1e-6)
    assert q[2] == pytest.approx(10 - d, abs=1e-6)  # the median: where the ramp to the point starts
    assert q[3:] == pytest.approx([10 - d + d * (0.75 - c) / (1 - c), 10 - d + d * (0.95 - c) / (1 - c)], abs=1e-9)


# ---- pool ----

def _binned():
    ka = B(0, 4, [1, 1, 1, 1], ids=("a-k",), open_bounds={"up_to"})
    kb = B(6, 6, [1, 0, 0, 0], ids=("b-k", "a-d"), status="implied", open_bounds={"at_least"})  # a single draw
    kc = B(0, 0, [0, 0, 0, 0], ids=("c-k",))  # every draw dropped
    wa = B(1, 2, [1, 1, 1, 1], ids=("a-w",))
    return {"A": {"killed": ka, "wounded": wa}, "B": {"killed": kb}, "C": {"killed": kc}}


def test_pool__equal_weights_over_claimants_with_draws():
    b = _binned()
    p = pool(b)
    assert list(p) == ["killed", "wounded"]  # in QUANTITIES order
    k = p["killed"]
    assert k.parts == [b["A"]["killed"], b["B"]["killed"]] and k.weights == pytest.approx([0.5, 0.5])  # C left out
    assert k.claim_ids == ("a-d", "a-k", "b-k") and k.open_bounds == frozenset({"up_to", "at_least"})
    assert k.split is True and k.status == "pooled"
    w = p["wounded"]
    assert w.parts == [b["A"]["wounded"]] and w.weights == [1.0] and w.split is False and w.claim_ids == ("a-w",)


def test_pool__weights_renormalised_over_the_claimants_that_have_the_quantity():
    # A 3, B 1, C 4: C has no draw, so killed pools A and B as 3 : 1; wounded is A's alone
    p = pool(_binned(), {"A": 3, "B": 1, "C": 4})
    assert p["killed"].weights == pytest.approx([0.75, 0.25]) and p["wounded"].weights == [1.0]
    only_a = pool(_binned(), {"A": 1, "B": 0})
    assert len(only_a["killed"].parts) == 1 and only_a["killed"].split is False


def test_pool__nobody_has_draws__quantity_left_out():
    assert pool({"C": {"killed": B(0, 0, [0, 0])}}) == {}


def test_disjoint__gaps_and_chains():
    def spans(*s):
        return _disjoint([B(lo, hi, [1]) for lo, hi in s])

    assert spans((0, 4), (6, 10)) is True
    assert spans((0, 5), (5, 10)) is False  # touching ranges share a value
    assert spans((0, 10), (2, 3), (5, 12)) is False  # (5, 12) starts inside (0, 10): the reach so far, not (2, 3)
    assert spans((0, 1), (2, 10), (0.5, 3)) is False  # sorted: (0, 1), (0.5, 3), (2, 10) chain
    assert spans((0, 1), (1.5, 2.5), (2, 3)) is True
    assert spans((3, 3)) is False


# ---- prob_greater ----

def test_prob_greater__mean_of_bs_cdf_over_as_draws():
    # A's draws sit in bins with mids .5, 1.5, 2.5, 3.5 (counts 0, 1, 1, 2); B is uniform over [1, 3]:
    # B's CDF there is 0, .25, .75, 1 -> (1 × .25 + 1 × .75 + 2 × 1) / 4 = .75
    assert prob_greater(B(0, 4, [0, 1, 1, 2]), B(1, 3, [1, 1])) == pytest.approx(0.75, abs=1e-12)
    assert prob_greater(B(0, 4, [0, 0, 0, 1]), B(1, 3, [1, 1])) == 1.0  # a single draw


def test_prob_greater__point_mass_a():
    # A always 1,000: P(B < 1,000). Against the same point: 0 (never greater); against B uniform over [0, 2,000]: 1/2
    a = B(1000, 1000, [2, 0])
    assert prob_greater(a, B(1000, 1000, [5, 0])) == 0.0
    assert prob_greater(a, B(0, 2000, [1, 1])) == pytest.approx(0.5, abs=1e-9)
    assert prob_greater(B(0, 0, [1, 0]), B(0, 0, [1])) == 0.0
    assert prob_greater(B(2, 2, [1, 0]), B(0, 4, [1, 1])) == pytest.approx(0.5, abs=1e-9)


def test_prob_greater__no_draws__nan():
    assert np.isnan(prob_greater(B(0, 0, [0, 0]), B(0, 4, [1, 1])))  # every draw of A dropped
    assert np.isnan(prob_greater(B(0, 4, [0, 0]), B(0, 4, [1, 1])))
    assert np.isnan(prob_greater(B(0, 4, [1, 1]), B(0, 0, [0, 0])))
    assert np.isnan(prob_greater(B(2, 2, [1, 0]), B(0, 0, [0, 0])))


# ---- table ----

def test_table__claimants_then_pool():
    b = {"A": {"killed": B(0, 10, [1] * 10, ids=("a-k",))},
         "B": {"wounded": B(5, 5, [1], ids=("b-w",), status="implied")}}
    p = {"killed": Pooled([B(0, 10, [1] * 10)], [1.0], ("a-k", "b-k"), frozenset(), split=False)}
    t = table(b, p)
    assert t.columns.tolist() == ["claimant", "quantity", "label", "unit", "status", "claim_ids"] + KEYS
    assert t[["claimant", "quantity", "label", "unit", "status", "claim_ids"]].values.tolist() == [
        ["A", "killed", "Killed", "persons", "stated", "a-k"],
        ["B", "wounded", "Wounded", "persons", "implied", "b-w"],
        ["Pooled", "killed", "Killed", "persons", "pooled", "a-k, b-k"]]
    assert t[KEYS].values.ravel().tolist() == pytest.approx([0.5, 2.5, 5, 7.5, 9.5] + [5] * 5 + [0.5, 2.5, 5, 7.5, 9.5],
                                                            abs=1e-6)
    assert table(b)["claimant"].tolist() == ["A", "B"] == table(b, {})["claimant"].tolist()


# ---- summarise ----

def _ledger(*rows):
    df = pd.DataFrame(rows, columns=["claim_id", "claimant", "metric", "low", "best", "high", "unit", "bound"])
    return df.astype({"low": float, "best": float, "high": float})


# A: killed exactly 5, wounded 10-20, deployed "as high as 1,000" (500-1,000). B: killed 60-100 of 50 casualties,
# so wounded = 50 - killed < 0 in every draw: all dropped. C: killed 0-100 of 50 casualties: dropped where killed > 50.
L = _ledger(("a-k", "A", "killed", NAN, 5, NAN, "persons", "exact"),
            ("a-w", "A", "wounded", 10, NAN, 20, "persons", "range"),
            ("a-d", "A", "deployed", NAN, NAN, 1000, "persons", "up_to"),
            ("b-k", "B", "killed", 60, NAN, 100, "persons", "range"),
            ("b-c", "B", "casualties", NAN, 50, NAN, "persons", "exact"),
            ("c-k", "C", "killed", 0, NAN, 100, "persons", "range"),
            ("c-c", "C", "casualties", NAN, 50, NAN, "persons", "exact"))


def _streams(claims, sizes, seed, who, name, **kw):
    """The draws of the chunks: stream k holds sizes[k] draws."""
    runs = [simulate(claims, Assumptions(), n, seed, stream=k, **kw)[who][name] for k, n in enumerate(sizes)]
    return np.concatenate([q.value for q in runs]), runs


def test_chunk_sizes():
    assert _chunk_sizes(5, 2) == [2, 2, 1]
    assert _chunk_sizes(4, 2) == [2, 2]
    assert _chunk_sizes(1, 4) == [1]


def test_summarise__a_single_chunk_is_drawn_once(monkeypatch):
    calls = []

    def counted(*args, **kw):
        calls.append(kw["stream"])
        return simulate(*args, **kw)

    monkeypatch.setattr(bands, "simulate", counted)
    summarise(L, draws=5, seed=3, chunk=8, bins=4)
    assert calls == [0]
    calls.clear()
    summarise(L, draws=5, seed=3, chunk=2, bins=4)  # streams 1 and 2 are drawn in each pass, stream 0 once
    assert calls == [0, 1, 2, 1, 2]


def test_summarise__chunks_range_and_counts():
    s = summarise(L, draws=5, seed=3, chunk=2, bins=4)  # chunks of 2, 2 and 1 draws: streams 0, 1, 2
    assert list(s) == ["A", "B", "C"]
    w = s["A"]["wounded"]
    values, _ = _streams(L, [2, 2, 1], 3, "A", "wounded")
    assert (w.low, w.high) == (values.min(), values.max()) and 10 <= w.low < w.high <= 20
    assert w.counts.tolist() == np.histogram(values, 4, (w.low, w.high))[0].tolist() and w.counts.sum() == 5
    assert (w.claim_ids, w.status, w.open_bounds, w.draws, w.dropped) == (("a-w",), "stated", frozenset(), 5, {})
    k = s["A"]["killed"]  # exactly 5: every draw in the first bin
    assert (k.low, k.high, k.counts.tolist()) == (5, 5, [5, 0, 0, 0])
    d = s["A"]["deployed"]
    assert d.open_bounds == frozenset({"up_to"}) and 500 <= d.low < d.high <= 1000
    c = s["A"]["casualties"]
    assert c.status == "implied" and c.claim_ids == ("a-k", "a-w") and c.open_bounds == frozenset()


def test_summarise__one_range_for_every_chunk():
    # 30 draws in chunks of 8, 8, 8, 6 binned over the range of all of them, not each chunk's own
    s = summarise(L, draws=30, seed=2, chunk=8, bins=10)["A"]["wounded"]
    values, _ = _streams(L, [8, 8, 8, 6], 2, "A", "wounded")
    assert s.counts.tolist() == np.histogram(values, 10, (values.min(), values.max()))[0].tolist()


def test_summarise__dropped_draws_counted_over_chunks():
    s = summarise(L, draws=5, seed=3, chunk=2, bins=4)
    for b in s["B"].values():  # nothing left: an empty distribution at 0
        assert (b.low, b.high, b.counts.tolist(), b.draws) == (0, 0, [0, 0, 0, 0], 5)
        assert b.dropped == {"wounded": 5}  # casualties below killed: wounded < 0
    assert np.isnan(s["B"]["killed"].percentiles()["p50"])
    kept, runs = _streams(L, [2, 2, 1], 3, "C", "killed")
    dropped = sum(r.breach.get("wounded", 0) for r in runs)
    assert 0 < dropped < 5 and len(kept) == 5 - dropped  # seed 3 drops some draws, not all
    assert s["C"]["killed"].dropped == {"wounded": dropped}
    assert s["C"]["killed"].counts.sum() == 5 - dropped and s["C"]["killed"].high <= 50


def test_summarise__overrides_and_borrowing():
    s = summarise(L, draws=3, seed=1, overrides={("A", "wounded"): 12})
    assert (s["A"]["wounded"].low, s["A"]["wounded"].high, s["A"]["wounded"].counts[0]) == (12, 12, 3)
    s = summarise(L, draws=3, seed=1, borrow={"deployed": "A"})
    assert s["C"]["deployed"].status == "borrowed" and s["C"]["deployed"].claim_ids == ("a-d",)


def test_summarise__defaults__200000_draws_seed_20250101_65536_bins():
    a = L[L["claimant"] == "A"]
    w = summarise(a)["A"]["wounded"]
    same = summarise(a, Assumptions(), 200_000, 20250101)["A"]["wounded"]
    assert w.draws == 200_000 and w.counts.sum() == 200_000 and len(w.counts) == BINS == 65536
    assert (w.low, w.high) == (same.low, same.high) and (w.counts == same.counts).all()
    # one chunk of 200,000 (the default chunk is 262,144): stream 0 only
    assert w.low == simulate(a, Assumptions(), 200_000, 20250101)["A"]["wounded"].value.min()


def test_summarise__draws_a_hair_apart_are_one_value_not_too_many_bins(monkeypatch):
    # Issue 18 (found by tests/property/test_any_ledger.py): draws of one figure computed two ways differ in their
    # last bit (1,000,000 and the next float up); 65,536 bins across that span are narrower than a float can tell,
    # and np.histogram refused ("Too many bins for data range"). Such a span is one value.
    from analysis.uncertainty.derive import Quantity

    lo = 1_000_000.0
    hi = float(np.nextafter(lo, np.inf))
    with pytest.raises(ValueError, match="Too many bins"):
        np.histogram([lo, hi], bins=BINS, range=(lo, hi))

    def fake(*_args, **_kw):
        return {"A": {"deployed": Quantity(np.array([lo, hi, lo]), ("a-d",), "stated")}}

    monkeypatch.setattr(bands, "simulate", fake)
    b = summarise(pd.DataFrame(), draws=3)["A"]["deployed"]
    assert (b.low, b.high, int(b.counts.sum())) == (lo, lo, 3)
    assert b.percentiles()["p50"] == lo
