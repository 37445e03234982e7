"""The brief's annex, after the body's three pages: method, the bands and their sensitivity, every comparison between
claimants and how it fares under our readings, the reference wars, the sources and how to rebuild the brief. Each
part is a folded <details> in the HTML (html.annex_part) and reads straight through on paper."""

from __future__ import annotations

import json
import math
import platform
from importlib import metadata

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from analysis.brief.compute import Brief
from analysis.judgments.robustness import GRID
from analysis.ledger import selection
from analysis.paths import display
from analysis.present import figures, tables
from analysis.present.html import annex_part, refs, render
from analysis.present.quantities import band_words, claim_figure, digits_of, figure_text, hedges_of, weights_text
from analysis.uncertainty.sensitivity import stated_rates
from analysis.wording import numbers as formatting
from analysis.uncertainty.derive import QUANTITIES
from analysis.wording import bottom_line
from analysis.wording import figures as figure_words
from analysis.wording import reference_wars as history
from analysis.wording import sentences as wording

MAX_FLAGS = 24  # comparisons written out, disagreements first; every one is in results.json
VERSIONED = ("pandas", "numpy", "matplotlib", "pandera", "papermill", "nbconvert", "weasyprint", "jinja2",
             "kursk-brief")


def flags_section(b: Brief) -> HTML:
    """Consistency flags in plain words, disagreements first; the first MAX_FLAGS of them (all in results.json)."""
    order = {"contradiction": 0, "disagreement": 1, "tension": 2, "consistent": 3}
    f = b.flags.assign(_o=b.flags["verdict"].map(order)).sort_values(["_o"], kind="stable") if len(b.flags) else b.flags
    hedges, digits, ours = hedges_of(b), digits_of(b), wording.attributed_by_us(b.claims)
    rows = [dict(verdict=r["verdict"], ids=refs(r["claim_ids"]),
                 text=wording.comparison(r, b.tolerant, QUANTITIES[r["quantity"]][1], hedges, b.stated, digits, ours))
            for _, r in f.head(MAX_FLAGS).iterrows()]
    return annex_part("Comparisons between claimants", "Comparisons", render(
        'section_flags.html.j2', rows=rows, more=max(len(f) - MAX_FLAGS, 0), kinds=set(b.flags.get("verdict", [])),
        summary=bottom_line.comparisons(b.judgments)))


def history_section(b: Brief) -> HTML:
    """Reference wounded-per-killed ratios from other wars, on one stated basis, and where each claimant's sits."""
    ref = b.reference
    places, attributed = [], wording.attributed_by_us(b.claims)
    for c, q in b.stated.items():
        if "wounded_per_killed" in q:
            v = q["wounded_per_killed"].value
            h = wording.hedges(b.rows(q["wounded_per_killed"].claim_ids))
            ours = "our attribution; " if c in attributed else ""
            places.append(Markup("{} ({}{}{}): {}{}").format(
                c, ours, figure_text(c, "wounded_per_killed", b),
                ("; hedged " + ", ".join(f"“{x}”" for x in h)) if h else "",
                history.NOTHING_TO_PLACE if math.isinf(v.low)
                else history.place_interval(v.low, v.high, v.open_low, ref, v.open_high),
                refs(q["wounded_per_killed"].claim_ids)))
    sources = list(dict.fromkeys(ref["source"]))  # each cited once, under the table; a row names its source's number
    rows = [dict(conflict=r["conflict"], force=r["force"], killed=f"{r['killed']:,}", kdef=r["killed_definition"],
                 wounded=f"{r['wounded']:,}", wdef=r["wounded_definition"], ratio=f"{r['wounded_per_killed']:.1f}",
                 source=sources.index(r["source"]) + 1)
            for _, r in ref.iterrows()]
    note = history.counting_note(ref) if places else ""
    if note:
        places.append(Markup("{}").format(note))
    return annex_part("Wounded per killed in other wars", "Reference-wars",
                      render('section_history.html.j2', places=places, rows=rows, basis=history.BASIS,
                             sources=[x.rstrip(".") for x in sources]))


def method_section(b: Brief) -> HTML:
    """How the numbers were made and what they cannot tell, with the assumptions' actual values."""
    a = b.assumptions
    dropped = {}
    for c, quantities in b.binned.items():
        for q in quantities.values():
            for broken, n in q.dropped.items():
                reason = wording.identity_broken(broken)
                dropped[(c, reason)] = max(dropped.get((c, reason), 0), n)
    drops = [f"{c}: {n:,} of {int(b.params['draws']):,} draws ({reason})" for (c, reason), n in sorted(dropped.items())]
    return annex_part("Method and caveats", "Method", render(
        'section_method.html.j2', as_of=b.params["as_of"], borrow=b.params["borrow"],
                  tol=f"{a.approx_tolerance:.0%}", floor=f"{a.upto_floor:.0%}", ceiling=f"{a.atleast_ceiling:g}",
                  family=a.distribution,
                  hedge=figure_words.METHOD_HEDGE[a.hedge_reading], rho=a.correlation, drops=drops,
                  draws=f"{int(b.params['draws']):,}", seed=b.params["seed"], weights=weights_text(b),
                  shared_error=wording.shared_error(b.claims)))


def robustness_section(b: Brief) -> HTML:
    """Which judgments survive the assumptions: each judgment, in how much of the grid it holds, what flips it."""
    r = b.robustness
    title, anchor = "Which judgments survive the assumptions", "Robustness"
    if r.empty:
        return annex_part(title, anchor, render('section_robustness_none.html.j2'))
    rows = [dict(judgment=x["judgment"], share=f"{x['share']:.0%}", holds=f"{x['holds']} of {x['cells']}",
                 flips=x["flips"] or "nothing in the grid") for _, x in r.iterrows()]
    first = wording.owned(next(iter(b.stated)), wording.attributed_by_us(b.claims)) if b.stated \
        else "the first claimant’s"
    return annex_part(title, anchor, render('section_robustness_table.html.j2', rows=rows,
                                            grid=wording.grid_words(GRID, first), dependence=_dependence(b)))


def _dependence(b: Brief) -> list[str]:
    """Sentences on bands that collapse when claims of one briefing share their error: one a claimant."""
    figures: dict[str, list] = {}
    for _, d in b.dependence.iterrows():
        label, unit = QUANTITIES[d["quantity"]]
        band = b.band(d["claimant"], d["quantity"])  # the brief's own band
        figures.setdefault(d["claimant"], []).append((label, d["value"], band["p5"], band["p95"], unit))
    ours = wording.attributed_by_us(b.claims)
    return [wording.dependence(c, f, b.assumptions.correlation, ours) for c, f in figures.items()]


def sources_section(b: Brief) -> HTML:
    """Every source a claim the brief uses cites (its report, and the reports that date or attribute it), the later
    reports' included, as described in data/sources.csv."""
    claims = b.claims
    if b.later_claims is not None:
        claims = pd.concat([claims, selection.as_of_filter(b.later_claims, b.params["as_of"] or None)])
    used = [u for c in ("source_url", "attributed_by", "dated_by") for u in claims.get(c, []) if u]
    used = list(dict.fromkeys(used))
    known = {r["source_url"]: r for _, r in b.sources.iterrows()} if len(b.sources) else {}
    rows = [dict(url=u, **{k: known[u].get(k, "") for k in ("outlet", "headline", "kind", "published", "description")})
            if u in known else dict(url=u, outlet=u, headline="", kind="", published="", description="")
            for u in used]
    return annex_part("Sources", "Sources", render('section_sources.html.j2', rows=rows))


def reproducibility(b: Brief) -> HTML:
    """Every input file's hash, the parameters and package versions: what it takes to rebuild these exact bytes."""
    shown = {k: v for k, v in b.params.items()}
    shown["ledger"] = b.ledger_name()
    if shown.get("since"):
        shown["since"] = display(shown["since"])
    versions = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return annex_part("Reproducibility", "Reproducibility", render(
        'section_reproducibility.html.j2', inputs=b.inputs,
        params=json.dumps(shown, sort_keys=True, ensure_ascii=False),
        versions=", ".join(f"{k} {v}" for k, v in versions.items())))


def bands_section(b: Brief, drawn: dict[str, bytes] | None = None, later_view: dict | None = None) -> HTML:
    """How sure we are: every figure's Monte Carlo band, and the casualty rate's spread drawn."""
    chart = figures.distribution_figure(b, drawn, figures.numbers(b, later_view).get("distribution", 0))
    return annex_part("How sure we are: the Monte Carlo bands", "Bands",
                      Markup(chart.data) + Markup(tables.bands_table(b).data))


def sensitivity_section(b: Brief, drawn: dict[str, bytes] | None = None, later_view: dict | None = None) -> HTML:
    """The input that moves the casualty rate most, and every input's swing drawn and tabulated."""
    s = b.sensitivity
    direct = []
    for _, r in stated_rates(b.read).iterrows():
        if r["claimant"] in b.binned:
            before, after = figure_words.rate_given(wording.actor(b.rows([r["claim_id"]])), claim_figure(r))
            direct.append(Markup("{}{}{}{}.").format(before, refs([r["claim_id"]]), after,
                                                    band_words(b, r["claimant"], "casualty_rate")))
    notes = Markup("").join(Markup("<p>{}</p>").format(d) for d in direct)
    title, anchor = "Sensitivity: which input moves the casualty rate most", "Sensitivity"
    if s.empty:
        return annex_part(title, anchor, notes + Markup('<p class="note">{}</p>').format(figure_words.NOTHING_TO_VARY))
    moved = s[s["swing"].notna()]  # an end at which no draw fits the claimant's other figures has no median
    if moved.empty:
        lead = Markup(wording.NO_SWING)
    else:
        before, ids, after = wording.sensitivity_lead(moved.iloc[0], wording.attributed_by_us(b.claims))
        lead = Markup("{}{}{}").format(before, refs(ids), after)
    chart = figures.tornado_figure(b, drawn, figures.numbers(b, later_view)["tornado"])
    return annex_part(title, anchor, Markup("<p>{}</p>{}{}").format(lead, notes, Markup(chart.data)))
