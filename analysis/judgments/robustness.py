"""Which judgments survive the assumptions: each bottom-line judgment re-evaluated over a grid of the analyst's
readings (floor under "as high as", tolerance on "about", range family, pool weights, dependence).

The grid is small and its bands are cheap: each cell draws GRID_DRAWS per claim (seeded), enough to place a
median or a 90 % band to well under a percentage point, and far fewer than the brief's own bands.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.params import BriefParams
from analysis.judgments.consistency import verdict
from analysis.uncertainty.derive import allowed_figures
from analysis.uncertainty.distributions import Assumptions, read_hedges
from analysis.uncertainty.montecarlo import normalised_weights, simulate

GRID = {
    "upto_floor": (0.0, 0.25, 0.5, 0.75, 1.0),
    "approx_tolerance": (0.05, 0.10, 0.20),
    "distribution": ("uniform", "lognormal"),
    "weights": ("equal", "unequal"),
    "correlation": (0.0, 1.0),
    "hedge_reading": ("as_stated", "upper_bound"),
}
GRID_DRAWS = 3_000
MAX_CLAIMANTS = 2  # judgments are made between the first two claimants of the ledger: the grid's cost grows with pairs
COLUMNS = ["judgment", "held", "holds", "cells", "share", "flips"]  # judgment: what it is, as data


@dataclass(frozen=True)
class Cell:
    """One combination of the analyst's readings."""

    assumptions: Assumptions
    weights: dict | None
    label: dict


def cells(base: Assumptions, claimants: list[str]) -> list[Cell]:
    """Every combination of the grid; 'equal' weights are None (every claimant alike, whatever the brief's own
    weights), 'unequal' weights double the first claimant's weight (then the second's)."""
    out = []
    for floor, tol, family, w, rho, hedge in itertools.product(*GRID.values()):
        a = replace(base, upto_floor=floor, approx_tolerance=tol, distribution=family, correlation=rho,
                    hedge_reading=hedge)
        ws = None if w == "equal" else {c: (2.0 if i == 0 else 1.0) for i, c in enumerate(claimants)}
        out.append(Cell(a, ws,
                        dict(upto_floor=floor, approx_tolerance=tol, distribution=family, weights=w, correlation=rho,
                             hedge_reading=hedge)))
    return out


def _pooled_percentile(samples: dict, name: str, weights: dict | None, q: float) -> float:
    """A percentile of the weighted mixture of the claimants' draws of one quantity."""
    having = [c for c in samples if name in samples[c] and len(samples[c][name].value)]
    if not having:
        return float("nan")
    w = normalised_weights(having, {c: weights.get(c, 0.0) for c in having} if weights else None)
    values = np.concatenate([samples[c][name].value for c in having])
    mass = np.concatenate([np.full(len(samples[c][name].value), w[c] / len(samples[c][name].value)) for c in having])
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(mass[order])
    return float(values[order][min(np.searchsorted(cum, q * cum[-1]), len(cum) - 1)])


def _ratio(a: float, b: float) -> float:
    """a / b, infinite over 0 (a figure above 0 is any number of times 0), NaN for 0 / 0."""
    return a / b if b else (np.inf if a > 0 else np.nan)


def judgments(claims: pd.DataFrame, base: Assumptions, borrow: dict | None,
              judged: list[str] | None = None, weights: dict | None = None) -> list[tuple[dict, object]]:
    """The bottom line's judgments between the `judged` claimants (default: every claimant of the claims; a lender
    left out only lends), each as (what it is, as data, test(cell, figures, samples)), where the claims allow them
    (the pool's only where the brief's `weights` give the judged claimants some weight); the tests read a cell's
    interval figures of what each claim allows (flags) and its draws (bands).
    The brief's own readings say whether it holds; analysis.wording.sentences.robustness_judgment words it."""
    figs = allowed_figures(claims, base, borrow)
    claimants = [c for c in figs if judged is None or c in judged]
    out = []
    for a, b in itertools.combinations(claimants, 2):
        if "killed" in figs[a] and "killed" in figs[b]:
            hi, lo = (a, b) if figs[a]["killed"].value.central >= figs[b]["killed"].value.central else (b, a)
            ratio = _ratio(figs[hi]["killed"].value.low, figs[lo]["killed"].value.high)
            k = np.floor(ratio * 10) / 10
            if 1 < k < np.inf:  # over a figure of 0 there is no ratio to hold
                used = claims[claims["claim_id"].isin(figs[hi]["killed"].claim_ids)]
                hedges = [h for h in dict.fromkeys(used.get("hedge", pd.Series(dtype=str))) if h]
                out.append((dict(kind="killed_times", hi=hi, lo=lo, k=float(k), hedges=hedges),
                            lambda cell, f, s, hi=hi, lo=lo, k=k:
                            _ratio(f[hi]["killed"].value.low, f[lo]["killed"].value.high) >= k))
        if "casualty_rate" in figs[a] and "casualty_rate" in figs[b]:
            for x, y in ((a, b), (b, a)):
                if figs[y]["casualty_rate"].value.open_low and not figs[x]["casualty_rate"].value.open_low:
                    out.append((dict(kind="rate_within_ceiling", x=x, y=y),
                                lambda cell, f, s, x=x, y=y: f[x]["casualty_rate"].value.high
                                <= f[y]["casualty_rate"].value.high))
        if "wounded_per_killed" in figs[a] and "wounded_per_killed" in figs[b]:
            out.append((dict(kind="ratios_conflict", a=a, b=b),
                        lambda cell, f, s, a=a, b=b: verdict(f[a]["wounded_per_killed"], f[b]["wounded_per_killed"])[0]
                        in ("disagreement", "contradiction")))
    closed = [c for c in claimants if "casualty_rate" in figs[c] and not figs[c]["casualty_rate"].value.open_low]
    pooled = not weights or any(weights.get(c, 0.0) > 0 for c in claimants)  # else the brief pools none of them
    if pooled and len(claimants) > 1 and closed and all("casualty_rate" in figs[c] for c in claimants):
        c0 = closed[0]
        out.append((dict(kind="pooled_median_within", c=c0),
                    lambda cell, f, s, c0=c0: f[c0]["casualty_rate"].value.contains(
                        _pooled_percentile(s, "casualty_rate", cell.weights, 0.5))))
        out.append((dict(kind="pooled_band_above", c=c0),
                    lambda cell, f, s, c0=c0: _pooled_percentile(s, "casualty_rate", cell.weights, 0.95)
                    > f[c0]["casualty_rate"].value.high))
    return out


def evaluate(claims: pd.DataFrame, base: Assumptions, weights: dict | None = None, borrow: dict | None = None,
             seed: int = BriefParams.seed, draws: int = GRID_DRAWS) -> pd.DataFrame:
    """`claims` in the sources' words (each cell applies its own hedge reading). For each judgment: in how many grid cells it holds, and which readings flip it (the values under which
    it fails, per assumption, where it fails at all)."""
    claimants = list(dict.fromkeys(claims["claimant"]))[:MAX_CLAIMANTS]
    lenders = set((borrow or {}).values())
    claims = claims[claims["claimant"].isin(set(claimants) | lenders)]
    tests = judgments(read_hedges(claims, base.hedge_reading), base, borrow, claimants, weights)
    if not tests:
        return pd.DataFrame(columns=COLUMNS)
    grid = cells(base, claimants)
    own = Cell(base, weights, {})
    results = np.zeros((len(tests), len(grid)), dtype=bool)
    own_held: list[bool] = []
    reads, figures, draws_of = {}, {}, {}  # figures depend on tolerance and hedges only; draws not on weights
    for j, cell in enumerate([own] + grid):
        a = cell.assumptions
        if a.hedge_reading not in reads:  # not setdefault: its argument would be read again for every cell
            reads[a.hedge_reading] = read_hedges(claims, a.hedge_reading)
        read = reads[a.hedge_reading]
        key = (a.approx_tolerance, a.hedge_reading)
        if key not in figures:
            figures[key] = allowed_figures(read, a, borrow)
        figs = figures[key]
        if a not in draws_of:  # the judged claimants' draws: a lender left out is not pooled
            draws_of[a] = {c: q for c, q in simulate(read, a, draws, seed, borrow).items() if c in claimants}
        samples = draws_of[a]
        for i, (spec, test) in enumerate(tests):
            held = _safe(test, cell, figs, samples)
            if j == 0:  # the brief's own readings say which way the judgment goes
                own_held.append(held)
            else:
                results[i, j - 1] = held == own_held[i]
    rows = []
    for i, (spec, _) in enumerate(tests):
        held = results[i]
        rows.append(dict(judgment=spec, held=own_held[i], holds=int(held.sum()), cells=len(grid),
                         share=float(held.mean()), flips=_flips(grid, held)))
    return pd.DataFrame(rows, columns=COLUMNS)


def _safe(test, cell, figs, samples) -> bool:
    """A judgment's test; False where the cell's reading leaves out a figure it needs."""
    try:
        return bool(test(cell, figs, samples))
    except KeyError:
        return False


def _flips(grid: list[Cell], held: np.ndarray) -> tuple:
    """The readings under which a judgment fails, as data (analysis.wording.sentences.flips words it): () where it
    never fails; ("every",) where it always does; ("with", ((assumption, (values…)), …)) for each assumption whose
    values make it fail in every cell that has them; else ("most", ((assumption, value, rate), …)), the two readings
    under which it fails most often."""
    if held.all():
        return ()
    if not held.any():
        return ("every",)
    parts = []
    for name, values in GRID.items():
        failing = tuple(v for v in values if not any(held[j] for j, c in enumerate(grid) if c.label[name] == v))
        if failing:
            parts.append((name, failing))
    if parts:
        return ("with", tuple(parts))
    rates = []
    for name, values in GRID.items():
        for v in values:
            mine = [not held[j] for j, c in enumerate(grid) if c.label[name] == v]
            rates.append((sum(mine) / len(mine), name, v))
    rates.sort(key=lambda r: -r[0])
    return ("most", tuple((name, v, rate) for rate, name, v in rates[:2]))


def dependence(claims: pd.DataFrame, base: Assumptions, borrow: dict | None = None, seed: int = BriefParams.seed,
               draws: int = GRID_DRAWS) -> pd.DataFrame:
    """Bands that exist only because claims are read as independent: each claimant's ratio quantities whose
    90 % band (under the brief's readings) collapses to one value when claims of one error group share their
    error (correlation 1). Columns: claimant, quantity, p5, p95 (independent), value (fully correlated)."""
    cols = ["claimant", "quantity", "p5", "p95", "value"]
    if "error_group" not in claims.columns or not (claims["error_group"] != "").any():
        return pd.DataFrame(columns=cols)
    free = simulate(claims, replace(base, correlation=0.0), draws, seed, borrow)
    tied = simulate(claims, replace(base, correlation=1.0), draws, seed, borrow)
    rows = []
    for c, quantities in tied.items():
        for name in ("wounded_per_killed", "killed_share_casualties"):
            q = quantities.get(name)
            if q is None or not len(q.value):
                continue
            lo, hi = np.percentile(q.value, [5, 95])
            f5, f95 = np.percentile(free[c][name].value, [5, 95])
            if hi - lo <= 1e-9 * max(abs(hi), 1.0) < f95 - f5:
                rows.append(dict(claimant=c, quantity=name, p5=float(f5), p95=float(f95), value=float(lo)))
    return pd.DataFrame(rows, columns=cols)
