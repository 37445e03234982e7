"""Monte Carlo bands: seeded draws per claim, derived figures per claimant, and a weighted pool of claimants."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.derive import QUANTITIES, Quantity, base_quantities, claimant_order, derive
from analysis.distributions import Assumptions, claim_interval, rng_for, sample

PERCENTILES = (5, 25, 50, 75, 95)
POOLED = "Pooled"


def simulate(claims: pd.DataFrame, assumptions: Assumptions = Assumptions(), draws: int = 100_000,
             seed: int = 20250101, borrow: dict[str, str] | None = None,
             overrides: dict[tuple[str, str], float] | None = None) -> dict[str, dict[str, Quantity]]:
    """Draws for every derivable quantity, per claimant: {claimant: {quantity: Quantity with an array value}}.

    `overrides` fixes the claim of (claimant, metric) at one value, for sensitivity runs.
    """
    overrides = overrides or {}

    def draw(row, _claimant):
        key = (row["claimant"], row["metric"])
        if key in overrides:
            return np.full(draws, float(overrides[key]))
        interval = claim_interval(row, assumptions)
        rng = rng_for(seed, row["claim_id"])
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


def pool(samples: dict[str, dict[str, Quantity]], weights: dict[str, float] | None = None,
         seed: int = 20250101) -> dict[str, Quantity]:
    """A weighted mixture of claimants, per quantity, over the claimants that have that quantity."""
    out = {}
    for name in QUANTITIES:
        having = [c for c in samples if name in samples[c]]
        if not having:
            continue
        w = normalised_weights(list(samples), weights)
        share = np.array([w[c] for c in having])
        if share.sum() <= 0:
            continue
        n = len(samples[having[0]][name].value)
        counts = rng_for(seed, "pool", name).multinomial(n, share / share.sum())
        # Draws are independent and identically distributed, so the first k of each claimant are a fair subsample.
        parts = [samples[c][name].value[:k] for c, k in zip(having, counts)]
        qs = [samples[c][name] for c in having]
        ids = tuple(sorted({i for q in qs for i in q.claim_ids}))
        out[name] = Quantity(np.concatenate(parts), ids, "pooled", "weighted mixture of " + ", ".join(having),
                             frozenset().union(*(q.open_bounds for q in qs)))
    return out


def percentiles(values: np.ndarray) -> dict[str, float]:
    """The 5/25/50/75/95th percentiles of a sample, as p5..p95."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return {f"p{p}": float("nan") for p in PERCENTILES}
    return {f"p{p}": float(v) for p, v in zip(PERCENTILES, np.percentile(finite, PERCENTILES))}


def bands_table(samples: dict[str, dict[str, Quantity]], pooled: dict[str, Quantity] | None = None) -> pd.DataFrame:
    """Percentile bands per claimant (and for the pool), one row per claimant and quantity."""
    rows = []
    groups = dict(samples)
    if pooled:
        groups[POOLED] = pooled
    for claimant, quantities in groups.items():
        for name, q in quantities.items():
            label, unit = QUANTITIES[name]
            rows.append(dict(claimant=claimant, quantity=name, label=label, unit=unit, status=q.status,
                             claim_ids=", ".join(q.claim_ids), **percentiles(q.value)))
    return pd.DataFrame(rows)
