"""Consistency between claimants, as data: for each pair of claimants and quantity, a verdict on what each one's
claims allow — consistent, tension (overlapping, but a figure one puts forward lies outside the other's range),
disagreement or contradiction (they cannot both be true) — with the gap's factor, which side is a bound, whether one
figure may echo the other, and the share of draws in which the first is higher. No sentence is written here:
analysis.wording.sentences.comparison words a row, analysis.wording.bottom_line.comparisons counts them."""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

from analysis.uncertainty.derive import QUANTITIES, Quantity

COMPARED = ("deployed", "killed", "wounded", "casualties", "casualty_rate", "wounded_per_killed")
COLUMNS = ["quantity", "label", "claimant_a", "claimant_b", "verdict", "claim_ids", "higher", "lower", "factor",
           "outside", "inside", "bound_of", "echo", "p_a_greater"]


def echoes(ids_a, ids_b, lineage: dict[str, str]) -> bool:
    """Whether a claim on one side may derive from a claim on the other (the ledger's `lineage`)."""
    a, b = set(ids_a), set(ids_b)
    return any(lineage.get(i) in b for i in a) or any(lineage.get(i) in a for i in b)


def verdict(qa: Quantity, qb: Quantity) -> tuple[str, str, str]:
    """(verdict, outside, inside): consistent, tension (a figure one puts forward lies outside the other's range),
    disagreement (what each allows cannot both be true) or contradiction (a disagreement between what one source
    states and what the other's figures imply). A bound has no point, so it never lies outside anything."""
    va, vb = qa.value, qb.value
    if not va.overlaps(vb):
        return ("contradiction" if {qa.status, qb.status} == {"implied", "stated"} else "disagreement"), "", ""
    for x, y, vx, vy in (("a", "b", va, vb), ("b", "a", vb, va)):
        if vx.point is not None and not vy.contains(vx.point):
            return "tension", x, y
    return "consistent", "", ""


def flags(figures: dict[str, dict[str, Quantity]], lineage: dict[str, str] | None = None,
          prob=None) -> pd.DataFrame:
    """One row per pair of claimants and quantity, in structured columns.

    `figures` are interval figures of what each claim allows (derive.allowed_figures with the tolerance on
    "about"); `lineage` maps a claim id to the claim it may derive from; `prob(a, b, quantity)`, if given, is the
    probability from the draws that a's figure exceeds b's.
    """
    lineage = lineage or {}
    rows = []
    for a, b in combinations(figures, 2):
        for name in COMPARED:
            qa, qb = figures[a].get(name), figures[b].get(name)
            unit = QUANTITIES[name][1]
            if qa is None or qb is None or math.isinf(qa.value.low) or math.isinf(qb.value.low):
                continue  # a ratio over zero (no one killed) is undefined: nothing to compare
            if any(q.value.open_low and (q.value.open_high or (unit == "percent" and q.value.high > 100))
                   for q in (qa, qb)):
                continue  # bound at neither end, or a share's ceiling above 100 %: agreeing with it tests nothing
            v, out, inside = verdict(qa, qb)
            names = {"a": a, "b": b, "": ""}
            higher = lower = ""
            factor = float("nan")
            if v in ("disagreement", "contradiction"):
                higher, lower = (a, b) if qa.value.low > qb.value.high else (b, a)
                h, lo = figures[higher][name].value, figures[lower][name].value
                factor = h.low / lo.high if lo.high > 0 else float("inf")
            bound_of = [c for c, q in ((a, qa), (b, qb)) if q.value.open_low or q.value.open_high]  # a bound
            rows.append(dict(quantity=name, label=QUANTITIES[name][0], claimant_a=a, claimant_b=b, verdict=v,
                             claim_ids=", ".join(sorted(set(qa.claim_ids) | set(qb.claim_ids))),
                             higher=higher, lower=lower, factor=factor, outside=names[out], inside=names[inside],
                             bound_of=", ".join(bound_of), echo=echoes(qa.claim_ids, qb.claim_ids, lineage),
                             p_a_greater=float("nan") if prob is None else prob(a, b, name)))
    return pd.DataFrame(rows, columns=COLUMNS)
