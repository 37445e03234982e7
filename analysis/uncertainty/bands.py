"""Percentile bands in flat memory: draws made in chunks and binned per claimant and quantity; the pool is the
weighted mixture of the claimants' binned distributions, so no draw is ever duplicated or subsampled.

Two passes over the same seeded chunks: the first finds each claimant's own range for each quantity, the second
counts draws into 65,536 bins across that range. A single chunk is drawn once. Percentiles are read off the
cumulative counts, interpolated within a bin: their resolution is 1/65,536 of the claimant's own range, whatever
the other claimants do. The pool's percentiles solve the mixture's CDF (the weighted sum of the claimants' CDFs)
by bisection, so they are as accurate as the claimants' own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.params import BriefParams
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.distributions import Assumptions
from analysis.uncertainty.montecarlo import PERCENTILES, POOLED, normalised_weights, simulate

CHUNK = 1 << 18
BINS = 1 << 16


@dataclass
class Binned:
    """One claimant's distribution of one quantity, as counts over [low, high] (its own range)."""

    low: float
    high: float
    counts: np.ndarray           # BINS counts
    claim_ids: tuple[str, ...]
    status: str
    open_bounds: frozenset
    dropped: dict = field(default_factory=dict)   # draws dropped for breaking an identity (montecarlo.BREACHES)
    draws: int = 0               # draws made (kept and dropped)
    _edges: tuple | None = field(default=None, repr=False, compare=False)

    def edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Bin edges and the share of draws at or below each (the CDF is linear between them); computed once the
        counts are final (after summarise) and kept."""
        if self._edges is None:
            total = self.counts.sum()
            if self.low == self.high:
                self._edges = np.array([self.low, self.low]), np.array([0.0, 1.0])
            else:
                self._edges = (np.linspace(self.low, self.high, len(self.counts) + 1),
                               np.concatenate([[0.0], np.cumsum(self.counts) / total]))
        return self._edges

    def cdf(self, x) -> np.ndarray:
        """The share of draws at or below x (piecewise linear within a bin)."""
        x = np.asarray(x)
        if self.counts.sum() <= 0:
            return np.full(x.shape, np.nan)
        if self.low == self.high:
            return (x >= self.low).astype(float)
        return np.interp(x, *self.edges())

    def percentiles(self) -> dict[str, float]:
        """The 5/25/50/75/95th percentiles, as p5..p95 (NaN when no draw is left)."""
        return dict(zip((f"p{p}" for p in PERCENTILES), quantiles([self], [1.0], [p / 100 for p in PERCENTILES])))

    def density(self, bins: int = 128) -> tuple[np.ndarray, np.ndarray]:
        """Bin edges and probability densities at a coarser resolution, for a histogram chart."""
        counts = self.counts.reshape(bins, -1).sum(axis=1)
        edges = np.linspace(self.low, self.high, bins + 1)
        width = (self.high - self.low) / bins or 1.0
        return edges, counts / (counts.sum() * width)


@dataclass
class Pooled:
    """The weighted mixture of claimants' distributions of one quantity."""

    parts: list[Binned]
    weights: list[float]         # summing to 1
    claim_ids: tuple[str, ...]
    open_bounds: frozenset
    split: bool                  # the claimants' ranges leave a gap: the pool has no meaningful middle
    status: str = "pooled"

    @property
    def low(self) -> float:
        return min(b.low for b in self.parts)

    @property
    def high(self) -> float:
        return max(b.high for b in self.parts)

    def cdf(self, x) -> np.ndarray:
        """The mixture's CDF: the weighted sum of the claimants' CDFs."""
        return sum(w * b.cdf(x) for w, b in zip(self.weights, self.parts))

    def percentiles(self) -> dict[str, float]:
        """The mixture's 5/25/50/75/95th percentiles."""
        return dict(zip((f"p{p}" for p in PERCENTILES),
                        quantiles(self.parts, self.weights, [p / 100 for p in PERCENTILES])))

    def density(self, bins: int = 128) -> tuple[np.ndarray, np.ndarray]:
        """Bin edges and probability densities of the mixture, for a histogram chart."""
        edges = np.linspace(self.low, self.high, bins + 1)
        mass = np.diff(self.cdf(edges))
        width = (self.high - self.low) / bins or 1.0
        return edges, mass / width


def quantiles(parts: list[Binned], weights: list[float], qs) -> list[float]:
    """The qs-quantiles of the weighted mixture of `parts` (one part: its own quantile), read off the mixture's CDF.

    Each part's CDF is linear between its own bin edges, so the mixture's is linear between the union of their
    edges: evaluating it there and inverting is exact to each part's resolution. Where the CDF is flat at q (a gap
    between humps), the middle of the flat stretch.
    """
    kept = [(b, w) for b, w in zip(parts, weights) if b.counts.sum() > 0 and w > 0]
    if not kept:
        return [float("nan")] * len(qs)
    if all(b.low == b.high == kept[0][0].low for b, _ in kept):
        return [float(kept[0][0].low)] * len(qs)
    total = sum(w for _, w in kept)
    eps = 1e-9

    def mixture(x: np.ndarray) -> np.ndarray:
        return sum(w / total * b.cdf(x) for b, w in kept)

    def inverse_on(grid: np.ndarray, cdf: np.ndarray, target: float, side: str) -> tuple[int, float]:
        i = int(np.clip(np.searchsorted(cdf, target, side=side), 1, len(grid) - 1))
        span = cdf[i] - cdf[i - 1]
        frac = (target - cdf[i - 1]) / span if span > 0 else 0.0
        return i, float(grid[i - 1] + min(max(frac, 0.0), 1.0) * (grid[i] - grid[i - 1]))

    if len(kept) == 1:
        grid, cdf = kept[0][0].edges()
        return [(inverse_on(grid, cdf, q - eps, "left")[1] + inverse_on(grid, cdf, q + eps, "right")[1]) / 2
                for q in qs]
    # Two steps keep many claimants cheap: a coarse grid over the whole range (with every part's ends) brackets
    # each quantile; within the bracket, the union of the parts' own bin edges makes the inverse exact.
    coarse = np.unique(np.concatenate([np.linspace(min(b.low for b, _ in kept), max(b.high for b, _ in kept), BINS + 1),
                                       [x for b, _ in kept for x in (b.low, b.high)]]))
    coarse_cdf = mixture(coarse)

    def inverse(target: float, side: str) -> float:
        i, _ = inverse_on(coarse, coarse_cdf, target, side)
        lo, hi = coarse[i - 1], coarse[i]  # inverse_on keeps 1 <= i <= len(coarse) - 1
        inside = [e[(e >= lo) & (e <= hi)] for e in (b.edges()[0] for b, _ in kept)]
        fine = np.unique(np.concatenate([[lo, hi], *inside]))
        return inverse_on(fine, mixture(fine), target, side)[1]

    return [(inverse(q - eps, "left") + inverse(q + eps, "right")) / 2 for q in qs]


def _chunk_sizes(draws: int, chunk: int) -> list[int]:
    return [chunk] * (draws // chunk) + ([draws % chunk] if draws % chunk else [])


def _span(low: float, high: float, bins: int) -> tuple[float, float]:
    """A support's ends; one value where `bins` bins across it would be narrower than a float can tell apart (draws
    of one figure computed two ways may differ in their last bit)."""
    if high - low <= 4 * bins * np.spacing(max(abs(low), abs(high))):
        return low, low
    return low, high


def summarise(claims: pd.DataFrame, assumptions: Assumptions = Assumptions(), draws: int = BriefParams.draws,
              seed: int = BriefParams.seed, borrow: dict[str, str] | None = None,
              overrides: dict[tuple[str, str], float] | None = None,
              chunk: int = CHUNK, bins: int = BINS) -> dict[str, dict[str, Binned]]:
    """Binned Monte Carlo distributions per claimant and quantity, in memory that does not grow with draws
    (`bins` per quantity: resolution 1/bins of each claimant's own range)."""
    sizes = _chunk_sizes(draws, chunk)

    def run(k: int):
        return simulate(claims, assumptions, sizes[k], seed, borrow, overrides, stream=k)

    first = run(0)
    support: dict[tuple[str, str], list[float]] = {}  # (claimant, quantity) -> [min, max] of finite draws
    for k in range(len(sizes)):
        samples = first if k == 0 else run(k)
        for c, quantities in samples.items():
            for name, q in quantities.items():
                finite = q.value[np.isfinite(q.value)]
                if finite.size:
                    lo, hi = support.setdefault((c, name), [np.inf, -np.inf])
                    support[(c, name)] = [min(lo, finite.min()), max(hi, finite.max())]
    out = {c: {name: Binned(*_span(*support.get((c, name), (0.0, 0.0)), bins), np.zeros(bins), q.claim_ids,
                            q.status, q.open_bounds, draws=draws)
               for name, q in quantities.items()} for c, quantities in first.items()}
    for k in range(len(sizes)):
        samples = first if k == 0 else run(k)
        for c, quantities in samples.items():
            for name, q in quantities.items():
                b = out[c][name]
                for reason, n in (q.breach or {}).items():
                    b.dropped[reason] = b.dropped.get(reason, 0) + n
                finite = q.value[np.isfinite(q.value)]
                if b.low == b.high:
                    b.counts[0] += finite.size
                else:
                    b.counts += np.histogram(finite, bins=bins, range=(b.low, b.high))[0]
    return out


def pool(binned: dict[str, dict[str, Binned]], weights: dict[str, float] | None = None) -> dict[str, Pooled]:
    """The weighted mixture of claimants, per quantity, over the claimants that have it (weights renormalised)."""
    w = normalised_weights(list(binned), weights)
    out = {}
    for name in QUANTITIES:
        having = [c for c in binned if name in binned[c] and w[c] > 0 and binned[c][name].counts.sum() > 0]
        if not having:
            continue
        share = sum(w[c] for c in having)
        parts = [binned[c][name] for c in having]
        ids = tuple(sorted({i for b in parts for i in b.claim_ids}))
        out[name] = Pooled(parts, [w[c] / share for c in having], ids,
                           frozenset().union(*(b.open_bounds for b in parts)), split=_disjoint(parts))
    return out


def _disjoint(parts: list[Binned]) -> bool:
    """Whether the claimants' ranges leave a gap: no one value lies in all of them and they do not chain."""
    spans = sorted((b.low, b.high) for b in parts)
    return any(nxt[0] > reach for reach, nxt in zip(np.maximum.accumulate([s[1] for s in spans]), spans[1:]))


def prob_greater(a: Binned, b: Binned) -> float:
    """P(A > B) for independent draws of two claimants' quantities: the mean over A's draws of B's CDF (NaN when
    either has no draw left: B's CDF is NaN then)."""
    if a.counts.sum() <= 0:
        return float("nan")
    if a.low == a.high:
        return float(b.cdf(a.low - 1e-12 * max(abs(a.low), 1.0)))
    edges = np.linspace(a.low, a.high, len(a.counts) + 1)
    mids = (edges[:-1] + edges[1:]) / 2
    return float(np.sum(a.counts * b.cdf(mids)) / a.counts.sum())


def table(binned: dict[str, dict[str, Binned]], pooled: dict[str, Pooled] | None = None) -> pd.DataFrame:
    """Percentile bands per claimant (and for the pool), one row per claimant and quantity."""
    groups = {**binned, **({POOLED: pooled} if pooled else {})}
    rows = [dict(claimant=c, quantity=name, label=QUANTITIES[name][0], unit=QUANTITIES[name][1], status=b.status,
                 claim_ids=", ".join(b.claim_ids), **b.percentiles())
            for c, quantities in groups.items() for name, b in quantities.items()]
    return pd.DataFrame(rows)
