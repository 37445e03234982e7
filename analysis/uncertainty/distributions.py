"""How one claim becomes an interval (for interval arithmetic) and a distribution (for Monte Carlo)."""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np

from analysis.params import BriefParams, check
from analysis.uncertainty.intervals import Interval

Z95 = 1.6448536269514722  # standard normal 95th percentile: a lognormal's 5th/95th percentiles sit at mu -/+ Z95*sigma
READINGS = ("distribution", "approx_tolerance", "upto_floor", "atleast_ceiling", "hedge_reading", "correlation")


@dataclass(frozen=True)
class Assumptions:
    """The analyst's modelling choices (never the sources'): how each kind of bound and hedge is read. Their defaults
    and allowed ranges are the brief's parameters' (analysis.params.BriefParams: the one home of both)."""

    distribution: str = BriefParams.distribution  # a range (and an "about" band) as uniform or lognormal
    approx_tolerance: float = BriefParams.approx_tolerance  # "about X" read as X * (1 -/+ tolerance)
    upto_floor: float = BriefParams.upto_floor  # "as high as X" read as between floor*X and X
    atleast_ceiling: float = BriefParams.atleast_ceiling  # "at least X" read as between X and ceiling*X
    hedge_reading: str = BriefParams.hedge_reading  # a hedged claim ("potentially X"): as_stated|upper_bound|exclude
    correlation: float = BriefParams.correlation  # 0: claims independent; 1: one error group shares one error

    def __post_init__(self):
        check({name: getattr(self, name) for name in READINGS})  # ParameterError, in the parameters' own words

    @classmethod
    def of(cls, params: BriefParams) -> Assumptions:
        """The readings a brief's parameters ask for."""
        return cls(**{name: getattr(params, name) for name in READINGS})


STATED = Assumptions(approx_tolerance=0.0)  # the claims' own figures, with no tolerance on "about"


def _cap(unit: str, x: float) -> float:
    return min(x, 100.0) if unit == "percent" else x


def _numbers(claim) -> tuple[float | None, float | None, float | None]:
    return tuple(None if v is None or math.isnan(v) else float(v) for v in (claim["low"], claim["best"], claim["high"]))


def allowed_interval(claim, a: Assumptions = STATED) -> Interval:
    """What a claim allows, in its own words plus the analyst's tolerance on "about": never a floor or ceiling of ours.

    "As high as X" allows anything from 0 to X (its low end is open); "at least X" anything from X up (its high end
    is open). A bound has no point: the source put no figure forward. With the STATED assumptions (no tolerance)
    this is exactly what the source said.
    """
    low, best, high = _numbers(claim)
    bound, unit = claim["bound"], claim["unit"]
    if bound == "exact":
        return Interval(best, best, best)
    if bound == "approximate":
        t = a.approx_tolerance
        return Interval(best * (1 - t), _cap(unit, best * (1 + t)), best)
    if bound == "range":
        return Interval(low, high, best)
    if bound == "up_to":
        return Interval(0.0, high, open_low=True)
    if bound == "at_least":
        return Interval(low, 100.0 if unit == "percent" else math.inf, open_high=unit != "percent")
    raise ValueError(f"unknown bound {bound!r}")


def stated_interval(claim) -> Interval:
    """Exactly what the source said: the figure, the range, or the one end of a bound (the other end open)."""
    return allowed_interval(claim)  # its assumptions default to STATED


def claim_interval(claim, a: Assumptions = STATED) -> Interval:
    """The analyst's reading of a claim for the Monte Carlo bands: a bound closed by `upto_floor`/`atleast_ceiling`.

    Its point is the figure put forward, if any (a bound has none). This reading is ours, not the source's.
    """
    low, best, high = _numbers(claim)
    bound, unit = claim["bound"], claim["unit"]
    if bound == "up_to":
        return Interval(a.upto_floor * high, high)
    if bound == "at_least":
        return Interval(low, _cap(unit, a.atleast_ceiling * low))
    return allowed_interval(claim, a)


def read_hedges(claims, reading: str):
    """The claims as the analysis reads their hedges: `as_stated` reads a hedged claim like any other of its bound,
    `upper_bound` reads "potentially X" as "as high as X", `exclude` leaves hedged claims out. Unhedged claims and
    the ledger's own words are never changed."""
    check({"hedge_reading": reading})
    if "hedge" not in claims.columns or reading == "as_stated":
        return claims
    hedged = claims["hedge"] != ""
    if reading == "exclude":
        return claims[~hedged].reset_index(drop=True)
    out = claims.copy()
    ceiling = out["high"].where(out["high"].notna(), out["best"])
    turn = hedged & out["bound"].isin(["exact", "approximate", "range"])
    out.loc[turn, "high"] = ceiling[turn]
    out.loc[turn, ["low", "best"]] = np.nan
    out.loc[turn, "bound"] = "up_to"
    return out


def rng_for(seed: int, *key: str) -> np.random.Generator:
    """A generator seeded by the run's seed and a stable key, so one input's draws never shift another's."""
    return np.random.default_rng([seed, zlib.crc32("|".join(key).encode())])  # str.encode: UTF-8


def _phi(z: np.ndarray) -> np.ndarray:
    """The standard normal CDF, elementwise."""
    return 0.5 * (1.0 + np.asarray(_ERF(z / math.sqrt(2.0)), dtype=float))


_ERF = np.frompyfunc(math.erf, 1, 1)


@dataclass(frozen=True)
class Shared:
    """A claim group's common error for one batch of draws: which draws share it, and its value on both scales."""

    share: np.ndarray   # True where a draw takes the group's error (probability = correlation)
    z: np.ndarray       # the group's standard normal draw
    u: np.ndarray       # the same draw as a standard uniform, Phi(z)


def shared(draws: int, rng: np.random.Generator, correlation: float) -> Shared:
    """A group's common error: each draw takes it with probability `correlation`, so claims of one group have
    rank correlation `correlation` while each keeps its own distribution exactly."""
    share = rng.random(draws) < correlation
    z = rng.standard_normal(draws)
    return Shared(share, z, _phi(z) if share.any() else np.zeros(draws))


def sample(interval: Interval, bound: str, unit: str, draws: int, rng: np.random.Generator,
           family: str, common: Shared | None = None) -> np.ndarray:
    """Draws for one claim: constant if exact, uniform or lognormal over its interval, uniform for open bounds.

    With `common`, a draw marked as shared takes the group's error instead of the claim's own.
    """
    lo, hi = interval.low, interval.high
    if lo == hi:
        return np.full(draws, lo)
    if family == "lognormal" and bound in ("range", "approximate") and lo > 0:
        mu = (math.log(lo) + math.log(hi)) / 2
        sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
        if common is None:
            x = rng.lognormal(mu, sigma, draws)
        else:
            x = np.exp(mu + sigma * np.where(common.share, common.z, rng.standard_normal(draws)))
        return np.minimum(x, 100.0) if unit == "percent" else x
    if common is None:
        return rng.uniform(lo, hi, draws)
    return lo + (hi - lo) * np.where(common.share, common.u, rng.random(draws))
