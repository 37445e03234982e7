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

from analysis.judgments import engine
from analysis.uncertainty.derive import QUANTITIES
from analysis.wording import numbers
from analysis.wording import sentences as words
from analysis.wording.hindsight import possessive, relay_name

MAX_ITEMS = 5       # the bottom line's items at most
MAX_WORDS = 155     # "at most about 150" words, footnotes not counted; items past it are left to the body
SHOWN_EVIDENCE = 2   # later figures named in one item; the rest are counted
SHOWN_SAME_TIME = 1  # figures of the article's time named in one item (they do not decide its verdict)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOUN = words.NOUN


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


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _who(rows: pd.DataFrame, owner: bool = False) -> str:
    """Who made these claims ('Seth Jones (CSIS)'), possessive with `owner`, marked where the attribution is ours."""
    name = words.actor(rows)
    name = possessive(name) if owner else name
    return f"{name} (our attribution)" if words.inferred(rows) else name


def _whose(rows: pd.DataFrame, claimant: str, owner: bool = False) -> tuple[str, str]:
    """Whose a figure is (the claimant's, named from its own claims) and, where it rests on another claimant's claim
    (borrowed), the words that say so: ('B’s', 'A’s troops deployed borrowed')."""
    own, lent = rows[rows["claimant"] == claimant], rows[rows["claimant"] != claimant]
    name = _who(own, owner) if len(own) else (possessive(claimant) if owner else claimant)
    borrowed = "; ".join(f"{_who(lent[lent['metric'] == m], owner=True)} {NOUN[m]} borrowed"
                         for m in dict.fromkeys(lent["metric"]))
    return name, borrowed


def _via(row, outlets: dict) -> str:
    """'via Lee Seong-kweun': the person or outlet that relayed a claim, where it is not the outlet it was read in
    (the footnote names that one)."""
    link = relay_name(row.get("conduit", "") or "", outlets.get(row["source_url"], ""))
    return f"via {link}" if link else ""


def _figure(row, date: str = "", outlets: dict | None = None) -> str:
    """A claim's figure in its own words, hedge kept, with its month, its relay and our reading of its word where we
    read one: 'about 2,000 (Sep 2025; via Lee Seong-kweun; “war dead” read by us as killed)'."""
    notes = [x for x in (month(date), _via(row, outlets or {}), row.get("reading", "") or "") if x]
    text = words.claim_figure(row)
    return f"{text} ({'; '.join(notes)})" if notes else text


def _judged(j, claims: pd.DataFrame, figures: dict, outlets: dict) -> tuple[str, tuple]:
    """The judged figure: 'NIS’s about 300 killed (Jan 2025)', or for an implied one 'the about 3,000 casualties
    NIS’s figures imply'."""
    rows = claims[claims["claim_id"].isin(j.claim_ids)]
    date = month(max([d for d in rows["as_of"].where(rows["as_of"] != "", rows["published"]) if d], default=""))
    owner, borrowed = _whose(rows, j.subject, owner=True)
    notes = "; ".join(x for x in (date, borrowed) if x)
    when = f" ({notes})" if notes else ""
    unit = QUANTITIES[j.quantity][1]
    if j.status == "stated" and len(rows) == 1:
        return f"{owner} {_figure(rows.iloc[0], outlets=outlets)} {NOUN[j.quantity]}{when}", tuple(rows["claim_id"])
    value = figures[j.subject][j.quantity].value
    return (f"{owner} implied {words.bounded(value, unit)} {NOUN[j.quantity]}{when}", tuple(rows["claim_id"]))


def _evidence_list(ev, rows_by_id: dict, outlets: dict, shown: int = SHOWN_EVIDENCE) -> list[tuple[str, tuple]]:
    """The first SHOWN_EVIDENCE figures, one claimant's together: 'NIS about 600 (Apr 2025) and about 2,000 (Sep
    2025)'; the rest counted."""
    out, last = [], None
    for e in ev[:shown]:
        row = rows_by_id[e.claim_id]
        who = _who(pd.DataFrame([row]))
        lead = " and " if who == last else ("; " if out else "") + f"{who} "
        out.append((f"{lead}{_figure(row, e.date, outlets)}", (e.claim_id,)))
        last = who
    if len(ev) > shown:
        out.append((f"; {len(ev) - shown} more", ()))
    return out


def _joined(parts: list[tuple[str, tuple]]) -> list[tuple[str, tuple]]:
    """Parts joined with '; ' between them (each keeps its own footnote)."""
    out = []
    for k, (t, ids) in enumerate(parts):
        out.append(((("; " if k else "") + t), ids))
    return out


def _hedged(claims: pd.DataFrame, ids) -> str:
    """', hedged “could be”, “potentially”' where a figure rests on hedged claims: a hedge stays wherever its claim
    is used."""
    h = words.hedges(claims[claims["claim_id"].isin(ids)])
    return (", hedged " + ", ".join(f"“{x}”" for x in h)) if h else ""


def _scope_words(scopes: set) -> str:
    return " and ".join(sorted(s for s in scopes if s))


def hindsight(j, claims, later, figures, outlets: dict | None = None) -> tuple[str, list]:
    outlets = outlets or {}
    rows_by_id = {r["claim_id"]: r for _, r in later.iterrows()}  # the evidence: the later ledger's own rows
    judged, ids = _judged(j, claims, figures, outlets)
    later_ev = [e for e in j.evidence if e.when == "later"]  # like and wider below: never another scope
    same = engine.same_count(j.evidence)  # the figures a like-for-like verdict rests on, as the engine chose them
    count = "for the same count" if same == "like" else "whose scope is not stated"
    same_time = [e for e in j.evidence if e.when == "same_time" and e.relation == same]
    like = [e for e in later_ev if e.relation == same]
    wider = [e for e in later_ev if e.relation == "wider"]
    verdicts = {"low": ("looks low", f"every later figure {count} is higher"),
                "high": ("looks high", f"every later figure {count} is lower"),
                "borne_out": ("is borne out", f"later figures {count} are consistent with it"),
                "mixed": ("is neither confirmed nor refuted", f"later figures {count} differ"),
                "wider_higher": ("is not tested by later figures", "each counts more ("
                                 + _scope_words({e.scope for e in wider}) + "), and a wider count may well be higher"),
                "wider_lower": ("looks high", "every later figure is lower, although each counts more ("
                                + _scope_words({e.scope for e in wider}) + ")"),
                "bound_holds": ("is a bound later figures do not breach", words.BOUND_TESTS_LITTLE),
                "allowed": ("is not contradicted", f"later figures {count} are bounds that allow it, and "
                            + words.BOUND_TESTS_LITTLE)}
    verb, why = verdicts[j.verdict]
    heading = NOUN[j.quantity].capitalize()
    shown = wider if j.verdict in ("wider_higher", "wider_lower") else like
    parts = [(words.capital(judged), ids), (f" {verb}: {why}", ())]
    if shown:
        parts.append((": ", ()))
        parts += _evidence_list(shown, rows_by_id, outlets)
    if same_time:
        parts.append((". At the same time: ", ()))
        parts += _evidence_list(same_time, rows_by_id, outlets, SHOWN_SAME_TIME)
    parts.append((".", ()))
    return heading, parts


def between(j, merged: list, claims, figures, outlets: dict | None = None) -> tuple[str, list]:
    q = j.quantity
    unit = QUANTITIES[q][1]
    if j.verdict in ("disagree", "tension"):
        hi, lo = (j.higher, j.lower) if j.higher else j.claimants
        parts = []
        for c in (hi, lo):
            rows = claims[claims["claim_id"].isin(figures[c][q].claim_ids)]
            name, borrowed = _whose(rows, c)
            if figures[c][q].status == "stated" and len(rows) == 1:
                parts.append((f"{name}: {_figure(rows.iloc[0], outlets=outlets)}", tuple(rows["claim_id"])))
            else:
                how = "; ".join(x for x in ("implied" if (rows["claimant"] == c).any() else "", borrowed) if x)
                parts.append((f"{name}: {words.interval(figures[c][q].value, unit)} ({how})", tuple(rows["claim_id"])))
        heading = f"{NOUN[q].capitalize()}, between claimants"
        text = _joined(parts)
        if j.verdict == "disagree" and not math.isnan(j.factor) and not math.isinf(j.factor) \
                and math.floor(j.factor * 10 + 1e-9) > 10:  # floored as at_least_times floors it: above 1.0
            text.append((f": {words.at_least_times(j.factor)} apart", ()))
        elif j.verdict == "disagree" and not math.isnan(j.factor) and not math.isinf(j.factor):
            text.append((": they cannot both be true, though less than 1.1 times apart", ()))
        elif j.verdict == "disagree" and math.isinf(j.factor):
            text.append((f": {possessive(hi)} is above {possessive(lo)} figure of 0 (no ratio to 0 can be given)", ()))
        elif j.verdict == "disagree":
            text.append((": they cannot both be true", ()))
        if j.verdict == "tension" and j.outside:
            text.append((f": the ranges overlap, but {possessive(j.outside)} figure lies outside {possessive(j.inside)}"
                         " range", ()))
        if len(merged) == 1:
            mq = merged[0].quantity
            sides = "; ".join(f"{c} {words.interval(replace(figures[c][mq].value, point=None), QUANTITIES[mq][1])}"
                              + _hedged(claims, figures[c][mq].claim_ids) for c in merged[0].claimants)
            text.append((f"; the {NOUN[mq]} they imply differ for the same reason ({sides})", ()))
        elif merged:
            names = [NOUN[m.quantity] for m in merged]
            text.append((f"; the {', '.join(names[:-1])} and {names[-1]} they imply differ for the same reason", ()))
        if j.reading:
            hedged = " and ".join(f"“{h}”" for h in j.reading)
            read = "is read as an estimate rather than an upper end" if len(j.reading) == 1 else \
                "are read as estimates rather than upper ends"
            text.append((f", but only if {hedged} {read} (they disagree in {j.grid_holds} of our {j.grid_cells} "
                         "readings)", ()))
        elif j.grid_cells and j.grid_holds < j.grid_cells:
            text.append((f" (in {j.grid_holds} of {j.grid_cells} of our readings)", ()))
        text.append((".", ()))
        text[0] = (words.capital(text[0][0]), text[0][1])
        return heading, text
    bound = f", though {possessive(j.bound_of)} is a bound, and {words.BOUND_TESTS_LITTLE}" if j.verdict == "bound" \
        else ""
    return (NOUN[q].capitalize(),
            [(f"{' and '.join(j.claimants)} give consistent {NOUN[q]}{bound}.", j.claim_ids)])


def reason(j) -> str:
    """Why the confidence is what it is, in a few words."""
    b = j.basis
    echoes = len(b.get("echoes", ()))
    bits = [f"{plural(b['independent'], 'independent claimant')}" + (" agree" if b["agree"] and
                                                                   b["independent"] > 1 else "")
            + (f" ({echoes} more may echo {'them' if b['independent'] > 1 else 'it'})" if echoes else "")]
    grades = sorted(set(b.get("grades", {}).values()))
    if grades:
        bits.append(f"graded {grades[0]}" if len(grades) == 1 else f"graded {grades[0]} to {grades[-1]}")
    if j.kind == "between" and j.grid_cells and not j.reading:
        bits.append(f"holds in {j.grid_holds} of {j.grid_cells} of our readings")
    if b.get("rests_on_reading"):
        bits.append("rests on that reading" if j.reading else "fails under some of our readings")  # "only if …" says it
    if b.get("wider_only"):
        bits.append("the later figures count more")
    if not b["agree"] and j.kind == "hindsight":
        bits.append("the later figures do not all agree")
    return "; ".join(bits)


def items(chosen: list, every: list, claims: pd.DataFrame, later: pd.DataFrame | None, figures: dict,
          outlets: dict | None = None) -> list[Item]:
    """The bottom line's items: `chosen` (analysis.judgments.engine.bottom_line) of `every` judgment."""
    later = later if later is not None else claims.iloc[0:0]
    out, said = [], set()
    for j in chosen:
        if j.kind == "hindsight":
            heading, parts = hindsight(j, claims, later, figures, outlets)
        else:
            if j.disputed and ("between", j.quantity) in said:
                continue  # one item per quantity: the first pair, the others counted in it
            said.add(("between", j.quantity))
            merged = [m for m in every if m.merged_into == j.key]
            heading, parts = between(j, merged, claims, figures, outlets)
            others = [o for o in chosen if o is not j and o.kind == "between" and o.quantity == j.quantity
                      and o.disputed]
            if others:
                def pair(o) -> str:  # a pair, and the derived disputes merged into its own
                    also = [NOUN[m.quantity] for m in every if m.merged_into == o.key]
                    return " and ".join(o.claimants) + (f", with the {' and '.join(also)} they imply" if also else "")
                pairs = "; ".join(pair(o) for o in others)
                parts = parts[:-1] + [(f"; {plural(len(others), 'other pair')} "
                                       f"{'differs' if len(others) == 1 else 'differ'} too ({pairs}; annex)", ()),
                                      (".", ())]
        item = Item(j.key, heading, tuple(parts), j.confidence, reason(j))
        if out and (len(out) >= MAX_ITEMS or word_count(out + [item]) > MAX_WORDS):
            continue
        out.append(item)
    return _also_disputed(out, chosen, every)


def _also_disputed(out: list[Item], chosen: list, every: list = ()) -> list[Item]:
    """Where the word budget left out a disputed comparison between claimants, one short last item names its
    quantities (the annex words each one), so that no dispute the brief found is missing from the bottom line."""
    shown = {i.key for i in out}
    missing: dict[str, list[str]] = {}
    left = [j for j in chosen if j.kind == "between" and j.disputed
            and not any(k.startswith(f"between:{j.quantity}:") for k in shown)]
    left_keys = {j.key for j in left}
    for j in left + [m for m in every if m.merged_into in left_keys]:  # a dispute and those merged into it
        missing.setdefault(NOUN[j.quantity], []).append(" and ".join(j.claimants))
    if not missing:
        return out
    said = [f"{noun} ({'; '.join(pairs)})" for noun, pairs in missing.items()]
    names = ", ".join(said[:-1]) + (" and " if len(said) > 1 else "") + said[-1]
    also = Item("also", "Also disputed", ((f"The claimants’ figures differ too on {names}; the annex compares "
                                           "them.", ()),), "", "")
    if len(out) > 1 and (len(out) >= MAX_ITEMS or word_count(out + [also]) > MAX_WORDS):
        return _also_disputed(out[:-1], chosen, every)  # the last item makes room; its quantity joins the list
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
