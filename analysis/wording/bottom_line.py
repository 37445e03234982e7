"""The bottom line in words: each judgment of analysis.judgments.engine as one item, its heading, its sentence in
parts (text, then the claim ids its footnote cites) and its confidence with the reason.

Comparisons are said as arithmetic (higher, lower, consistent, a ratio); the judgment itself ("looks low") carries
an ICD 203 confidence level, never a probability set by our reading of a bound. A hedge stays with its figure,
an attribution of ours is marked, a word we read is said as our reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from analysis.ledger import selection
from analysis.uncertainty.derive import QUANTITIES
from analysis.wording import numbers
from analysis.wording import sentences as words

MAX_WORDS = 150     # the bottom line at most, footnotes not counted; items past it are left to the body
SHOWN_EVIDENCE = 2   # later figures named in one item; the rest are counted
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOUN = {"deployed": "troops deployed", "killed": "killed", "wounded": "wounded", "casualties": "casualties",
        "casualty_rate": "casualty rate", "wounded_per_killed": "wounded per killed",
        "killed_share_casualties": "killed as a share of casualties", "killed_share_force": "killed as a share of "
        "the force"}


@dataclass(frozen=True)
class Item:
    """One bottom-line item: heading, parts [(text, claim ids)], confidence level and its reason."""

    key: str
    heading: str
    parts: tuple
    confidence: str
    reason: str

    def text(self) -> str:
        """The item as plain text (no footnotes): for counting words and for results.json."""
        said = "".join(t for t, _ in self.parts)
        return said + f" {self.confidence.capitalize()} confidence: {self.reason}." if self.confidence else said


def month(date: str) -> str:
    """'Apr 2025' for 2025-04-30, '2025' for a year alone, '' for no date."""
    if len(date) >= 7:
        return f"{MONTHS[int(date[5:7]) - 1]} {date[:4]}"
    return date


def possessive(name: str) -> str:
    """'NIS’s', 'UK MoD’s', but 'Western officials’', 'Gamma Officials’': a name ending in a lower-case s (a plural,
    not an acronym such as NIS) takes the apostrophe alone."""
    return f"{name}’" if name.endswith("s") and not name.endswith("ss") else f"{name}’s"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _who(rows: pd.DataFrame, owner: bool = False) -> str:
    """Who made these claims ('Seth Jones (CSIS)'), possessive with `owner`, marked where the attribution is ours."""
    name = words.actor(rows)
    name = possessive(name) if owner else name
    return f"{name} (our attribution)" if words.inferred(rows) else name


def _borrowed(rows: pd.DataFrame, claimant: str) -> str:
    """Where a figure of `claimant` rests on another claimant's claims (borrowed), the words that say so: 'A’s
    troops deployed borrowed'. The figure itself is named from the claimant's own claims."""
    lent = rows[rows["claimant"] != claimant]
    return "; ".join(f"{_who(lent[lent['metric'] == m], owner=True)} {NOUN[m]} borrowed"
                     for m in dict.fromkeys(lent["metric"]))


def _figure(row, date: str = "") -> str:
    """A claim's figure in its own words, hedge kept, with its month and our reading of its word where we read one:
    'about 2,000 (Sep 2025; “war dead” read by us as killed)'."""
    notes = [x for x in (month(date), row.get("reading")) if x]
    text = words.claim_figure(row)
    return f"{text} ({'; '.join(notes)})" if notes else text


def _judged(j, claims: pd.DataFrame, figures: dict) -> tuple[str, tuple]:
    """The judged figure: 'NIS’s about 300 killed (Jan 2025)', or for an implied one 'the about 3,000 casualties
    NIS’s figures imply'."""
    rows = claims[claims["claim_id"].isin(j.claim_ids)]
    date = month(max((d for d in selection.dated(rows) if d), default=""))
    owner = _who(rows[rows["claimant"] == j.subject], owner=True)  # a figure wholly borrowed is not judged
    notes = "; ".join(x for x in (date, _borrowed(rows, j.subject)) if x)
    when = f" ({notes})" if notes else ""
    unit = QUANTITIES[j.quantity][1]
    if j.status == "stated":  # one claim
        return f"{owner} {_figure(rows.iloc[0])} {NOUN[j.quantity]}{when}", tuple(rows["claim_id"])
    value = figures[j.subject][j.quantity].value
    return (f"{owner} implied {words.interval(value, unit)} {NOUN[j.quantity]}{when}", tuple(rows["claim_id"]))


def _evidence_list(ev, rows_by_id: dict) -> list[tuple[str, tuple]]:
    """The first SHOWN_EVIDENCE figures, one claimant's together: 'NIS about 600 (Apr 2025) and about 2,000 (Sep
    2025)'; the rest counted."""
    out, last = [], None
    for e in ev[:SHOWN_EVIDENCE]:
        row = rows_by_id[e.claim_id]
        who = _who(pd.DataFrame([row]))
        lead = " and " if who == last else ("; " if out else "") + f"{who} "
        out.append((f"{lead}{_figure(row, e.date)}", (e.claim_id,)))
        last = who
    if len(ev) > SHOWN_EVIDENCE:
        out.append((f"; {len(ev) - SHOWN_EVIDENCE} more", ()))
    return out


def _joined(parts: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    """Parts joined with '; ' between them (each keeps its own footnote)."""
    out = []
    for k, (t, ids) in enumerate(parts):
        out.append(((("; " if k else "") + t), ids))
    return out


def _scope_words(scopes: set) -> str:
    return " and ".join(sorted(s for s in scopes if s))


def hindsight(j, claims, later, figures) -> tuple[str, list]:
    rows_by_id = {r["claim_id"]: r for _, r in later.iterrows()}  # the evidence: the later ledger's own rows
    judged, ids = _judged(j, claims, figures)
    later_ev = [e for e in j.evidence if e.when == "later"]  # like and wider below: never another scope
    same_time = [e for e in j.evidence if e.when == "same_time" and e.relation != "other"]
    like = [e for e in later_ev if e.relation in ("like", "unknown")]
    wider = [e for e in later_ev if e.relation == "wider"]
    verdicts = {"low": ("looks low", "every later figure for the same count is higher"),
                "high": ("looks high", "every later figure for the same count is lower"),
                "borne_out": ("is borne out", "later figures for the same count are consistent with it"),
                "mixed": ("is neither confirmed nor refuted", "later figures for the same count differ"),
                "wider_higher": ("looks low", "every later figure is higher, though each counts more ("
                                 + _scope_words({e.scope for e in wider}) + ")"),
                "wider_lower": ("looks high", "every later figure is lower, although each counts more ("
                                + _scope_words({e.scope for e in wider}) + ")"),
                "bound_holds": ("is a bound later figures do not breach", "a bound tests little")}
    verb, why = verdicts[j.verdict]
    heading = NOUN[j.quantity].capitalize()
    shown = wider if j.verdict in ("wider_higher", "wider_lower") else like
    parts = [(words.capital(judged), ids), (f" {verb}: {why}", ())]
    if shown:
        parts.append((": ", ()))
        parts += _evidence_list(shown, rows_by_id)
    if same_time:
        parts.append((". At the same time: ", ()))
        parts += _evidence_list(same_time, rows_by_id)
    parts.append((".", ()))
    return heading, parts


def between(j, merged: list, claims, figures) -> tuple[str, list]:
    q = j.quantity
    unit = QUANTITIES[q][1]
    if j.verdict in ("disagree", "tension"):
        hi, lo = (j.higher, j.lower) if j.higher else j.claimants
        parts = []
        for c in (hi, lo):
            rows = claims[claims["claim_id"].isin(figures[c][q].claim_ids)]
            own = rows[rows["claimant"] == c]
            if figures[c][q].status == "stated":  # one claim
                parts.append((f"{_who(own)}: {_figure(own.iloc[0])}", tuple(rows["claim_id"])))
            else:  # implied from its own claims, or borrowed: wholly (no claim of its own), or in part
                how = "; ".join(x for x in ("implied" if len(own) else "", _borrowed(rows, c)) if x)
                name = _who(own) if len(own) else c
                parts.append((f"{name}: {words.interval(figures[c][q].value, unit)} ({how})", tuple(rows["claim_id"])))
        heading = f"{NOUN[q].capitalize()}, between claimants"
        text = _joined(parts)
        if j.verdict == "disagree" and not math.isnan(j.factor) and not math.isinf(j.factor):
            text.append((f": at least {math.floor(j.factor * 10) / 10:.1f} times apart", ()))
        elif j.verdict == "disagree":
            text.append((": they cannot both be true", ()))
        if j.outside:  # a tension: whose point lies outside whose range
            text.append((f": the ranges overlap, but {possessive(j.outside)} figure lies outside {possessive(j.inside)}"
                         " range", ()))
        for m in merged:
            mq = m.quantity
            sides = "; ".join(f"{c} {words.interval(replace(figures[c][mq].value, point=None), QUANTITIES[mq][1])}"
                              for c in m.claimants)
            text.append((f"; the {NOUN[mq]} they imply differ for the same reason ({sides})", ()))
        if j.reading:
            hedged = " and ".join(f"“{h}”" for h in j.reading)
            read = "is read as an estimate rather than an upper end" if len(j.reading) == 1 else \
                "are read as estimates rather than upper ends"
            text.append((f", but only if {hedged} {read} ({j.grid_holds} of {j.grid_cells} of our readings)", ()))
        elif j.grid_cells and j.grid_holds < j.grid_cells:
            text.append((f" (in {j.grid_holds} of {j.grid_cells} of our readings)", ()))
        text.append((".", ()))
        text[0] = (words.capital(text[0][0]), text[0][1])
        return heading, text
    bound = f", though {j.bound_of}’s is a bound, which tests little" if j.verdict == "bound" else ""
    return (NOUN[q].capitalize(),
            [(f"{' and '.join(j.claimants)} give consistent {NOUN[q]}{bound}.", j.claim_ids)])


def reason(j) -> str:
    """Why the confidence is what it is, in a few words."""
    b = j.basis
    bits = [f"{plural(b['independent'], 'independent source')}" + (" agree" if b["agree"] and
                                                                   b["independent"] > 1 else "")]
    grades = sorted(set(b.get("grades", {}).values()))
    if grades:
        bits.append(f"graded {grades[0]}" if len(grades) == 1 else f"graded {grades[0]} to {grades[-1]}")
    if b.get("rests_on_reading"):
        bits.append("rests on our reading of a hedge" if j.reading else "fails under some of our readings")
    if b.get("wider_only"):
        bits.append("the later figures count more")
    if not b["agree"] and j.kind == "hindsight":
        bits.append("the later figures do not all agree")
    return "; ".join(bits)


def items(chosen: list, every: list, claims: pd.DataFrame, later: pd.DataFrame | None, figures: dict) -> list[Item]:
    """The bottom line's items: `chosen` (analysis.judgments.engine.bottom_line) of `every` judgment."""
    out, said = [], set()
    for j in chosen:
        if j.kind == "hindsight":
            heading, parts = hindsight(j, claims, later, figures)
        else:
            if j.disputed and ("between", j.quantity) in said:
                continue  # one item per quantity: the first pair, the others counted in it
            said.add(("between", j.quantity))
            merged = [m for m in every if m.merged_into == j.key]
            heading, parts = between(j, merged, claims, figures)
            others = [o for o in chosen if o is not j and o.kind == "between" and o.quantity == j.quantity
                      and o.disputed]
            if others:
                parts = parts[:-1] + [(f"; {plural(len(others), 'other pair')} of claimants "
                                       f"{'differs' if len(others) == 1 else 'differ'} too (annex)", ()), (".", ())]
        item = Item(j.key, heading, tuple(parts), j.confidence, reason(j))
        if out and word_count(out + [item]) > MAX_WORDS:
            continue
        out.append(item)
    return _also_disputed(out, chosen)


def _also_disputed(out: list[Item], chosen: list) -> list[Item]:
    """Where the word budget left out a disputed comparison between claimants, one short last item names its
    quantities (the annex words each one), so that no dispute the brief found is missing from the bottom line."""
    shown = {i.key for i in out}
    missing = list(dict.fromkeys(NOUN[j.quantity] for j in chosen if j.kind == "between" and j.disputed
                                 and j.key not in shown and not any(
                                     k.startswith(f"between:{j.quantity}:") for k in shown)))
    if not missing:
        return out
    names = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
    also = Item("also", "Also disputed", ((f"The claimants’ figures for {names} differ too; the annex compares "
                                           "them.", ()),), "", "")
    if len(out) > 1 and word_count(out + [also]) > MAX_WORDS:
        return _also_disputed(out[:-1], chosen)  # the last item makes room, and its quantity joins the list
    return out + [also]


def comparisons(judgments: list) -> str:
    """What the comparisons between claimants found, counted: '6 comparisons between claimants: 2 disagree, 4 are
    consistent (3 only against a bound); the 2 disagreements are 1 (wounded per killed follows from the killed
    figures).'"""
    between = [j for j in judgments if j.kind == "between"]
    if not between:
        return ""
    counts = {v: sum(j.verdict == v for j in between) for v in ("disagree", "tension", "consistent", "bound")}
    parts = []
    if counts["disagree"]:
        parts.append(f"{counts['disagree']} disagree{'s' if counts['disagree'] == 1 else ''}")
    if counts["tension"]:
        parts.append(f"{counts['tension']} overlap{'s' if counts['tension'] == 1 else ''} only in part")
    agree = counts["consistent"] + counts["bound"]
    if agree:
        bound = f" ({counts['bound']} only against a bound)" if counts["bound"] else ""
        parts.append(f"{agree} {'is' if agree == 1 else 'are'} consistent{bound}")
    text = f"{plural(len(between), 'comparison')} between claimants: {', '.join(parts)}"
    merged = [j for j in between if j.merged_into]
    if merged:
        disputed = [j for j in between if j.disputed]
        own = len(disputed) - len(merged)
        follows = "; ".join(f"{NOUN[j.quantity]} follows from the {NOUN[j.merged_into.split(':')[1]]} figures"
                            for j in merged)
        text += f"; the {len(disputed)} disputes are {own} ({follows})"
    return text + "."


def word_count(items_: list[Item]) -> int:
    return sum(len((i.heading + ". " + i.text()).split()) for i in items_)


__all__ = ["Item", "items", "word_count", "month", "possessive", "numbers"]
