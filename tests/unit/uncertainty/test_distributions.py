"""How a claim becomes an interval and a distribution. Expected values are worked out by hand from the article:
NIS: 10,000-11,000 deployed, about 300 killed, about 2,700 wounded. CSIS: casualty rate "as high as 50 %",
"potentially 1,000" killed of "around 11,000"."""

import math
import zlib

import numpy as np
import pandas as pd
import pytest

from analysis.uncertainty.distributions import (STATED, Z95, Assumptions, Shared, _phi, allowed_interval, claim_interval,
                                    read_hedges, rng_for, sample, shared, stated_interval)
from analysis.errors import ParameterError
from analysis.uncertainty.intervals import Interval

nan, inf = math.nan, math.inf
approx = pytest.approx


def claim(bound, unit="persons", low=nan, best=nan, high=nan):
    return dict(low=low, best=best, high=high, bound=bound, unit=unit)


def shape(iv):
    return (iv.low, iv.point, iv.high, iv.open_low, iv.open_high)


# ------------------------------------------------------------------------------------------------ Assumptions

def test_assumptions__defaults_and_stated():
    a = Assumptions()
    assert (a.distribution, a.approx_tolerance, a.upto_floor, a.atleast_ceiling, a.hedge_reading, a.correlation) == \
        ("uniform", 0.10, 0.5, 2.0, "as_stated", 0.0)
    assert STATED.approx_tolerance == 0.0 and STATED.upto_floor == 0.5


@pytest.mark.parametrize("kw", [
    dict(distribution="lognormal"),
    dict(approx_tolerance=0.0), dict(approx_tolerance=0.99),
    dict(upto_floor=0.0), dict(upto_floor=1.0),
    dict(atleast_ceiling=1.0), dict(atleast_ceiling=1.5), dict(atleast_ceiling=100.0),
    dict(hedge_reading="upper_bound"), dict(hedge_reading="exclude"),
    dict(correlation=0.0), dict(correlation=1.0),
])
def test_assumptions__edge_values__accepted(kw):
    a = Assumptions(**kw)
    assert all(getattr(a, k) == v for k, v in kw.items())


@pytest.mark.parametrize("kw, message", [  # the brief's parameter rules (analysis.params), the one home of each range
    (dict(distribution="normal"), "parameter 'distribution' must be one of uniform, lognormal, got 'normal'"),
    (dict(approx_tolerance=1.0), "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got 1.0"),
    (dict(approx_tolerance=1.5), "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got 1.5"),
    (dict(approx_tolerance=-0.1), "parameter 'approx_tolerance' must be from 0 to 1 (exclusive), got -0.1"),
    (dict(upto_floor=1.01), "parameter 'upto_floor' must be from 0 to 1, got 1.01"),
    (dict(upto_floor=1.5), "parameter 'upto_floor' must be from 0 to 1, got 1.5"),
    (dict(upto_floor=-0.01), "parameter 'upto_floor' must be from 0 to 1, got -0.01"),
    (dict(atleast_ceiling=0.99), "parameter 'atleast_ceiling' must be from 1 to 100, got 0.99"),
    (dict(atleast_ceiling=inf), "parameter 'atleast_ceiling' must be a finite number from 1 to 100, got inf"),
    # `brief build` refuses more than 100; the analysis took up to any finite multiple (issue 17)
    (dict(atleast_ceiling=1e6), "parameter 'atleast_ceiling' must be from 1 to 100, got 1,000,000.0"),
    (dict(hedge_reading="maybe"),
     "parameter 'hedge_reading' must be one of as_stated, upper_bound, exclude, got 'maybe'"),
    (dict(correlation=1.01), "parameter 'correlation' must be from 0 to 1, got 1.01"),
    (dict(correlation=1.5), "parameter 'correlation' must be from 0 to 1, got 1.5"),
    (dict(correlation=-0.1), "parameter 'correlation' must be from 0 to 1, got -0.1"),
])
def test_assumptions__out_of_range__refused_saying_why(kw, message):
    with pytest.raises(ParameterError) as e:
        Assumptions(**kw)
    assert str(e.value) == message


# ------------------------------------------------------------------------------------------------ allowed_interval

def test_allowed_interval__exact__one_figure():
    assert shape(allowed_interval(claim("exact", best=300))) == (300, 300, 300, False, False)


def test_allowed_interval__approximate__stated_has_no_tolerance():
    assert shape(allowed_interval(claim("approximate", best=300))) == (300, 300, 300, False, False)
    assert shape(stated_interval(claim("approximate", best=2700))) == (2700, 2700, 2700, False, False)


def test_allowed_interval__approximate__tolerance_both_ways():
    iv = allowed_interval(claim("approximate", best=300), Assumptions(approx_tolerance=0.1))
    assert shape(iv) == (approx(270), 300, approx(330), False, False)  # 300 × 0.9 and 300 × 1.1


def test_allowed_interval__approximate_percent__capped_at_100():
    a = Assumptions(approx_tolerance=0.1)
    assert shape(allowed_interval(claim("approximate", "percent", best=95), a)) == (approx(85.5), 95, 100.0, False, False)
    # the cap is for percent only: about 95 persons reaches 104.5
    assert allowed_interval(claim("approximate", best=95), a).high == approx(104.5)


def test_allowed_interval__range__its_ends_and_best():
    assert shape(allowed_interval(claim("range", low=10000, high=11000))) == (10000, None, 11000, False, False)
    assert shape(allowed_interval(claim("range", low=10000, best=10500, high=11000))) == \
        (10000, 10500, 11000, False, False)


def test_allowed_interval__missing_numbers_as_none__read_like_nan():
    assert shape(allowed_interval(claim("range", low=10000, best=None, high=11000))) == \
        (10000, None, 11000, False, False)


def test_allowed_interval__up_to__from_zero_low_end_open():
    # "as high as 50 %": anything from 0 to 50, no figure put forward
    assert shape(allowed_interval(claim("up_to", "percent", high=50))) == (0.0, None, 50, True, False)


def test_allowed_interval__at_least__no_high_end_for_counts():
    assert shape(allowed_interval(claim("at_least", low=1000))) == (1000, None, inf, False, True)


def test_allowed_interval__at_least_percent__ends_at_100_closed():
    assert shape(allowed_interval(claim("at_least", "percent", low=20))) == (20, None, 100.0, False, False)


def test_allowed_interval__unknown_bound__refused():
    with pytest.raises(ValueError) as e:
        allowed_interval(claim("about", best=300))
    assert str(e.value) == "unknown bound 'about'"


# ------------------------------------------------------------------------------------------------ claim_interval

def test_claim_interval__up_to__floor_of_the_bound():
    # "as high as 50 %" read as 25-50 % with the default floor 0.5, and 10-50 % with 0.2; no point, ends closed
    assert shape(claim_interval(claim("up_to", "percent", high=50))) == (25.0, None, 50, False, False)
    assert shape(claim_interval(claim("up_to", "percent", high=50), Assumptions(upto_floor=0.2))) == \
        (10.0, None, 50, False, False)


def test_claim_interval__at_least__ceiling_over_the_bound():
    # "at least 1,000" read as 1,000-2,000 with the default ceiling 2, 1,000-3,000 with 3
    assert shape(claim_interval(claim("at_least", low=1000))) == (1000, None, 2000.0, False, False)
    assert claim_interval(claim("at_least", low=1000), Assumptions(atleast_ceiling=3.0)).high == 3000.0


def test_claim_interval__at_least_percent__ceiling_capped_at_100():
    assert shape(claim_interval(claim("at_least", "percent", low=60))) == (60, None, 100.0, False, False)  # 120 → 100


def test_claim_interval__other_bounds__as_allowed_with_the_assumptions():
    a = Assumptions(approx_tolerance=0.1)
    assert shape(claim_interval(claim("approximate", best=1000), a)) == (approx(900), 1000, approx(1100), False, False)
    assert shape(claim_interval(claim("range", low=10000, high=11000), a)) == (10000, None, 11000, False, False)


# ------------------------------------------------------------------------------------------------ read_hedges

def hedged_claims():
    return pd.DataFrame([
        dict(claim_id="csis-killed", bound="exact", low=nan, best=1000.0, high=nan, hedge="potentially"),
        dict(claim_id="nis-killed", bound="approximate", low=nan, best=300.0, high=nan, hedge=""),
        dict(claim_id="a-deployed", bound="range", low=10000.0, best=10500.0, high=11000.0, hedge="perhaps"),
        dict(claim_id="b-wounded", bound="approximate", low=nan, best=2700.0, high=nan, hedge="maybe"),
        dict(claim_id="csis-rate", bound="up_to", low=nan, best=nan, high=50.0, hedge="could be"),
        dict(claim_id="c-killed", bound="at_least", low=100.0, best=nan, high=nan, hedge="possibly"),
    ])


def rows(df):
    return [tuple(None if isinstance(x, float) and math.isnan(x) else x for x in r)
            for r in df[["claim_id", "bound", "low", "best", "high"]].itertuples(index=False)]


def test_read_hedges__unknown_reading__refused():
    with pytest.raises(ParameterError) as e:
        read_hedges(hedged_claims(), "maybe")
    assert str(e.value) == "parameter 'hedge_reading' must be one of as_stated, upper_bound, exclude, got 'maybe'"


def test_read_hedges__as_stated__claims_unchanged():
    c = hedged_claims()
    assert read_hedges(c, "as_stated") is c


@pytest.mark.parametrize("reading", ["upper_bound", "exclude"])
def test_read_hedges__no_hedge_column__claims_unchanged(reading):
    c = hedged_claims().drop(columns="hedge")
    assert read_hedges(c, reading) is c


def test_read_hedges__exclude__drops_hedged_claims_renumbered():
    out = read_hedges(hedged_claims(), "exclude")
    assert list(out["claim_id"]) == ["nis-killed"] and list(out.index) == [0]
    assert list(out.columns) == list(hedged_claims().columns)


def test_read_hedges__upper_bound__potentially_x_read_as_as_high_as_x():
    c = hedged_claims()
    out = read_hedges(c, "upper_bound")
    assert rows(out) == [
        ("csis-killed", "up_to", None, None, 1000.0),  # "potentially 1,000" → as high as 1,000
        ("nis-killed", "approximate", None, 300.0, None),  # not hedged: unchanged
        ("a-deployed", "up_to", None, None, 11000.0),  # a hedged range's ceiling is its high end, not its best
        ("b-wounded", "up_to", None, None, 2700.0),
        ("csis-rate", "up_to", None, None, 50.0),  # already a ceiling
        ("c-killed", "at_least", 100.0, None, None),  # a floor stays a floor
    ]
    assert list(out["hedge"]) == list(c["hedge"])  # the ledger's own words kept
    assert rows(c) == rows(hedged_claims())  # the claims given are not changed


# ------------------------------------------------------------------------------------------------ rng_for

def test_rng_for__seed_and_joined_key():
    # the generator is seeded with [seed, crc32("NIS|killed")]: stable across runs and Python versions
    expected = np.random.default_rng([20250101, zlib.crc32(b"NIS|killed")]).random(3)
    assert rng_for(20250101, "NIS", "killed").random(3).tolist() == expected.tolist()


def test_rng_for__one_key_never_shifts_another():
    a = rng_for(1, "NIS", "killed").random(3).tolist()
    assert rng_for(1, "NIS", "killed").random(3).tolist() == a
    assert rng_for(1, "NIS", "wounded").random(3).tolist() != a
    assert rng_for(2, "NIS", "killed").random(3).tolist() != a


def test_rng_for__non_ascii_key_encoded_as_utf8():
    expected = np.random.default_rng([5, zlib.crc32("Ukraine’s GUR".encode("utf-8"))]).random(2)
    assert rng_for(5, "Ukraine’s GUR").random(2).tolist() == expected.tolist()


# ------------------------------------------------------------------------------------------------ _phi, shared

def test_phi__standard_normal_cdf():
    z = np.array([0.0, Z95, -Z95, 1.959963984540054, -3.0])
    assert _phi(z).tolist() == approx([0.5, 0.95, 0.05, 0.975, 0.0013498980316301], rel=1e-10, abs=1e-15)
    assert _phi(z).dtype == np.float64


def test_shared__no_correlation__no_draw_shares():
    s = shared(1000, rng_for(1, "group"), 0.0)
    assert not s.share.any() and s.z.shape == (1000,) and s.u.shape == (1000,)


def test_shared__full_correlation__every_draw_shares_phi_of_z():
    s = shared(1000, rng_for(1, "group"), 1.0)
    assert s.share.all() and s.u.tolist() == approx(_phi(s.z).tolist(), rel=1e-12)


def test_shared__draws_come_from_the_generator_in_order():
    # first the 1,000 shares (uniforms below the correlation), then the 1,000 normals
    g = rng_for(7, "group")
    share, z = g.random(1000) < 0.3, g.standard_normal(1000)
    s = shared(1000, rng_for(7, "group"), 0.3)
    assert s.share.tolist() == share.tolist() and s.z.tolist() == z.tolist()
    assert 0.25 < s.share.mean() < 0.35  # about 30 % of the draws share the group's error (5 sigma: ±0.07)


# ------------------------------------------------------------------------------------------------ sample

def common(z, share=None):
    z = np.asarray(z, dtype=float)
    return Shared(np.ones(len(z), dtype=bool) if share is None else np.asarray(share), z, _phi(z))


def test_sample__single_figure__every_draw_equal():
    x = sample(Interval(300, 300, 300), "approximate", "persons", 4, rng_for(1, "k"), "lognormal")
    assert x.tolist() == [300.0] * 4


def test_sample__uniform__from_the_generator():
    x = sample(Interval(10000, 11000), "range", "persons", 5, rng_for(1, "d"), "uniform")
    assert x.tolist() == rng_for(1, "d").uniform(10000, 11000, 5).tolist()


def test_sample__uniform_shared__at_the_group_s_quantile():
    # u = Phi(z) = 0.05, 0.5, 0.95 places the draws at 10,000 + 1,000 × u
    x = sample(Interval(10000, 11000), "range", "persons", 3, rng_for(1, "d"), "uniform", common([-Z95, 0.0, Z95]))
    assert x.tolist() == approx([10050.0, 10500.0, 10950.0])


def test_sample__uniform_shared__own_draw_where_not_shared():
    x = sample(Interval(10000, 11000), "range", "persons", 3, rng_for(1, "d"), "uniform",
               common([0.0, 0.0, 0.0], share=[False, False, True]))
    own = rng_for(1, "d").random(3)  # one own draw each (the third is drawn, then not used)
    assert x.tolist() == approx([10000 + 1000 * own[0], 10000 + 1000 * own[1], 10500.0])


def test_sample__lognormal__5th_and_95th_percentiles_at_the_ends():
    # z = -Z95, 0, Z95 give exp(mu -/+ Z95 sigma): 10,000, the geometric mean sqrt(10,000 × 11,000), 11,000
    x = sample(Interval(10000, 11000), "range", "persons", 3, rng_for(1, "d"), "lognormal", common([-Z95, 0.0, Z95]))
    assert x.tolist() == approx([10000.0, math.sqrt(10000 * 11000), 11000.0], rel=1e-12)


def test_sample__lognormal_approximate_below_one__still_lognormal():
    # about 1 % read as 0.5-2 %: ends at the 5th/95th percentiles, middle at sqrt(0.5 × 2) = 1
    x = sample(Interval(0.5, 2.0, 1.0), "approximate", "percent", 3, rng_for(1, "r"), "lognormal",
               common([-Z95, 0.0, Z95]))
    assert x.tolist() == approx([0.5, 1.0, 2.0], rel=1e-12)


def test_sample__lognormal__from_the_generator_without_a_group():
    mu = math.log(math.sqrt(10000 * 11000))
    sigma = math.log(1.1) / (2 * Z95)  # ln(11,000 / 10,000) spread over 2 × 1.645 standard deviations
    x = sample(Interval(10000, 11000), "range", "persons", 4, rng_for(1, "d"), "lognormal")
    assert x.tolist() == approx(rng_for(1, "d").lognormal(mu, sigma, 4).tolist(), rel=1e-12)


def test_sample__lognormal_shared__own_normal_where_not_shared():
    x = sample(Interval(10000, 11000), "range", "persons", 3, rng_for(1, "d"), "lognormal",
               common([Z95, Z95, Z95], share=[False, False, True]))
    mu, sigma = math.log(math.sqrt(10000 * 11000)), math.log(1.1) / (2 * Z95)
    own = rng_for(1, "d").standard_normal(3)  # one own draw each
    assert x.tolist() == approx([math.exp(mu + sigma * own[0]), math.exp(mu + sigma * own[1]), 11000.0], rel=1e-12)


def test_sample__lognormal_percent__capped_at_100():
    # 40-60 %: exp(ln sqrt(2,400) + 10 × ln(1.5) / (2 Z95)) = 168.1, beyond 100 %; a count is not capped
    z = common([10.0])
    assert sample(Interval(40, 60), "range", "percent", 1, rng_for(1, "r"), "lognormal", z).tolist() == [100.0]
    assert sample(Interval(40, 60), "range", "persons", 1, rng_for(1, "r"), "lognormal", z).tolist() == \
        approx([math.sqrt(2400) * 1.5 ** (10 / (2 * Z95))])


@pytest.mark.parametrize("interval, bound", [(Interval(25, 50), "up_to"), (Interval(1000, 2000), "at_least"),
                                             (Interval(0, 100), "range")])
def test_sample__lognormal_asked__uniform_for_bounds_and_zero(interval, bound):
    # a bound read between floor and ceiling, and a range from 0 (no logarithm), are drawn uniformly
    x = sample(interval, bound, "persons", 3, rng_for(1, "b"), "lognormal", common([-Z95, 0.0, Z95]))
    lo, hi = interval.low, interval.high
    assert x.tolist() == approx([lo + (hi - lo) * 0.05, (lo + hi) / 2, lo + (hi - lo) * 0.95])
