"""The "What later reports said" chart: every dated claim per claimant and metric over time, revisions joined.

Drawn in the brief's chart style (analysis.present.charts.STYLE, PNG via charts.png). One colour, marker and line
style per claimant (Okabe-Ito colours: distinguishable with colour-blindness; markers and dashes keep them apart in
greyscale), each series labelled at the right margin rather than in a legend. Open bounds are arrows from the
stated figure, never a drawn range; implied points are hollow; the article's claims are ringed, or drawn as a
dotted level across the panel when the article gives them no date. A claimant's points are joined only within one
scope: its line is its revisions of one count.
"""

from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.present.charts import COLOURS, INK, MARKERS, STYLE, WIDTH_IN
from analysis.uncertainty.derive import QUANTITIES

# The brief's claimant colours and markers (analysis.present.charts): one per claimant in every chart.
DASHES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (8, 2)))
PANEL_ORDER = ("killed", "casualties", "deployed")


def styles(claimants: list[str]) -> dict[str, dict]:
    """A colour, marker and line style per claimant, in the order given (stable across panels and briefs); past the
    eighth claimant the markers shift by one each round of colours, so no two claimants share colour and marker."""
    return {c: dict(color=COLOURS[i % len(COLOURS)], marker=MARKERS[(i + i // len(COLOURS)) % len(MARKERS)],
                    ls=DASHES[i % len(DASHES)])
            for i, c in enumerate(claimants)}


PANEL_IN = 1.2  # each panel's height, inches (drawn at the size it prints)
# a 7.5 pt character's width and a label's height, as fractions of the axes (0.10 of a 1.3 in panel)
CHAR_W, TEXT_H = 0.0118, 0.10 * 1.3 / PANEL_IN


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(labels: list[tuple[float, float, str]],
                 points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where to write each label (x, y, text; axes fractions, x None for the right margin) so none overlaps another
    label or a marker: beside its point if free, else a step above or below, further each time."""
    boxes = [(x - 0.015, y - 0.05, x + 0.015, y + 0.05) for x, y in points]
    out = []
    for x, y, text in labels:
        w = CHAR_W * len(text)
        x0 = 1.01 if x is None else x + 0.018
        for dy in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
            yy = y + dy * TEXT_H * 0.9
            box = (x0, yy - TEXT_H / 2, x0 + w, yy + TEXT_H / 2)
            if -0.02 <= yy <= 1.0 and not any(_overlaps(box, b) for b in boxes):
                break
        boxes.append(box)
        out.append((x0, yy))
    return out


def joins(series: pd.DataFrame) -> list[tuple[list, list]]:
    """The lines that join one claimant's dated points of one panel: one per scope with two points or more, in date
    order (a figure of all deployments is not a revision of one of the first deployment alone)."""
    scope = series["scope"] if "scope" in series.columns else pd.Series("", index=series.index)
    out = []
    for _, g in series.groupby(scope, sort=False):
        g = g.sort_values("x", kind="stable")
        if len(g) > 1:
            out.append((list(g["x"]), list(g["y"])))
    return out


def _thousands(v, _pos) -> str:
    return f"{v:,.0f}"


def chart(tl: pd.DataFrame, claimants: list[str], start: pd.Timestamp | None = None,
          end: pd.Timestamp | None = None):
    """The later reports' chart: one panel per metric of `tl` (hindsight.timeline's table of dated claims),
    claimants styled by `claimants`."""
    st = styles(claimants)
    metrics = [m for m in PANEL_ORDER if m in set(tl["metric"])]
    dated = tl[tl["x"].notna()]
    lo = start or (dated["x"].min() - pd.Timedelta(days=20) if len(dated) else pd.Timestamp("2025-01-01"))
    hi = end or (dated["x"].max() + pd.Timedelta(days=20) if len(dated) else pd.Timestamp("2025-12-31"))
    span = hi - lo
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH_IN, PANEL_IN * len(metrics) + 0.3))  # drawn at the width it is printed
        axes = fig.subplots(len(metrics), 1, squeeze=False, sharex=True)[:, 0]
        for ax, metric in zip(axes, metrics):
            rows = tl[tl["metric"] == metric]
            top = rows["y"].max() * 1.18
            arrow = top * 0.11  # an open bound's arrow: long enough to see at print size
            labels = []  # (y of the point, text, style, x of the point)
            for claimant, group in rows.groupby("claimant", sort=False):
                s = st[claimant]
                series = group[group["x"].notna()].sort_values("x", kind="stable")
                for xs, ys in joins(series):
                    ax.plot(xs, ys, color=s["color"], ls=s["ls"], lw=1.4, zorder=2)
                for _, r in series.iterrows():
                    y = r["y"]
                    if r["bound"] == "range":
                        ax.plot([r["x"], r["x"]], [r["low"], r["high"]], color=s["color"], lw=1.6, zorder=2)
                    if r["bound"] in ("at_least", "up_to"):
                        dy = arrow if r["bound"] == "at_least" else -arrow
                        ax.annotate("", xy=(r["x"], y + dy), xytext=(r["x"], y), zorder=3,
                                    arrowprops=dict(arrowstyle="-|>", color=s["color"], lw=1.5, mutation_scale=12))
                    hollow = r["status"] == "implied"
                    ax.plot([r["x"]], [y], marker=s["marker"], ms=6.5, ls="none", zorder=4,
                            color="white" if hollow else s["color"], markeredgecolor=s["color"], markeredgewidth=1.4)
                    if r["source"] == "article":
                        ax.plot([r["x"]], [y], marker="o", ms=13, ls="none", zorder=3, color="none",
                                markeredgecolor=INK, markeredgewidth=1.0)
                if len(series):
                    last = series.iloc[-1]
                    y = last["y"]
                    labels.append((y, claimant, s, last["x"]))
                for _, r in group[group["x"].isna()].iterrows():  # the article's undated claims: a level across
                    y = r["y"]
                    if r["bound"] == "range":
                        ax.axhspan(r["low"], r["high"], color=s["color"], alpha=0.12, lw=0, zorder=0)
                    ax.axhline(y, color=s["color"], ls=":", lw=1.2, zorder=1)
                    labels.append((y, f"{claimant} (article, undated)", s, None))
            ax.set_ylim(0, top)
            ax.set_xlim(lo, hi)
            fx = lambda x: (x - lo) / span  # noqa: E731 - a date as a fraction of the axes' width
            points = [(fx(x), y / top) for x, y in zip(rows["x"], rows["y"]) if pd.notna(x)]
            order = sorted(range(len(labels)), key=lambda i: (labels[i][3] is None, labels[i][3] or hi))
            spots = place_labels([(None if labels[i][3] is None else fx(labels[i][3]), labels[i][0] / top, labels[i][1])
                                  for i in order], points)
            for i, (lx, ly) in zip(order, spots):
                y, text, s, x = labels[i]
                px = 1.0 if x is None else fx(x)
                moved = abs(ly - y / top) > 1e-9
                ax.annotate(text, xy=(px, y / top), xycoords="axes fraction", xytext=(lx, ly),
                            textcoords="axes fraction", fontsize=7.5, color=s["color"], va="center", ha="left",
                            annotation_clip=False,
                            arrowprops=dict(arrowstyle="-", color=s["color"], lw=0.6, shrinkA=0, shrinkB=4)
                            if moved else None)
            ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
            ax.set_ylabel("persons", fontsize=8)
            ax.set_title(QUANTITIES[metric][0], loc="left")
            ax.grid(axis="y", color="#e5e5e5", lw=0.6)
        locator = mdates.MonthLocator()
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        axes[-1].tick_params(axis="x", labelsize=7.5)
        fig.tight_layout()
        return fig
