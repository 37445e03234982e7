"""The brief's charts as HTML: each figure with its caption, its alt text stating its numbers, and the table of them."""

from __future__ import annotations

from IPython.display import HTML
from markupsafe import Markup

from analysis.brief.compute import Brief
from analysis.present import brief_charts
from analysis.present.html import data_table, figure, refs, render
from analysis.present.quantities import band_words, claim_figure
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.distributions import claim_interval
from analysis.uncertainty.montecarlo import POOLED
from analysis.uncertainty.sensitivity import stated_rates
from analysis.wording import numbers as formatting
from analysis.wording import sentences as wording


def forest_chart(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The range plot of every claim used."""
    return figure(brief_charts.drawn(b, "forest", drawn),
                  "Every claim used, by metric and claimant. Black: what the source stated (a dashed line running to "
                  "zero for “as high as”, which states no low end); grey: our reading for the bands (tolerance on "
                  "“about”, floor under “as high as”).", **chart_words(b, "forest"))


def distribution_chart(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The casualty-rate distribution (pooled where there is a pool) with per-claimant bands."""
    if not brief_charts.has_rate(b):
        return render('section_distribution_chart.html.j2')
    return figure(brief_charts.drawn(b, "distribution", drawn),
                  "Casualty rate (killed and wounded as a share of the force). Top: distribution of the pooled draws "
                  "with its 50% and 90% bands. Bottom: each claimant's band beside the pool.",
                  **chart_words(b, "distribution"))


def sensitivity_section(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The tornado chart and a sentence on the input that matters most."""
    s = b.sensitivity
    direct = [Markup("{} gives the casualty rate directly ({}){}, so no other input moves it; its band is our "
                     "reading of that claim, {}.").format(wording.actor(b.rows([r["claim_id"]])), claim_figure(r),
                                                          refs([r["claim_id"]]),
                                                          band_words(b, r["claimant"], "casualty_rate"))
              for _, r in stated_rates(b.read).iterrows() if r["claimant"] in b.binned]
    notes = Markup("").join(Markup("<p>{}</p>").format(d) for d in direct)
    if s.empty:
        return HTML(notes + Markup('<p class="note">No other input has a range to vary.</p>'))
    top = s.iloc[0]
    unit = top["unit"]
    lead = Markup("The casualty rate moves most with <strong>{} {}</strong>{}: from {} to {}, {}’s median moves "
                  "from {} to {} ({:.1f} percentage points).").format(
        top["claimant"], top["metric"].replace("_", " "), refs([top["claim_id"]]),
        formatting.number(top["input_low"], unit), formatting.number(top["input_high"], unit), top["watched"],
        formatting.number(top["p50_at_low"], "percent"), formatting.number(top["p50_at_high"], "percent"),
        top["swing"])
    chart = figure(brief_charts.drawn(b, "tornado", drawn),
                   "Change in each claimant’s median casualty rate when one input goes to the low or high end of our "
                   "reading of it, the others drawn as usual.", **chart_words(b, "tornado"))
    return HTML(f'<p>{lead}</p>{notes}{chart.data}')


def timeline_section(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """Each metric's claims over their dates, all claims of the chosen claimants (superseded ones included)."""
    claims, dates = brief_charts.timeline_claims(b)
    if (dates == "").all():
        return render('section_timeline.html.j2')
    note = "Claims without a date sit at the left, marked “undated”." if (dates == "").any() else ""
    chart = figure(brief_charts.drawn(b, "timeline", drawn), "Every claim of the sources compared, by the date it "
                   "describes, with its stated range. " + note, **chart_words(b, "timeline"))
    return chart


def _forest_words(b: Brief) -> tuple[str, Markup]:
    rows, said = [], []
    for metric, (label, _unit) in QUANTITIES.items():
        claims = b.claims[b.claims["metric"] == metric]
        if claims.empty:
            continue
        parts = []
        for _, r in claims.iterrows():
            read = claim_interval(r, b.assumptions)
            read_as = formatting.interval(read.low, read.high, r["unit"])
            rows.append([label, r["claimant"], r["claim_id"], claim_figure(r), read_as])
            parts.append(f"{r['claimant']} {claim_figure(r)} (read as {read_as})")
        said.append(f"{label}: {'; '.join(parts)}")
    alt = (f"Range plot of the {len(b.claims)} claims used, one panel per metric. " + ". ".join(said)
           + ". The table above the chart gives the same figures.")
    table = data_table("Figures in the range plot below",
                       ["Metric", "Claimant", "Claim", "As stated", "Read as (grey)"], rows, numeric=2)
    return alt, table


def _distribution_words(b: Brief) -> tuple[str, Markup]:
    per = [c for c, q in b.binned.items() if "casualty_rate" in q]
    pooled = "casualty_rate" in b.pooled
    rows, said = [], []
    for who in per + ([POOLED] if pooled else []):
        p = b.band(who, "casualty_rate")
        split = who == POOLED and b.pooled["casualty_rate"].split
        median = "no meaningful middle" if split else formatting.number(p["p50"], "percent")
        band50 = formatting.interval(p["p25"], p["p75"], "percent")
        band90 = formatting.interval(p["p5"], p["p95"], "percent")
        rows.append([who, median, band50, band90])
        said.append(f"{who}: median {median}, 50% band {band50}, 90% band {band90}")
    top = f"histogram of the {'pooled' if pooled else per[0]} draws"
    alt = (f"Casualty-rate chart, percent of the force: {top} with its bands, and each claimant's band beside it. "
           + "; ".join(said) + ". The table above the chart gives the same figures.")
    table = data_table("Casualty-rate bands in the chart below (Monte Carlo percentiles)",
                       ["Source", "Median", "50% band (25th–75th)", "90% band (5th–95th)"], rows, numeric=3)
    return alt, table


def _tornado_words(b: Brief) -> tuple[str, Markup]:
    rows, said = [], []
    for _, r in b.sensitivity.iterrows():
        unit, pct = r["unit"], (lambda v: formatting.number(v, "percent"))
        name = f"{r['claimant']} {r['metric'].replace('_', ' ')}"
        span = f"{formatting.number(r['input_low'], unit)} to {formatting.number(r['input_high'], unit)}"
        swing = f"{r['swing']:.1f}"
        rows.append([f"{name} [{r['claim_id']}]", span, r["watched"], pct(r["base_p50"]), pct(r["p50_at_low"]),
                     pct(r["p50_at_high"]), swing])
        said.append(f"{name} from {span} moves {r['watched']}’s median from {pct(r['p50_at_low'])} to "
                    f"{pct(r['p50_at_high'])} ({swing} points)")
    alt = ("Tornado chart of the casualty-rate median’s change with each input at the low and high end of its range: "
           + "; ".join(said) + ". The table above the chart gives the same figures.")
    table = data_table("Figures in the sensitivity chart below",
                       ["Input [claim]", "Range", "Median of", "Median as drawn", "At low end", "At high end",
                        "Swing (points)"], rows, numeric=4)
    return alt, table


def _timeline_words(b: Brief) -> tuple[str, Markup]:
    claims, dates = brief_charts.timeline_claims(b)
    rows, said = [], []
    for i, r in claims.iterrows():
        when = dates[i] or "undated"
        rows.append([QUANTITIES[r["metric"]][0], r["claimant"], r["claim_id"], when, claim_figure(r)])
        said.append(f"{r['claimant']} {QUANTITIES[r['metric']][0].lower()} {claim_figure(r)} ({when})")
    alt = (f"Timeline of claims: the {len(claims)} claims by the date each describes: " + "; ".join(said)
           + ". The table above the chart gives the same figures.")
    table = data_table("Claims in the timeline below", ["Metric", "Claimant", "Claim", "Date", "Figure"], rows,
                       numeric=1)
    return alt, table


CHART_WORDS = {"forest": _forest_words, "distribution": _distribution_words, "tornado": _tornado_words,
               "timeline": _timeline_words}


def chart_words(b: Brief, name: str) -> dict:
    """The chart's alt text, stating its numbers, and the table that shows them: `figure`'s `alt` and `table`."""
    alt, table = CHART_WORDS[name](b)
    return dict(alt=alt, table=table)
