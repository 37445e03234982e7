"""Monte Carlo draws: seeded samples per claim and the figures derived from them, per claimant."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.derive import Quantity, base_quantities, claimant_order, derive
from analysis.distributions import Assumptions, claim_interval, rng_for, sample

PERCENTILES = (5, 25, 50, 75, 95)
POOLED = "Pooled"


def simulate(claims: pd.DataFrame, assumptions: Assumptions = Assumptions(), draws: int = 100_000,
             seed: int = 20250101, borrow: dict[str, str] | None = None,
             overrides: dict[tuple[str, str], float] | None = None, stream: int = 0) -> dict[str, dict[str, Quantity]]:
    """Draws for every derivable quantity, per claimant: {claimant: {quantity: Quantity with an array value}}.

    `overrides` fixes the claim of (claimant, metric) at one value, for sensitivity runs; `stream` numbers
    independent batches of draws (bands.summarise draws in chunks).
    """
    overrides = overrides or {}

    def draw(row, _claimant):
        key = (row["claimant"], row["metric"])
        if key in overrides:
            return np.full(draws, float(overrides[key]))
        interval = claim_interval(row, assumptions)
        rng = rng_for(seed, row["claim_id"], *([str(stream)] if stream else []))
        return sample(interval, row["bound"], row["unit"], draws, rng, assumptions.distribution)

    with np.errstate(divide="ignore", invalid="ignore"):
        return {c: derive(base_quantities(claims, c, draw, borrow)) for c in claimant_order(claims)}


def normalised_weights(claimants: list[str], weights: dict[str, float] | None) -> dict[str, float]:
    """Weights for the pool: equal by default; user weights must be non-negative and not all zero."""
    if not weights:
        return {c: 1.0 / len(claimants) for c in claimants}
    unknown = sorted(set(weights) - set(claimants))
    if unknown:
        raise ValueError(f"weights name claimants not in the brief: {', '.join(unknown)}")
    w = {c: float(weights.get(c, 0.0)) for c in claimants}
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise ValueError(f"weights must be non-negative and not all zero, got {weights}")
    total = sum(w.values())
    return {c: v / total for c, v in w.items()}


def percentiles(values: np.ndarray) -> dict[str, float]:
    """The 5/25/50/75/95th percentiles of a sample, as p5..p95."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return {f"p{p}": float("nan") for p in PERCENTILES}
    return {f"p{p}": float(v) for p, v in zip(PERCENTILES, np.percentile(finite, PERCENTILES))}
