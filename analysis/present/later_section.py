"""The brief's "What later reports said": in short in the body (who said what later, figure by figure), in full in the
annex (its sentences, hindsight table, timeline chart and claims list).

The words and numbers come from analysis.judgments.hindsight (pure); this module only phrases them and renders
templates/brief/later.html.j2 with autoescape, so ledger text always shows as text.
"""

from __future__ import annotations

import math

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from analysis.present import charts
from analysis.wording import numbers as formatting
from analysis.judgments import hindsight as later
from analysis.present import later_chart
from analysis.ledger import selection
from analysis.wording import sentences as wording
from analysis.uncertainty.derive import QUANTITIES, claimant_order
from analysis.paths import resolve
from analysis.present import figures
from analysis.present.html import ENV, annex_part, figure, refs
from analysis.present.quantities import claim_figure
from analysis.brief.compute import Brief

SHORT = {"killed": "killed", "wounded": "wounded", "casualties": "casualties", "casualty_rate": "casualty rate",
         "deployed": "troops deployed"}
SENTENCE_ORDER = ("killed", "casualties", "wounded", "casualty_rate", "deployed")
PHRASE = {"killed": "{} killed", "wounded": "{} wounded", "casualties": "{} casualties",
          "deployed": "{} troops deployed", "casualty_rate": "a casualty rate of {}"}


def ratio_words(r, open_side: str) -> str:
    """A ratio interval in words: '0.50', '0.83–0.92', 'at most 0.50' (an open bound caps it), 'at least 1.20'."""
    if open_side == "at_most":
        return f"at most {r.high:.2f}"
    if open_side == "at_least":
        return f"at least {r.low:.2f}"
    if f"{r.low:.2f}" == f"{r.high:.2f}":
        return f"{r.low:.2f}"
    return f"{r.low:.2f}–{r.high:.2f}"


def figure_words(value, status: str, ids: tuple[str, ...], metric: str, combined: pd.DataFrame) -> str:
    """A quantity in the brief's words: a stated claim in the words of its bound, an implied one as its interval."""
    if status == "stated":
        return claim_figure(combined.set_index("claim_id").loc[ids[0]])
    return wording.interval(value, QUANTITIES[metric][1])


def sentences(h: pd.DataFrame, near: pd.DataFrame, combined: pd.DataFrame) -> list[Markup]:
    """One sentence per later claimant: its latest figure of the first quantity (killed, casualties, wounded, rate,
    deployed) it shares with the article, each article figure as a ratio of it, and the probability from the draws:
    whose lies nearer where two article claimants compare, else how likely the article's figure is the lower."""
    out = []
    article_side = set(h["article_claimant"])
    order = sorted(dict.fromkeys(h["later_claimant"]), key=lambda c: c not in article_side)  # stable: own revisions first
    for lc in order:
        mine = h[h["later_claimant"] == lc]
        metric = next((m for m in SENTENCE_ORDER if (mine["metric"] == m).any()), None)
        if metric is None:
            continue
        rows = mine[mine["metric"] == metric]
        first = rows.iloc[0]
        verb = "said" if first["later_status"] == "stated" else "implied"
        after = all(not d or (first["later_date"] and selection._start(first["later_date"]) > selection._end(d))
                    for d in rows["article_date"])  # "later" only when it follows every article figure compared
        fig = figure_words(first["later"], first["later_status"], first["later_ids"], metric, combined)
        head = Markup("{}{} {} {} ({}){}").format(lc, " later" if after else "", verb, PHRASE[metric].format(fig),
                                                 first["later_date"] or "undated", refs(first["later_ids"]))
        parts = [Markup("the article’s {} figure ({}{}) is {} of it").format(
            r["article_claimant"], "implied: " if r["article_status"] != "stated" else "",
            figure_words(r["article"], r["article_status"], r["article_ids"], metric, combined),
            ratio_words(r["ratio"], r["open_bound"])) for _, r in rows.iterrows()]
        text = head + Markup(". Against it, ") + Markup("; ").join(parts)
        pair = near[(near["later_claimant"] == lc) & (near["metric"] == metric)]
        if len(pair):
            p = pair.iloc[0]
            winner, prob = (p["first"], p["p_first"]) if p["p_first"] >= 0.5 else (p["second"], 1 - p["p_first"])
            text += Markup("; {}’s figure {} lies nearer under the brief’s readings").format(
                winner, wording.estimative(prob))
        elif len(rows) == 1:
            text += Markup(" (the article’s is {} the lower under the brief’s readings)").format(
                wording.estimative(rows.iloc[0]["p_below"]))
        if after:
            text += Markup(" (the later figure covers a longer period and possibly more deployments)")
        out.append(text + Markup("."))
    return out


def _png_figure(png: bytes, caption: str, alt: str) -> Markup:
    return Markup(figure(png, figures.LATER, "The article’s claims and later reports, by the date each describes",
                         caption, alt + " The later claims table gives every figure.").data)


def _alt(tl: pd.DataFrame) -> str:
    parts = []
    for (metric, claimant), g in tl.groupby(["metric", "claimant"], sort=False):
        pts = ", ".join(f"{formatting.number(r['point'] if pd.notna(r['point']) else r['low'], 'persons')}"
                        f"{'+' if r['bound'] == 'at_least' else ''} ({r['date'] or 'undated'})" for _, r in g.iterrows())
        parts.append(f"{claimant} {SHORT[metric]}: {pts}")
    return "Timeline of claims. " + "; ".join(parts) + "."


def unrelated(b: Brief, later_path: str) -> list[str]:
    """The claims a later ledger revises when none of them is in this brief's ledger: it follows another article."""
    foreign = later.foreign_targets(resolve(later_path))
    return sorted(foreign) if foreign and not foreign & set(b.ledger["claim_id"]) else []


def context(b: Brief, later_path: str) -> dict | None:
    """Everything the section shows, or None when `later_path` is empty."""
    if not later_path:
        return None
    path = resolve(later_path)
    # The brief's ledger may already hold the later claims (the `timeline` scenario reads both files as one).
    article = b.ledger[~b.ledger["claim_id"].isin(later.claim_ids(path))]
    lat = later.load(path, article)
    combined = later.combine(article, lat)
    as_of = b.params.get("as_of") or None
    chosen = list(b.stated)
    art_claims = selection.latest(selection.as_of_filter(article[article["claimant"].isin(chosen)], as_of))
    shown = combined[(combined["source"] == "later") | combined["claimant"].isin(chosen)]
    known = selection.as_of_filter(shown[shown["source"] == "later"], as_of)
    a = b.assumptions
    draws, seed = int(b.params["draws"]), int(b.params["seed"])
    h = later.hindsight(art_claims, shown, a, draws, seed, as_of)
    near = later.nearer(art_claims, shown, a, draws, seed, as_of)
    tl = later.timeline(shown, as_of)
    if "scope" in shown.columns and "scope" not in tl.columns:  # which troops each figure counts: a line joins one
        scope = dict(zip(shown["claim_id"], shown["scope"]))
        tl["scope"] = [scope.get(i.split(" + ")[0], "") for i in tl["claim_id"]]
    outlets = dict(zip(b.sources.get("source_url", []), b.sources.get("outlet", [])))
    art_dates = sorted({d for d in selection.dated(art_claims) if d})
    later_dates = sorted({d for d in selection.dated(known) if d})
    rows, last = [], None
    for _, r in h[h["article_status"] == "stated"].iterrows():
        key = (r["article_claimant"], r["metric"])
        rows.append(dict(
            first=key != last, article_claimant=r["article_claimant"], metric=SHORT[r["metric"]],
            article_figure=figure_words(r["article"], "stated", r["article_ids"], r["metric"], combined),
            article_refs=refs(r["article_ids"]), article_date=r["article_date"], later_claimant=r["later_claimant"],
            later_figure=figure_words(r["later"], r["later_status"], r["later_ids"], r["metric"], combined),
            later_status=r["later_status"], later_refs=refs(r["later_ids"]), later_date=r["later_date"],
            ratio=ratio_words(r["ratio"], r["open_bound"]),
            band="—" if math.isnan(r["p5"]) else f"{r['p5']:.2f}–{r['p95']:.2f}",
            # a bound has no probability of its own: it would rest only on our reading of the bound
            p_below="— (a bound)" if r["open_bound"] else wording.estimative(r["p_below"])))
        last = key
    caveats = list(dict.fromkeys(c for c in h["caveat"] if c))
    if len(caveats) > 2:  # one plain statement instead of one per date
        caveats = [f"The later figures are dated {later_dates[0]} to {later_dates[-1]}"
                   + (f", the article's {', '.join(art_dates)}" if art_dates else ", the article's figures are undated")
                   + ": later figures cover a longer period and may count more deployments, so a lower early "
                   "figure can be right for its date."]
    caveats.append("Claimants count in their own ways: “casualties” may include the missing and captured, and "
                   "“losses” need not mean deaths; each later claim’s notes (data/later-reports.csv) say how it was read.")
    chart = ""
    if len(tl):
        png = charts.png(later_chart.chart(tl, claimant_order(combined)))
        chart = _png_figure(png, "Every dated claim of killed, casualties and troops deployed, on a time axis at "
                            "the date it describes. Filled marker: a figure the source stated; hollow: casualties we "
                            "worked out as killed + wounded; ringed: the article’s claim; a vertical line: a stated "
                            "range; an arrow: an open bound (more than, up to). A claimant’s figures are joined in "
                            "date order only where they count the same troops (one scope), so a line is its "
                            "revisions of one count. The article’s undated claims are dotted levels across each "
                            "panel.", _alt(tl))
    in_claims_table = set(b.claims["claim_id"])  # the timeline scenario lists later claims there already
    claims = [dict(id=r["claim_id"], anchor=r["claim_id"] not in in_claims_table, metric=SHORT[r["metric"]], revises=r["supersedes"], claimant=r["claimant"],
                   spokesperson=r["spokesperson"], figure=claim_figure(r), date=r["as_of"] or r["published"],
                   quote=r["quote"], outlet=outlets.get(r["source_url"], r["source_url"]), url=r["source_url"],
                   published=r["published"], conduit=r["conduit"], scope=r.get("scope", ""),
                   reading=r.get("reading", ""))
              for _, r in known.assign(_d=selection.dated(known).map(selection._start))
              .sort_values("_d", kind="stable").iterrows()]
    return dict(
        article_dates=", ".join(art_dates), n_later=len(known), n_reports=known["source_url"].nunique(),
        span=f"dated {later_dates[0]} to {later_dates[-1]}" if later_dates else "",
        later_claimants=", ".join(dict.fromkeys(known["claimant"])) or "no claimant",
        sentences=sentences(h, near, combined), chart=chart, rows=rows, caveats=caveats, claims=claims,
        tolerance=f"{a.approx_tolerance:.0%}", draws=f"{draws:,}", hindsight=h, nearer=near, timeline=tl,
    )


def view(b: Brief, later_path: str) -> dict | None:
    """`context` for the bottom line and the section, or None when there is no later ledger for this brief."""
    if not later_path or unrelated(b, later_path):
        return None
    return context(b, later_path)


DIGEST_ORDER = ("killed", "wounded", "casualties", "casualty rate", "troops deployed")


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
    if not later_path:
        return HTML("")
    other = unrelated(b, later_path)
    if other:
        return HTML(ENV.from_string(
            '<section class="later" id="later-reports"><h2>What later reports said</h2><p class="note">The later '
            'reports in <code>{{ path }}</code> revise claims of another ledger ({{ ids }}), none of them in this '
            'brief’s, so they are left out. Set the parameter <code>later</code> to a later ledger of this one, or '
            'to an empty string.</p></section>').render(path=later_path, ids=", ".join(other)))
    ctx = ctx or context(b, later_path)
    if not ctx["n_later"]:
        return HTML(ENV.from_string('<section class="later" id="later-reports"><h2>What later reports said</h2>'
                                    '<p class="note">No later report is dated on or before {{ as_of }}.</p></section>')
                    .render(as_of=b.params.get("as_of")))
    scopes = set(b.claims["scope"]) if "scope" in b.claims.columns else set()
    return HTML(ENV.get_template("later_summary.html.j2").render(**ctx, digest=digest(ctx, scopes),
                                                                 figure_number=figures.LATER if ctx["chart"] else 0))


def section(b: Brief, later_path: str, ctx: dict | None = None) -> HTML:
    """The section in full, for the annex: its sentences, hindsight table, chart (Figure 2) and every later claim in
    its own words; empty where `summary` says there is nothing to compare.

    `ctx` is `context(b, later_path)` where the caller has it already (the bottom line uses it too)."""
    if not later_path or unrelated(b, later_path):
        return HTML("")
    shown_above = ctx is not None
    ctx = ctx or context(b, later_path)
    if not ctx["n_later"]:
        return HTML("")
    # the bottom line carries the sentences when the caller passed the context it showed there
    return annex_part("What later reports said, in full", "Later-reports-in-full",
                      ENV.get_template("later.html.j2").render(**ctx, in_bottom_line=shown_above))
