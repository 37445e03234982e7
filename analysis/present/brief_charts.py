"""Which charts a brief shows and drawing them: each chart as a function of the brief, drawn two at a time where
the machine has the cores (analysis.forked); the sections in analysis.present.sections embed the PNG bytes."""

from __future__ import annotations

import functools

from analysis import forked
from analysis.present import charts, later_chart
from analysis.ledger import selection
from analysis.uncertainty.montecarlo import POOLED
from analysis.brief.compute import Brief


def timeline_claims(b: Brief):
    """All claims of the chosen claimants known at the brief's date (superseded ones included), and their dates."""
    claims = b.ledger[b.ledger["claimant"].isin(list(b.stated))]
    claims = selection.as_of_filter(claims, b.params["as_of"] or None)
    return claims, selection.dated(claims)


def _forest_png(b: Brief) -> bytes:
    return charts.png(charts.forest(b.claims, b.assumptions))


def _distribution_png(b: Brief) -> bytes:
    per = {c: b.band(c, "casualty_rate") for c, q in b.binned.items() if "casualty_rate" in q}
    who = POOLED if "casualty_rate" in b.pooled else next(iter(per))
    dist = b.pooled["casualty_rate"] if who == POOLED else b.binned[who]["casualty_rate"]
    return charts.png(charts.distribution(*dist.density(), per, b.band(who, "casualty_rate")))


def _tornado_png(b: Brief) -> bytes:
    return charts.png(charts.tornado(b.sensitivity))


def _timeline_png(b: Brief) -> bytes:
    return charts.png(charts.timeline(*timeline_claims(b)))


def _later_png(b: Brief) -> bytes:
    return charts.png(later_chart.chart(b.later.hindsight.timeline, list(b.later.claimants)))


CHARTS = {"forest": _forest_png, "distribution": _distribution_png, "tornado": _tornado_png,
          "timeline": _timeline_png, "later": _later_png}


def has_rate(b: Brief) -> bool:
    return any("casualty_rate" in q for q in b.binned.values())


def has_later_chart(b: Brief) -> bool:
    """Whether "What later reports said" shows its chart: later claims known by the brief's date, and dated claims
    to draw."""
    return b.later is not None and b.later.shown and len(b.later.hindsight.timeline) > 0


def jobs(b: Brief) -> dict:
    """Each chart this brief shows, as a function drawing its PNG, by name."""
    shown = {"forest": True, "distribution": has_rate(b), "tornado": not b.sensitivity.empty,
             "timeline": not (timeline_claims(b)[1] == "").all(), "later": has_later_chart(b)}
    return {name: functools.partial(draw, b) for name, draw in CHARTS.items() if shown[name]}


def draw(b: Brief) -> dict[str, bytes]:
    """Every chart of the brief as PNG bytes, by name, drawn two at a time where the machine has the cores.

    Pass the result to the chart sections; the bytes are the same as drawing each chart on its own.
    """
    return forked.run(jobs(b))


def drawn(b: Brief, name: str, done: dict[str, bytes] | None) -> bytes:
    """The chart `draw` drew, or, without it, the chart drawn now."""
    return done[name] if done and name in done else CHARTS[name](b)
