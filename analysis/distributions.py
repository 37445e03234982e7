"""How one claim becomes an interval (for interval arithmetic) and a distribution (for Monte Carlo)."""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np

from analysis.intervals import Interval

FAMILIES = ("uniform", "lognormal")
Z95 = 1.6448536269514722  # standard normal 95th percentile: a lognormal's 5th/95th percentiles sit at mu -/+ Z95*sigma


@dataclass(frozen=True)
class Assumptions:
    """The modelling choices the brief states: how each kind of bound is read."""

    distribution: str = "uniform"   # a range (and an approximate figure's tolerance band) as uniform or lognormal
    approx_tolerance: float = 0.10  # "about X" read as X * (1 -/+ tolerance)
    upto_floor: float = 0.5         # "as high as X" read as between floor*X and X
    atleast_ceiling: float = 2.0    # "at least X" read as between X and ceiling*X

    def __post_init__(self):
        if self.distribution not in FAMILIES:
            raise ValueError(f"distribution must be one of {', '.join(FAMILIES)}, not {self.distribution!r}")
        if not 0 <= self.approx_tolerance < 1:
            raise ValueError(f"approx_tolerance must lie in [0, 1), not {self.approx_tolerance}")
        if not 0 <= self.upto_floor <= 1:
            raise ValueError(f"upto_floor must lie in [0, 1], not {self.upto_floor}")
        if self.atleast_ceiling < 1:
            raise ValueError(f"atleast_ceiling must be at least 1, not {self.atleast_ceiling}")


STATED = Assumptions(approx_tolerance=0.0)  # the claims' own figures, with no tolerance on "about"


def _cap(unit: str, x: float) -> float:
    return min(x, 100.0) if unit == "percent" else x


def claim_interval(claim, a: Assumptions = STATED) -> Interval:
    """The interval a claim asserts under the assumptions; point is the figure put forward (the bound for up_to/at_least)."""
    low, best, high = (None if math.isnan(v) else float(v) for v in (claim["low"], claim["best"], claim["high"]))
    bound, unit = claim["bound"], claim["unit"]
    if bound == "exact":
        return Interval(best, best, best)
    if bound == "approximate":
        t = a.approx_tolerance
        return Interval(best * (1 - t), _cap(unit, best * (1 + t)), best)
    if bound == "range":
        return Interval(low, high, best)
    if bound == "up_to":
        return Interval(a.upto_floor * high, high, high)
    if bound == "at_least":
        return Interval(low, _cap(unit, a.atleast_ceiling * low), low)
    raise ValueError(f"unknown bound {bound!r}")


def rng_for(seed: int, *key: str) -> np.random.Generator:
    """A generator seeded by the run's seed and a stable key, so one input's draws never shift another's."""
    return np.random.default_rng([seed, zlib.crc32("|".join(key).encode("utf-8"))])


def sample(interval: Interval, bound: str, unit: str, draws: int, rng: np.random.Generator,
           family: str = "uniform") -> np.ndarray:
    """Draws for one claim: constant if exact, uniform or lognormal over its interval, uniform for open bounds."""
    lo, hi = interval.low, interval.high
    if lo == hi:
        return np.full(draws, lo)
    if family == "lognormal" and bound in ("range", "approximate") and lo > 0:
        mu = (math.log(lo) + math.log(hi)) / 2
        sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
        x = rng.lognormal(mu, sigma, draws)
        return np.minimum(x, 100.0) if unit == "percent" else x
    return rng.uniform(lo, hi, draws)
