"""Historical context in words: where a claimant's wounded-per-killed figure sits among the reference wars."""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from analysis.wording import sentences as wording


# Every reference row counts on this basis; a row on another basis does not belong in the table.
BASIS = ("killed: hostile (battle) deaths; wounded: wounded in action and not killed (“wounds not mortal”), as each "
         "source counts them (the CRS rows count wounds, so a soldier wounded twice may count twice). Vietnam’s row "
         "counts the wounded who were not hospitalised too; the CRS table does not say whether its World War II and "
         "Korea rows do, so the rows may not be on one basis")

def nearest(ratio: float, reference: pd.DataFrame) -> str:
    """The reference war whose ratio is closest, as 'US forces in <conflict>, 9.2'."""
    row = reference.iloc[(reference["wounded_per_killed"] - ratio).abs().argsort().iloc[0]]
    return f"{row['force']} in {row['conflict']}, {row['wounded_per_killed']:.1f}"


def place(ratio: float, reference: pd.DataFrame) -> str:
    """Where a wounded-per-killed ratio sits against the reference wars, in plain words."""
    ratios = reference["wounded_per_killed"]
    near = f"closest to {nearest(ratio, reference)}"
    if ratio > ratios.max():
        return f"above every reference war; {near}"
    if ratio < ratios.min():
        return f"below every reference war; {near}"
    return f"within the reference wars' {ratios.min():.1f}–{ratios.max():.1f}; {near}"


NOTHING_TO_PLACE = "nothing to place among the reference wars"  # a ratio no number gives (over 0 killed)


def place_interval(low: float, high: float, open_low: bool, reference: pd.DataFrame, open_high: bool = False) -> str:
    """Where a claimant's wounded-per-killed figure (an interval, or a bound) sits among the reference wars."""
    ratios = reference["wounded_per_killed"]
    if open_low and open_high:
        return "nothing to place among the reference wars"
    if open_low or open_high:  # a bound: the wars it lies below ("at most") or above ("at least"), if any
        side, wars = ("below", reference[ratios > high]) if open_low else ("above", reference[ratios < low])
        if len(wars) == len(reference):
            return f"{side} every reference war"
        if wars.empty:
            return "a bound that every reference war meets, so it places nothing"
        return f"{side} " + ", ".join(_named(r) for _, r in wars.iterrows())
    if low > ratios.max():
        return f"above every reference war (highest: {nearest(ratios.max(), reference)})"
    if high < ratios.min():
        return f"below every reference war (lowest: {nearest(ratios.min(), reference)})"
    within = reference[(ratios >= low) & (ratios <= high)]
    if within.empty:  # between two wars (or a point): its middle places it
        return place((low + high) / 2, reference)
    beyond = " and ".join(w for w, out in (("below", low < ratios.min()), ("above", high > ratios.max())) if out)
    return ("a range that includes " + ", ".join(_named(r) for _, r in within.iterrows())
            + (f"; it reaches {beyond} every reference war" if beyond else ""))


def _named(r) -> str:
    """A reference war as a list names it: 'US forces in Vietnam War (6.4)'."""
    return f"{r['force']} in {r['conflict'].split(' (')[0]} ({r['wounded_per_killed']:.1f})"


def counting_note(reference: pd.DataFrame) -> str:
    """Where the table gives a war's hospitalised wounded too: its ratio on those alone, and that a ranking among
    these wars depends on how wounded are counted."""
    if "wounded_hospitalised" not in reference.columns:
        return ""
    rows = reference[pd.to_numeric(reference["wounded_hospitalised"], errors="coerce").notna()]
    if rows.empty:
        return ""
    parts = [f"{r['force']} in {r['conflict'].split(' (')[0]} count every wounded soldier "
             f"({r['wounded_per_killed']:.1f}); on those hospitalised alone it is "
             f"{float(r['wounded_hospitalised']) / r['killed']:.1f}" for _, r in rows.iterrows()]
    return "; ".join(parts) + ", so where a ratio ranks among these wars depends on how wounded are counted."


def place_sentence(stated: dict, reference: pd.DataFrame) -> str:
    """One sentence per claimant placing its wounded-per-killed figure among the reference wars."""
    parts, placed = [], False
    for claimant, q in stated.items():
        v = q.get("wounded_per_killed")
        if v is None:
            continue
        iv = v.value
        if math.isinf(iv.low):  # a ratio over 0 killed: no figure to place
            parts.append(f"{claimant}: {wording.undefined('wounded_per_killed')}; nothing to place among the "
                         "reference wars.")
            continue
        where = place_interval(iv.low, iv.high, iv.open_low, reference, iv.open_high)
        shown = wording.bounded(replace(iv, point=None), "ratio")  # the range, or the bound, with no point
        parts.append(f"{claimant} ({shown}): {where}.")
        placed = placed or not where.startswith("nothing to place")
    note = counting_note(reference) if placed else ""  # how wounded are counted matters only to a placed figure
    return " ".join(parts + ([note] if note else []))
