"""The brief's one Jinja environment and the markup every section shares: claim footnotes, web links, a figure.

Ledger text is data: the environment autoescapes, so a quote or a claimant's name always shows as text.
"""

from __future__ import annotations

import base64

from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from analysis.paths import TEMPLATE_DIR
from analysis.present.charts import DPI

# Each section's markup is a template beside the nbconvert template (section_*.html.j2); autoescaped.
ENV = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, trim_blocks=True, lstrip_blocks=True)
WEB_SCHEMES = ("http://", "https://")
MAX_REFS = 12   # claim ids in one footnote; a longer list ends "and N more (results.json)"


def render(template: str, **context) -> HTML:
    """A section template (templates/brief/*.html.j2) rendered with its context."""
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


def web_link(url: str, text: str | None = None) -> Markup:
    """`text` (else the URL) linking to an http(s) `url` in a new tab, without handing it this page; other schemes
    (which `brief validate` refuses) stay plain text."""
    text = url if text is None else text
    if not str(url).lower().startswith(WEB_SCHEMES):
        return Markup("{}").format(text)
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}<span class="visually-hidden"> (opens in a '
                  'new tab)</span></a>').format(url, text)


ENV.filters["web_link"] = web_link


def data_table(title: str, head: list[str], rows: list[list], numeric: int = 0) -> Markup:
    """A chart's numbers as a visible table; the last `numeric` columns are right-aligned."""
    return Markup(ENV.from_string("""
<table class="chart-data"><caption>{{ title }}</caption>
<thead><tr>{% for h in head %}
<th scope="col"{% if loop.revindex <= numeric %} class="num"{% endif %}>{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for r in rows %}<tr>{% for c in r %}{% if loop.first %}<th scope="row">{{ c }}</th>
{% else %}<td{% if loop.revindex <= numeric %} class="num"{% endif %}>{{ c }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}</tbody></table>""").render(title=title, head=head, rows=rows, numeric=numeric))


def figure(png: bytes, number: int, title: str, caption: str, alt: str, table: Markup = Markup("")) -> HTML:
    """A chart (PNG bytes) embedded as a data URI under "Figure N. Title." and its caption, placed at the width it
    was drawn (its pixels over charts.DPI), so its fonts print at the size they were drawn; `table` (its numbers)
    comes after it."""
    data = base64.b64encode(png).decode("ascii")
    width = int.from_bytes(png[16:20], "big") / DPI  # the PNG header's width in pixels
    return render('section_figure.html.j2', data=data, number=number, title=title, caption=caption, alt=alt,
                  table=table, width=f"{width:.2f}")


def annex_part(title: str, anchor: str, body) -> HTML:
    """A part of the annex: its heading as the summary of a <details> element, so the HTML shows the annex folded,
    one click a part (no script); on paper (WeasyPrint lays out every <details> open) it reads straight through."""
    return render('annex_part.html.j2', title=title, anchor=anchor, body=Markup(getattr(body, "data", body)))
