"""The brief's HTML fragments. Ledger text is data: every template autoescapes, so a quote shows as text."""

from __future__ import annotations

import base64
import functools
import json
import math
import platform
from importlib import metadata

from IPython.display import HTML
from jinja2 import Environment
from markupsafe import Markup

from analysis import charts, forked, formatting, history, selection
from analysis import diff as diffs
from analysis import results as results_file
from analysis.derive import QUANTITIES
from analysis.distributions import claim_interval
from analysis.montecarlo import POOLED
from analysis.paths import display
from analysis.report import Brief
from analysis.sensitivity import stated_rates

ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
WEB_SCHEMES = ("http://", "https://")
VERSIONED = ("pandas", "numpy", "matplotlib", "pandera", "papermill", "nbconvert", "weasyprint", "jinja2", "kursk-brief")
BOUND_WORDS = {"exact": "{v}", "approximate": "about {v}", "up_to": "up to {v}", "at_least": "at least {v}"}


def _html(template: str, **context) -> HTML:
    return HTML(ENV.from_string(template).render(**context))


def refs(ids) -> Markup:
    """Footnote markers linking each claim id to its row in the claims table."""
    ids = [i for i in (ids.split(", ") if isinstance(ids, str) else ids) if i]
    if not ids:
        return Markup("")
    links = Markup(", ").join(Markup('<a href="#claim-{0}">{0}</a>').format(i) for i in ids)
    return Markup('<sup class="ref">[{}]</sup>').format(links)


def claim_figure(row) -> str:
    """A claim's figure in the words of its bound: 'about 300', '10,000–11,000', 'up to 50.0%'."""
    unit = row["unit"]
    if row["bound"] == "range":
        span = formatting.interval(row["low"], row["high"], unit)
        return span if math.isnan(row["best"]) else f"{formatting.number(row['best'], unit)} ({span})"
    value = {"up_to": row["high"], "at_least": row["low"]}.get(row["bound"], row["best"])
    return BOUND_WORDS[row["bound"]].format(v=formatting.number(value, unit))


def _figure_text(claimant: str, name: str, b: Brief) -> str | None:
    q = b.stated.get(claimant, {}).get(name)
    if q is None:
        return None
    if q.status == "stated":
        return claim_figure(b.claims.set_index("claim_id").loc[q.claim_ids[0]])
    v, unit = q.value, QUANTITIES[name][1]
    return formatting.figure(v.low, v.point, v.high, unit, ", ".join(q.open_bounds))


def _band(p: dict, unit: str, split: bool = False) -> str:
    if split:
        return (f"the sources’ figures do not overlap, so the pool has no meaningful middle; "
                f"90% band {formatting.interval(p['p5'], p['p95'], unit)} spans both")
    return (f"median {formatting.number(p['p50'], unit)}; 50% band {formatting.interval(p['p25'], p['p75'], unit)}; "
            f"90% band {formatting.interval(p['p5'], p['p95'], unit)}")


def _phrase(b: Brief, claimant: str, name: str, tail: str = "") -> Markup:
    """'NIS says about 300[refs]' for a stated figure, "NIS's figures imply 27.3–30.0%[refs]" for a derived one."""
    q = b.stated[claimant][name]
    verb = {"stated": "says", "implied": "’s figures imply", "borrowed": "’s figures imply (with a borrowed figure)"}
    sep = " " if q.status == "stated" else ""
    return Markup("{}{}{} {}{}{}").format(claimant, sep, verb[q.status], _figure_text(claimant, name, b), tail,
                                         refs(q.claim_ids))


def _having(b: Brief, name: str) -> list[str]:
    return [c for c in b.stated if name in b.stated[c]]


def header(b: Brief, title: str) -> HTML:
    """Title block: the title, what the brief covers and the date of the evidence (never of the build)."""
    claimants = list(b.stated)
    return _html("""
<header class="brief-header">
  <h1>{{ title }}</h1>
  <p class="dek">What the sources claim about losses, how sure we can be, and where each number comes from.</p>
  <p class="meta">Evidence: {{ evidence }} · Claims used: {{ n }} of {{ total }} in the ledger · Sources compared:
  {{ claimants | join(', ') }}</p>
</header>""", title=title, evidence=b.evidence_date(), n=len(b.claims), total=len(b.ledger), claimants=claimants)


def key_judgments(b: Brief) -> HTML:
    """Three to five judgments in plain words, each with its numbers, bands and claim footnotes."""
    items = []
    killed = _having(b, "killed")
    if killed:
        flag = b.flags[(b.flags["quantity"] == "killed") & (b.flags["verdict"] != "consistent")]
        lead = "Deaths are disputed" if len(flag) else "Deaths"
        text = Markup("; ").join(_phrase(b, c, "killed") for c in killed)
        if len(flag):
            ratio = flag["text"].iloc[0].split("; ", 1)[-1].rstrip(".")
            text += Markup(" — {}, even reading each “about” as ±{:.0%}").format(ratio, b.assumptions.approx_tolerance)
        items.append(Markup("<strong>{}.</strong> {}.").format(lead, text))
    rate = _having(b, "casualty_rate")
    if rate:
        parts = []
        for c in rate:
            tail = ""
            if "casualties" in b.stated[c]:
                tail = Markup(" — {} casualties").format(_figure_text(c, "casualties", b))
            parts.append(_phrase(b, c, "casualty_rate", tail))
        text = Markup("; ").join(parts)
        if "casualty_rate" in b.pooled:
            q = b.pooled["casualty_rate"]
            text += Markup(". Pooled ({}): {}{}").format(_weights_text(b), _band(b.band(POOLED, "casualty_rate"), "percent", q.split),
                                                                refs(q.claim_ids))
        items.append(Markup("<strong>Share of the force killed or wounded.</strong> {}.").format(text))
    ratio = _having(b, "wounded_per_killed")
    if ratio:
        parts = []
        for c in ratio:
            at = b.stated[c]["wounded_per_killed"].value.central
            parts.append(_phrase(b, c, "wounded_per_killed", Markup(" wounded per killed (nearest reference: {})").format(
                history.nearest(at, b.reference))))
        items.append(Markup("<strong>Wounded per killed.</strong> {}.").format(Markup("; ").join(parts)))
    force = _having(b, "deployed")
    if force:
        deployed = b.flags[b.flags["quantity"] == "deployed"]
        agree = ((": the sources agree" if (deployed["verdict"] == "consistent").all() else ": the sources differ")
                 if len(deployed) else "")
        items.append(Markup("<strong>Force size{}.</strong> {}.").format(
            agree, Markup("; ").join(_phrase(b, c, "deployed") for c in force)))
    items.append(Markup("<strong>Confidence is {}.</strong> {}").format(*_confidence(b)))
    return _html('<section class="bluf"><ol>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ol></section>',
                 items=items[:5])


def _weights_text(b: Brief) -> str:
    w = b.params["weights"]
    if not w:
        return "equal weights"
    return "weights " + ", ".join(f"{k} {v}" for k, v in w.items())


def _confidence(b: Brief) -> tuple[str, str]:
    c = b.claims
    n_sources = c["source_url"].nunique()
    undated = int((selection.dated(c) == "").sum())  # as_of, else published: as the claims table shows it
    loose = int(c["bound"].isin(["approximate", "up_to", "at_least"]).sum())
    disputes = int((b.flags["verdict"] != "consistent").sum()) if len(b.flags) else 0
    level = "low" if n_sources < 2 or disputes or len(b.stated) < 2 else "moderate"
    compared = (f"{disputes} comparison{'s' if disputes != 1 else ''} between claimants show disagreement or "
                f"tension" if len(b.stated) > 1 else "with one claimant there is nothing to cross-check")
    text = (f"{len(c)} figures from {n_sources} published source{'s' if n_sources != 1 else ''}; "
            f"{loose} are approximate or open-ended bounds, {undated} carry no date, and {compared}. "
            "None of the figures can be checked independently here.")
    return level, text


def claims_table(b: Brief) -> HTML:
    """Every claim used: claimant, metric, figure in its own words, bound, verbatim quote, source."""
    outlets = dict(zip(b.sources.get("source_url", []), b.sources.get("outlet", [])))
    rows = [dict(id=r["claim_id"], claimant=r["claimant"], spokesperson=r["spokesperson"], conduit=r["conduit"],
                 metric=QUANTITIES[r["metric"]][0], figure=claim_figure(r), bound=r["bound"].replace("_", " "),
                 quote=r["quote"], url=r["source_url"], outlet=outlets.get(r["source_url"], r["source_url"]),
                 date=r["as_of"] or r["published"] or "undated")
            for _, r in b.claims.iterrows()]
    for r in rows:
        r["link"] = web_link(r["url"], r["outlet"])
    return _html("""
<table class="claims">
<thead><tr><th>Claim</th><th>Claimant</th><th>Figure</th><th>Verbatim quote</th><th>Source</th></tr></thead>
<tbody>
{% for r in rows %}
<tr id="claim-{{ r.id }}">
  <td data-label="Claim"><code>{{ r.id }}</code><br><span class="muted">{{ r.metric }}</span></td>
  <td data-label="Claimant">{{ r.claimant }}{% if r.spokesperson %}<br><span class="muted">{{ r.spokesperson }}</span>{% endif %}</td>
  <td class="num" data-label="Figure">{{ r.figure }}<br><span class="muted">{{ r.bound }}</span></td>
  <td class="quote" data-label="Verbatim quote">“{{ r.quote }}”</td>
  <td data-label="Source">{{ r.link }}<br><span class="muted">{{ r.date }}{% if r.conduit %}; via {{ r.conduit }}{% endif %}</span></td>
</tr>
{% endfor %}
</tbody></table>""", rows=rows)


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
            band = _band(b.band(c, name), unit, c == POOLED and q.split)
            cells.append(dict(text=text, band=band, status=q.status, ids=refs(q.claim_ids)))
        if all(cell["status"] == "missing" for cell in cells):
            continue
        rows.append(dict(label=label, cells=cells))
    return _html("""
<table class="derived">
<thead><tr><th>Quantity</th>{% for g in groups %}<th>{{ g }}</th>{% endfor %}</tr></thead>
<tbody>
{% for r in rows %}
<tr><th scope="row">{{ r.label }}</th>
{% for c in r.cells %}
<td class="{{ c.status }}">{% if c.text %}<span class="fig">{{ c.text }}</span>{% endif %}
{% if c.status not in ('missing', 'pooled') %} <span class="tag">{{ c.status }}</span>{% endif %}{{ c.ids }}
{% if c.band %}<br><span class="band">{{ c.band }}</span>{% endif %}</td>
{% endfor %}</tr>
{% endfor %}
</tbody></table>
<p class="note">Figures: what the claims state, or imply by arithmetic on them (interval arithmetic; “at the stated
bound” marks a figure evaluated at an “as high as” bound). Bands: Monte Carlo percentiles under the assumptions in
<em>Method</em>. Footnotes name the claims each figure rests on.</p>""", groups=groups, rows=rows)


def figure(png: bytes, caption: str, alt: str, table: Markup = Markup("")) -> HTML:
    """A chart (PNG bytes) embedded as a data URI, with its caption; `table` (its numbers) comes first: on paper it
    fills the space above a chart that moves to the next page."""
    data = base64.b64encode(png).decode("ascii")
    return _html('{{ table }}<figure><img src="data:image/png;base64,{{ data }}" alt="{{ alt }}"><figcaption>{{ caption }}'
                 '</figcaption></figure>', data=data, caption=caption, alt=alt, table=table)


def _forest_png(b: Brief) -> bytes:
    return charts.png(charts.forest(b.claims, b.assumptions))


def _distribution_png(b: Brief) -> bytes:
    per = {c: b.band(c, "casualty_rate") for c, q in b.binned.items() if "casualty_rate" in q}
    who = POOLED if "casualty_rate" in b.pooled else next(iter(per))
    dist = b.pooled["casualty_rate"] if who == POOLED else b.binned[who]["casualty_rate"]
    return charts.png(charts.distribution(*dist.density(), per, b.band(who, "casualty_rate")))


def _tornado_png(b: Brief) -> bytes:
    return charts.png(charts.tornado(b.sensitivity))


def _timeline_png(b: Brief) -> bytes:
    return charts.png(charts.timeline(*_timeline_claims(b)))


CHARTS = {"forest": _forest_png, "distribution": _distribution_png, "tornado": _tornado_png,
          "timeline": _timeline_png}


def _has_rate(b: Brief) -> bool:
    return any("casualty_rate" in q for q in b.binned.values())


def _chart_jobs(b: Brief) -> dict:
    """Each chart this brief shows, as a function drawing its PNG, by name."""
    shown = {"forest": True, "distribution": _has_rate(b), "tornado": not b.sensitivity.empty,
             "timeline": not (_timeline_claims(b)[1] == "").all()}
    return {name: functools.partial(draw, b) for name, draw in CHARTS.items() if shown[name]}


def draw_charts(b: Brief) -> dict[str, bytes]:
    """Every chart of the brief as PNG bytes, by name, drawn two at a time where the machine has the cores.

    Pass the result to the chart sections; the bytes are the same as drawing each chart on its own.
    """
    return forked.run(_chart_jobs(b))


def _drawn(b: Brief, name: str, drawn: dict[str, bytes] | None) -> bytes:
    """The chart `draw_charts` drew, or, without it, the chart drawn now."""
    return drawn[name] if drawn and name in drawn else CHARTS[name](b)


def forest_chart(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The range plot of every claim used."""
    return figure(_drawn(b, "forest", drawn),
                  "Every claim used, by metric and claimant. Black: the range as stated; grey: the reading used for "
                  "the bands (tolerance on “about”, floor under “as high as”).", **chart_words(b, "forest"))


def distribution_chart(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The casualty-rate distribution (pooled where there is a pool) with per-claimant bands."""
    if not _has_rate(b):
        return _html('<p class="note">No claimant gives or implies a casualty rate.</p>')
    return figure(_drawn(b, "distribution", drawn),
                  "Casualty rate (killed and wounded as a share of the force). Top: distribution of the pooled draws "
                  "with its 50% and 90% bands. Bottom: each source's band beside the pool.",
                  **chart_words(b, "distribution"))


def sensitivity_section(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """The tornado chart and a sentence on the input that matters most."""
    s = b.sensitivity
    direct = [Markup("{} states its casualty rate directly ({}){}, so no other input moves it; its band is the "
                     "reading of that claim, {}.").format(r["claimant"], claim_figure(r), refs([r["claim_id"]]),
                                                          _band(b.band(r["claimant"], "casualty_rate"), "percent"))
              for _, r in stated_rates(b.claims).iterrows()]
    notes = Markup("").join(Markup("<p>{}</p>").format(d) for d in direct)
    if s.empty:
        return HTML(notes + Markup('<p class="note">No other input has a range to vary.</p>'))
    top = s.iloc[0]
    unit = top["unit"]
    lead = Markup("The casualty rate moves most with <strong>{} {}</strong>{}: from {} to {}, {}’s median moves "
                  "from {} to {} ({:.1f} percentage points).").format(
        top["claimant"], top["metric"].replace("_", " "), refs([top["claim_id"]]),
        formatting.number(top["input_low"], unit), formatting.number(top["input_high"], unit), top["watched"],
        formatting.number(top["p50_at_low"], "percent"), formatting.number(top["p50_at_high"], "percent"),
        top["swing"])
    chart = figure(_drawn(b, "tornado", drawn),
                   "Change in each source’s median casualty rate when one input goes to the low or high end of its "
                   "range, the others drawn as usual.", **chart_words(b, "tornado"))
    return HTML(f'<p>{lead}</p>{notes}{chart.data}')


def flags_section(b: Brief) -> HTML:
    """Consistency flags in plain words, disagreements first."""
    order = {"contradiction": 0, "disagreement": 1, "tension": 2, "consistent": 3}
    f = b.flags.assign(_o=b.flags["verdict"].map(order)).sort_values(["_o"], kind="stable") if len(b.flags) else b.flags
    rows = [dict(verdict=r["verdict"], text=r["text"], ids=refs(r["claim_ids"])) for _, r in f.iterrows()]
    return _html("""
{% if not rows %}<p class="note">Only one source: nothing to compare.</p>{% endif %}
<ul class="flags">
{% for r in rows %}<li class="{{ r.verdict }}"><span class="verdict">{{ r.verdict }}</span> {{ r.text }}{{ r.ids }}</li>
{% endfor %}</ul>
<p class="note">Ranges here include the tolerance on approximate figures. “Tension”: the ranges overlap, but a figure
one source puts forward lies outside the other’s range.</p>""", rows=rows)


def history_section(b: Brief) -> HTML:
    """Reference wounded-per-killed ratios from other wars, and where each source's ratio sits."""
    ref = b.reference
    places = []
    for c, q in b.stated.items():
        if "wounded_per_killed" in q:
            v = q["wounded_per_killed"]
            places.append(Markup("{}: {} — {}{}").format(c, _figure_text(c, "wounded_per_killed", b),
                                                      history.place(v.value.central, ref), refs(v.claim_ids)))
    rows = [dict(conflict=r["conflict"], force=r["force"], killed=f"{r['killed']:,}", kdef=r["killed_definition"],
                 wounded=f"{r['wounded']:,}", ratio=f"{r['wounded_per_killed']:.1f}", source=r["source"])
            for _, r in ref.iterrows()]
    return _html("""
<ul>{% for p in places %}<li>{{ p }}</li>{% endfor %}</ul>
<table class="reference">
<thead><tr><th>Conflict</th><th>Force</th><th class="num">Killed</th><th class="num">Wounded</th>
<th class="num">Wounded per killed</th><th>Source</th></tr></thead>
<tbody>{% for r in rows %}<tr><td>{{ r.conflict }}</td><td>{{ r.force }}</td>
<td class="num">{{ r.killed }}<br><span class="muted">{{ r.kdef }}</span></td><td class="num">{{ r.wounded }}</td>
<td class="num">{{ r.ratio }}</td><td class="muted">{{ r.source }}</td></tr>{% endfor %}</tbody></table>
<p class="note">Ratios depend on medical evacuation, body armour and how deaths and wounds are counted; they set
context, they do not test the claims.</p>""", places=places, rows=rows)


def method_section(b: Brief) -> HTML:
    """How the numbers were made and what they cannot tell, with the assumptions' actual values."""
    a = b.assumptions
    return _html("""
<ul>
<li><strong>Claims.</strong> One row per figure in the ledger, with its verbatim quote; the latest claim per source and
metric is used{% if as_of %}, as known on {{ as_of }}{% endif %}. Undated claims are included and said to be undated.</li>
<li><strong>Implied figures.</strong> casualties = killed + wounded; casualty rate = casualties ÷ deployed; a rate times
a force gives casualties; casualties − killed gives wounded. Each derived figure is computed per source, never across
sources{% if borrow %}, except where borrowing was asked for: {{ borrow }}{% endif %}.</li>
<li><strong>Reading the wording.</strong> “About X” is read as X ± {{ tol }}; “as high as X” as between {{ floor }} of X
and X; “at least X” as between X and {{ ceiling }} × X; a range as {{ family }} between its ends{% if family == 'lognormal' %}
(its 5th and 95th percentiles at the ends){% endif %}.</li>
<li><strong>Bands.</strong> {{ draws }} seeded Monte Carlo draws (seed {{ seed }}), inputs independent; the pool is a
mixture of sources ({{ weights }}), which shows the spread of the claims, not a consensus.</li>
<li><strong>What the numbers cannot tell.</strong> Whether any source is right: they are estimates relayed by a
secondary report, not counts. Missing, captured and non-combat losses are not covered. The pool is only as good as
the claims in it; a source that is wrong but precise narrows it falsely.</li>
</ul>""", as_of=b.params["as_of"], borrow=b.params["borrow"], tol=f"{a.approx_tolerance:.0%}",
                 floor=f"{a.upto_floor:.0%}", ceiling=f"{a.atleast_ceiling:g}", family=a.distribution,
                 draws=f"{int(b.params['draws']):,}", seed=b.params["seed"], weights=_weights_text(b))


def sources_section(b: Brief) -> HTML:
    """The sources of the claims used, as described in data/sources.csv."""
    used = list(dict.fromkeys(b.claims["source_url"]))
    known = {r["source_url"]: r for _, r in b.sources.iterrows()} if len(b.sources) else {}
    rows = [dict(url=u, **{k: known[u].get(k, "") for k in ("outlet", "headline", "kind", "published", "description")})
            if u in known else dict(url=u, outlet=u, headline="", kind="", published="", description="")
            for u in used]
    return _html("""
<ol class="sources">{% for r in rows %}<li><strong>{{ r.outlet }}</strong>{% if r.headline %}, “{{ r.headline }}”{% endif %}
{% if r.kind %} ({{ r.kind }}){% endif %}. {{ r.published or 'Undated' }}. <span class="url">{{ r.url | web_link }}</span>
{% if r.description %}<br><span class="muted">{{ r.description }}</span>{% endif %}</li>{% endfor %}</ol>""", rows=rows)


def reproducibility(b: Brief) -> HTML:
    """Ledger hash, parameters and package versions: what it takes to rebuild these exact bytes."""
    shown = {k: v for k, v in b.params.items()}
    shown["ledger"] = display(b.ledger_path)
    versions = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return _html("""
<dl class="repro">
<dt>Ledger</dt><dd><code>{{ ledger }}</code>, SHA-256 <code>{{ sha }}</code></dd>
<dt>Parameters</dt><dd><code>{{ params }}</code></dd>
<dt>Versions</dt><dd><code>{{ versions }}</code></dd>
</dl>""", ledger=display(b.ledger_path), sha=b.ledger_sha256, params=json.dumps(shown, sort_keys=True, ensure_ascii=False),
                 versions=", ".join(f"{k} {v}" for k, v in versions.items()))


def changes_section(b: Brief, since: str) -> HTML:
    """"Changes since" an earlier brief, when `since` names its results.json or report folder; nothing otherwise."""
    if not since:
        return HTML("")
    from analysis.paths import resolve

    old = results_file.load(resolve(since))
    changes = diffs.compare(old, results_file.to_dict(b))
    return _html("""
<section class="changes"><h2>Changes since the earlier brief</h2>
<p class="meta">Compared with the brief of ledger {{ sha }} (evidence {{ evidence }}).</p>
{% if not changes %}<p>No changes: same claims, figures, bands and flags.</p>{% endif %}
<ul>{% for c in changes %}<li><span class="verdict">{{ c.kind }}</span> {{ c }}</li>{% endfor %}</ul></section>""",
                 sha=old.get("ledger_sha256", "")[:12], evidence=old.get("evidence", ""), changes=changes)


def _timeline_claims(b: Brief):
    """All claims of the chosen claimants known at the brief's date (superseded ones included), and their dates."""
    claims = b.ledger[b.ledger["claimant"].isin(list(b.stated))]
    claims = selection.as_of_filter(claims, b.params["as_of"] or None)
    return claims, selection.dated(claims)


def timeline_section(b: Brief, drawn: dict[str, bytes] | None = None) -> HTML:
    """Each metric's claims over their dates, all claims of the chosen claimants (superseded ones included)."""
    claims, dates = _timeline_claims(b)
    if (dates == "").all():
        return _html('<p class="note">Every claim used is undated, so there is no timeline to draw yet. Give new '
                     'claims an <code>as_of</code> date and this section charts each metric over time.</p>')
    note = "Claims without a date sit at the left, marked “undated”." if (dates == "").any() else ""
    chart = figure(_drawn(b, "timeline", drawn), "Every claim of the sources compared, by the date it describes, "
                   "with its stated range. " + note, **chart_words(b, "timeline"))
    return chart


def write_results(b: Brief, path: str) -> None:
    """Write the brief's results.json (the build passes a path inside its temporary folder)."""
    results_file.write(b, path)


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
    alt = (f"Range plot of the {len(b.claims)} claims used, one panel per metric. " + ". ".join(said)
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
    alt = (f"Casualty-rate chart, percent of the force: {top} with its bands, and each source's band beside it. "
           + "; ".join(said) + ". The table above the chart gives the same figures.")
    table = _data_table("Casualty-rate bands in the chart below (Monte Carlo percentiles)",
                        ["Source", "Median", "50% band (25th–75th)", "90% band (5th–95th)"], rows, numeric=3)
    return alt, table


def _tornado_words(b: Brief) -> tuple[str, Markup]:
    rows, said = [], []
    for _, r in b.sensitivity.iterrows():
        unit, pct = r["unit"], (lambda v: formatting.number(v, "percent"))
        name = f"{r['claimant']} {r['metric'].replace('_', ' ')}"
        span = f"{formatting.number(r['input_low'], unit)} to {formatting.number(r['input_high'], unit)}"
        swing = f"{r['swing']:.1f}"
        rows.append([f"{name} [{r['claim_id']}]", span, r["watched"], pct(r["base_p50"]), pct(r["p50_at_low"]),
                     pct(r["p50_at_high"]), swing])
        said.append(f"{name} from {span} moves {r['watched']}’s median from {pct(r['p50_at_low'])} to "
                    f"{pct(r['p50_at_high'])} ({swing} points)")
    alt = ("Tornado chart of the casualty-rate median’s change with each input at the low and high end of its range: "
           + "; ".join(said) + ". The table above the chart gives the same figures.")
    table = _data_table("Figures in the sensitivity chart below", ["Input [claim]", "Range", "Median of", "Median as drawn",
                                                              "At low end", "At high end", "Swing (points)"],
                        rows, numeric=4)
    return alt, table


def _timeline_words(b: Brief) -> tuple[str, Markup]:
    claims, dates = _timeline_claims(b)
    rows, said = [], []
    for i, r in claims.iterrows():
        when = dates[i] or "undated"
        rows.append([QUANTITIES[r["metric"]][0], r["claimant"], r["claim_id"], when, claim_figure(r)])
        said.append(f"{r['claimant']} {QUANTITIES[r['metric']][0].lower()} {claim_figure(r)} ({when})")
    alt = (f"Timeline of claims: the {len(claims)} claims by the date each describes: " + "; ".join(said)
           + ". The table above the chart gives the same figures.")
    table = _data_table("Claims in the timeline below", ["Metric", "Claimant", "Claim", "Date", "Figure"], rows, numeric=1)
    return alt, table


CHART_WORDS = {"forest": _forest_words, "distribution": _distribution_words, "tornado": _tornado_words,
               "timeline": _timeline_words}


def chart_words(b: Brief, name: str) -> dict:
    """The chart's alt text, stating its numbers, and the table that shows them: `figure`'s `alt` and `table`."""
    alt, table = CHART_WORDS[name](b)
    return dict(alt=alt, table=table)
