"""Monte Carlo bands: seeded, ordered, inside the interval-arithmetic bounds, pooled by weight."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.derive import stated_figures
from analysis.distributions import Assumptions, claim_interval, rng_for, sample
from analysis.intervals import Interval
from analysis import bands
from analysis.montecarlo import percentiles, simulate
from analysis.selection import select


@pytest.fixture(scope="module")
def claims(ledger):
    return select(ledger)


def test_same_seed_same_numbers(claims):
    a = bands.table(bands.summarise(claims, draws=20_000, seed=7))
    b = bands.table(bands.summarise(claims, draws=20_000, seed=7))
    c = bands.table(bands.summarise(claims, draws=20_000, seed=8))
    pd.testing.assert_frame_equal(a, b)
    assert not a["p50"].equals(c["p50"])


def test_nis_rate_band_within_hand_interval(claims):
    # Uniform family, tolerance 0: killed and wounded exact, force uniform 10,000-11,000 -> rate within 27.27-30.0 %
    s = simulate(claims, Assumptions(approx_tolerance=0.0), draws=50_000, seed=1)
    rate = s["NIS"]["casualty_rate"].value
    assert rate.min() >= 3000 / 11000 * 100 - 1e-9 and rate.max() <= 30.0 + 1e-9
    assert percentiles(rate)["p50"] == pytest.approx(3000 / 10500 * 100, abs=0.05)  # median force 10,500 -> 28.57 %


def test_lognormal_range_puts_5_and_95_at_the_ends():
    x = sample(Interval(10000, 11000), "range", "persons", 200_000, rng_for(3, "t"), "lognormal")
    p = percentiles(x)
    assert p["p5"] == pytest.approx(10000, rel=2e-3) and p["p95"] == pytest.approx(11000, rel=2e-3)


def _share_above(binned, value):
    edges, density = binned.density()
    return float(np.sum(density[edges[:-1] >= value] * np.diff(edges)[edges[:-1] >= value]))


def test_pool_weights(claims):
    b = bands.summarise(claims, draws=40_000, seed=2)
    only_nis = bands.pool(b, {"NIS": 1, "CSIS": 0})
    assert only_nis["killed"].percentiles() == pytest.approx(b["NIS"]["killed"].percentiles(), rel=1e-3)
    even = bands.pool(b)
    assert _share_above(even["killed"], 600) == pytest.approx(0.5, abs=1e-6)  # NIS killed <= 330, CSIS >= 900
    assert even["killed"].split and not even["casualty_rate"].split
    weighted = bands.pool(b, {"NIS": 3, "CSIS": 1})
    assert _share_above(weighted["killed"], 600) == pytest.approx(0.25, abs=1e-6)
    assert weighted["killed"].percentiles()["p50"] < 330  # three quarters of the mass is NIS's


def test_binned_percentiles_match_exact(claims):
    exact = simulate(claims, draws=300_000, seed=5)
    binned = bands.summarise(claims, draws=300_000, seed=5, chunk=1 << 16)  # five chunks
    for claimant, quantities in binned.items():
        for name, b in quantities.items():
            # chunked draws use other random streams than one big draw: compare distributions, not draws
            assert b.percentiles() == pytest.approx(percentiles(exact[claimant][name].value), rel=5e-3), (claimant, name)


def test_unknown_weight_refused(claims):
    with pytest.raises(ValueError, match="not in the brief: KCNA"):
        bands.pool(bands.summarise(claims, draws=100), {"KCNA": 1})


def _claim(bound, low, best, high, unit="persons"):
    return pd.Series(dict(claim_id="f", metric="killed", low=low, best=best, high=high, unit=unit, bound=bound,
                          claimant="Fictional"))


bounded = st.one_of(
    st.tuples(st.just("exact"), st.none(), st.floats(1, 1e5), st.none()),
    st.tuples(st.just("approximate"), st.none(), st.floats(1, 1e5), st.none()),
    st.tuples(st.just("range"), st.floats(0, 1e5), st.none(), st.floats(0, 1e5)).map(
        lambda t: (t[0], min(t[1], t[3]), None, max(t[1], t[3]))),
    st.tuples(st.just("up_to"), st.none(), st.none(), st.floats(0, 1e5)),
    st.tuples(st.just("at_least"), st.floats(0, 1e5), st.none(), st.none()),
)


@settings(max_examples=150, deadline=None)
@given(spec=bounded, tol=st.floats(0, 0.5), floor=st.floats(0, 1), seed=st.integers(0, 2**32 - 1))
def test_samples_lie_within_interval_bounds(spec, tol, floor, seed):
    bound, low, best, high = spec
    nan = float("nan")
    row = _claim(bound, nan if low is None else low, nan if best is None else best, nan if high is None else high)
    a = Assumptions("uniform", tol, floor, 2.0)
    iv = claim_interval(row, a)
    x = sample(iv, bound, "persons", 2_000, rng_for(seed, "p"), "uniform")
    assert iv.contains(x)
    p = percentiles(x)
    assert p["p5"] <= p["p25"] <= p["p50"] <= p["p75"] <= p["p95"]


@settings(max_examples=40, deadline=None)
@given(tol=st.floats(0, 0.5), floor=st.floats(0.05, 1), seed=st.integers(0, 2**32 - 1))
def test_derived_samples_within_derived_intervals(claims, tol, floor, seed):
    a = Assumptions("uniform", tol, floor, 2.0)
    intervals = stated_figures(claims, a)
    samples = simulate(claims, a, draws=2_000, seed=seed)
    for claimant, quantities in samples.items():
        for name, q in quantities.items():
            assert intervals[claimant][name].value.contains(q.value), (claimant, name)
            p = percentiles(q.value)
            assert p["p5"] <= p["p25"] <= p["p50"] <= p["p75"] <= p["p95"]
