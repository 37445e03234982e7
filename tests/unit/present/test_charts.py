"""The brief's charts read at print size and say one thing with each marker (issue 21).

Print size: a chart is placed in the PDF at the width it was drawn (px / 120 dpi, the A4 text block at most), so a
font of f pt prints at f pt; every font must be at least 7 pt. Markers: filled = a figure the source stated, hollow =
a figure we worked out from the claimant's own figures; a range has no marker at its midpoint.
"""

import re

import pytest
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.text import Text

from analysis.brief.compute import compute
from analysis.present import brief_charts, charts, html

pytestmark = pytest.mark.integration  # whole briefs computed and drawn: left out of the mutation run

A4_TEXT_WIDTH_IN = (210 - 15 - 15) / 25.4  # brief.css: A4 with 15 mm side margins


@pytest.fixture(scope="module")
def brief():
    return compute(draws=5_000, sensitivity_draws=1_000)


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _drawn_width_in(png: bytes) -> float:
    return int.from_bytes(png[16:20], "big") / charts.DPI


@pytest.mark.parametrize("name", ["claims", "distribution", "tornado", "later"])
def test_every_chart_reads_at_print_size(brief, name):
    fig = brief_charts.FIGURES[name](brief)
    png = charts.png(fig)  # draws it: tick labels exist from here on
    width = _drawn_width_in(png)
    assert width <= A4_TEXT_WIDTH_IN, f"{name}: {width:.2f} in wide, wider than the page's text"
    smallest = min(t.get_fontsize() for t in _texts(fig))
    assert smallest >= 7, f"{name}: a {smallest} pt text"


def test_a_figure_is_placed_at_the_width_it_was_drawn(brief):
    png = brief_charts.CHARTS["claims"](brief)
    markup = html.figure(png, 1, "A title", "A caption.", alt="alt").data
    width = re.search(r'style="width: ([\d.]+)in"', markup).group(1)
    assert float(width) == pytest.approx(_drawn_width_in(png), abs=0.01)
    assert "<strong>Figure 1. A title.</strong> A caption." in markup


def _markers(ax):
    """(x, filled) for every marker drawn on a panel (lines without markers left out)."""
    out = []
    for line in ax.get_lines():
        if line.get_marker() in (None, "None", "", " ") or not len(line.get_xdata()):
            continue
        face = to_rgba(line.get_markerfacecolor())
        filled = face[3] > 0 and face[:3] != (1.0, 1.0, 1.0)
        out += [(float(x), filled) for x in line.get_xdata()]
    return out


def _panel(fig, title: str):
    return next(ax for ax in fig.axes if ax.get_title(loc="left").startswith(title))


def test_claims_chart__filled_stated_hollow_implied_and_no_midpoint_for_a_range(brief):
    fig = brief_charts.FIGURES["claims"](brief)
    # Killed: NIS's "about 300" and CSIS's "potentially 1,000" are stated points: filled.
    assert sorted(_markers(_panel(fig, "Killed"))) == [(300.0, True), (1000.0, True)]
    # Casualties: NIS's 300 + 2,700 = 3,000 is implied (hollow); CSIS's 50% of 11,000 = at most 5,500 is an implied
    # bound (hollow, at its stated end).
    assert sorted(_markers(_panel(fig, "Casualties"))) == [(3000.0, False), (5500.0, False)]
    # Troops deployed: NIS's 10,000–11,000 is a range: its ends are marked, never its midpoint 10,500.
    deployed = _markers(_panel(fig, "Troops deployed"))
    assert (10500.0, False) not in deployed and (10500.0, True) not in deployed
    assert {(10000.0, True), (11000.0, True)} <= set(deployed)
    # Casualty rate: CSIS's "as high as 50%" is stated (filled, at 50); NIS's 2,700 + 300 over 10,000–11,000 is
    # the implied range 27.3–30.0% (hollow ends).
    rate = _markers(_panel(fig, "Casualty rate"))
    assert (50.0, True) in rate
    assert sorted(x for x, filled in rate if not filled) == pytest.approx([300_000 / 11_000, 30.0])


def test_claims_chart__shows_every_figure_the_table_lists(brief):
    """Every quantity a claimant states or implies has its panel row: NIS's implied rate and CSIS's wounded bound
    (left out of the old range plot, though the text compared them) included."""
    fig = brief_charts.FIGURES["claims"](brief)
    for quantity in ("Wounded", "Casualty rate", "Wounded per killed"):
        labels = [t.get_text() for t in _panel(fig, quantity).get_yticklabels()]
        assert labels == ["NIS", "CSIS"], quantity


def test_distribution_chart__the_median_is_a_tick_not_a_hollow_marker(brief):
    fig = brief_charts.FIGURES["distribution"](brief)
    bottom = fig.axes[-1]
    for line in bottom.get_lines():
        assert line.get_marker() in (None, "None", "", " ", "|"), line.get_marker()


def test_distribution_chart__one_panel_of_bands_and_no_histogram(brief):
    # The histogram panel repeated the pool's 50% and 90% bands and median, which its row of bands draws: gone, and
    # the figure is as tall as its three rows need (issue 21: the annex shorter on paper).
    fig = brief_charts.FIGURES["distribution"](brief)
    assert len(fig.axes) == 1 and not fig.axes[0].patches
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["NIS", "CSIS", "Pooled"]
    assert fig.get_figheight() <= 1.6


def test_distribution_chart__no_pooled_row_without_a_pool():
    # One claimant: no pool. Its band was drawn twice, once labelled "Pooled".
    fig = brief_charts.FIGURES["distribution"](compute(claimants=["NIS"], draws=2_000, sensitivity_draws=500))
    assert [t.get_text() for t in fig.axes[-1].get_yticklabels()] == ["NIS"]


def test_distribution_chart__a_pool_with_no_middle_draws_only_its_90_percent_band():
    # Two claimants 20–30% and 50–60% apart: the pool has no meaningful middle, so the bands table prints "—" for its
    # median and 50% band; the chart drew both anyway (a tick and a thick bar nobody claimed).
    a = dict(p5=20.5, p25=22.5, p50=25.0, p75=27.5, p95=29.5)
    b = dict(p5=50.5, p25=52.5, p50=55.0, p75=57.5, p95=59.5)
    pool = dict(p5=21.0, p25=25.0, p50=40.0, p75=55.0, p95=59.0)
    ax = charts.distribution({"A": a, "B": b}, pool, split=True).axes[0]
    pooled = [line for line in ax.get_lines() if set(line.get_ydata()) == {2}]
    assert [list(line.get_xdata()) for line in pooled] == [[21.0, 59.0]]
    kept = [line for line in charts.distribution({"A": a, "B": b}, pool).axes[0].get_lines()
            if set(line.get_ydata()) == {2}]
    assert [list(line.get_xdata()) for line in kept] == [[21.0, 59.0], [25.0, 55.0], [40.0]]


def test_charts_draw_the_same_bytes_twice(brief):
    for name in brief_charts.CHARTS:
        assert brief_charts.CHARTS[name](brief) == brief_charts.CHARTS[name](brief), name


def test_no_chart_repeats_another(brief):
    """The brief's own timeline repeated the later section's chart: it is gone."""
    assert set(brief_charts.CHARTS) == {"claims", "distribution", "tornado", "later"}
    assert isinstance(next(iter(_panel(brief_charts.FIGURES["claims"](brief), "Killed").get_lines())), Line2D)


def test_the_later_chart_is_drawn_once__the_section_embeds_the_bytes_brief_charts_drew(brief):
    import base64

    from analysis.present import later_section

    png = brief_charts.CHARTS["claims"](brief)  # any PNG: the section must embed the bytes it is given, not redraw
    view = later_section.view(brief, "data/later-reports.csv")
    html = later_section.section(brief, "data/later-reports.csv", view, {"later": png}).data
    assert base64.b64encode(png).decode("ascii") in html
    assert "Figure 2. The article’s claims and later reports, by the date each describes." in html
