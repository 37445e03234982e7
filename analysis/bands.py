"""Percentile bands in flat memory: draws made in chunks and binned per quantity; the pool is a weighted
mixture of the claimants' binned distributions, so no draw is ever duplicated or subsampled.

Two passes over the same seeded chunks: the first finds each quantity's range (common to all claimants,
so their bins line up for the pool), the second counts draws into 65,536 bins across that range. A single
chunk is drawn once. Percentiles are read off the cumulative counts, interpolated within a bin: their
resolution is 1/65,536 of the range, far below the one decimal the brief prints.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.derive import QUANTITIES
from analysis.distributions import Assumptions
from analysis.montecarlo import PERCENTILES, POOLED, normalised_weights, simulate

CHUNK = 1 << 18
BINS = 1 << 16


@dataclass
class Binned:
    """One claimant's (or the pool's) distribution of one quantity, as counts over [low, high]."""

    low: float
    high: float
    counts: np.ndarray           # BINS counts (float: the pool's are weighted)
    claim_ids: tuple[str, ...]
    status: str
    open_bounds: frozenset
    nonfinite: float = 0.0       # draws that were infinite (a zero denominator), left out of the bands
    split: bool = False          # a pool whose claimants' ranges do not overlap: its median falls in a gap
    support: tuple[float, float] | None = None  # min and max of the finite draws

    def percentiles(self) -> dict[str, float]:
        """The 5/25/50/75/95th percentiles, as p5..p95 (NaN when no finite draw)."""
        total = self.counts.sum()
        if total <= 0:
            return {f"p{p}": float("nan") for p in PERCENTILES}
        if self.low == self.high:
            return {f"p{p}": float(self.low) for p in PERCENTILES}
        cdf = np.cumsum(self.counts)
        width = (self.high - self.low) / len(self.counts)
        out = {}
        for p in PERCENTILES:
            target = p / 100 * total
            # Where the cumulative counts are flat at the target (a gap between humps), take the gap's middle.
            eps = 1e-9 * total
            ends = [self._at(cdf, target - eps, "left", width), self._at(cdf, target + eps, "right", width)]
            out[f"p{p}"] = float(sum(ends) / 2)
        return out

    def _at(self, cdf: np.ndarray, target: float, side: str, width: float) -> float:
        i = min(int(np.searchsorted(cdf, target, side=side)), len(cdf) - 1)
        before = cdf[i - 1] if i else 0.0
        frac = (target - before) / self.counts[i] if self.counts[i] else 0.0
        return self.low + (i + min(max(frac, 0.0), 1.0)) * width

    def density(self, bins: int = 128) -> tuple[np.ndarray, np.ndarray]:
        """Bin edges and probability densities at a coarser resolution, for a histogram chart."""
        counts = self.counts.reshape(bins, -1).sum(axis=1)
        edges = np.linspace(self.low, self.high, bins + 1)
        width = (self.high - self.low) / bins or 1.0
        return edges, counts / (counts.sum() * width)


def _chunk_sizes(draws: int, chunk: int) -> list[int]:
    return [chunk] * (draws // chunk) + ([draws % chunk] if draws % chunk else [])


def summarise(claims: pd.DataFrame, assumptions: Assumptions = Assumptions(), draws: int = 200_000,
              seed: int = 20250101, borrow: dict[str, str] | None = None,
              overrides: dict[tuple[str, str], float] | None = None,
              chunk: int = CHUNK) -> dict[str, dict[str, Binned]]:
    """Binned Monte Carlo distributions per claimant and quantity, in memory that does not grow with draws."""
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
    ranges = {}
    for (_claimant, name), (lo, hi) in support.items():
        glo, ghi = ranges.get(name, (np.inf, -np.inf))
        ranges[name] = (min(glo, lo), max(ghi, hi))
    out = {c: {name: Binned(*ranges.get(name, (0.0, 0.0)), np.zeros(BINS), q.claim_ids, q.status, q.open_bounds)
               for name, q in quantities.items()} for c, quantities in first.items()}
    for (c, name), (lo, hi) in support.items():
        out[c][name].support = (float(lo), float(hi))
    for k in range(len(sizes)):
        samples = first if k == 0 else run(k)
        for c, quantities in samples.items():
            for name, q in quantities.items():
                b = out[c][name]
                finite = q.value[np.isfinite(q.value)]
                b.nonfinite += q.value.size - finite.size
                if b.low == b.high:
                    b.counts[0] += finite.size
                else:
                    b.counts += np.histogram(finite, bins=BINS, range=(b.low, b.high))[0]
    return out


def pool(binned: dict[str, dict[str, Binned]], weights: dict[str, float] | None = None) -> dict[str, Binned]:
    """The weighted mixture of claimants, per quantity, over the claimants that have it (weights renormalised)."""
    w = normalised_weights(list(binned), weights)
    out = {}
    for name in QUANTITIES:
        having = [c for c in binned if name in binned[c] and w[c] > 0 and binned[c][name].counts.sum() > 0]
        if not having:
            continue
        share = sum(w[c] for c in having)
        parts = [binned[c][name] for c in having]
        counts = sum(w[c] / share * b.counts / b.counts.sum() for c, b in zip(having, parts))
        ids = tuple(sorted({i for b in parts for i in b.claim_ids}))
        out[name] = Binned(parts[0].low, parts[0].high, counts, ids, "pooled",
                           frozenset().union(*(b.open_bounds for b in parts)), split=_disjoint(parts))
    return out


def _disjoint(parts: list[Binned]) -> bool:
    """Whether the claimants' ranges leave a gap: no one value lies in all of them and they do not chain."""
    spans = sorted(b.support or (b.low, b.high) for b in parts)
    return any(nxt[0] > reach for reach, nxt in zip(np.maximum.accumulate([s[1] for s in spans]), spans[1:]))


def table(binned: dict[str, dict[str, Binned]], pooled: dict[str, Binned] | None = None) -> pd.DataFrame:
    """Percentile bands per claimant (and for the pool), one row per claimant and quantity."""
    groups = {**binned, **({POOLED: pooled} if pooled else {})}
    rows = [dict(claimant=c, quantity=name, label=QUANTITIES[name][0], unit=QUANTITIES[name][1], status=b.status,
                 claim_ids=", ".join(b.claim_ids), **b.percentiles())
            for c, quantities in groups.items() for name, b in quantities.items()]
    return pd.DataFrame(rows)
