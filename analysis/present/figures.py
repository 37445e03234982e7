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
    tol = f"{b.assumptions.approx_tolerance:.0%}"
    return figure(brief_charts.drawn(b, "claims", drawn), numbers(b)["claims"],
                  "What each claimant’s claims state and imply",
                  "Filled marker: stated by the source; hollow: worked out from the claimant’s own figures. A range "
                  "is marked at its ends; a bound at the end it states, dashed towards the end it leaves open. "
                  f"Black: as stated or implied; grey: our reading, “about” as ±{tol}. "
                  "Table 1 gives every figure.",
                  alt=_claims_alt(b))


def distribution_figure(b: Brief, drawn: dict[str, bytes] | None = None, number: int = 0) -> HTML:
    """The casualty-rate distribution (pooled where there is a pool) with per-claimant bands."""
    if not brief_charts.has_rate(b):
        return render('section_distribution_chart.html.j2')
    pooled = "casualty_rate" in b.pooled
    return figure(brief_charts.drawn(b, "distribution", drawn), number or numbers(b)["distribution"],
                  "How widely the claims spread the casualty rate",
                  ("Top: " + ("the pooled draws" if pooled else "the draws") + " of the casualty rate (killed and "
                   "wounded as a share of the force), with their 50% and 90% bands shaded and the median dashed. "
                   "Bottom: each claimant’s band" + (" and the pool’s" if pooled else "")
                   + " (thin line 5th–95th percentile, thick 25th–75th, tick the median). The bands table above "
                   "gives the same figures."),
                  alt=_distribution_alt(b))


def tornado_figure(b: Brief, drawn: dict[str, bytes] | None = None, number: int = 0) -> HTML:
    """The sensitivity chart with the table of its numbers."""
    alt, table = _tornado_words(b)
    return figure(brief_charts.drawn(b, "tornado", drawn), number or numbers(b)["tornado"],
                  "How far each input moves the casualty-rate median",
                  "Change in each claimant’s median casualty rate when one input goes to the low or high end of our "
                  "reading of it, the others drawn as usual (hatched: low end; grey: high end).", alt=alt, table=table)


def _claims_alt(b: Brief) -> str:
    said = []
    for name, (label, unit) in QUANTITIES.items():
        parts = []
        for r in (r for r in brief_charts.claims_rows(b) if r["quantity"] == name):
            read = wording.read_words(r["read"], name, unit)
            read = "stated" if read == formatting.reading(r["value"], unit) else read  # a range, a bound
            parts.append(f"{r['claimant']} {r['status']} {figure_text(r['claimant'], name, b)} (read as {read})")
        if parts:
            said.append(f"{label}: {'; '.join(parts)}")
    return ("Range plot of what each claimant's claims state and imply, one panel per quantity. " + ". ".join(said)
            + ". Table 1 gives the same figures.")


def _distribution_alt(b: Brief) -> str:
    per = [c for c, q in b.binned.items() if "casualty_rate" in q]
    pooled = "casualty_rate" in b.pooled
    said = []
    for who in per + ([POOLED] if pooled else []):  # rounded as the bands table rounds them
        split = bool(who == POOLED and b.pooled["casualty_rate"].split)
        c = wording.band_columns(b.band(who, "casualty_rate"), "percent", band_digits(b, who, "casualty_rate"), split)
        median = "no meaningful middle" if split else c["median"]
        said.append(f"{who}: median {median}, 50% band {c['band50']}, 90% band {c['band90']}")
    top = f"histogram of the {'pooled' if pooled else per[0]} draws"
    return (f"Casualty-rate chart, percent of the force: {top} with its bands, and each claimant's band beside it. "
            + "; ".join(said) + ". The bands table gives the same figures.")


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
        said.append(f"{name} from {span} moves {wording.owned(r['watched'], ours)} median from "
                    f"{pct(r['p50_at_low'])} to {pct(r['p50_at_high'])} ({swing} points)" if not math.isnan(r["swing"])
                    else f"{name} from {span}: at one end {wording.NO_DRAW} {wording.owned(r['watched'], ours)} other "
                    "figures")
    alt = ("Tornado chart of the casualty-rate median’s change with each input at the low and high end of its range: "
           + "; ".join(said) + ". The table below the chart gives the same figures.")
    table = data_table("Figures in the sensitivity chart",
                       ["Input and claim", "Range", "Median of", "Median as drawn", "At low end", "At high end",
                        "Swing (points)"], rows, numeric=4)
    return alt, table
