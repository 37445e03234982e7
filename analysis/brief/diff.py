"""What changed between two briefs (two results.json files or report folders): claims, figures, bands, flags.

Figures and bands are worded by the brief's own functions (analysis.wording.sentences), so a change reads as the brief
reads, and a change the brief's rounding does not show is no change. The inputs are checked by `results.load`;
`compare` assumes their shape."""

from __future__ import annotations

import math
from dataclasses import dataclass

from analysis.wording import sentences as wording
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.intervals import Interval

PERCENTILES = ("p5", "p25", "p50", "p75", "p95")


@dataclass(frozen=True)
class Change:
    """One difference between an old and a new brief."""

    kind: str        # claim | figure | band | flag | ledger
    subject: str     # what changed, e.g. "NIS killed"
    old: str
    new: str

    def __str__(self) -> str:
        if self.old and self.new:
            return f"{self.subject}: {self.old} → {self.new}"
        return f"{self.subject}: {'added ' + self.new if self.new else 'removed (was ' + self.old + ')'}"


def _unit(quantity: str) -> str:
    """The unit a quantity is printed in; a quantity this version does not know is printed as a ratio."""
    return QUANTITIES[quantity][1] if quantity in QUANTITIES else "ratio"


def _label(quantity: str) -> str:
    """The brief's name of a quantity; an unknown one by its own name."""
    return QUANTITIES[quantity][0] if quantity in QUANTITIES else quantity


def _when(f: dict, text: str) -> str:
    """A figure with the dates of the claims it rests on: '300 (2025-01-13)'."""
    dates = f.get("dated") or []
    return f"{text} ({', '.join(dates)})" if text and dates else text


def _stated(f: dict) -> str:
    """The stated figure in the brief's own words; '' for a figure with none (a pooled one)."""
    s = f.get("stated")
    if s is None:
        return ""
    low, high = s["low"], s["high"]
    iv = Interval(0.0 if low is None else low, math.inf if high is None else high, s["point"],
                  open_low=low is None, open_high=high is None)
    return wording.bounded(iv, _unit(f["quantity"]))


def _band(f: dict) -> str:
    """The band in the brief's own words ('—' for a percentile that is undefined); '' when none is defined."""
    b = f["band"]
    if all(b[k] is None for k in PERCENTILES):
        return ""
    s = f.get("stated") or {}
    p = {k: math.nan if b[k] is None else b[k] for k in PERCENTILES}
    digits = wording.band_digits_for(f.get("status"), s.get("low"), s.get("high"))
    return wording.figure_band(p, _unit(f["quantity"]), digits, bool(f.get("split")), f.get("open_bounds") or [])


def compare(old: dict, new: dict) -> list[Change]:
    """Every change from `old` to `new` (both checked by `results.check`): the ledger, claims, figures, bands, flags."""
    changes: list[Change] = []
    if old["ledger_sha256"] != new["ledger_sha256"]:
        changes.append(Change("ledger", "ledger", old["ledger_sha256"][:12], new["ledger_sha256"][:12]))
    old_claims, new_claims = set(old["claims"]), set(new["claims"])
    changes += [Change("claim", f"claim {c}", "", "to the brief") for c in sorted(new_claims - old_claims)]
    changes += [Change("claim", f"claim {c}", "in the brief", "") for c in sorted(old_claims - new_claims)]
    before = {(f["claimant"], f["quantity"]): f for f in old["figures"]}
    after = {(f["claimant"], f["quantity"]): f for f in new["figures"]}
    for k in list(after) + [k for k in before if k not in after]:
        label = f"{k[0]} {_label(k[1]).lower()}"
        a, b = before.get(k), after.get(k)
        if a is None:
            changes.append(Change("figure", label, "", _stated(b) or _band(b)))
        elif b is None:
            changes.append(Change("figure", label, _stated(a) or _band(a), ""))
        else:
            if _stated(a) != _stated(b):
                changes.append(Change("figure", label, _when(a, _stated(a)), _when(b, _stated(b))))
            if _band(a) != _band(b):
                changes.append(Change("band", label, _band(a), _band(b)))
    was = {(f["quantity"], *f["claimants"]): f["verdict"] for f in old["flags"]}
    now = {(f["quantity"], *f["claimants"]): f["verdict"] for f in new["flags"]}
    for k in list(now) + [k for k in was if k not in now]:
        if was.get(k) != now.get(k):
            changes.append(Change("flag", f"{_label(k[0])}: {k[1]} vs {k[2]}", was.get(k, ""), now.get(k, "")))
    return changes


def report(changes: list[Change]) -> str:
    """The changes (from `compare`) as readable text, one per line; says so when nothing changed."""
    if not changes:
        return "no changes: same claims, figures, bands and flags"
    return "\n".join(f"[{c.kind}] {c}" for c in changes)
