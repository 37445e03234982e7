"""The brief's "What later reports said" section: its hindsight table, chart and claims list, rendered.

The numbers are the brief's (Brief.later: analysis.judgments.hindsight, computed once by compute), the words
analysis.wording.hindsight's; this module reads no file, draws nothing at random and judges nothing: it lays them
out in templates/brief/later.html.j2 with autoescape, so ledger text always shows as text.
"""

from __future__ import annotations

import math

from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from analysis.present import brief_charts
from analysis.ledger import selection
from analysis.wording import hindsight as words
from analysis.wording.numbers import number
from analysis.uncertainty.derive import QUANTITIES
from analysis.paths import TEMPLATE_DIR
from analysis.present.sections import _data_table, claim_figure, figure, refs, web_link
from analysis.brief.compute import Brief

ENV = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, trim_blocks=True, lstrip_blocks=True)
ENV.filters["web_link"] = web_link
NOTE = ('<section class="later" id="later-reports"><h2>What later reports said</h2><p class="note">{{ note }}</p>'
        '</section>')


def context(b: Brief) -> dict | None:
    """Everything the section shows, from the brief's later view (`Brief.later`); None when it has none to show."""
    if b.later is None or not b.later.shown:
        return None
    lv = b.later.hindsight
    art_claims, combined, known, h, near = lv.article_claims, lv.combined, lv.known, lv.hindsight, lv.nearer
    a = b.assumptions
    draws = int(b.params["draws"])
    outlets = dict(zip(b.sources.get("source_url", []), b.sources.get("outlet", [])))
    art_dates = sorted({d for d in selection.dated(art_claims) if d})
    later_dates = sorted({d for d in selection.dated(known) if d})
    rows, last = [], None
    for _, r in h[h["article_status"] == "stated"].iterrows():
        key = (r["article_claimant"], r["metric"])
        rows.append(dict(
            first=key != last, article_claimant=r["article_claimant"], metric=words.SHORT[r["metric"]],
            article_figure=words.figure_words(r["article"], "stated", r["article_ids"], r["metric"], combined),
            article_refs=refs(r["article_ids"]), article_date=r["article_date"], later_claimant=r["later_claimant"],
            later_figure=words.figure_words(r["later"], r["later_status"], r["later_ids"], r["metric"], combined),
            later_status=r["later_status"], later_refs=refs(r["later_ids"]), later_date=r["later_date"],
            ratio=words.ratio_words(r["ratio"], r["open_bound"]),
            band="—" if math.isnan(r["p5"]) else f"{r['p5']:.2f}–{r['p95']:.2f}",
            p_below=words.chance_lower(r["open_bound"], r["p_below"])))
        last = key
    caveats = words.caveats(h, art_dates, later_dates)
    in_claims_table = set(b.claims["claim_id"])  # the all-reports scenario lists later claims there already
    claims = [dict(id=r["claim_id"], anchor=r["claim_id"] not in in_claims_table, metric=words.SHORT[r["metric"]],
                   revises=r["supersedes"], claimant=r["claimant"],
                   spokesperson=r["spokesperson"], figure=claim_figure(r), date=r["as_of"] or r["published"],
                   quote=r["quote"], outlet=outlets.get(r["source_url"], r["source_url"]), url=r["source_url"],
                   published=r["published"], conduit=r["conduit"])
              for _, r in known.assign(_d=selection.dated(known).map(selection._start))
              .sort_values("_d", kind="stable").iterrows()]
    return dict(
        article_dates=", ".join(art_dates), n_later=len(known), n_reports=known["source_url"].nunique(),
        span=f"dated {later_dates[0]} to {later_dates[-1]}" if later_dates else "",
        later_claimants=", ".join(dict.fromkeys(known["claimant"])) or "no claimant",
        sentences=words.sentences(h, near, combined, refs), rows=rows, caveats=caveats, claims=claims,
        tolerance=f"{a.approx_tolerance:.0%}", draws=f"{draws:,}",
    )


PANELS = ("killed", "casualties", "deployed")  # the chart's panels, top to bottom (analysis.present.later_chart)


def _words(b: Brief) -> tuple[str, Markup]:
    """The later reports' chart's alt text and the table of its numbers (as every chart of the brief has)."""
    tl = b.later.hindsight.timeline
    by_id = b.later.hindsight.combined.set_index("claim_id")
    order = tl.assign(_p=tl["metric"].map(PANELS.index)).sort_values("_p", kind="stable")
    rows = [[QUANTITIES[r["metric"]][0], r["claimant"], r["claim_id"], r["date"] or "undated",
             words.chart_figure(r, by_id), number(r["y"], "persons")] for _, r in order.iterrows()]
    table = _data_table("Claims in the later reports’ chart below",
                        ["Metric", "Claimant", "Claim", "Date", "Figure", "Drawn at"], rows, numeric=1)
    return words.chart_alt(tl), table


def chart(b: Brief, drawn: dict[str, bytes] | None = None) -> Markup:
    """The later reports' chart of every dated claim, drawn with the brief's other charts (brief_charts),
    its numbers in a table above it."""
    if not brief_charts.has_later_chart(b):
        return Markup("")
    alt, table = _words(b)
    return Markup(figure(brief_charts.drawn(b, "later", drawn), "Every dated claim of killed, casualties and troops "
                         "deployed, by the date it describes; a claimant’s figures are joined in date order, so a "
                         "line is its revisions. The article’s undated claims are dotted levels across each panel.",
                         alt, table).data)


def section(b: Brief, drawn: dict[str, bytes] | None = None, in_bottom_line: bool = True) -> HTML:
    """The section as HTML from the brief's later view; empty when the brief has none (the parameter `later = ""`).

    `drawn` holds the charts brief_charts.draw drew; `in_bottom_line`: the bottom line carries the hindsight (the
    judgments engine's), so the section leaves out its own sentences."""
    if b.later is None:
        return HTML("")
    if b.later.unrelated:
        return HTML(ENV.from_string(NOTE).render(note=words.unrelated_note(b.later.path, b.later.unrelated)))
    if not b.later.shown:
        return HTML(ENV.from_string(NOTE).render(note=words.none_known_note(b.params.get("as_of"))))
    return HTML(ENV.get_template("later.html.j2").render(**context(b), chart=chart(b, drawn),
                                                         in_bottom_line=in_bottom_line))
