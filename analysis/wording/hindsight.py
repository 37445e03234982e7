"""What later reports said, in words: the figures, ratios, sentences, caveats and notes of "What later reports said"
(the data: analysis.judgments.hindsight; the markup: analysis.present.later_section).

A later figure is set beside the article's as arithmetic (a ratio, 'at most' where an open bound caps it); a
probability is said in ICD 203's words with its number, and a later date never makes the earlier figure wrong.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from markupsafe import Markup

from analysis.ledger import selection
from analysis.uncertainty.derive import QUANTITIES
from analysis.wording import numbers
from analysis.wording import sentences as words

Refs = Callable[[tuple], Markup]  # claim ids to their footnote markers (analysis.present.sections.refs)

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
        return words.claim_figure(combined.set_index("claim_id").loc[ids[0]])
    return words.bounded(value, QUANTITIES[metric][1])


def chance_lower(open_bound: str, p: float) -> str:
    """How likely the article's figure is the lower, from the draws; a bound has no probability of its own (it would
    rest only on our reading of the bound)."""
    return "— (a bound)" if open_bound else words.estimative(p)


def sentences(h: pd.DataFrame, near: pd.DataFrame, combined: pd.DataFrame, refs: Refs) -> list[Markup]:
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
                winner, words.estimative(prob))
        elif len(rows) == 1:
            text += Markup(" (the article’s is {} the lower under the brief’s readings)").format(
                words.estimative(rows.iloc[0]["p_below"]))
        if after:
            text += Markup(" (the later figure covers a longer period and possibly more deployments)")
        out.append(text + Markup("."))
    return out


def timing_caveat(timing: str, article_date: str, later_date: str) -> str:
    """Why a later figure may differ without the earlier one being wrong (analysis.judgments.hindsight.timing)."""
    if timing == "undated":
        return (f"The article's figure is undated and the later one is of {later_date}: the later figure may cover "
                "a longer period and more deployments, so a lower early figure can be right for its date.")
    if timing == "after":
        return (f"The later figure ({later_date}) comes after the article's ({article_date}): it covers a longer "
                "period and possibly more deployments, so a lower early figure can be right for its date.")
    return ""


def caveats(h: pd.DataFrame, article_dates: list[str], later_dates: list[str]) -> list[str]:
    """The section's caveats: each comparison's timing, or one statement of the dates where there are more than
    two, then how claimants count."""
    out = list(dict.fromkeys(c for c in (timing_caveat(t, a, b) for t, a, b in
                                         zip(h["timing"], h["article_date"], h["later_date"])) if c))
    if len(out) > 2:  # one plain statement instead of one per date
        out = [f"The later figures are dated {later_dates[0]} to {later_dates[-1]}"
               + (f", the article's {', '.join(article_dates)}" if article_dates
                  else ", the article's figures are undated")
               + ": later figures cover a longer period and may count more deployments, so a lower early "
               "figure can be right for its date."]
    out.append("Claimants count in their own ways: “casualties” may include the missing and captured, and "
               "“losses” need not mean deaths; each later claim’s notes (data/later-reports.csv) say how it was read.")
    return out


def unrelated_note(path: str, ids: tuple[str, ...]) -> Markup:
    """Why a later ledger of another article is left out, and what to set instead."""
    return Markup("The later reports in <code>{}</code> revise claims of another ledger ({}), none of them in this "
                  "brief’s, so they are left out. Set the parameter <code>later</code> to a later ledger of this one, "
                  "or to an empty string.").format(path, ", ".join(ids))


def none_known_note(as_of: str) -> str:
    """No later report yet on the brief's date."""
    return f"No later report is dated on or before {as_of}."


def chart_figure(r, by_id: pd.DataFrame) -> str:
    """A point of the later reports' chart in the source's words; an implied sum in the words of the claims it adds."""
    if r["status"] != "implied":
        return words.claim_figure(by_id.loc[r["claim_id"]])
    parts = [by_id.loc[i] for i in r["claim_id"].split(" + ")]
    return "implied: " + " + ".join(f"{words.claim_figure(c)} {c['metric']}" for c in parts)


def chart_alt(tl: pd.DataFrame) -> str:
    """The later reports' chart in words: each claimant's points per metric, with their dates."""
    parts = []
    for (metric, claimant), g in tl.groupby(["metric", "claimant"], sort=False):
        pts = ", ".join(f"{numbers.number(r['point'] if pd.notna(r['point']) else r['low'], 'persons')}"
                        f"{'+' if r['bound'] == 'at_least' else ''} ({r['date'] or 'undated'})" for _, r in g.iterrows())
        parts.append(f"{claimant} {SHORT[metric]}: {pts}")
    return "Timeline of claims. " + "; ".join(parts) + ". The table above the chart gives the same figures."
