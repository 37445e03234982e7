"""The brief's tables of claims: every claim in its source's words, and what each claimant's claims imply."""

from __future__ import annotations

from IPython.display import HTML

from analysis.brief.compute import Brief
from analysis.present.html import refs, render, web_link
from analysis.present.quantities import band_words, figure_text, claim_figure
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.montecarlo import POOLED
from analysis.wording import sentences as wording


def claims_table(b: Brief) -> HTML:
    """Every claim used: claimant, metric, figure in its own words, bound, verbatim quote, source."""
    outlets = b.outlets()
    read = set(b.read["claim_id"])
    rows = [dict(id=r["claim_id"], claimant=r["claimant"], spokesperson=r["spokesperson"], conduit=r["conduit"],
                 metric=QUANTITIES[r["metric"]][0], figure=claim_figure(r), bound=r["bound"].replace("_", " "),
                 quote=r["quote"], url=r["source_url"], outlet=outlets.get(r["source_url"], r["source_url"]),
                 date=_claim_date(r, outlets),
                 hedge=r.get("hedge", ""), excluded=r["claim_id"] not in read,
                 attribution=wording.attribution_note(b.claims[b.claims["claim_id"] == r["claim_id"]], outlets))
            for _, r in b.claims.iterrows()]
    for r in rows:
        r["link"] = web_link(r["url"], r["outlet"])
    return render('section_claims_table.html.j2', rows=rows)


def _claim_date(r, outlets: dict[str, str]) -> str:
    """A claim's date as the claims table shows it, saying where a date is ours (from another report)."""
    date = r["as_of"] or r["published"] or "undated"
    if r.get("dated_by", ""):
        date += f" (dated by us, after {wording.short_outlet(r['dated_by'], outlets)}; the source is undated)"
    return date


def derived_table(b: Brief) -> HTML:
    """Each quantity per claimant: the figure the claims state or imply, its Monte Carlo band, its footnotes."""
    claimants = list(b.stated)
    groups = claimants + ([POOLED] if b.pooled else [])
    rows = []
    for name, (label, unit) in QUANTITIES.items():
        cells = []
        for c in groups:
            q = b.pooled.get(name) if c == POOLED else b.stated[c].get(name)
            if q is None:
                cells.append(dict(text=f"{c} gives no figure" if c != POOLED else "—", band="", status="missing",
                                  ids=""))
                continue
            text = "" if c == POOLED else figure_text(c, name, b)
            if c != POOLED and q.status != "stated":
                h = wording.hedges(b.rows(q.claim_ids))
                text += (" (hedged: " + ", ".join(f"“{x}”" for x in h) + ")") if h else ""
            band = band_words(b, c, name)
            cells.append(dict(text=text, band=band, status=q.status, ids=refs(q.claim_ids)))
        if all(cell["status"] == "missing" for cell in cells):
            continue
        rows.append(dict(label=label, cells=cells))
    return render('section_derived_table.html.j2', groups=groups, rows=rows)
