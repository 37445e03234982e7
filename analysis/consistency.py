"""Consistency flags in plain words: where one claimant's figures fall outside another's range."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from analysis import formatting
from analysis.derive import QUANTITIES, Quantity

COMPARED = ("deployed", "killed", "wounded", "casualties", "casualty_rate", "wounded_per_killed")


def _describe(claimant: str, q: Quantity, unit: str) -> str:
    v = q.value
    figure = formatting.interval(v.low, v.high, unit)
    if q.open_bounds and v.point is not None:
        figure += f" ({formatting.number(v.point, unit)} at the stated bound)"
    how = f" ({q.formula})" if q.status == "implied" else ""
    return f"{claimant}'s {q.status} figure{how} of {figure}"


def flags(figures: dict[str, dict[str, Quantity]]) -> pd.DataFrame:
    """One row per pair of claimants and quantity: do their intervals overlap, and in words what that means.

    `figures` are interval figures (derive.stated_figures) under the brief's tolerance assumptions.
    """
    rows = []
    for a, b in combinations(figures, 2):
        for name in COMPARED:
            qa, qb = figures[a].get(name), figures[b].get(name)
            if qa is None or qb is None:
                continue
            label, unit = QUANTITIES[name]
            va, vb = qa.value, qb.value
            kinds = {qa.status, qb.status}
            outside = [(x, y) for x, y in ((a, b), (b, a))
                       if figures[x][name].value.point is not None
                       and not figures[y][name].value.contains(figures[x][name].value.point)]
            if va.overlaps(vb) and not outside:
                verdict = "consistent"
                text = f"{label}: {_describe(a, qa, unit)} and {_describe(b, qb, unit)} overlap."
            elif va.overlaps(vb):
                verdict = "tension"
                x, y = outside[0]
                px = formatting.number(figures[x][name].value.point, unit)
                text = (f"{label}: {_describe(a, qa, unit)} and {_describe(b, qb, unit)} overlap only in part: "
                        f"{x}'s figure of {px} lies outside {y}'s range.")
            else:
                verdict = "contradiction" if kinds == {"implied", "stated"} else "disagreement"
                hi, lo = (a, b) if va.low > vb.high else (b, a)
                h, l_ = figures[hi][name].value, figures[lo][name].value
                factor = h.low / l_.high if l_.high > 0 else float("inf")
                text = (f"{label}: {_describe(a, qa, unit)} lies outside {_describe(b, qb, unit)}; "
                        f"{hi}'s is at least {factor:.1f} times {lo}'s.")
                if verdict == "contradiction":
                    text += " What one source's figures imply contradicts what the other states."
            rows.append(dict(quantity=name, label=label, claimant_a=a, claimant_b=b, verdict=verdict,
                             claim_ids=", ".join(sorted(set(qa.claim_ids) | set(qb.claim_ids))), text=text))
    return pd.DataFrame(rows, columns=["quantity", "label", "claimant_a", "claimant_b", "verdict", "claim_ids", "text"])
