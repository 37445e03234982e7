"""The brief's "What later reports said": in short in the body (who said what later, figure by figure), in full in the
annex (its sentences, hindsight table, timeline chart and claims list).

The words and numbers come from analysis.judgments.hindsight (pure); this module only phrases them and renders
templates/brief/later.html.j2 with autoescape, so ledger text always shows as text.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from analysis.present import brief_charts, charts, figures
from analysis.wording import numbers as formatting
from analysis.judgments import hindsight as later
from analysis.present import later_chart
from analysis.ledger import selection
from analysis.wording import figures as figure_words
from analysis.wording import hindsight as words
from analysis.wording import grades as grade_wording
from analysis.ledger.grades import grade_of
from analysis.uncertainty.derive import claimant_order
from analysis.paths import resolve
from analysis.present.html import ENV, annex_part, figure, refs
from analysis.present.quantities import claim_figure
from analysis.brief.compute import Brief

SHORT = {"killed": "killed", "wounded": "wounded", "casualties": "casualties", "casualty_rate": "casualty rate",
         "deployed": "troops deployed", "wounded_per_killed": "wounded per killed"}
ratio_words = words.ratio_words


def _alt(tl: pd.DataFrame) -> str:
    parts = []
    for (metric, claimant), g in tl.groupby(["metric", "claimant"], sort=False):
        pts = ", ".join(f"{formatting.number(r['point'] if pd.notna(r['point']) else r['low'], 'persons')}"
                        f"{'+' if r['bound'] == 'at_least' else ''} ({r['date'] or 'undated'})"
                        for _, r in g.iterrows())
        parts.append(f"{claimant} {SHORT[metric]}: {pts}")
    return figure_words.timeline_alt(parts)


def unrelated(b: Brief, later_path: str) -> list[str]:
    """The claims a later ledger revises when none of them is in this brief's ledger: it follows another article."""
    foreign = later.foreign_targets(resolve(later_path))
    return sorted(foreign) if foreign and not foreign & set(b.ledger["claim_id"]) else []


def analyse(b: Brief, later_path: str) -> later.Hindsight:
    """The hindsight data of this brief against the later ledger at `later_path` (analysis.judgments.hindsight):
    the one analysis.brief.compute made, where the brief has it."""
    if b.later is not None and b.later.hindsight is not None and b.later.path == later_path:
        return b.later.hindsight
    path = resolve(later_path)
    # The brief's ledger may already hold the later claims (the `timeline` scenario reads both files as one).
    article = b.ledger[~b.ledger["claim_id"].isin(later.claim_ids(path))]
    combined = later.combine(article, later.load(path, article))
    as_of = b.params.get("as_of") or None
    chosen = list(b.stated)
    art_claims = selection.latest(selection.as_of_filter(article[article["claimant"].isin(chosen)], as_of))
    shown = combined[(combined["source"] == "later") | combined["claimant"].isin(chosen)]
    return later.analyse(art_claims, shown, b.assumptions, int(b.params["draws"]), int(b.params["seed"]), as_of)


def context(b: Brief, later_path: str) -> dict | None:
    """Everything the section shows, or None when `later_path` is empty."""
    if not later_path:
        return None
    return present(b, analyse(b, later_path))


def present(b: Brief, h: later.Hindsight) -> dict:
    """The section's words and rows from the hindsight data."""
    combined, known = h.combined, h.known
    by_id = combined.set_index("claim_id")
    outlets = dict(zip(b.sources.get("source_url", []), b.sources.get("outlet", [])))
    a = b.assumptions
    art_dates = sorted({d for d in selection.dated(h.article_claims) if d})
    known_dates = selection.dated(known)
    groups = known_dates.map(lambda d: later.group_of(d, h.until))
    later_dates = sorted({d for d in known_dates if d}, key=selection._start)
    revised = words.revision_sentences(h.revisions, by_id, refs, outlets)
    compared = words.comparison_sentences(h.comparisons, h.nearer, h.echoes, by_id, refs, outlets)
    later_like = h.comparisons[(h.comparisons["group"] == "later") & h.comparisons["like"]]
    caveats = words.caveats(later=len(later_like) > 0)
    in_claims_table = set(b.claims["claim_id"])  # the timeline scenario lists later claims there already
    order = known.assign(_d=known_dates.map(selection._start), _g=groups).sort_values("_d", kind="stable")
    claims = [dict(id=r["claim_id"], anchor=r["claim_id"] not in in_claims_table, metric=SHORT[r["metric"]],
                   revises=r["supersedes"], claimant=r["claimant"], spokesperson=r["spokesperson"],
                   figure=claim_figure(r), date=r["as_of"] or r["published"], quote=r["quote"],
                   outlet=outlets.get(r["source_url"], r["source_url"]), url=r["source_url"],
                   published=r["published"], conduit=r["conduit"], scope=r.get("scope", ""),
                   reading=r.get("reading", ""), when=words.GROUP_HEADINGS[r["_g"]].lower(),
                   grade=grade_wording.grade_code(grade_of(r, b.sources)) or "not graded")
              for _, r in order.iterrows()]
    n_same = int((groups == "same_time").sum())
    return dict(
        article_dates=", ".join(art_dates), n_claims=len(known), n_same=n_same, n_later=len(known) - n_same,
        until=h.until, n_reports=known["source_url"].nunique(),
        span=f"dated {later_dates[0]} to {later_dates[-1]}" if later_dates else "",
        later_claimants=", ".join(dict.fromkeys(known["claimant"])) or "no claimant",
        revisions=revised,
        compared={g: [t for k, t in compared if k == g] for g in words.GROUP_HEADINGS},
        headings=words.GROUP_HEADINGS, echoes=words.echo_sentences(h.echoes, combined, refs, outlets),
        chart=len(h.timeline) > 0, chart_alt=_alt(h.timeline) if len(h.timeline) else "",
        caveats=caveats, claims=claims,
        grade_key=grade_wording.grade_key(grade_wording.grades_used(known, b.sources)),
        tolerance=f"{a.approx_tolerance:.0%}", draws=f"{int(b.params['draws']):,}", window=later.SAME_TIME_DAYS,
        hindsight=h,
    )


def view(b: Brief, later_path: str) -> dict | None:
    """`context` for the bottom line and the section, or None when there is no later ledger for this brief."""
    if b.later is not None and b.later.path == later_path:
        return context(b, later_path) if b.later.shown else None  # computed with the brief: no file read here
    if not later_path or not later.claim_ids(resolve(later_path)) or unrelated(b, later_path):
        return None  # no later ledger, one with no rows yet (`brief new` writes its header alone), or another's
    return context(b, later_path)


def _chart(b: Brief, ctx: dict, drawn: dict[str, bytes] | None) -> Markup:
    """The later chart (Figure 2), drawn by brief_charts with the brief's other charts where it is the brief's own
    later ledger, else drawn here."""
    if not ctx["chart"]:
        return Markup("")
    h = ctx["hindsight"]
    own = b.later is not None and b.later.hindsight is h
    png = brief_charts.drawn(b, "later", drawn) if own else charts.png(
        later_chart.chart(h.timeline, claimant_order(h.combined)))
    title, caption = words.CHART_TITLE, words.CHART_CAPTION
    return Markup(figure(png, figures.LATER, title, caption,
                         ctx["chart_alt"]).data)


def _none(b: Brief, later_path: str) -> HTML | None:
    """The short note that stands for the section where there is nothing to set beside the article, or None."""
    if not later_path or not later.claim_ids(resolve(later_path)):
        return HTML("")
    other = unrelated(b, later_path)
    if other:
        return HTML(ENV.get_template("later_none.html.j2").render(path=later_path, ids=", ".join(other)))
    return None


DIGEST_ORDER = ("killed", "wounded", "casualties", "casualty rate", "troops deployed", "wounded per killed")


def digest(ctx: dict, article_scopes: set[str]) -> list[dict]:
    """The later claims in short, quantity by quantity: each claimant's figure and date, in date order, with its
    claim id, our reading of the source's word where the figure rests on one, and its scope where the article's
    figures count other troops (the figures are the claims', nothing worked out)."""
    out = []
    for metric in DIGEST_ORDER:
        mine = [c for c in ctx["claims"] if c["metric"] == metric]
        if mine:
            out.append(dict(metric=metric, claims=[dict(
                claimant=c["claimant"], figure=c["figure"], ref=refs([c["id"]]),
                note="; ".join(x for x in (c["date"] or "undated",
                                           f"scope: {c['scope']}" if c.get("scope", "") not in article_scopes | {""}
                                           else "",
                                           c.get("reading", "")) if x)) for c in mine]))
    return out


def summary(b: Brief, later_path: str, ctx: dict | None = None) -> HTML:
    """The section in short, for the body: what the later reports are and who said what, figure by figure; empty
    when `later_path` is empty (the notebook's parameter `later = ""`). The rest is `section`, in the annex."""
    none = _none(b, later_path)
    if none is not None:
        return none
    ctx = ctx or context(b, later_path)
    if not ctx["n_claims"]:
        return HTML(ENV.get_template("later_none.html.j2").render(as_of=b.params.get("as_of")))
    scopes = set(b.claims["scope"]) if "scope" in b.claims.columns else set()
    return HTML(ENV.get_template("later_summary.html.j2").render(
        **ctx, digest=digest(ctx, scopes), figure_number=figures.LATER if ctx["chart"] else 0))


def section(b: Brief, later_path: str, ctx: dict | None = None, drawn: dict[str, bytes] | None = None) -> HTML:
    """The section in full, for the annex: its revisions and comparisons, hindsight table, chart (Figure 2) and every
    later claim in its own words; empty where `summary` says there is nothing to set beside the article.

    `ctx` is `context(b, later_path)` where the caller has it already; `drawn` the charts brief_charts.draw drew."""
    if _none(b, later_path) is not None:
        return HTML("")
    ctx = ctx or context(b, later_path)
    if not ctx["n_claims"]:
        return HTML("")
    body = ENV.get_template("later.html.j2").render(**{**ctx, "chart": _chart(b, ctx, drawn)})
    return annex_part("What later reports said, in full", "Later-reports-in-full", body)
