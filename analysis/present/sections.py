"""The brief's HTML fragments. Ledger text is data: every template autoescapes, so a quote shows as text."""

from __future__ import annotations

import base64
import json
import math
import platform
from dataclasses import dataclass
from importlib import metadata

from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from analysis.present import brief_charts
from analysis.wording import numbers as formatting
from analysis.wording import reference_wars as history
from analysis.ledger.grades import grade_of
from analysis.wording import bottom_line
from analysis.wording import sentences as wording
from analysis.wording import grades as grade_wording
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.distributions import claim_interval
from analysis.uncertainty.montecarlo import POOLED
from analysis.paths import TEMPLATE_DIR, display
from analysis.brief.compute import Brief
from analysis.uncertainty.sensitivity import stated_rates

# Each section's markup is a template beside the nbconvert template (section_*.html.j2); autoescaped.
ENV = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, trim_blocks=True, lstrip_blocks=True)
WEB_SCHEMES = ("http://", "https://")
MAX_REFS = 12   # claim ids in one footnote; a longer list ends "and N more (results.json)"
MAX_FLAGS = 24  # comparisons written out, disagreements first; every one is in results.json
VERSIONED = ("pandas", "numpy", "matplotlib", "pandera", "papermill", "nbconvert", "weasyprint", "jinja2", "kursk-brief")


def _html(template: str, **context) -> HTML:
    """A section template (analysis/templates/brief/section_*.html.j2) rendered with its context."""
    return HTML(ENV.get_template(template).render(**context))


def refs(ids) -> Markup:
    """Footnote markers linking each claim id to its row in the claims table."""
    ids = [i for i in (ids.split(", ") if isinstance(ids, str) else ids) if i]
    if not ids:
        return Markup("")
    links = Markup(", ").join(Markup('<a href="#claim-{0}">{0}</a>').format(i) for i in ids[:MAX_REFS])
    if len(ids) > MAX_REFS:  # a pool of many claimants: its every claim id is in results.json
        links += Markup(" and {} more (results.json)").format(len(ids) - MAX_REFS)
    return Markup('<sup class="ref">[{}]</sup>').format(links)


claim_figure = wording.claim_figure


def _figure_text(claimant: str, name: str, b: Brief) -> str | None:
    """A claimant's figure for a quantity: the claim's own words if stated, else the implied interval in words."""
    q = b.stated.get(claimant, {}).get(name)
    if q is None:
        return None
    if q.status == "stated":
        return claim_figure(b.claims.set_index("claim_id").loc[q.claim_ids[0]])
    unit = QUANTITIES[name][1]
    if math.isinf(q.value.low):
        return wording.undefined(name)
    if wording.share(q.value, name):  # a share the claims push above 100 %: said in words
        return wording.share(q.value, name)
    return wording.interval(q.value, unit, wording.derived_digits(b.rows(q.claim_ids)))


def _digits(b: Brief, claimant: str, name: str) -> int:
    """Significant figures for a band: two, or three where the claimant's stated figure carries three."""
    q = b.stated.get(claimant, {}).get(name)
    if q is None or claimant == POOLED:
        return 2
    return wording.band_digits_for(q.status, q.value.low, q.value.high)


def _band(b: Brief, claimant: str, name: str) -> str:
    """A claimant's (or the pool's) band in prose, rounded to the figures the claims support."""
    q = b.pooled.get(name) if claimant == POOLED else None
    bounds = (q.open_bounds if q is not None else b.stated.get(claimant, {}).get(name).open_bounds
              if name in b.stated.get(claimant, {}) else frozenset())
    return wording.figure_band(b.band(claimant, name), QUANTITIES[name][1], _digits(b, claimant, name),
                               bool(q is not None and q.split), bounds)


def header(b: Brief, title: str) -> HTML:
    """Title block: the title (the case's when none is given), what the brief covers and the date of the evidence
    (never of the build)."""
    n_sources = b.claims["source_url"].nunique()
    return _html('section_header.html.j2', title=title or b.case_title,
                 evidence=b.evidence_date(), n=len(b.claims), total=len(b.ledger),
                 claimants=list(b.stated), n_sources=n_sources, more=len(b.others[0]))


@dataclass(frozen=True)
class Judgment:
    """One key judgment as data: its heading and its sentence (Markup, because claim footnotes are links), or, for
    the later reports, one point per later claimant."""

    heading: str
    text: Markup = Markup("")
    points: tuple = ()


def key_judgments(b: Brief, later_view: dict | None = None) -> list[Judgment]:
    """The bottom line: each item the brief's judgments engine chose (Brief.bottom_line), its parts with their
    claim footnotes, then its confidence and the reason."""
    out = []
    for item in b.bottom_line:
        text = Markup("").join(Markup("{}{}").format(t, refs(ids)) for t, ids in item.parts)
        if item.confidence:
            text += Markup(" <em>{} confidence:</em> {}.").format(item.confidence.capitalize(), item.reason)
        out.append(Judgment(item.heading, text))
    return out


def key_judgments_section(b: Brief, later_view: dict | None = None) -> HTML:
    """The key judgments as the brief's first section."""
    return _html('section_key_judgments.html.j2', items=key_judgments(b, later_view))


def _digits_of(b: Brief):
    """digits(claimant, quantity): the significant figures a derived count supports (None for a stated figure)."""
    def digits(claimant: str, name: str) -> int | None:
        q = b.stated.get(claimant, {}).get(name)
        return None if q is None or q.status == "stated" else wording.derived_digits(b.rows(q.claim_ids))
    return digits


def _hedges_of(b: Brief):
    """hedges(claimant, quantity): the hedge words of the claims that claimant's figure rests on."""
    def hedges(claimant: str, name: str) -> list[str]:
        q = b.stated.get(claimant, {}).get(name)
        return [] if q is None else wording.hedges(b.rows(q.claim_ids))
    return hedges


def _weights_text(b: Brief) -> str:
    w = b.params["weights"]
    if not w:
        return "equal weights"
    if w == "by_grade":
        return grade_wording.weights_words(b.pool_weights)
    return "weights " + ", ".join(f"{k} {v}" for k, v in w.items())


def claims_table(b: Brief) -> HTML:
    """Every claim used: claimant, metric, figure in its own words, bound, verbatim quote, source."""
    outlets = b.outlets()
    read = set(b.read["claim_id"])
    rows = [dict(id=r["claim_id"], claimant=r["claimant"], spokesperson=r["spokesperson"], conduit=r["conduit"],
                 metric=QUANTITIES[r["metric"]][0], figure=claim_figure(r), bound=r["bound"].replace("_", " "),
                 quote=r["quote"], url=r["source_url"], outlet=outlets.get(r["source_url"], r["source_url"]),
                 date=_claim_date(r, outlets),
                 hedge=r.get("hedge", ""), excluded=r["claim_id"] not in read,
                 grade=grade_wording.grade_note(grade_of(r, b.sources)),
                 attribution=wording.attribution_note(b.claims[b.claims["claim_id"] == r["claim_id"]], outlets))
            for _, r in b.claims.iterrows()]
    for r in rows:
        r["link"] = web_link(r["url"], r["outlet"])
    return _html('section_claims_table.html.j2', rows=rows)


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
            text = "" if c == POOLED else _figure_text(c, name, b)
            if c != POOLED and q.status != "stated":
                h = wording.hedges(b.rows(q.claim_ids))
                text += (" (hedged: " + ", ".join(f"“{x}”" for x in h) + ")") if h else ""
            band = _band(b, c, name)
            cells.append(dict(text=text, band=band, status=q.status, ids=refs(q.claim_ids)))
        if all(cell["status"] == "missing" for cell in cells):
            continue
        rows.append(dict(label=label, cells=cells))
    return _html('section_derived_table.html.j2', groups=groups, rows=rows)


def figure(png: bytes, caption: str, alt: str, table: Markup = Markup("")) -> HTML:
    """A chart (PNG bytes) embedded as a data URI, with its caption; `table` (its numbers) comes first: on paper it
    fills the space above a chart that moves to the next page."""
    data = base64.b64encode(png).decode("ascii")
    return _html('section_figure.html.j2', data=data, caption=caption, alt=alt, table=table)


def forest_chart(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The range plot of every claim used."""
    return figure(brief_charts.drawn(b, "forest", drawn),
                  "Every claim used, by metric and claimant. Black: what the source stated (a dashed line running to "
                  "zero for “as high as”, which states no low end); grey: our reading for the bands (tolerance on "
                  "“about”, floor under “as high as”).", **chart_words(b, "forest"))


def distribution_chart(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The casualty-rate distribution (pooled where there is a pool) with per-claimant bands."""
    if not brief_charts.has_rate(b):
        return _html('section_distribution_chart.html.j2')
    return figure(brief_charts.drawn(b, "distribution", drawn),
                  "Casualty rate (killed and wounded as a share of the force). Top: distribution of the pooled draws "
                  "with its 50% and 90% bands. Bottom: each claimant's band beside the pool.",
                  **chart_words(b, "distribution"))


def sensitivity_section(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The tornado chart and a sentence on the input that matters most."""
    s = b.sensitivity
    direct = [Markup("{} gives the casualty rate directly ({}){}, so no other input moves it; its band is our "
                     "reading of that claim, {}.").format(wording.actor(b.rows([r["claim_id"]])), claim_figure(r),
                                                          refs([r["claim_id"]]), _band(b, r["claimant"], "casualty_rate"))
              for _, r in stated_rates(b.read).iterrows() if r["claimant"] in b.binned]
    notes = Markup("").join(Markup("<p>{}</p>").format(d) for d in direct)
    if s.empty:
        return HTML(notes + Markup('<p class="note">No other input has a range to vary.</p>'))
    moved = s[s["swing"].notna()]  # an end at which no draw fits the claimant's other figures has no median
    if moved.empty:
        lead = Markup(wording.NO_SWING)
    else:
        top = moved.iloc[0]
        unit = top["unit"]
        lead = Markup("The casualty rate moves most with <strong>{} {}</strong>{}: from {} to {}, {} median moves "
                      "from {} to {} ({:.1f} percentage points).").format(
            top["claimant"], top["metric"].replace("_", " "), refs([top["claim_id"]]),
            formatting.number(top["input_low"], unit), formatting.number(top["input_high"], unit),
            wording.possessive(top["watched"]),
            formatting.number(top["p50_at_low"], "percent"), formatting.number(top["p50_at_high"], "percent"),
            top["swing"])
    chart = figure(brief_charts.drawn(b, "tornado", drawn),
                   "Change in each claimant’s median casualty rate when one input goes to the low or high end of our "
                   "reading of it, the others drawn as usual.", **chart_words(b, "tornado"))
    return HTML(f'<p>{lead}</p>{notes}{chart.data}')


def flags_section(b: Brief) -> HTML:
    """Consistency flags in plain words, disagreements first; the first MAX_FLAGS of them (all in results.json)."""
    order = {"contradiction": 0, "disagreement": 1, "tension": 2, "consistent": 3}
    f = b.flags.assign(_o=b.flags["verdict"].map(order)).sort_values(["_o"], kind="stable") if len(b.flags) else b.flags
    rows = [dict(verdict=r["verdict"], ids=refs(r["claim_ids"]),
                 text=wording.comparison(r, b.tolerant, QUANTITIES[r["quantity"]][1], _hedges_of(b), b.stated,
                                         _digits_of(b)))
            for _, r in f.head(MAX_FLAGS).iterrows()]
    return _html('section_flags.html.j2', rows=rows, more=max(len(f) - MAX_FLAGS, 0),
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
                c, _figure_text(c, "wounded_per_killed", b), ("; hedged " + ", ".join(f"“{x}”" for x in h)) if h else "",
                "nothing to place among the reference wars" if math.isinf(v.low)
                else history.place_interval(v.low, v.high, v.open_low, ref, v.open_high),
                refs(q["wounded_per_killed"].claim_ids)))
    rows = [dict(conflict=r["conflict"], force=r["force"], killed=f"{r['killed']:,}", kdef=r["killed_definition"],
                 wounded=f"{r['wounded']:,}", wdef=r["wounded_definition"], ratio=f"{r['wounded_per_killed']:.1f}",
                 source=r["source"])
            for _, r in ref.iterrows()]
    note = history.counting_note(ref) if places else ""
    if note:
        places.append(Markup("{}").format(note))
    return _html('section_history.html.j2', places=places, rows=rows,
                 basis=history.BASIS)


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
    hedge_words = {"as_stated": "read like any other claim of its kind, the hedge kept in every sentence",
                   "upper_bound": "read as an upper bound (“potentially X” as “as high as X”)",
                   "exclude": "left out of the analysis (still listed among the claims)"}
    return _html('section_method.html.j2', as_of=b.params["as_of"], borrow=b.params["borrow"], tol=f"{a.approx_tolerance:.0%}",
                 floor=f"{a.upto_floor:.0%}", ceiling=f"{a.atleast_ceiling:g}", family=a.distribution,
                 hedge=hedge_words[a.hedge_reading], rho=a.correlation, drops=drops,
                 draws=f"{int(b.params['draws']):,}", seed=b.params["seed"], weights=_weights_text(b),
                 shared_error=wording.shared_error(b.claims))


def robustness_section(b: Brief) -> HTML:
    """Which judgments survive the assumptions: each judgment, in how much of the grid it holds, what flips it."""
    from analysis.judgments.robustness import GRID

    r = b.robustness
    if r.empty:
        return _html('section_robustness_none.html.j2')
    rows = [dict(judgment=x["judgment"], share=f"{x['share']:.0%}", holds=f"{x['holds']} of {x['cells']}",
                 flips=x["flips"] or "nothing in the grid") for _, x in r.iterrows()]
    first = wording.possessive(next(iter(b.stated))) if b.stated else "the first claimant’s"
    grid = "; ".join(f"{k.replace('_', ' ')} {', '.join(f'{v:g}' if isinstance(v, float) else str(v) for v in vs)}"
                     for k, vs in GRID.items())
    return _html('section_robustness_table.html.j2', rows=rows, grid=grid, dependence=_dependence(b),
                 first=first)


def _dependence(b: Brief) -> list[str]:
    """Sentences on bands that collapse when claims of one briefing share their error."""
    out = []
    for _, d in b.dependence.iterrows():
        label, unit = QUANTITIES[d["quantity"]]
        d = dict(d, **{k: b.band(d["claimant"], d["quantity"])[k] for k in ("p5", "p95")})  # the brief's own band
        out.append(f"Dependence: if {wording.possessive(d['claimant'])} figures from one briefing share their error "
                   "(correlation 1), "
                   f"its {label.lower()} is {wording.rounded(d['value'], 2, unit)} in every draw; its 90% band of "
                   f"{wording.span(d['p5'], d['p95'], 2, unit)} under independence "
                   "exists only because the brief reads those figures as independent (correlation "
                   f"{b.assumptions.correlation:g} here).")
    return out


def sources_section(b: Brief) -> HTML:
    """The sources of the claims used, as the case's sources.csv describes them."""
    used = list(dict.fromkeys(list(b.claims["source_url"]) + [u for c in ("attributed_by", "dated_by")
                                                               for u in b.claims.get(c, []) if u]))
    known = {r["source_url"]: r for _, r in b.sources.iterrows()} if len(b.sources) else {}
    rows = [dict(url=u, **{k: known[u].get(k, "") for k in ("outlet", "headline", "kind", "published", "description")})
            if u in known else dict(url=u, outlet=u, headline="", kind="", published="", description="")
            for u in used]
    return _html('section_sources.html.j2', rows=rows)


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
    return _html('section_reproducibility.html.j2', ledger=b.ledger_name(), sha=b.ledger_sha256, params=json.dumps(shown, sort_keys=True, ensure_ascii=False),
                 versions=", ".join(f"{k} {v}" for k, v in versions.items()))


def changes_section(b: Brief, since: str = "") -> HTML:
    """"Changes since" an earlier brief (computed with the brief: `Brief.since`); nothing when there is none."""
    if b.since is None:
        return HTML("")
    old, changes = b.since
    return _html('section_changes.html.j2',
                 sha=old.get("ledger_sha256", "")[:12], evidence=old.get("evidence", ""), changes=changes)


def timeline_section(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """Each metric's claims over their dates, all claims of the chosen claimants (superseded ones included)."""
    claims, dates = brief_charts.timeline_claims(b)
    if (dates == "").all():
        return _html('section_timeline.html.j2')
    note = "Claims without a date sit at the left, marked “undated”." if (dates == "").any() else ""
    chart = figure(brief_charts.drawn(b, "timeline", drawn), "Every claim of the sources compared, by the date it describes, "
                   "with its stated range. " + note, **chart_words(b, "timeline"))
    return chart


# --- Links and chart words (browser helper): web links open in a new tab; every chart's numbers in words and a table.

def web_link(url: str, text: str | None = None) -> Markup:
    """`text` (else the URL) linking to an http(s) `url` in a new tab, without handing it this page; other schemes
    (which `brief validate` refuses) stay plain text."""
    text = url if text is None else text
    if not str(url).lower().startswith(WEB_SCHEMES):
        return Markup("{}").format(text)
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}<span class="visually-hidden"> (opens in a '
                  'new tab)</span></a>').format(url, text)


ENV.filters["web_link"] = web_link


def _data_table(title: str, head: list[str], rows: list[list], numeric: int = 0) -> Markup:
    """A chart's numbers as a visible table; the last `numeric` columns are right-aligned."""
    return Markup(ENV.from_string("""
<table class="chart-data"><caption>{{ title }}</caption>
<thead><tr>{% for h in head %}
<th scope="col"{% if loop.revindex <= numeric %} class="num"{% endif %}>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for r in rows %}<tr>{% for c in r %}{% if loop.first %}<th scope="row">{{ c }}</th>
{% else %}<td{% if loop.revindex <= numeric %} class="num"{% endif %}>{{ c }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}</tbody></table>""").render(title=title, head=head, rows=rows, numeric=numeric))


def _forest_words(b: Brief) -> tuple[str, Markup]:
    rows, said = [], []
    for metric, (label, _unit) in QUANTITIES.items():
        claims = b.claims[b.claims["metric"] == metric]
        if claims.empty:
            continue
        parts = []
        for _, r in claims.iterrows():
            read = claim_interval(r, b.assumptions)
            read_as = formatting.interval(read.low, read.high, r["unit"])
            rows.append([label, r["claimant"], r["claim_id"], claim_figure(r), read_as])
            parts.append(f"{r['claimant']} {claim_figure(r)} (read as {read_as})")
        said.append(f"{label}: {'; '.join(parts)}")
    alt = (f"Range plot of the {wording.counted(len(b.claims), 'claim', 'claims')} used, one panel per metric. "
           + ". ".join(said)
           + ". The table above the chart gives the same figures.")
    table = _data_table("Figures in the range plot below", ["Metric", "Claimant", "Claim", "As stated", "Read as (grey)"],
                        rows, numeric=2)
    return alt, table


def _distribution_words(b: Brief) -> tuple[str, Markup]:
    per = [c for c, q in b.binned.items() if "casualty_rate" in q]
    pooled = "casualty_rate" in b.pooled
    rows, said = [], []
    for who in per + ([POOLED] if pooled else []):
        p = b.band(who, "casualty_rate")
        split = who == POOLED and b.pooled["casualty_rate"].split
        median = "no meaningful middle" if split else formatting.number(p["p50"], "percent")
        band50 = formatting.interval(p["p25"], p["p75"], "percent")
        band90 = formatting.interval(p["p5"], p["p95"], "percent")
        rows.append([who, median, band50, band90])
        said.append(f"{who}: median {median}, 50% band {band50}, 90% band {band90}")
    top = f"histogram of the {'pooled' if pooled else per[0]} draws"
    alt = (f"Casualty-rate chart, percent of the force: {top} with its bands, and each claimant's band beside it. "
           + "; ".join(said) + ". The table above the chart gives the same figures.")
    table = _data_table("Casualty-rate bands in the chart below (Monte Carlo percentiles)",
                        ["Source", "Median", "50% band (25th–75th)", "90% band (5th–95th)"], rows, numeric=3)
    return alt, table


def _tornado_words(b: Brief) -> tuple[str, Markup]:
    rows, said = [], []
    for _, r in b.sensitivity.iterrows():
        unit = r["unit"]

        def pct(v) -> str:
            return wording.NO_DRAW if math.isnan(v) else formatting.number(v, "percent")

        name = f"{r['claimant']} {r['metric'].replace('_', ' ')}"
        span = f"{formatting.number(r['input_low'], unit)} to {formatting.number(r['input_high'], unit)}"
        swing = formatting.number(r["swing"], "ratio")  # "—" where an end has no median
        rows.append([f"{name} [{r['claim_id']}]", span, r["watched"], pct(r["base_p50"]), pct(r["p50_at_low"]),
                     pct(r["p50_at_high"]), swing])
        said.append(f"{name} from {span} moves {wording.possessive(r['watched'])} median from {pct(r['p50_at_low'])} "
                    f"to {pct(r['p50_at_high'])} ({swing} points)" if not math.isnan(r["swing"]) else
                    f"{name} from {span}: at one end {wording.NO_DRAW} {wording.possessive(r['watched'])} other "
                    "figures")
    alt = ("Tornado chart of the casualty-rate median’s change with each input at the low and high end of its range: "
           + "; ".join(said) + ". The table above the chart gives the same figures.")
    table = _data_table("Figures in the sensitivity chart below", ["Input [claim]", "Range", "Median of", "Median as drawn",
                                                              "At low end", "At high end", "Swing (points)"],
                        rows, numeric=4)
    return alt, table


def _timeline_words(b: Brief) -> tuple[str, Markup]:
    claims, dates = brief_charts.timeline_claims(b)
    rows, said = [], []
    for i, r in claims.iterrows():
        when = dates[i] or "undated"
        rows.append([QUANTITIES[r["metric"]][0], r["claimant"], r["claim_id"], when, claim_figure(r)])
        said.append(f"{r['claimant']} {QUANTITIES[r['metric']][0].lower()} {claim_figure(r)} ({when})")
    alt = (f"Timeline of claims: the {wording.counted(len(claims), 'claim by the date it', 'claims by the date each')} "
           "describes: " + "; ".join(said)
           + ". The table above the chart gives the same figures.")
    table = _data_table("Claims in the timeline below", ["Metric", "Claimant", "Claim", "Date", "Figure"], rows, numeric=1)
    return alt, table


CHART_WORDS = {"forest": _forest_words, "distribution": _distribution_words, "tornado": _tornado_words,
               "timeline": _timeline_words}


def chart_words(b: Brief, name: str) -> dict:
    """The chart's alt text, stating its numbers, and the table that shows them: `figure`'s `alt` and `table`."""
    alt, table = CHART_WORDS[name](b)
    return dict(alt=alt, table=table)
