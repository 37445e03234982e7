"""Monte Carlo draws: seeded samples per claim and the figures derived from them, per claimant."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.params import BriefParams
from analysis.uncertainty.derive import Quantity, base_quantities, claimant_order, claims_by_claimant, derive
from analysis.uncertainty.distributions import Assumptions, claim_interval, rng_for, sample, shared

PERCENTILES = (5, 25, 50, 75, 95)
POOLED = "Pooled"
# Why a draw is dropped: the identity it breaks, named by the quantity that shows the breach (casualties below
# killed makes wounded negative; more casualties than troops, a rate above 100 %), in the order they are checked.
# analysis.wording.sentences.identity_broken says each in words.
BREACHES = ("wounded", "killed", "casualty_rate", "killed_share_force", "killed_share_casualties")


def breached(quantities: dict[str, Quantity]) -> np.ndarray:
    """Which of a claimant's draws break an identity of its own figures (any of BREACHES), as one boolean mask."""
    n = len(next(iter(quantities.values())).value)
    bad = np.zeros(n, dtype=bool)
    for name in BREACHES:
        q = quantities.get(name)
        if q is not None and q.breach is not None:
            bad |= np.asarray(q.breach, dtype=bool)
    return bad


def drop_breaches(quantities: dict[str, Quantity]) -> dict[str, Quantity]:
    """A claimant's draws without those that break an identity; each Quantity's `breach` counts the dropped draws
    by the identity they break ({quantity showing it: count}, the first identity each dropped draw breaks)."""
    n = len(next(iter(quantities.values())).value)
    keep = np.ones(n, dtype=bool)
    counts: dict[str, int] = {}
    for name in BREACHES:
        q = quantities.get(name)
        if q is None or q.breach is None:
            continue
        bad = np.asarray(q.breach) & keep
        if bad.any():
            counts[name] = int(bad.sum())
            keep &= ~bad
    return {name: replace(q, value=q.value if keep.all() else q.value[keep], breach=counts)
            for name, q in quantities.items()}


def simulate(claims: pd.DataFrame, assumptions: Assumptions = Assumptions(), draws: int = 100_000,
             seed: int = BriefParams.seed, borrow: dict[str, str] | None = None,
             overrides: dict[tuple[str, str], float] | None = None, stream: int = 0) -> dict[str, dict[str, Quantity]]:
    """Draws for every derivable quantity, per claimant: {claimant: {quantity: Quantity with an array value}}.

    `overrides` fixes the claim of (claimant, metric) at one value, for sensitivity runs; `stream` numbers
    independent batches of draws (bands.summarise draws in chunks).
    """
    overrides = overrides or {}
    groups: dict[str, object] = {}
    suffix = [str(stream)] if stream else []

    def common(row):
        group = row.get("error_group", "") if assumptions.correlation > 0 else ""
        if not group:
            return None
        if group not in groups:
            groups[group] = shared(draws, rng_for(seed, "error-group", group, *suffix), assumptions.correlation)
        return groups[group]

    def draw(row, _claimant):
        key = (row["claimant"], row["metric"])
        if key in overrides:
            return np.full(draws, float(overrides[key]))
        interval = claim_interval(row, assumptions)
        rng = rng_for(seed, row["claim_id"], *suffix)
        return sample(interval, row["bound"], row["unit"], draws, rng, assumptions.distribution, common(row))

    with np.errstate(divide="ignore", invalid="ignore"):
        table = claims_by_claimant(claims)
        return {c: drop_breaches(derive(base_quantities(claims, c, draw, borrow, table))) for c in claimant_order(claims)}


def normalised_weights(claimants: list[str], weights: dict[str, float] | None) -> dict[str, float]:
    """Weights for the pool: equal by default; user weights must be finite, non-negative and not all zero."""
    if not weights:
        return {c: 1.0 / len(claimants) for c in claimants}
    unknown = sorted(set(weights) - set(claimants))
    if unknown:
        raise ParameterError(f"parameter 'weights' names claimants not in the brief: {', '.join(unknown)}")
    w = {c: float(weights.get(c, 0.0)) for c in claimants}
    if any(not np.isfinite(v) or v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise ParameterError(f"parameter 'weights' must be finite, 0 or more and not all 0, got {weights}")
    total = sum(w.values())
    return {c: v / total for c, v in w.items()}


def percentiles(values: np.ndarray) -> dict[str, float]:
    """The 5/25/50/75/95th percentiles of a sample, as p5..p95."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return {f"p{p}": float("nan") for p in PERCENTILES}
    return {f"p{p}": float(v) for p, v in zip(PERCENTILES, np.percentile(finite, PERCENTILES))}
