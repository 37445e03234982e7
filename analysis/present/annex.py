"""The brief's annex sections: comparisons, robustness, reference wars, method, sources and reproducibility."""

from __future__ import annotations

import json
import platform
from importlib import metadata

from IPython.display import HTML
from markupsafe import Markup

from analysis.brief.compute import Brief
from analysis.paths import display
from analysis.present.html import refs, render
from analysis.present.quantities import figure_text, hedges_of, weights_text
from analysis.uncertainty.derive import QUANTITIES
from analysis.wording import bottom_line
from analysis.wording import reference_wars as history
from analysis.wording import sentences as wording

MAX_FLAGS = 24  # comparisons written out, disagreements first; every one is in results.json
VERSIONED = ("pandas", "numpy", "matplotlib", "pandera", "papermill", "nbconvert", "weasyprint", "jinja2",
             "kursk-brief")


def flags_section(b: Brief) -> HTML:
    """Consistency flags in plain words, disagreements first; the first MAX_FLAGS of them (all in results.json)."""
    order = {"contradiction": 0, "disagreement": 1, "tension": 2, "consistent": 3}
    f = b.flags.assign(_o=b.flags["verdict"].map(order)).sort_values(["_o"], kind="stable") if len(b.flags) else b.flags
    rows = [dict(verdict=r["verdict"], ids=refs(r["claim_ids"]),
                 text=wording.comparison(r, b.tolerant, QUANTITIES[r["quantity"]][1], hedges_of(b), b.stated))
            for _, r in f.head(MAX_FLAGS).iterrows()]
    return render('section_flags.html.j2', rows=rows, more=max(len(f) - MAX_FLAGS, 0),
                  summary=bottom_line.comparisons(b.judgments))


def history_section(b: Brief) -> HTML:
    """Reference wounded-per-killed ratios from other wars, on one stated basis, and where each claimant's sits."""
    ref = b.reference
    places = []
    for c, q in b.stated.items():
        if "wounded_per_killed" in q:
            v = q["wounded_per_killed"].value
            h = wording.hedges(b.rows(q["wounded_per_killed"].claim_ids))
            places.append(Markup("{} ({}{}): {}{}").format(
                c, figure_text(c, "wounded_per_killed", b),
                ("; hedged " + ", ".join(f"“{x}”" for x in h)) if h else "",
                history.place_interval(v.low, v.high, v.open_low, ref), refs(q["wounded_per_killed"].claim_ids)))
    rows = [dict(conflict=r["conflict"], force=r["force"], killed=f"{r['killed']:,}", kdef=r["killed_definition"],
                 wounded=f"{r['wounded']:,}", wdef=r["wounded_definition"], ratio=f"{r['wounded_per_killed']:.1f}",
                 source=r["source"])
            for _, r in ref.iterrows()]
    note = history.counting_note(ref) if places else ""
    if note:
        places.append(Markup("{}").format(note))
    return render('section_history.html.j2', places=places, rows=rows,
                  basis=history.BASIS)


def method_section(b: Brief) -> HTML:
    """How the numbers were made and what they cannot tell, with the assumptions' actual values."""
    a = b.assumptions
    dropped = {}
    for c, quantities in b.binned.items():
        for q in quantities.values():
            for reason, n in q.dropped.items():
                dropped[(c, reason)] = max(dropped.get((c, reason), 0), n)
    drops = [f"{c}: {n:,} of {int(b.params['draws']):,} draws ({reason})" for (c, reason), n in sorted(dropped.items())]
    hedge_words = {"as_stated": "read like any other claim of its kind, the hedge kept in every sentence",
                   "upper_bound": "read as an upper bound (“potentially X” as “as high as X”)",
                   "exclude": "left out of the analysis (still listed among the claims)"}
    return render('section_method.html.j2', as_of=b.params["as_of"], borrow=b.params["borrow"],
                  tol=f"{a.approx_tolerance:.0%}", floor=f"{a.upto_floor:.0%}", ceiling=f"{a.atleast_ceiling:g}",
                  family=a.distribution,
                  hedge=hedge_words[a.hedge_reading], rho=a.correlation, drops=drops,
                  draws=f"{int(b.params['draws']):,}", seed=b.params["seed"], weights=weights_text(b))


def robustness_section(b: Brief) -> HTML:
    """Which judgments survive the assumptions: each judgment, in how much of the grid it holds, what flips it."""
    from analysis.judgments.robustness import GRID

    r = b.robustness
    if r.empty:
        return render('section_robustness_none.html.j2')
    rows = [dict(judgment=x["judgment"], share=f"{x['share']:.0%}", holds=f"{x['holds']} of {x['cells']}",
                 flips=x["flips"] or "nothing in the grid") for _, x in r.iterrows()]
    first = next(iter(b.stated), "the first claimant")
    grid = "; ".join(f"{k.replace('_', ' ')} {', '.join(f'{v:g}' if isinstance(v, float) else str(v) for v in vs)}"
                     for k, vs in GRID.items())
    return render('section_robustness_table.html.j2', rows=rows, grid=grid, dependence=_dependence(b),
                  first=first)


def _dependence(b: Brief) -> list[str]:
    """Sentences on bands that collapse when claims of one briefing share their error."""
    out = []
    for _, d in b.dependence.iterrows():
        label, unit = QUANTITIES[d["quantity"]]
        d = dict(d, **{k: b.band(d["claimant"], d["quantity"])[k] for k in ("p5", "p95")})  # the brief's own band
        out.append(f"Dependence: if {d['claimant']}’s figures from one briefing share their error (correlation 1), "
                   f"its {label.lower()} is {wording.rounded(d['value'], 2, unit)} in every draw; its 90% band of "
                   f"{wording.span(d['p5'], d['p95'], 2, unit)} under independence "
                   "exists only because the brief reads those figures as independent (correlation "
                   f"{b.assumptions.correlation:g} here).")
    return out


def sources_section(b: Brief) -> HTML:
    """The sources of the claims used, as described in data/sources.csv."""
    used = list(dict.fromkeys(list(b.claims["source_url"]) + [u for c in ("attributed_by", "dated_by")
                                                               for u in b.claims.get(c, []) if u]))
    known = {r["source_url"]: r for _, r in b.sources.iterrows()} if len(b.sources) else {}
    rows = [dict(url=u, **{k: known[u].get(k, "") for k in ("outlet", "headline", "kind", "published", "description")})
            if u in known else dict(url=u, outlet=u, headline="", kind="", published="", description="")
            for u in used]
    return render('section_sources.html.j2', rows=rows)


def reproducibility(b: Brief) -> HTML:
    """Ledger hash, parameters and package versions: what it takes to rebuild these exact bytes."""
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
    return render('section_reproducibility.html.j2', ledger=b.ledger_name(), sha=b.ledger_sha256,
                  params=json.dumps(shown, sort_keys=True, ensure_ascii=False),
                  versions=", ".join(f"{k} {v}" for k, v in versions.items()))
