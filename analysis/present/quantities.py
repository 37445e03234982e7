"""A claimant's figure as every section words it: the claim's own words where stated, the implied interval
otherwise, and its Monte Carlo band rounded to the figures the claims support."""

from __future__ import annotations

import math

from analysis.brief.compute import Brief
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.montecarlo import POOLED
from analysis.wording import grades as grade_wording
from analysis.wording import sentences as wording

claim_figure = wording.claim_figure


def figure_text(claimant: str, name: str, b: Brief) -> str | None:
    """A claimant's figure for a quantity: the claim's own words if stated, else the implied interval in words."""
    q = b.stated.get(claimant, {}).get(name)
    if q is None:
        return None
    if q.status == "stated":
        return claim_figure(b.claims.set_index("claim_id").loc[q.claim_ids[0]])
    unit = QUANTITIES[name][1]
    if math.isinf(q.value.low):
        return wording.undefined(name)
    if wording.share(q.value, name):  # a share the claims push above 100 %: said in words
        return wording.share(q.value, name)
    return wording.interval(q.value, unit, wording.derived_digits(b.rows(q.claim_ids)))


def band_digits(b: Brief, claimant: str, name: str) -> int:
    """Significant figures for a band: two, or three where the claimant's stated figure carries three."""
    q = b.stated.get(claimant, {}).get(name)
    if q is None or claimant == POOLED:
        return 2
    return wording.band_digits_for(q.status, q.value.low, q.value.high)


def band_words(b: Brief, claimant: str, name: str) -> str:
    """A claimant's (or the pool's) band in prose, rounded to the figures the claims support."""
    q = b.pooled.get(name) if claimant == POOLED else None
    bounds = (q.open_bounds if q is not None else b.stated.get(claimant, {}).get(name).open_bounds
              if name in b.stated.get(claimant, {}) else frozenset())
    return wording.figure_band(b.band(claimant, name), QUANTITIES[name][1], band_digits(b, claimant, name),
                               bool(q is not None and q.split), bounds)


def hedges_of(b: Brief):
    """hedges(claimant, quantity): the hedge words of the claims that claimant's figure rests on."""
    def hedges(claimant: str, name: str) -> list[str]:
        q = b.stated.get(claimant, {}).get(name)
        return [] if q is None else wording.hedges(b.rows(q.claim_ids))
    return hedges


def digits_of(b: Brief):
    """digits(claimant, quantity): the significant figures a derived count supports (None for a stated figure)."""
    def digits(claimant: str, name: str) -> int | None:
        q = b.stated.get(claimant, {}).get(name)
        return None if q is None or q.status == "stated" else wording.derived_digits(b.rows(q.claim_ids))
    return digits


def weights_text(b: Brief) -> str:
    w = b.params["weights"]
    if not w:
        return "equal weights"
    if w == "by_grade":
        return grade_wording.weights_words(b.pool_weights)
    return "weights " + ", ".join(f"{k} {v}" for k, v in w.items())
