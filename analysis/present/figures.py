"""The brief's charts as HTML: each numbered and titled, placed at the width it was drawn, with a caption saying what
is drawn and alt text stating its numbers (and where a table of them is)."""

from __future__ import annotations

import math

from IPython.display import HTML
from markupsafe import Markup

from analysis.brief.compute import Brief
from analysis.present import brief_charts
from analysis.present.html import data_table, figure, render
from analysis.present.quantities import band_digits, figure_text
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.montecarlo import POOLED
from analysis.wording import numbers as formatting
from analysis.wording import figures as words
from analysis.wording import sentences as wording

# The order figures appear in: the claims chart in the body, then the annex's later chart, bands and sensitivity.
ORDER = ("claims", "later", "distribution", "tornado")


def numbers(b: Brief, later_view: dict | None = None) -> dict[str, int]:
    """Each chart the brief shows, numbered in the order it appears ("Figure 1" is the claims chart)."""
    shown = {"claims": bool(brief_charts.claims_rows(b)), "later": bool(later_view and later_view.get("chart")),
             "distribution": brief_charts.has_rate(b), "tornado": not b.sensitivity.empty}
    names = [name for name in ORDER if shown[name]]
    return {name: i for i, name in enumerate(names, start=1)}


LATER = 2  # the later chart's number wherever it is drawn: it follows the claims chart, always Figure 1


def claims_figure(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """Figure 1: every figure each claimant's claims state or imply, with our reading of it (Table 1's figures)."""
    if not brief_charts.claims_rows(b):
        return HTML("")
    return figure(brief_charts.drawn(b, "claims", drawn), numbers(b)["claims"], words.CLAIMS_TITLE,
                  words.claims_caption(f"{b.assumptions.approx_tolerance:.0%}"), alt=_claims_alt(b))


def distribution_figure(b: Brief, drawn: dict[str, bytes] | None = None, number: int = 0) -> HTML:
    """The casualty-rate distribution (pooled where there is a pool) with per-claimant bands."""
    if not brief_charts.has_rate(b):
        return render('section_distribution_chart.html.j2')
    pooled = "casualty_rate" in b.pooled
    return figure(brief_charts.drawn(b, "distribution", drawn), number or numbers(b)["distribution"],
                  words.DISTRIBUTION_TITLE,
                  words.distribution_caption(pooled, pooled and bool(b.pooled["casualty_rate"].split)),
                  alt=_distribution_alt(b))


def tornado_figure(b: Brief, drawn: dict[str, bytes] | None = None, number: int = 0) -> HTML:
    """The sensitivity chart with the table of its numbers."""
    alt, table = _tornado_words(b)
    return figure(brief_charts.drawn(b, "tornado", drawn), number or numbers(b)["tornado"],
                  words.TORNADO_TITLE, words.TORNADO_CAPTION, alt=alt, table=table)


def _claims_alt(b: Brief) -> str:
    panels = []
    for name, (label, unit) in QUANTITIES.items():
        points = []
        for r in (r for r in brief_charts.claims_rows(b) if r["quantity"] == name):
            read = wording.read_words(r["read"], name, unit)
            read = "stated" if read == formatting.reading(r["value"], unit) else read  # a range, a bound
            points.append(words.claim_point(r["claimant"], r["status"], figure_text(r["claimant"], name, b), read))
        panels.append((label, points))
    return words.claims_alt(panels)


def _distribution_alt(b: Brief) -> str:
    per = [c for c, q in b.binned.items() if "casualty_rate" in q]
    pooled = "casualty_rate" in b.pooled
    said = []
    for who in per + ([POOLED] if pooled else []):  # rounded as the bands table rounds them
        split = bool(who == POOLED and b.pooled["casualty_rate"].split)
        c = wording.band_columns(b.band(who, "casualty_rate"), "percent", band_digits(b, who, "casualty_rate"), split)
        said.append(words.band_point(who, None if split else c["median"], c["band50"], c["band90"]))
    return words.distribution_alt(pooled, said)


def _tornado_words(b: Brief) -> tuple[str, Markup]:
    rows, said = [], []
    ours = wording.attributed_by_us(b.claims)
    for _, r in b.sensitivity.iterrows():
        unit = r["unit"]

        def pct(v) -> str:
            return wording.NO_DRAW if math.isnan(v) else formatting.number(v, "percent")

        name = f"{wording.named(r['claimant'], ours)} {r['metric'].replace('_', ' ')}"
        span = f"{formatting.number(r['input_low'], unit)} to {formatting.number(r['input_high'], unit)}"
        swing = formatting.number(r["swing"], "ratio")  # "—" where an end has no median
        rows.append([Markup("{} <code class=\"id\">{}</code>").format(name, r["claim_id"]), span,
                     wording.named(r["watched"], ours),
                     pct(r["base_p50"]), pct(r["p50_at_low"]), pct(r["p50_at_high"]), swing])
        said.append(words.swing_point(name, span, wording.owned(r["watched"], ours), pct(r["p50_at_low"]),
                                      pct(r["p50_at_high"]), swing, not math.isnan(r["swing"]), wording.NO_DRAW))
    alt = words.tornado_alt(said)
    table = data_table("Figures in the sensitivity chart",
                       ["Input and claim", "Range", "Median of", "Median as drawn", "At low end", "At high end",
                        "Swing (points)"], rows, numeric=4)
    return alt, table
