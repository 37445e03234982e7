"""The brief's charts (matplotlib, Agg): readable in greyscale, units on the axes, deterministic bytes; drawn at the
width they are printed (WIDTH_IN), their number and title in the brief's caption."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator


STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "brief",
    "figure.dpi": 100,
    "text.parse_math": False,  # ledger text is data: a claimant named "$x$" is drawn as written, never as mathtext
}
INK, MID, LIGHT = "#111111", "#666666", "#bbbbbb"
MARKERS = ("o", "s", "D", "P", "X", "h", "*", "p")  # no triangles: they read as the arrows of open bounds
# Okabe-Ito: distinguishable with the common colour-vision deficiencies; the markers carry it in greyscale. Its
# yellow (#F0E442) is left out: it cannot be read on white paper. Past its seven, Paul Tol's wine, a mid grey and
# indigo, so that ten claimants (the Kursk later chart's) each get a colour of their own.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#8C8C8C",
           "#332288")
AXIS_UNIT = {"persons": "persons", "percent": "percent of force", "ratio": "wounded per killed"}


def warm() -> None:
    """Load the named font and the Agg renderer once, so the brief's first chart does not pay for it."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(1, 1))
        ax = fig.subplots()
        ax.set_title("warm")
        png(fig)


DPI = 120      # pixels per inch of every PNG: a chart's drawn width is its pixel width / DPI
WIDTH_IN = 6.9  # the width charts are drawn at: within the A4 text block (180 mm), so placed at the size drawn


def png(fig, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes (Agg), with no date or software stamp; the canvas grows to hold long labels."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight")
    return buf.getvalue()


def _marker(claimants: list[str], claimant: str) -> str:
    return MARKERS[claimants.index(claimant) % len(MARKERS)]


def colour(claimants: list[str], claimant: str) -> str:
    """The claimant's colour: the same in every chart of a brief (claimants in ledger order)."""
    return COLOURS[claimants.index(claimant) % len(COLOURS)] if claimant in claimants else INK


def _ends(iv, unit: str, top: float) -> tuple[float, float]:
    """An interval's ends as drawn: an open low end at 0, an open high end at the panel's right edge."""
    low = 0.0 if iv.open_low else iv.low
    high = top if iv.open_high or not np.isfinite(iv.high) else iv.high
    return low, high


def claims_chart(rows: list[dict], claimants: list[str]):
    """What each claimant's claims state and imply, one panel per quantity, one row per claimant.

    `rows`: dicts of quantity, label, unit, claimant, status ('stated' or 'implied'), value (the exact Interval) and
    read (our reading of it, the tolerance on "about" applied). Black line: the exact figure or range; grey bar: our
    reading; filled marker: a figure the source stated, hollow: one worked out from the claimant's own figures. A
    range is marked at its two ends (never at its midpoint, a figure nobody gave); a bound ("as high as", "at least")
    at the end it states, with a dashed line running towards the end it leaves open.
    """
    quantities = list(dict.fromkeys(r["quantity"] for r in rows))
    cols = min(len(quantities), 3)
    n_rows = -(-len(quantities) // cols)
    height = max(sum(1 for r in rows if r["quantity"] == q) for q in quantities)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH_IN, n_rows * (0.46 + 0.2 * height) + 0.1))
        axes = fig.subplots(n_rows, cols, squeeze=False)
        for ax in axes.flat[len(quantities):]:
            ax.set_axis_off()
        for ax, quantity in zip(axes.flat, quantities):
            mine = [r for r in rows if r["quantity"] == quantity]
            unit = mine[0]["unit"]
            finite = [x for r in mine for x in (r["value"].high, r["read"].high, r["value"].low, r["read"].low)
                      if np.isfinite(x)]
            top = max(finite + [0.0]) * 1.12 or 1.0
            top = max([top] + [r["value"].low * 1.4 for r in mine if r["value"].open_high])  # room for the arrow
            for y, r in enumerate(mine):
                c, m = colour(claimants, r["claimant"]), _marker(claimants, r["claimant"])
                face = c if r["status"] == "stated" else "white"
                read_low, read_high = _ends(r["read"], unit, top)
                ax.plot([read_low, read_high], [y, y], color=LIGHT, lw=7, solid_capstyle="butt", zorder=1)
                iv = r["value"]
                low, high = _ends(iv, unit, top)
                open_side = iv.open_low or iv.open_high
                ax.plot([low, high], [y, y], color=INK, lw=1.4, ls=(0, (3, 2)) if open_side else "-", zorder=2)
                if iv.point is not None:
                    marks = [iv.point]
                elif open_side:
                    marks = [iv.low] if iv.open_high else [iv.high]
                else:
                    marks = [iv.low, iv.high]
                if iv.open_high:
                    ax.annotate("", xy=(top, y), xytext=(top * 0.97, y), zorder=2,
                                arrowprops=dict(arrowstyle="-|>", color=INK, lw=1.2, mutation_scale=10))
                ax.plot(marks, [y] * len(marks), marker=m, color=face, markeredgecolor=c, mew=1.4, ms=6.5,
                        ls="none", zorder=3)
            ax.set_yticks(range(len(mine)), [r["claimant"] for r in mine], fontsize=8)
            ax.set_ylim(-0.6, len(mine) - 0.4)
            ax.invert_yaxis()
            ax.set_xlim(0, top)
            ax.xaxis.set_major_locator(MaxNLocator(4))
            ax.xaxis.set_major_formatter(FuncFormatter(_tick(unit)))
            ax.tick_params(axis="x", labelsize=7.5)
            ax.set_title(mine[0]["label"].split(" (")[0], loc="left", fontsize=8.5)  # its definition: Table 1
            ax.grid(axis="x", color="#e5e5e5", lw=0.6)
        fig.tight_layout(h_pad=0.5, w_pad=1.2)
        return fig


def _tick(unit: str):
    """Axis numbers as the brief prints them: 11,000 persons, 30%, 4.5 wounded per killed."""
    if unit == "persons":
        return lambda v, _pos: f"{v:,.0f}"
    if unit == "percent":
        return lambda v, _pos: f"{v:g}%"
    return lambda v, _pos: f"{v:g}"


def _band_row(ax, y, bands: dict, weight: float = 1.0, c: str = INK, middle: bool = True):
    """One band: thin 5th–95th, thick 25th–75th, a tick at the median; only the thin line where there is no
    meaningful middle (a pool of figures that do not overlap: the bands table prints '—' for the rest)."""
    ax.plot([bands["p5"], bands["p95"]], [y, y], color=c, lw=1.2 * weight)
    if middle:
        ax.plot([bands["p25"], bands["p75"]], [y, y], color=c, lw=5 * weight, solid_capstyle="butt")
        ax.plot([bands["p50"]], [y], marker="|", color=INK, mew=2, ms=16, ls="none")  # the median: a tick


def distribution(per_claimant: dict[str, dict], pooled_bands: dict | None, unit: str = "percent",
                 split: bool = False):
    """Each claimant's band of the draws and, where there is a pool, the pool's beneath them (its title and number
    are the brief's caption); `split`: the pool has no meaningful middle. A histogram of the pooled draws above them
    said again what the pool's row draws (its 50% and 90% bands, its median): dropped, issue 21."""
    names = list(per_claimant) + (["Pooled"] if pooled_bands is not None else [])
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH_IN, 0.75 + 0.26 * len(names)))
        ax = fig.subplots()
        for y, name in enumerate(names):
            pooled = name == "Pooled"
            bands = pooled_bands if pooled else per_claimant[name]
            _band_row(ax, y, bands, 1.3 if pooled else 1.0, MID if pooled else colour(list(per_claimant), name),
                      not (pooled and split))
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(-0.7, len(names) - 0.3)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(_tick(unit)))
        ax.set_xlabel(f"{AXIS_UNIT.get(unit, unit)}  (thin line 5th–95th, thick 25th–75th percentile, tick median)")
        ax.grid(axis="x", color="#e5e5e5", lw=0.6)
        fig.tight_layout()
        return fig


def tornado(sensitivity: pd.DataFrame):
    """Bars: the change in the watched casualty-rate median with each input at its low and high end, largest on top
    (its title and number are the brief's caption)."""
    with matplotlib.rc_context(STYLE):
        n = max(len(sensitivity), 1)
        fig = Figure(figsize=(WIDTH_IN, 0.7 + 0.4 * n))
        ax = fig.subplots()
        if sensitivity.empty:
            ax.text(0.5, 0.5, "No input has a range: nothing to vary.", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_axis_off()
            return fig
        labels = []
        for y, row in sensitivity.iterrows():
            base = row["base_p50"]
            ax.barh(y, row["p50_at_low"] - base, color="white", edgecolor=INK, hatch="///", height=0.6)
            ax.barh(y, row["p50_at_high"] - base, color=MID, edgecolor=INK, height=0.6)
            unit = row["unit"]
            fmt = (lambda v: f"{v:,.0f}") if unit == "persons" else (lambda v: f"{v:.0f}%")
            labels.append(f"{row['claimant']} {row['metric'].replace('_', ' ')}: {fmt(row['input_low'])} → "
                          f"{fmt(row['input_high'])}\n{row['watched']} median {base:.1f}%  [{row['claim_id']}]")
        ax.axvline(0, color=INK, lw=1)
        ax.set_yticks(range(len(sensitivity)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("change in median casualty rate, percentage points\n"
                      "(hatched: input at its low end; grey: at its high end)")
        ax.grid(axis="x", color="#e5e5e5", lw=0.6)
        fig.tight_layout()
        return fig
