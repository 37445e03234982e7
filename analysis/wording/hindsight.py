"""Every sentence and cell "What later reports said" writes: the comparisons table (the body's), revisions, echoes.

The data come from analysis.judgments.hindsight. Comparisons of figures are arithmetic (lower, higher, the same,
consistent, a ratio), never a probability word. A figure of another scope is never compared: the sentence under the
table names it with its scope. Every sentence or cell that uses a claim keeps its date, its hedge (in the figure's
words) and our reading of its words; an attribution of ours says so; a revision sentence names its relay too ("via
…", the name of its conduit's first link). Its scope, source, whole conduit and grade are said once, in its entry
among the later claims, which its footnote links to. `refs(ids)` (passed in by the presentation) makes the footnote
links.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd
from markupsafe import Markup

from analysis.uncertainty.derive import QUANTITIES
from analysis.wording import sentences as wording

Refs = Callable[[tuple], Markup]
SENTENCE_ORDER = ("killed", "casualties", "wounded", "wounded_per_killed", "casualty_rate", "deployed")
NAMES = {"killed": "killed", "wounded": "wounded", "casualties": "casualties", "casualty_rate": "casualty rate",
         "deployed": "troops deployed", "wounded_per_killed": "wounded per killed"}
PHRASE = {"killed": "{} killed", "wounded": "{} wounded", "casualties": "{} casualties",
          "deployed": "{} troops deployed", "casualty_rate": "a casualty rate of {}",
          "wounded_per_killed": "{} wounded per killed"}
SAME_TIME = "at the same time"  # a later claim dated within the window after the article's latest figure
DIRECTIONS = {"higher": "higher", "lower": "lower", "unchanged": "unchanged", "consistent": "consistent with it",
              "undefined": "not comparable (a ratio over 0)"}
VERDICTS = {"lower": "lower", "higher": "higher", "the same": "the same figure",
            "consistent": "consistent", "undefined": "undefined (a ratio over 0)"}


def relay(conduit: str) -> str:
    """The first link of a conduit, split at the first ';' outside parentheses: 'Lee Seong-kweun (deputy chair,
    National Assembly Intelligence Committee)' of '…; The Korea Herald, relayed by Newsloup'."""
    depth = 0
    for i, ch in enumerate(conduit):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth == 0:
            return conduit[:i].strip()
    return conduit.strip()


def _rows(by_id: pd.DataFrame, ids) -> pd.DataFrame:
    return by_id.loc[[i for i in ids if i in by_id.index]].reset_index()


def possessive(name: str) -> str:
    """'NIS’s', 'Western officials’'."""
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def relay_name(conduit: str, outlet: str = "") -> str:
    """'Lee Seong-kweun': the name of the first link of a conduit (no title, no later links), or '' where there is
    none or it is the outlet the claim was read in (the footnote names that one)."""
    link = relay(conduit or "").split(" (")[0].split(",")[0].strip()
    return link if link and link != outlet.split(" (")[0] else ""


def context(rows: pd.DataFrame, date: str = "", outlets: dict | None = None, full: bool = True) -> list[str]:
    """What a figure's reader must keep beside it: its date, the name of its relay (the outlet the claim was read in
    and the whole conduit are in its entry among the later claims, which its footnote links to), our readings of its
    words, the hedges of an implied figure's claims (a stated figure says its hedge itself), and an attribution of
    ours; not `full`, all but its relay (a figure named again, or in a table cell)."""
    outlets = outlets or {}
    parts = [date or "undated"]
    if full and "conduit" in rows.columns:
        names = (relay_name(c, outlets.get(u, u)) for c, u in zip(rows["conduit"], rows["source_url"]))
        parts += [f"via {n}" for n in dict.fromkeys(names) if n]
    if "reading" in rows.columns:
        parts += [r for r in dict.fromkeys(rows["reading"]) if r]
    if len(rows) > 1:
        parts += [f"hedged “{h}”" for h in wording.hedges(rows)]
    if wording.inferred(rows):
        parts.append("our attribution")
    return parts


def figure(value, status: str, rows: pd.DataFrame, metric: str, marked: bool | str = True) -> str:
    """A figure in the brief's words: a stated claim in the words of its bound and hedge, an implied one as its
    interval: 'implied: 3,000'; '3,000, implied by its figures' (marked 'after'); '3,000' where the sentence says
    it is implied (marked False)."""
    if status == "stated":
        return wording.claim_figure(rows.iloc[0])
    text = wording.interval(value, QUANTITIES[metric][1])
    if marked == "after":
        return f"{text}, implied by its figures"
    return ("implied: " if marked else "") + text


def cite(value, status: str, ids, metric: str, by_id: pd.DataFrame, refs: Refs, date: str = "",
         outlets: dict | None = None, marked: bool | str = True, phrase: str = "{}", full: bool = True) -> Markup:
    """A figure (in `phrase`: '{} killed') with everything kept beside it: 'about 2,000 killed (2025-09-02; via Lee
    Seong-kweun; “war dead” read by us as killed)[refs]' (not `full`: its date and an attribution of ours)."""
    rows = _rows(by_id, ids)
    return Markup("{} ({}){}").format(phrase.format(figure(value, status, rows, metric, marked)),
                                      "; ".join(context(rows, date, outlets, full)), refs(tuple(ids)))


def ratio_words(r, open_side: str = "") -> str:
    """A ratio interval in words: '0.50', '0.83–0.92', 'at most 0.50' (an open bound caps it), 'at least 1.20';
    'unbounded (…)' between two open bounds, 'undefined (…)' over a figure of 0."""
    if math.isnan(r.low) or math.isnan(r.high):
        return "undefined"
    if r.open_low and r.open_high or open_side == "both":
        return "unbounded (both figures are open bounds)"
    if math.isinf(r.low) or (math.isinf(r.high) and not (r.open_high or open_side == "at_least")):
        return "undefined (a ratio over 0)"
    if open_side == "at_most" or (r.open_low and not r.open_high):
        return f"at most {r.high:.2f}"
    if open_side == "at_least" or (r.open_high and not r.open_low):
        return f"at least {r.low:.2f}"
    if f"{r.low:.2f}" == f"{r.high:.2f}":
        return f"{r.low:.2f}"
    return f"{r.low:.2f}–{r.high:.2f}"


def relation(r, open_side: str, verdict: str) -> str:
    """How the article's figure stands to another, as arithmetic, for a cell of the comparisons table: '0.30: lower';
    over a figure of 0, 'higher (a ratio over 0 is undefined)'."""
    words = ratio_words(r, open_side)
    if words.startswith("unbounded"):
        return "no bounded ratio (both figures are open bounds)"
    if words.startswith("undefined"):
        return (f"{VERDICTS[verdict]} (a ratio over 0 is undefined)" if verdict in ("higher", "lower")
                else "no ratio (a ratio over 0 is undefined)")
    if verdict == "consistent" and (r.high < 1 or r.low > 1):  # as stated it misses 1; our tolerance reaches it
        return f"{words}: consistent*"
    return f"{words}: {VERDICTS[verdict]}"


def times(r, compared: str = "figure") -> str:
    """A revision's ratio in words: '2.00 times', '1.36–1.50 times', 'at least 1.33 times', 'at most 1.18 times',
    'a floor 1.20 times the previous'."""
    if math.isnan(r.low) or math.isnan(r.high):
        return "undefined"
    if math.isinf(r.low):
        return "undefined (the previous figure was 0)"
    lo, hi = f"{r.low:.2f}", f"{r.high:.2f}"
    if compared in ("floor", "ceiling"):
        return f"a {compared} {lo} times the previous"
    if math.isinf(r.high) or (r.open_high and not r.open_low):
        return f"at least {lo} times"
    if r.open_low and not r.open_high:
        return f"at most {hi} times"
    return f"{lo} times" if lo == hi else f"{lo}–{hi} times"


def _scope_words(scope: str) -> str:
    return scope or "a scope not recorded"


ECHO_REASONS = {"earlier": "an earlier identical figure from another claimant",
                "same time": "an identical figure from another claimant of about the same date",
                "lineage": "the ledger notes it may derive from the other"}
ECHO_PLURAL = {"earlier": "earlier identical figures from other claimants",
               "same time": "identical figures from other claimants of about the same date",
               "lineage": "the ledger notes it may derive from them"}


def _echo_note(r, echo: pd.DataFrame) -> str:
    """'; the article’s may echo it' or '; it may echo the article’s' where the pair's claims are a possible echo (a
    pair the echo table holds: the comparisons table takes its pairs from it; the reason is in Possible echoes)."""
    if not r["echo"]:
        return ""
    a, b = r["echo"]
    found = echo[((echo["claim_id"] == a) & (echo["echoes"] == b)) | ((echo["claim_id"] == b) & (echo["echoes"] == a))]
    return ("; the article’s may echo it" if found["claim_id"].iloc[0] in r["article_ids"]
            else "; it may echo the article’s")


def _article(r, by_id: pd.DataFrame, metric: str) -> str:
    """The article's figure a column of the comparisons table is set against: 'about 300 (our attribution)', 'at most
    5,500 (implied; hedged “could be”)': what implied it, the hedges an implied figure rests on and our attribution,
    kept wherever the figure is used (a stated figure says its hedge in its own words)."""
    rows = _rows(by_id, r["article_ids"])
    hedged = ", ".join(f"“{h}”" for h in wording.hedges(rows))
    notes = [] if r["article_status"] == "stated" else ["implied"] + ([f"hedged {hedged}"] if hedged else [])
    if wording.inferred(rows):
        notes.append("our attribution")
    text = figure(r["article"], r["article_status"], rows, metric, marked=False)
    return f"{text} ({'; '.join(notes)})" if notes else text


CLAIMS_HEADING = "The later claims, each in its own words"
COMPARISON_CAPTION = ("The article’s figures against later figures of the same count: the article’s figure ÷ the "
                      "later one")


COMPARISON_KEY = ("Each cell: the article’s figure ÷ the later one, as stated — lower, higher or consistent "
                  "(consistent*: only by our tolerance on “about”); how the ratios are worked out is in the annex.")


def when(group: str) -> str:
    """'at the same time' for a later claim of the hindsight group 'same_time', else '' (a later one is the rule)."""
    return SAME_TIME if group == "same_time" else ""


def comparison_note(tolerance: str, draws: str) -> Markup:
    """How the comparisons table (in the body) is worked out and read: its ratios, verdicts, picks and marks."""
    return Markup(
        "The comparisons table’s ratios: the article’s figure ÷ the other claimant’s of the same quantity and scope, "
        "by interval arithmetic on the figures as stated (“at most” where an open bound — “up to”, “more than” — caps "
        "the ratio, “at least” where it floors it): lower or higher where the whole ratio, each “about” read as "
        "±{tol}, lies below or above 1; consistent where it spans 1 (consistent*: as stated it misses 1, and only our "
        "tolerance on “about” reaches it); “nearer”: of the article’s figures, the one whose ratio as stated lies "
        "nearer 1; “may echo”: see below. Of each claimant’s like-for-like figures the table uses the one nearest the "
        "article’s in date and the latest; <em>implied</em> figures as in <em>Method</em>. Each ratio’s band under the "
        "brief’s readings ({draws} seeded draws) is in results.json (<code>hindsight</code>)."
    ).format(tol=tolerance, draws=draws)


def comparison_table(table: pd.DataFrame, near: pd.DataFrame, echo: pd.DataFrame, by_id: pd.DataFrame,
                     refs: Refs) -> dict:
    """The comparisons of the article's figures with other claimants' of the same quantity and scope, as a table:
    {'columns': the article's claimants, 'groups': [{'name': 'casualties', 'article': [the article's figure per
    column, or ''], 'rows': [{'later': the later figure with its date, hedges, our reading of its words and footnote
    (its relay is in its entry among the later claims, which the footnote links to), 'when': `when` of its group,
    'cells': [the ratio and its verdict per column, or '']}]}], 'unlike': the sentence naming the figures of another
    scope, which are not compared, or ''}. Quantities in SENTENCE_ORDER; in each, the figures in the table's order
    (the same time first, then by date)."""
    like = table[table["like"]]
    columns = list(dict.fromkeys(like["article_claimant"]))
    groups = []
    for metric in SENTENCE_ORDER:
        mine = like[like["metric"] == metric]
        if not len(mine):
            continue
        article = ["" for _ in columns]
        for _, r in mine.drop_duplicates("article_claimant").iterrows():
            article[columns.index(r["article_claimant"])] = _article(r, by_id, metric)
        rows = []
        for ids in dict.fromkeys(mine["later_ids"]):
            against = mine[mine["later_ids"] == ids]
            first = against.iloc[0]
            pair = near[(near["later_ids"] == ids) & (near["metric"] == metric)]
            cells = ["" for _ in columns]
            for _, r in against.iterrows():
                nearer = "; nearer" if len(pair) and pair.iloc[0]["nearer"] == r["article_claimant"] else ""
                cells[columns.index(r["article_claimant"])] = (relation(r["ratio"], r["open_bound"], r["verdict"])
                                                               + nearer + _echo_note(r, echo))
            who = wording.actor(_rows(by_id, ids))
            later = cite(first["later"], first["later_status"], ids, metric, by_id, refs, first["later_date"],
                         marked="after", full=False)  # (a stated figure is in its claim's words)
            rows.append(dict(later=Markup("{}: {}").format(who, later), cells=cells, when=when(first["group"])))
        groups.append(dict(name=NAMES[metric], heading=f"{wording.capital(NAMES[metric])}: the article’s",
                           article=article, rows=rows))
    return dict(columns=columns, groups=groups, unlike=unlike(table, by_id, refs))


def unlike(table: pd.DataFrame, by_id: pd.DataFrame, refs: Refs) -> Markup:
    """The sentence on the other claimants' figures that count another scope than the article's: not compared, each
    claimant's stated figures (its implied ones only where it states none) with their date and footnote, by scope;
    '' where there is none."""
    other = table[~table["like"]]
    if not len(other):
        return Markup("")
    other = other.drop_duplicates(["later_ids", "metric"])
    parts = []
    for (claimant, scope), g in other.groupby(["later_claimant", "later_scope"], sort=False):
        shown = g[g["later_status"] == "stated"] if (g["later_status"] == "stated").any() else g
        said = [cite(r["later"], r["later_status"], r["later_ids"], r["metric"], by_id, refs, r["later_date"],
                     phrase=PHRASE[r["metric"]], full=False) for _, r in shown.iterrows()]
        parts.append(Markup("{} ({}): {}").format(claimant, _scope_words(scope), Markup(", ").join(said)))
    article = wording.and_list([_scope_words(s) for s in dict.fromkeys(other["article_scope"])])
    return Markup("Not compared, as they count another scope than the article’s ({}), so the difference may be one of "
                  "scope, not of fact: {}.").format(article, Markup("; ").join(parts))


def revision_sentence(steps: pd.DataFrame, by_id: pd.DataFrame, refs: Refs, outlets: dict | None = None) -> Markup:
    """One claimant's own figures of one quantity over time (rows of the revisions table, in order): 'NIS’s killed
    figures: about 300 (…); then about 600 (…), 2.00 times the previous figure: higher.' A figure of another scope
    than the one before it counts other troops or another period: it is not a revision, and no ratio is given."""
    first = steps.iloc[0]
    metric, claimant = first["metric"], first["claimant"]
    points, before = [], first["scope"]
    for _, r in steps.iterrows():
        c = cite(r["value"], r["status"], r["ids"], metric, by_id, refs, r["date"], outlets, "after")
        if r["step"] == 0:
            points.append(c)
        elif r["scope_changed"]:
            points.append(Markup("then {}, a count of {}, not {}: not a revision, so not compared").format(
                c, _scope_words(r["scope"]), _scope_words(before)))
        else:
            t = times(r["ratio"], r["compared"])
            t = t if "previous" in t else f"{t} the previous figure"
            points.append(Markup("then {}, {}: {}").format(c, t, DIRECTIONS[r["direction"]]))
        before = r["scope"]
    return Markup("{} {} figures: ").format(possessive(claimant), NAMES[metric]) + Markup("; ").join(points) \
        + Markup(".")


def revision_sentences(revisions: pd.DataFrame, by_id: pd.DataFrame, refs: Refs, outlets: dict | None = None
                       ) -> list[Markup]:
    """Each claimant's own figures of one quantity over time, quantity by quantity (SENTENCE_ORDER), where at least one
    of its steps keeps the scope of the figure before it (a revision); then, in one sentence per claimant, date and
    pair of scopes, the quantities whose every later figure counts another scope: not revisions, so not compared."""
    order = revisions.assign(_m=revisions["metric"].map(SENTENCE_ORDER.index)).sort_values("_m", kind="stable")
    out, other = [], {}
    for _, steps in order.groupby(["_m", "claimant"], sort=False):
        later = steps[steps["step"] > 0]
        if (~later["scope_changed"]).any():
            out.append(revision_sentence(steps, by_id, refs, outlets))
            continue
        before = steps["scope"].iloc[0]
        for _, r in later.iterrows():
            key = (r["claimant"], r["date"], r["scope"], before)
            other.setdefault(key, []).append(r)
            before = r["scope"]
    for (claimant, date, scope, before), rows in other.items():
        names = list(dict.fromkeys(NAMES[r["metric"]] for r in rows))
        what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        ids = tuple(dict.fromkeys(i for r in rows for i in r["ids"]))
        out.append(Markup("{} {} figures of {} count {}, not {}: not revisions of its earlier figures, so not "
                          "compared{}.").format(possessive(claimant), what, date or "no date", _scope_words(scope),
                                                 _scope_words(before), refs(ids)))
    return out


def echo_sentences(echo: pd.DataFrame, combined: pd.DataFrame, refs: Refs) -> list[Markup]:
    """One sentence per claim that may echo another claimant's figure, with the reason for each (each figure with its
    date and our reading of its words; its relay is in its entry among the later claims, which its footnote links
    to)."""
    by_id = combined.set_index("claim_id")
    dates = dict(zip(combined["claim_id"], combined["as_of"].where(combined["as_of"] != "", combined["published"])))
    out = []
    for claim_id in dict.fromkeys(echo["claim_id"]):
        mine = echo[echo["claim_id"] == claim_id]
        row = by_id.loc[claim_id]

        def said(i, phrase="{}"):
            r = by_id.loc[i]
            return cite(None, "stated", (i,), r["metric"], by_id, refs, dates[i], phrase=phrase, full=False)

        clauses = []
        for kind, g in mine.groupby("kind", sort=False):
            others = Markup(" and ").join(Markup("{} {}").format(possessive(r["echoes_claimant"]),
                                                                 said(r["echoes"]))
                                          for _, r in g.iterrows())
            reason = ECHO_REASONS[kind] if len(g) == 1 else ECHO_PLURAL[kind]
            clauses.append(Markup("{} ({})").format(others, reason))
        out.append(Markup("{} {} may echo {}.").format(
            possessive(row["claimant"]), said(claim_id, PHRASE[row["metric"]]),
            Markup("; and ").join(clauses)))
    return out


# The later chart (analysis.present.later_chart) as the brief titles and captions it.
CHART_TITLE = "The article’s claims and later reports, by the date each describes"
CHART_CAPTION = ("Every dated claim of killed, casualties and troops deployed, at the date it describes. Filled "
                 "marker: stated; hollow: casualties we worked out as killed + wounded; ringed: the article’s claim; "
                 "vertical line: a stated range; arrow: an open bound (more than, up to). A claimant’s figures are "
                 "joined only where they count the same troops (one scope). The article’s undated claims are dotted "
                 "levels.")


def caveats(later: bool) -> list[str]:
    """The section's caveats: what a later date allows (where a later like-for-like figure is compared), and how
    claimants count."""
    out = []
    if later:
        out.append("A later figure may count losses up to its own, later date: where it is higher, the article’s "
                   "figure may still have been right for the date it describes; where it is lower, one of the two "
                   "counts was revised down.")
    out.append("Claimants count in their own ways: “casualties” may include the missing and captured, and "
               "“losses” need not mean deaths; each later claim’s notes (the later ledger) say how it was read, and where the "
               "metric is our reading, the brief says so beside it.")
    return out

