"""Derived figures per claimant: counts implied by other counts or rates, and the casualty ratios.

The rules are written once over NumPy arrays: the corners of the box the claims' intervals span (for the exact
interval figures) or Monte Carlo draws. Each derived figure keeps the claim_ids it came from and says whether it
was stated, implied or borrowed from another claimant.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis.errors import ParameterError, SelectionError
from analysis.uncertainty.distributions import STATED, Assumptions, allowed_interval
from analysis.uncertainty.intervals import Interval

# name -> (label, unit). Base metrics first, then ratios, in the order the brief shows them.
QUANTITIES: dict[str, tuple[str, str]] = {
    "deployed": ("Troops deployed", "persons"),
    "killed": ("Killed", "persons"),
    "wounded": ("Wounded", "persons"),
    "casualties": ("Casualties (killed + wounded)", "persons"),
    "casualty_rate": ("Casualty rate (casualties / deployed)", "percent"),
    "killed_share_force": ("Killed as share of force", "percent"),
    "killed_share_casualties": ("Killed as share of casualties", "percent"),
    "wounded_per_killed": ("Wounded per killed", "ratio"),
}
BASE_METRICS = ("deployed", "killed", "wounded", "casualties", "casualty_rate")

# Rules that fill a missing base metric from others: (target, inputs, formula text, function). One pass in this
# order reaches every metric the rules can reach: each rule after the two for casualties needs casualties and one
# metric that could only be implied from the very metric the rule fills (killed from wounded and wounded from
# killed, the rate from the force and the force from the rate).
IMPLIED_RULES = (
    ("casualties", ("killed", "wounded"), "killed + wounded", lambda k, w: k + w),
    ("casualties", ("casualty_rate", "deployed"), "casualty rate × deployed", lambda r, d: r * d / 100),
    ("wounded", ("casualties", "killed"), "casualties − killed", lambda c, k: c - k),
    ("killed", ("casualties", "wounded"), "casualties − wounded", lambda c, w: c - w),
    ("casualty_rate", ("casualties", "deployed"), "casualties ÷ deployed", lambda c, d: 100 * c / d),
    ("deployed", ("casualties", "casualty_rate"), "casualties ÷ casualty rate", lambda c, r: 100 * c / r),
)
RATIO_RULES = (
    ("killed_share_force", ("killed", "deployed"), "killed ÷ deployed", lambda k, d: 100 * k / d),
    ("killed_share_casualties", ("killed", "casualties"), "killed ÷ casualties", lambda k, c: 100 * k / c),
    ("wounded_per_killed", ("wounded", "killed"), "wounded ÷ killed", lambda w, k: w / k),
)


@dataclass(frozen=True)
class Quantity:
    """One figure for one claimant: its value (Interval or draws), provenance and how it was obtained."""

    value: object
    claim_ids: tuple[str, ...]
    status: str                      # stated | implied | borrowed
    formula: str = "stated"
    open_bounds: frozenset = field(default_factory=frozenset)  # up_to / at_least claims it rests on
    breach: object = None            # where an identity breaks (a count implied below 0, a share above 100 %)


def _combine(inputs: list[Quantity], value, formula: str) -> Quantity:
    ids = tuple(sorted({i for q in inputs for i in q.claim_ids}))
    status = "borrowed" if any(q.status == "borrowed" for q in inputs) else "implied"
    return Quantity(value, ids, status, formula, frozenset().union(*(q.open_bounds for q in inputs)))


# Identities a claimant's own figures must keep. A count implied by subtraction below 0 (casualties below killed)
# is cut to 0 and marked; a share above 100 % (more casualties or deaths than troops) is marked, not cut.
SUBTRACTED = ("wounded", "killed")
AT_MOST_100 = ("casualty_rate", "killed_share_force", "killed_share_casualties")


def derive(base: dict[str, Quantity]) -> dict[str, Quantity]:
    """All quantities derivable from the base metrics: stated ones kept, missing ones implied, then the ratios.

    A count implied by subtraction is cut at 0 (its `breach` marks where it fell below); an implied share over
    100 % keeps its value and is marked. Stated figures are never changed.
    """
    out = dict(base)
    for target, inputs, formula, fn in IMPLIED_RULES:  # one pass suffices: see IMPLIED_RULES
        if target not in out and all(m in out for m in inputs):
            qs = [out[m] for m in inputs]
            q = _combine(qs, fn(*(q.value for q in qs)), formula)
            if target in SUBTRACTED:
                q = replace(q, value=np.maximum(q.value, 0.0), breach=q.value < 0)
            out[target] = q
    for target, inputs, formula, fn in RATIO_RULES:
        if all(m in out for m in inputs):
            qs = [out[m] for m in inputs]
            out[target] = _combine(qs, fn(*(q.value for q in qs)), formula)
    for name in AT_MOST_100:
        q = out.get(name)
        if q is not None and q.status != "stated":
            out[name] = replace(q, breach=q.value > 100)
    return {name: out[name] for name in QUANTITIES if name in out}


def claims_by_claimant(claims: pd.DataFrame) -> dict[str, dict[str, pd.Series]]:
    """The claims as {claimant: {metric: claim row}}; the claims must already hold one per claimant and metric."""
    out: dict[str, dict[str, pd.Series]] = {}
    columns = list(claims.columns)  # plain mappings, column by column: iterrows and to_dict are slow on text columns
    for row in (dict(zip(columns, values)) for values in zip(*(claims[c].tolist() for c in columns))):
        per = out.setdefault(row["claimant"], {})
        if row["metric"] in per:
            raise SelectionError(f"two claims for {row['claimant']} / {row['metric']}: "
                             f"{per[row['metric']]['claim_id']} and {row['claim_id']}; select one first")
        per[row["metric"]] = row
    return out


def base_quantities(claims: pd.DataFrame, claimant: str, make_value,
                    borrow: dict[str, str] | None = None, table: dict | None = None) -> dict[str, Quantity]:
    """A claimant's stated metrics (and, where asked, metrics borrowed from another claimant) as Quantities.

    `make_value(claim_row, claimant)` turns a claim into an Interval or an array of draws; `table` is
    claims_by_claimant(claims) where the caller has it already (one pass for every claimant).
    """
    table = claims_by_claimant(claims) if table is None else table
    own = table.get(claimant, {})
    base = {}
    for metric, row in own.items():
        base[metric] = Quantity(make_value(row, claimant), (row["claim_id"],), "stated",
                                open_bounds=_open(row))
    for metric, lender in (borrow or {}).items():
        if metric in base or lender == claimant:
            continue
        row = table.get(lender, {}).get(metric)
        if row is None:
            raise ParameterError(f"parameter 'borrow' borrows {metric} from '{lender}', who states no {metric}")
        base[metric] = Quantity(make_value(row, claimant), (row["claim_id"],), "borrowed",
                                f"borrowed from {lender}", _open(row))
    return base


def _open(row) -> frozenset:
    return frozenset({row["bound"]}) if row["bound"] in ("up_to", "at_least") else frozenset()


def interval_figures(base: dict[str, Quantity]) -> dict[str, Quantity]:
    """Every derivable figure as an exact interval of the base claims' intervals.

    Each rule is monotone in each base claim, so a derived figure's least and greatest values lie at corners of
    the box the base intervals span: the rules are evaluated at every corner (and at the stated points), which
    counts no input twice (killed ÷ casualties with casualties = killed + wounded stays within 0-100 %).
    An end that rests on a claim's open end (the 0 under "as high as", the infinity over "at least") is open.
    """
    names = list(base)
    corners = np.array(list(itertools.product((False, True), repeat=len(names))))  # 2^n x n booleans
    ivs = [base[m].value for m in names]
    at = {m: np.where(corners[:, i], iv.high, iv.low) for i, (m, iv) in enumerate(zip(names, ivs))}
    closed = np.ones(len(corners), dtype=bool)  # corners where no claim sits at an open end
    for i, iv in enumerate(ivs):
        if iv.open_low:
            closed &= corners[:, i]
        if iv.open_high:
            closed &= ~corners[:, i]
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = derive({m: replace(q, value=at[m]) for m, q in base.items()})
        points = derive({m: replace(q, value=np.array([np.nan if iv.point is None else iv.point]))
                         for (m, q), iv in zip(base.items(), ivs)})
    out = {}
    for name, q in spread.items():
        if name in base:
            out[name] = base[name]
            continue
        v = np.where(np.isnan(q.value), np.inf, q.value)  # 0/0 and inf/inf rest on an open end
        lo, hi = float(v.min()), float(v.max())
        c = v[closed]  # never empty: no claim has both ends open, so the corners at every claim's closed end remain
        p = float(points[name].value[0])
        iv = Interval(lo, hi, p if np.isfinite(p) else None,
                      open_low=bool(lo < c.min()), open_high=bool(hi > c.max()) or math.isinf(hi))
        breach = None if q.breach is None else bool(np.asarray(q.breach)[closed].any())
        out[name] = replace(q, value=iv, breach=breach)
    return out


def allowed_figures(claims: pd.DataFrame, readings: Assumptions = STATED,
                    borrow: dict[str, str] | None = None) -> dict[str, dict[str, Quantity]]:
    """Exact interval figures per claimant from what each claim allows under the analyst's `readings`: its words,
    widened by the tolerance on "about" (no widening with STATED).

    {claimant: {quantity: Quantity with an Interval value}}. No floor under "as high as" or ceiling over
    "at least" enters here: those are the bands' readings, not what the sources said.
    """
    table = claims_by_claimant(claims)
    return {
        claimant: interval_figures(base_quantities(claims, claimant,
                                                   lambda row, _c: allowed_interval(row, readings), borrow, table))
        for claimant in claimant_order(claims)
    }


def stated_figures(claims: pd.DataFrame, *, borrow: dict[str, str] | None = None) -> dict[str, dict[str, Quantity]]:
    """Exactly what the claims say, per claimant: `allowed_figures` with no tolerance on "about"."""
    return allowed_figures(claims, STATED, borrow)


def claimant_order(claims: pd.DataFrame) -> list[str]:
    """Claimants in the order they first appear in the ledger."""
    return list(dict.fromkeys(claims["claimant"]))

