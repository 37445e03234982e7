"""The brief's tables of claims: Table 1 (every claim in its source's words, and what each claimant's own claims
imply) and, in the annex, the Monte Carlo bands of every figure."""

from __future__ import annotations

from IPython.display import HTML

from analysis.brief.compute import Brief
from analysis.present.html import refs, render, web_link
from analysis.present.quantities import band_digits, claim_figure, figure_text
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.montecarlo import POOLED
from analysis.wording import numbers as formatting
from analysis.ledger.grades import grade_of
from analysis.wording import figures as figure_words
from analysis.wording import grades as grade_wording
from analysis.wording import sentences as wording


def claims_table(b: Brief) -> HTML:
    """Table 1: claimant by claimant, each claim (its id, figure, our reading, verbatim quote, source, grade), a quote
    shared by several claims printed once beside them all, then the figures the claimant's own claims imply."""
    outlets = b.outlets()
    groups = []
    for claimant in b.stated:
        rows = [_claim_row(b, r, outlets) for _, r in b.claims[b.claims["claimant"] == claimant].iterrows()]
        for i, r in enumerate(rows):  # a quote (and its source) shared by the next rows spans them
            if i and (r["quote"], r["source"]) == (rows[i - 1]["quote"], rows[i - 1]["source"]):
                r["span"] = 0
                first = next(j for j in range(i, -1, -1) if rows[j]["span"])
                rows[first]["span"] += 1
        people = [p for p in dict.fromkeys(b.claims.loc[b.claims["claimant"] == claimant, "spokesperson"]) if p]
        groups.append(dict(claimant=claimant, owner=wording.possessive(claimant), people=", ".join(people), rows=rows,
                           implied=_implied(b, claimant)))
    shown = set(b.stated)
    rest = [_claim_row(b, r, outlets) for _, r in b.claims[~b.claims["claimant"].isin(shown)].iterrows()]
    if rest:  # claimants whose every claim the analysis left out (hedge reading "exclude")
        groups.append(dict(claimant="", people="", rows=rest, implied=[]))
    return render('section_claims_table.html.j2', groups=groups,
                  grade_key=grade_wording.grade_key(grade_wording.grades_used(b.claims, b.sources)))


def _claim_row(b: Brief, r, outlets: dict[str, str]) -> dict:
    q = b.tolerant.get(r["claimant"], {}).get(r["metric"])
    used = q is not None and q.status == "stated" and q.claim_ids == (r["claim_id"],)
    read = formatting.reading(q.value, r["unit"]) if used else ""
    if used and read == formatting.reading(b.stated[r["claimant"]][r["metric"]].value, r["unit"]):
        read = ""  # read as stated (a range, a bound): nothing to add
    source = web_link(r["source_url"], outlets.get(r["source_url"], r["source_url"]))
    note = "; ".join(x for x in (_claim_date(r, outlets),
                                 f"via {r['conduit']}" if r["conduit"] and r["conduit"] != outlets.get(r["source_url"])
                                 else "",
                                 wording.attribution_note(b.claims[b.claims["claim_id"] == r["claim_id"]], outlets))
                     if x)
    return dict(id=r["claim_id"], metric=QUANTITIES[r["metric"]][0], figure=claim_figure(r),
                bound=r["bound"].replace("_", " "), hedge=r.get("hedge", ""),
                read=read,
                excluded=r["claim_id"] not in set(b.read["claim_id"]), quote=r["quote"], source=(source, note),
                grade=grade_wording.grade_code(grade_of(r, b.sources)), span=1)


# The quantities whose name (QUANTITIES' label) gives the arithmetic that implies them.
DEFINED_BY_NAME = {"casualties": "killed + wounded", "casualty_rate": "casualties ÷ deployed",
                   "killed_share_force": "killed ÷ deployed", "killed_share_casualties": "killed ÷ casualties",
                   "wounded_per_killed": "wounded ÷ killed"}


def _implied(b: Brief, claimant: str) -> list[dict]:
    """The figures a claimant's own claims imply, in the order of QUANTITIES, each with the claims it rests on."""
    out = []
    for name, (label, unit) in QUANTITIES.items():
        q = b.stated[claimant].get(name)
        if q is None or q.status == "stated":
            continue
        h = wording.hedges(b.rows(q.claim_ids))
        read = wording.read_words(b.tolerant[claimant][name].value, name, unit)  # above 100 %: said in words
        # how it was worked out, where its name does not say it already ("casualties" from a rate and a force)
        formula = "" if name in DEFINED_BY_NAME and q.formula == DEFINED_BY_NAME[name] else q.formula
        out.append(dict(label=label, figure=figure_text(claimant, name, b),
                        hedges=", ".join(f"“{x}”" for x in h), formula=formula, borrowed=q.status == "borrowed",
                        read="" if read == formatting.reading(q.value, unit) else read, ids=refs(q.claim_ids)))
    return out


def _claim_date(r, outlets: dict[str, str]) -> str:
    """A claim's date as the claims table shows it, saying where a date is ours (from another report)."""
    date = r["as_of"] or r["published"] or "undated"
    if r.get("dated_by", ""):
        date += f" (dated by us, after {wording.short_outlet(r['dated_by'], outlets)}; the source is undated)"
    return date


def bands_table(b: Brief) -> HTML:
    """Each quantity's Monte Carlo band, claimant by claimant and pooled, one row each (Table 1 gives the figures they
    are drawn from); a band resting on a bound, or a pool with no middle, carries a mark said once under the table."""
    rows = []
    for name, (label, unit) in QUANTITIES.items():
        for c in list(b.stated) + ([POOLED] if b.pooled else []):
            q = b.pooled.get(name) if c == POOLED else b.stated[c].get(name)
            if q is None:
                continue
            split = bool(c == POOLED and q.split)
            cols = wording.band_columns(b.band(c, name), unit, band_digits(b, c, name), split)
            note = figure_words.band_mark(split, bool({"up_to", "at_least"} & set(q.open_bounds)))
            rows.append(dict(label=label, span=1, claimant=wording.named(c, wording.attributed_by_us(b.claims)),
                             note=note, **cols))
            if len(rows) > 1 and rows[-2]["label"] == label:  # one quantity, one header cell spanning its rows
                rows[-1]["span"] = 0
                rows[next(i for i in range(len(rows) - 1, -1, -1) if rows[i]["span"])]["span"] += 1
    return render('section_bands_table.html.j2', rows=rows, key=figure_words.band_key({r["note"] for r in rows}))
