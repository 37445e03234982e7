"""The brief's "What later reports said": in short in the body (who said what later, figure by figure), in full in the
annex (its revisions, comparisons and echoes, the timeline chart and the later claims table).

It renders the brief's `later` (what analysis.brief.compute made with analysis.judgments.hindsight): it reads no file
and runs no analysis. The words come from analysis.wording.hindsight; templates/brief/later*.html.j2 are rendered
with autoescape, so ledger text always shows as text.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from analysis.present import brief_charts, figures
from analysis.wording import numbers as formatting
from analysis.judgments import hindsight as later
from analysis.ledger import selection
from analysis.wording import figures as figure_words
from analysis.wording import hindsight as words
from analysis.wording import grades as grade_wording
from analysis.ledger.grades import grade_of
from analysis.present.html import ENV, annex_part, figure, refs
from analysis.present.quantities import claim_figure
from analysis.brief.compute import Brief, Later
from analysis.errors import BriefError

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


def _later(b: Brief, later_path: str) -> Later | None:
    """The later reports compute made with this brief for `later_path` (the notebook's `later`): None where it is
    empty or its ledger has no rows yet. Presentation reads no file and runs no analysis, so a brief computed with
    another later ledger is an error, not a second computation."""
    if not later_path or b.later is None:
        return None
    if b.later.path != later_path:
        raise BriefError(f"this brief was computed with later = '{b.later.path}', not '{later_path}': compute it "
                         f"with later = '{later_path}' to show that ledger")
    return b.later


def context(b: Brief, later_path: str) -> dict | None:
    """Everything the section shows, or None when `later_path` is empty, its ledger has no rows or follows another
    article."""
    found = _later(b, later_path)
    return present(b, found.hindsight) if found is not None and found.hindsight is not None else None


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
    compared = words.comparison_table(h.comparisons, h.nearer, h.echoes, by_id, refs)
    later_like = h.comparisons[(h.comparisons["group"] == "later") & h.comparisons["like"]]
    caveats = words.caveats(later=len(later_like) > 0)
    in_claims_table = set(b.claims["claim_id"])  # the timeline scenario lists later claims there already
    order = known.assign(_d=known_dates.map(selection._start), _g=groups).sort_values("_d", kind="stable")
    scope_of = dict(zip(combined["claim_id"], combined.get("scope", pd.Series("", index=combined.index)).fillna("")))
    claims = [dict(id=r["claim_id"], anchor=r["claim_id"] not in in_claims_table, metric=SHORT[r["metric"]],
                   revises=r["supersedes"], claimant=r["claimant"], spokesperson=r["spokesperson"],
                   # the ledger's link to an earlier claim of another scope: a later count, not a revision of it
                   other_scope=bool(r["supersedes"]) and scope_of.get(r["supersedes"], "") != r.get("scope", ""),
                   figure=claim_figure(r), date=r["as_of"] or r["published"], quote=r["quote"],
                   outlet=outlets.get(r["source_url"], r["source_url"]), url=r["source_url"],
                   published=r["published"], conduit=r["conduit"], scope=r.get("scope", ""),
                   reading=r.get("reading", ""), when=words.when(r["_g"]),
                   grade=grade_wording.grade_code(grade_of(r, b.sources)) or "not graded")
              for _, r in order.iterrows()]
    n_same = int((groups == "same_time").sum())
    dated_by_us = "dated_by" in h.article_claims.columns and bool((h.article_claims["dated_by"] != "").any())
    return dict(
        dated_by_us=dated_by_us, article_dates=", ".join(art_dates), n_claims=len(known), n_same=n_same, n_later=len(known) - n_same,
        until=h.until, n_reports=known["source_url"].nunique(),
        span=f"dated {later_dates[0]} to {later_dates[-1]}" if later_dates else "",
        later_claimants=", ".join(dict.fromkeys(known["claimant"])) or "no claimant",
        revisions=revised,
        compared=compared, compared_caption=words.COMPARISON_CAPTION, compared_key=words.COMPARISON_KEY,
        compared_note=words.comparison_note(f"{a.approx_tolerance:.0%}", f"{int(b.params['draws']):,}"),
        claims_heading=words.CLAIMS_HEADING,
        echoes=words.echo_sentences(h.echoes, combined, refs),
        chart=len(h.timeline) > 0, chart_alt=_alt(h.timeline) if len(h.timeline) else "",
        caveats=caveats, claims=claims,
        grade_key=grade_wording.grade_key(grade_wording.grades_used(known, b.sources)),
        window=later.SAME_TIME_DAYS,
        hindsight=h,
    )


def view(b: Brief, later_path: str) -> dict | None:
    """`context` for the bottom line and the section, or None when there is no later claim to show."""
    found = _later(b, later_path)
    return context(b, later_path) if found is not None and found.shown else None


def _chart(b: Brief, ctx: dict, drawn: dict[str, bytes] | None) -> Markup:
    """The later chart (Figure 2), drawn by brief_charts with the brief's other charts."""
    if not ctx["chart"]:
        return Markup("")
    return Markup(figure(brief_charts.drawn(b, "later", drawn), figures.LATER, words.CHART_TITLE, words.CHART_CAPTION,
                         ctx["chart_alt"]).data)


def _none(b: Brief, later_path: str) -> HTML | None:
    """The short note that stands for the section where there is nothing to set beside the article, or None."""
    found = _later(b, later_path)
    if found is None:
        return HTML("")
    if found.unrelated:
        return HTML(ENV.get_template("later_none.html.j2").render(path=later_path, ids=", ".join(found.unrelated)))
    return None


def summary(b: Brief, later_path: str, ctx: dict | None = None) -> HTML:
    """The section in short, for the body: what the later reports are, and the article's figures against the later
    figures of the same count (the comparisons table; the figures of another scope named below it); empty
    when `later_path` is empty (the notebook's parameter `later = ""`). The rest is `section`, in the annex."""
    none = _none(b, later_path)
    if none is not None:
        return none
    ctx = ctx or context(b, later_path)
    if not ctx["n_claims"]:
        return HTML(ENV.get_template("later_none.html.j2").render(as_of=b.params.get("as_of")))
    return HTML(ENV.get_template("later_summary.html.j2").render(
        **ctx, figure_number=figures.LATER if ctx["chart"] else 0))


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
