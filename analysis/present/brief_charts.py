"""Which charts a brief shows and drawing them: each chart as a function of the brief, drawn two at a time where
the machine has the cores (analysis.forked); the figure sections (analysis.present.figures) embed the PNG bytes."""

from __future__ import annotations

import functools
import math

from analysis import forked
from analysis.brief.compute import Brief
from analysis.present import charts, later_chart
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.montecarlo import POOLED


def claims_rows(b: Brief) -> list[dict]:
    """Each figure a shown claimant states or implies, with our reading of it, quantity by quantity: what Figure 1
    draws and the claims table lists (a figure no number can give, such as a ratio over 0 killed, is left out)."""
    rows = []
    for name, (label, unit) in QUANTITIES.items():
        for claimant, quantities in b.stated.items():
            q = quantities.get(name)
            if q is None or math.isnan(q.value.low) or math.isnan(q.value.high) or math.isinf(q.value.low):
                continue
            rows.append(dict(quantity=name, label=label, unit=unit, claimant=claimant,
                             status="stated" if q.status == "stated" else "implied", value=q.value,
                             read=b.tolerant[claimant][name].value))
    return rows


def _claims_figure(b: Brief):
    return charts.claims_chart(claims_rows(b), list(b.stated))


def _distribution_figure(b: Brief):
    per = {c: b.band(c, "casualty_rate") for c, q in b.binned.items() if "casualty_rate" in q}
    if "casualty_rate" not in b.pooled:
        return charts.distribution(per, None)
    return charts.distribution(per, b.band(POOLED, "casualty_rate"), split=bool(b.pooled["casualty_rate"].split))


def _tornado_figure(b: Brief):
    return charts.tornado(b.sensitivity)


FIGURES = {"claims": _claims_figure, "distribution": _distribution_figure, "tornado": _tornado_figure}


def _later_figure(b: Brief):
    return later_chart.chart(b.later.hindsight.timeline, list(b.later.claimants))


FIGURES["later"] = _later_figure


def _png(name: str, b: Brief) -> bytes:
    return charts.png(FIGURES[name](b))


CHARTS = {name: functools.partial(_png, name) for name in FIGURES}


def has_rate(b: Brief) -> bool:
    return any("casualty_rate" in q for q in b.binned.values())


def has_later_chart(b: Brief) -> bool:
    """Whether "What later reports said" shows its chart: later claims known by the brief's date, and dated claims
    to draw."""
    return b.later is not None and b.later.shown and len(b.later.hindsight.timeline) > 0


def jobs(b: Brief) -> dict:
    """Each chart this brief shows, as a function drawing its PNG, by name."""
    shown = {"claims": bool(claims_rows(b)), "distribution": has_rate(b), "tornado": not b.sensitivity.empty,
             "later": has_later_chart(b)}
    return {name: functools.partial(draw, b) for name, draw in CHARTS.items() if shown[name]}


def draw(b: Brief) -> dict[str, bytes]:
    """Every chart of the brief as PNG bytes, by name, drawn two at a time where the machine has the cores.

    Pass the result to the chart sections; the bytes are the same as drawing each chart on its own.
    """
    return forked.run(jobs(b))


def drawn(b: Brief, name: str, done: dict[str, bytes] | None) -> bytes:
    """The chart `draw` drew, or, without it, the chart drawn now."""
    return done[name] if done and name in done else CHARTS[name](b)
