"""Sensitivity: how far the casualty-rate band moves when each input claim goes to its low or high end."""

from __future__ import annotations

import pandas as pd

from analysis.params import BriefParams
from analysis.uncertainty.distributions import Assumptions, claim_interval
from analysis.uncertainty import bands
from analysis.uncertainty.montecarlo import POOLED

TARGET = "casualty_rate"
COLUMNS = ["claim_id", "claimant", "metric", "watched", "unit", "input_low", "input_high", "base_p50", "p50_at_low",
           "p50_at_high", "p5_at_low", "p95_at_low", "p5_at_high", "p95_at_high", "swing"]


def _band(claims, assumptions, draws, seed, borrow, weights, overrides, who):
    if who != POOLED and not borrow:
        claims = claims[claims["claimant"] == who]  # a claimant's own figures are all that move its rate
    binned = bands.summarise(claims, assumptions, draws, seed, borrow, overrides)
    group = bands.pool(binned, weights) if who == POOLED else binned[who]
    return group[TARGET].percentiles() if TARGET in group else None


def tornado(claims: pd.DataFrame, assumptions: Assumptions = Assumptions(), draws: int = 100_000,
            seed: int = BriefParams.seed, borrow: dict[str, str] | None = None, weights: dict[str, float] | None = None,
            who: str | None = None) -> pd.DataFrame:
    """One row per input claim: the casualty-rate median (and 5-95 band) with that input at its low and its high end.

    `who` is whose casualty rate is watched: the input's own claimant by default, or "Pooled".
    Rows are sorted by swing, largest first: the data for a tornado chart.
    """
    bases: dict[str, dict | None] = {}
    rows = []
    for _, row in claims.iterrows():
        iv = claim_interval(row, assumptions)
        if iv.low == iv.high or row["metric"] == TARGET:
            continue  # a fixed figure cannot move; a stated rate only moves itself (see stated_rates)
        key = (row["claimant"], row["metric"])
        watched = who or row["claimant"]
        if watched not in bases:
            bases[watched] = _band(claims, assumptions, draws, seed, borrow, weights, {}, watched)
        base = bases[watched]
        at_low = _band(claims, assumptions, draws, seed, borrow, weights, {key: iv.low}, watched)
        at_high = _band(claims, assumptions, draws, seed, borrow, weights, {key: iv.high}, watched)
        if at_low is None or at_high is None or at_low == base == at_high:
            continue
        rows.append(dict(claim_id=row["claim_id"], claimant=row["claimant"], metric=row["metric"], watched=watched,
                         unit=row["unit"], input_low=iv.low, input_high=iv.high,
                         base_p50=base["p50"], p50_at_low=at_low["p50"], p50_at_high=at_high["p50"],
                         p5_at_low=at_low["p5"], p95_at_low=at_low["p95"],
                         p5_at_high=at_high["p5"], p95_at_high=at_high["p95"],
                         swing=abs(at_high["p50"] - at_low["p50"])))
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def stated_rates(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims that state a casualty rate directly: no other input moves them; their band is their own reading."""
    return claims[claims["metric"] == TARGET]
