"""What changed between two briefs (two results.json files or report folders): claims, figures, bands, flags."""

from __future__ import annotations

from dataclasses import dataclass

from analysis import formatting
from analysis.derive import QUANTITIES


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
    return QUANTITIES.get(quantity, ("", "ratio"))[1]


def _stated(f: dict) -> str:
    s, unit = f.get("stated"), _unit(f["quantity"])
    if not s:
        return ""
    if s["low"] is None and s["high"] is None:
        return "not bounded by the claims"
    if s["low"] is None:  # an open low end: the claims give only a ceiling
        return f"at most {formatting.number(s['high'], unit)}"
    if s["high"] is None:
        return f"at least {formatting.number(s['low'], unit)}"
    return formatting.figure(s["low"], s["point"], s["high"], unit)


def _band(f: dict) -> str:
    b, unit = f["band"], _unit(f["quantity"])
    if b.get("p50") is None:
        return ""
    return f"median {formatting.number(b['p50'], unit)} (90% {formatting.interval(b['p5'], b['p95'], unit)})"


def compare(old: dict, new: dict) -> list[Change]:
    """Every change from `old` to `new`, claims first, then figures, bands and flags."""
    changes: list[Change] = []
    if old.get("ledger_sha256") != new.get("ledger_sha256"):
        changes.append(Change("ledger", "ledger", old.get("ledger_sha256", "")[:12], new.get("ledger_sha256", "")[:12]))
    old_claims, new_claims = set(old.get("claims", [])), set(new.get("claims", []))
    changes += [Change("claim", f"claim {c}", "", "to the brief") for c in sorted(new_claims - old_claims)]
    changes += [Change("claim", f"claim {c}", "in the brief", "") for c in sorted(old_claims - new_claims)]
    key = lambda f: (f["claimant"], f["quantity"])  # noqa: E731
    before = {key(f): f for f in old.get("figures", [])}
    after = {key(f): f for f in new.get("figures", [])}
    for k in list(after) + [k for k in before if k not in after]:
        label = f"{k[0]} {QUANTITIES.get(k[1], (k[1],))[0].lower()}"
        a, b = before.get(k), after.get(k)
        if a is None:
            changes.append(Change("figure", label, "", _stated(b) or _band(b)))
        elif b is None:
            changes.append(Change("figure", label, _stated(a) or _band(a), ""))
        else:
            if _stated(a) != _stated(b):
                changes.append(Change("figure", label, _stated(a), _stated(b)))
            if _band(a) != _band(b):
                changes.append(Change("band", label, _band(a), _band(b)))
    fkey = lambda f: (f["quantity"], *f["claimants"])  # noqa: E731
    fb = {fkey(f): f["verdict"] for f in old.get("flags", [])}
    fa = {fkey(f): f["verdict"] for f in new.get("flags", [])}
    for k in list(fa) + [k for k in fb if k not in fa]:
        if fb.get(k) != fa.get(k):
            subject = f"{QUANTITIES.get(k[0], (k[0],))[0]}: {k[1]} vs {k[2]}"
            changes.append(Change("flag", subject, fb.get(k, ""), fa.get(k, "")))
    return changes


def report(changes: list[Change]) -> str:
    """The changes (from `compare`) as readable text, one per line; says so when nothing changed."""
    if not changes:
        return "no changes: same claims, figures, bands and flags"
    return "\n".join(f"[{c.kind}] {c}" for c in changes)
