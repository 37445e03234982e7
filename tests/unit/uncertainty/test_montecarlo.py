"""Monte Carlo bands: seeded, ordered, inside the interval-arithmetic bounds, pooled by weight."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import ParameterError
from analysis.uncertainty.derive import allowed_figures
from analysis.uncertainty.distributions import Assumptions, claim_interval, rng_for, sample
from analysis.uncertainty.intervals import Interval
from analysis.uncertainty import bands
from analysis.uncertainty.montecarlo import percentiles, simulate
from analysis.ledger.selection import select


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
    with pytest.raises(ParameterError, match="not in the brief: KCNA"):
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
    intervals = allowed_figures(claims, a)
    samples = simulate(claims, a, draws=2_000, seed=seed)
    for claimant, quantities in samples.items():
        for name, q in quantities.items():
            assert intervals[claimant][name].value.contains(q.value), (claimant, name)
            p = percentiles(q.value)
            assert p["p5"] <= p["p25"] <= p["p50"] <= p["p75"] <= p["p95"]


# ---- hand-worked unit tests: drop_breaches, normalised_weights, percentiles, simulate ----

from analysis.uncertainty.derive import Quantity
from analysis.uncertainty.distributions import shared
from analysis.uncertainty.montecarlo import drop_breaches, normalised_weights

NAN = float("nan")


def _q(values, breach=None):
    return Quantity(np.asarray(values, dtype=float), ("x",), "implied", breach=breach)


def test_drop_breaches__first_identity_broken_counts_each_draw_once():
    t, f = True, False
    qs = {
        "deployed": _q([10, 11, 12, 13, 14, 15]),
        "killed": _q([1, 2, 3, 4, 5, 6], [f, t, f, f, t, f]),               # 2nd in BREACHES
        "wounded": _q([7, 8, 9, 10, 11, 12], [t, t, f, f, f, f]),           # 1st
        # casualty_rate absent (3rd): skipped, and the identities after it still read
        "killed_share_force": _q([0, 0, 50, 0, 0, 0], [f, f, t, f, f, f]),  # 4th
        "killed_share_casualties": _q([1, 1, 1, 1, 1, 1]),                  # 5th, no breach marked
    }
    out = drop_breaches(qs)
    # wounded drops draws 0, 1; killed's draw 1 is already gone, so it drops draw 4 only; the share drops draw 2:
    # draws 3 and 5 are left
    assert out["deployed"].value.tolist() == [13, 15]
    assert out["killed"].value.tolist() == [4, 6]
    assert out["wounded"].value.tolist() == [10, 12]
    assert out["killed_share_force"].value.tolist() == [0, 0]
    # by the quantity that shows each identity broken: casualties below killed (wounded < 0), wounded above
    # casualties (killed < 0), more killed than troops deployed (the killed share over 100 %)
    expected = {"wounded": 2, "killed": 1, "killed_share_force": 1}
    assert all(q.breach == expected for q in out.values())
    assert list(out) == list(qs) and out["killed"].claim_ids == ("x",) and out["killed"].status == "implied"


def test_drop_breaches__nothing_broken__draws_passed_on_uncopied():
    qs = {"deployed": _q([10, 20]), "wounded": _q([1, 2], np.array([False, False])),
          "killed_share_casualties": _q([3, 4], np.array([False, False]))}
    out = drop_breaches(qs)
    assert all(out[n].value is qs[n].value for n in qs)  # no copy of a chunk's draws when none is dropped
    assert all(q.breach == {} for q in out.values())


def test_normalised_weights__default_is_equal():
    assert normalised_weights(["A", "B", "C", "D"], None) == {"A": 0.25, "B": 0.25, "C": 0.25, "D": 0.25}
    assert normalised_weights(["A", "B"], {}) == {"A": 0.5, "B": 0.5}


def test_normalised_weights__scaled_to_one__unnamed_claimant_gets_zero():
    # 0.25 : 0.5 sums to 0.75 -> 1/3 and 2/3; C is not named: weight 0
    w = normalised_weights(["A", "B", "C"], {"A": 0.25, "B": 0.5})
    assert w == pytest.approx({"A": 1 / 3, "B": 2 / 3, "C": 0.0})
    assert normalised_weights(["A", "B"], {"A": 0, "B": 2}) == {"A": 0.0, "B": 1.0}      # a zero weight is allowed
    assert normalised_weights(["A", "B"], {"A": 4}) == {"A": 1.0, "B": 0.0}


def test_normalised_weights__unknown_claimants_named_sorted():
    with pytest.raises(ParameterError, match=r"^parameter 'weights' names claimants not in the brief: X, Y$"):
        normalised_weights(["A"], {"Y": 1, "A": 1, "X": 2})


@pytest.mark.parametrize("bad", [{"A": -1, "B": 2}, {"A": NAN, "B": 1}, {"A": float("inf"), "B": 1},
                                 {"A": 0, "B": 0}, {"A": 0.0}])
def test_normalised_weights__negative_infinite_or_all_zero_refused(bad):
    with pytest.raises(ParameterError, match=r"^parameter 'weights' must be finite, 0 or more and not all 0, "
                                             r"got \{'A': "):
        normalised_weights(["A", "B"], bad)


def test_percentiles__by_hand():
    # np.percentile interpolates linearly between order statistics: p5 sits at position 0.05 * 4 = 0.2 -> 2.0,
    # p95 at 3.8 -> 38.0; infinities and NaN are left out first
    p = percentiles(np.array([40.0, np.inf, 0, 20, NAN, 10, 30, -np.inf]))
    assert p == {"p5": 2.0, "p25": 10.0, "p50": 20.0, "p75": 30.0, "p95": 38.0}


def test_percentiles__one_finite_value__is_every_percentile():
    assert percentiles(np.array([NAN, 3.0, np.inf])) == {f"p{p}": 3.0 for p in (5, 25, 50, 75, 95)}


def test_percentiles__nothing_finite__all_nan():
    p = percentiles(np.array([NAN, np.inf]))
    assert list(p) == ["p5", "p25", "p50", "p75", "p95"] and all(np.isnan(v) for v in p.values())


def _ledger(*rows, group=True):
    """Claims as (claim_id, claimant, metric, low, best, high, unit, bound[, error_group])."""
    cols = ["claim_id", "claimant", "metric", "low", "best", "high", "unit", "bound", "error_group"]
    rows = [(*r, "")[:9] if group else r[:8] for r in rows]
    df = pd.DataFrame(rows, columns=cols if group else cols[:8])
    return df.astype({"low": float, "best": float, "high": float})


TWO = _ledger(("a-d", "A", "deployed", NAN, 1000, NAN, "persons", "approximate"),
              ("a-k", "A", "killed", 10, NAN, 20, "persons", "range", "g"),
              ("a-w", "A", "wounded", 30, NAN, 60, "persons", "range", "g"),
              ("b-k", "B", "killed", NAN, 5, NAN, "persons", "exact"),
              ("b-r", "B", "casualty_rate", 40, NAN, 95, "percent", "range"))


def _own(claims, claim_id, a, draws, seed, stream=(), common=None):
    row = claims.set_index("claim_id").loc[claim_id]
    return sample(claim_interval(row, a), row["bound"], row["unit"], draws, rng_for(seed, claim_id, *stream),
                  a.distribution, common)


def test_simulate__defaults__seed_20250101_stream_0_100000_draws():
    s = simulate(TWO)
    a = Assumptions()
    assert list(s) == ["A", "B"]
    assert len(s["A"]["killed"].value) == 100_000
    # "about 1,000" with the default tolerance 10 %: uniform over 900-1,100 from the claim's own stream
    np.testing.assert_array_equal(s["A"]["deployed"].value, _own(TWO, "a-d", a, 100_000, 20250101))
    assert s["A"]["deployed"].value.min() >= 900 and s["A"]["deployed"].value.max() <= 1100


def test_simulate__stream_k_draws_from_the_streams_suffixed_k():
    a = Assumptions(approx_tolerance=0.2)
    s = simulate(TWO, a, draws=50, seed=4, stream=3)
    np.testing.assert_array_equal(s["A"]["deployed"].value, _own(TWO, "a-d", a, 50, 4, ("3",)))  # 800-1,200
    np.testing.assert_array_equal(s["A"]["killed"].value, _own(TWO, "a-k", a, 50, 4, ("3",)))
    assert s["A"]["deployed"].value.min() >= 800 and s["A"]["deployed"].value.max() <= 1200
    assert s["A"]["deployed"].value.max() > 1100  # the tolerance given, not the default 10 %, sets the range


def test_simulate__lognormal_percent_claim_capped_at_100():
    a = Assumptions(distribution="lognormal")
    s = simulate(TWO, a, draws=400, seed=2)
    rate = s["B"]["casualty_rate"].value
    np.testing.assert_array_equal(rate, _own(TWO, "b-r", a, 400, 2))
    # lognormal with 5th/95th percentiles at 40 and 95: about 3 % of draws lie above 100 and are cut there
    assert rate.max() == 100.0 and rate.min() < 40
    assert (s["B"]["killed"].value == 5).all()


def test_simulate__error_group_shares_the_groups_draws():
    a = Assumptions(correlation=0.5)
    s = simulate(TWO, a, draws=200, seed=9, stream=2)
    common = shared(200, rng_for(9, "error-group", "g", "2"), 0.5)
    assert 50 < common.share.sum() < 150
    killed = _own(TWO, "a-k", a, 200, 9, ("2",), common)
    wounded = _own(TWO, "a-w", a, 200, 9, ("2",), common)
    np.testing.assert_array_equal(s["A"]["killed"].value, killed)
    np.testing.assert_array_equal(s["A"]["wounded"].value, wounded)
    # where a draw takes the group's error both claims sit at the same quantile: wounded = 30 + 3 (killed - 10)
    sh = common.share
    np.testing.assert_allclose(wounded[sh], 30 + 3 * (killed[sh] - 10))
    assert not np.allclose(wounded[~sh], 30 + 3 * (killed[~sh] - 10))


def test_simulate__correlation_1__group_claims_move_together():
    s = simulate(TWO, Assumptions(correlation=1.0), draws=100, seed=1)
    k, w = s["A"]["killed"].value, s["A"]["wounded"].value
    np.testing.assert_allclose(w, 30 + 3 * (k - 10))


def test_simulate__correlation_0__each_claim_its_own_stream_even_in_a_group():
    # correlation 0: no group's draws at all, so an error_group column changes no number (lognormal would differ
    # in the last bit if the draws went through the group's path)
    a = Assumptions(distribution="lognormal", correlation=0.0)
    s = simulate(TWO, a, draws=100, seed=5)
    np.testing.assert_array_equal(s["A"]["killed"].value, _own(TWO, "a-k", a, 100, 5))
    np.testing.assert_array_equal(s["A"]["wounded"].value, _own(TWO, "a-w", a, 100, 5))


def test_simulate__no_error_group_column__claims_independent():
    claims = TWO.drop(columns="error_group")
    a = Assumptions(correlation=1.0)
    s = simulate(claims, a, draws=100, seed=1)
    np.testing.assert_array_equal(s["A"]["killed"].value, _own(claims, "a-k", a, 100, 1))
    np.testing.assert_array_equal(s["A"]["wounded"].value, _own(claims, "a-w", a, 100, 1))


def test_simulate__override_fixes_one_claim():
    s = simulate(TWO, draws=20, seed=3, overrides={("A", "wounded"): 45})
    assert (s["A"]["wounded"].value == 45.0).all()
    np.testing.assert_array_equal(s["A"]["killed"].value, _own(TWO, "a-k", Assumptions(), 20, 3))
    np.testing.assert_array_equal(s["A"]["casualties"].value, s["A"]["killed"].value + 45)


def test_simulate__borrowed_figure():
    s = simulate(TWO, draws=20, seed=3, borrow={"deployed": "A"})
    # B borrows A's force (900-1,100, A's own draws) and states its rate: killed share of force = 5 / deployed
    np.testing.assert_array_equal(s["B"]["deployed"].value, s["A"]["deployed"].value)
    assert s["B"]["deployed"].status == "borrowed"
    np.testing.assert_allclose(s["B"]["killed_share_force"].value, 500 / s["A"]["deployed"].value)


def test_simulate__division_by_zero_is_silent_and_dropped():
    # a force of 0: 5 wounded / 0 -> inf (divide), 0 killed / 0 -> NaN (invalid); numpy must not warn
    claims = _ledger(("z-d", "Z", "deployed", NAN, 0, NAN, "persons", "exact"),
                     ("z-k", "Z", "killed", NAN, 0, NAN, "persons", "exact"),
                     ("z-w", "Z", "wounded", NAN, 5, NAN, "persons", "exact"))
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = simulate(claims, draws=4, seed=1)
    # the rate (5 / 0 = inf) is above 100 %: every draw breaks "more casualties than troops deployed"
    assert s["Z"]["casualties"].breach == {"casualty_rate": 4}
    assert len(s["Z"]["casualties"].value) == 0
