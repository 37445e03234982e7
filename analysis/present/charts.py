"""The brief's charts (matplotlib, Agg): readable in greyscale, titled, units on the axes, deterministic bytes."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.wording import sentences as wording
from analysis.uncertainty.derive import QUANTITIES, claimant_order
from analysis.uncertainty.distributions import Assumptions, claim_interval, stated_interval

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
# Okabe-Ito: distinguishable with the common colour-vision deficiencies; the markers carry it in greyscale.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
AXIS_UNIT = {"persons": "persons", "percent": "percent of force", "ratio": "wounded per killed"}


def warm() -> None:
    """Load the named font and the Agg renderer once, so the brief's first chart does not pay for it."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(1, 1))
        ax = fig.subplots()
        ax.set_title("warm")
        png(fig)


def png(fig, dpi: int = 120) -> bytes:
    """The figure as PNG bytes (Agg), with no date or software stamp; the canvas grows to hold long labels."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, bbox_inches="tight")
    return buf.getvalue()


def _marker(claimants: list[str], claimant: str) -> str:
    return MARKERS[claimants.index(claimant) % len(MARKERS)]


def colour(claimants: list[str], claimant: str) -> str:
    """The claimant's colour: the same in every chart of a brief (claimants in ledger order)."""
    return COLOURS[claimants.index(claimant) % len(COLOURS)] if claimant in claimants else INK


def forest(claims: pd.DataFrame, assumptions: Assumptions = Assumptions()):
    """Every claim as its range (line) and figure (marker), one panel per metric, one row per claimant."""
    with matplotlib.rc_context(STYLE):
        metrics = [m for m in QUANTITIES if m in set(claims["metric"])]
        claimants = claimant_order(claims)
        fig = Figure(figsize=(7, 0.55 * len(claims) + 0.9 * len(metrics)))
        axes = fig.subplots(len(metrics), 1, squeeze=False)
        for ax, metric in zip(axes[:, 0], metrics):
            rows = claims[claims["metric"] == metric].reset_index(drop=True)
            labels = []
            for y, row in rows.iterrows():
                stated = stated_interval(row)
                band = claim_interval(row, assumptions)
                m = _marker(claimants, row["claimant"])
                c = colour(claimants, row["claimant"])
                ax.plot([band.low, band.high], [y, y], color=LIGHT, lw=6, solid_capstyle="butt", zorder=1)
                if stated.open_low:  # "as high as": the source states a ceiling and nothing beneath it
                    ax.plot([0, stated.high], [y, y], color=INK, lw=1.4, ls=(0, (3, 2)), zorder=2)
                    ax.plot([stated.high], [y], marker="|", color=INK, ms=12, mew=2, ls="none", zorder=3)
                    ax.plot([stated.high], [y], marker=m, color="white", markeredgecolor=c, mew=1.5, ms=7, ls="none",
                            zorder=3)
                else:
                    ax.plot([stated.low, stated.high], [y, y], color=INK, lw=1.8, zorder=2)
                    ax.plot([stated.central], [y], marker=m, color=c if stated.point is not None else "white",
                            markeredgecolor=c, mew=1.5, ms=7, ls="none", zorder=3)
                label = f"{row['claimant']} ({row.get('hedge', '') or row['bound'].replace('_', ' ')})"
                labels.append(f"{label}\n[{row['claim_id']}]")
            ax.set_yticks(range(len(rows)), labels, fontsize=8)
            ax.set_ylim(-0.7, len(rows) - 0.3)
            ax.invert_yaxis()
            unit = rows["unit"].iloc[0]
            ax.set_xlabel(AXIS_UNIT.get(unit, unit))
            ax.set_title(QUANTITIES[metric][0], loc="left")
            ax.grid(axis="x", color="#e5e5e5", lw=0.6)
            ax.set_xlim(left=0)
        fig.suptitle("Every claim: as stated (black; dashed to zero under a ceiling), our reading for the bands (grey)",
                     x=0.01, ha="left", fontsize=9, color=MID)
        fig.tight_layout()
        return fig


def _band_row(ax, y, bands: dict, marker: str, weight: float = 1.0, c: str = INK):
    ax.plot([bands["p5"], bands["p95"]], [y, y], color=c, lw=1.2 * weight)
    ax.plot([bands["p25"], bands["p75"]], [y, y], color=c, lw=5 * weight, solid_capstyle="butt")
    ax.plot([bands["p50"]], [y], marker=marker, color="white", markeredgecolor=c, mew=1.5, ms=7, ls="none")


def distribution(edges: np.ndarray, density: np.ndarray, per_claimant: dict[str, dict], pooled_bands: dict,
                 unit: str = "percent", title: str = "Casualty rate: pooled distribution and per-claimant bands"):
    """Histogram (bin edges, densities) of the pooled draws with its 50% and 90% bands, each claimant's band beneath."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7, 3.6 + 0.35 * len(per_claimant)))
        top, bottom = fig.subplots(2, 1, sharex=True,
                                   gridspec_kw=dict(height_ratios=[3, 1 + 0.35 * len(per_claimant)]))
        top.axvspan(pooled_bands["p5"], pooled_bands["p95"], color="#eeeeee", zorder=0, label="90% band (5th–95th)")
        top.axvspan(pooled_bands["p25"], pooled_bands["p75"], color="#cccccc", zorder=0, label="50% band (25th–75th)")
        top.stairs(density, edges, color=MID, fill=True, zorder=1)
        top.axvline(pooled_bands["p50"], color=INK, ls="--", lw=1.2, label=f"median {wording.rounded(pooled_bands['p50'], 2, unit)}")
        top.set_ylabel("density")
        top.set_yticks([])
        top.legend(frameon=False, fontsize=8, loc="upper right")
        top.set_title(title, loc="left")
        names = list(per_claimant) + ["Pooled"]
        for y, name in enumerate(names):
            bands = pooled_bands if name == "Pooled" else per_claimant[name]
            pooled = name == "Pooled"
            _band_row(bottom, y, bands, "D" if pooled else _marker(names[:-1], name), 1.3 if pooled else 1.0,
                      INK if pooled else colour(names[:-1], name))
        bottom.set_yticks(range(len(names)), names)
        bottom.set_ylim(-0.7, len(names) - 0.3)
        bottom.invert_yaxis()
        bottom.set_xlabel(f"{AXIS_UNIT.get(unit, unit)}  (thin line 5th–95th, thick 25th–75th percentile, marker median)")
        bottom.grid(axis="x", color="#e5e5e5", lw=0.6)
        fig.tight_layout()
        return fig


def tornado(sensitivity: pd.DataFrame, title: str = "Sensitivity: how far each input moves the casualty-rate median"):
    """Bars: the change in the watched casualty-rate median with each input at its low and high end, largest on top."""
    with matplotlib.rc_context(STYLE):
        n = max(len(sensitivity), 1)
        fig = Figure(figsize=(7, 0.9 + 0.45 * n))
        ax = fig.subplots()
        if sensitivity.empty:
            ax.text(0.5, 0.5, "No input has a range: nothing to vary.", ha="center", va="center", transform=ax.transAxes)
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
        ax.set_xlabel("change in median casualty rate, percentage points\n(hatched: input at its low end; grey: at its high end)")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")  # from the figure's edge: long labels
        ax.grid(axis="x", color="#e5e5e5", lw=0.6)
        fig.tight_layout()
        return fig


def timeline(claims: pd.DataFrame, dates: pd.Series):
    """Each metric's claims over their dates, per claimant, with their ranges; undated claims at the left, marked."""
    with matplotlib.rc_context(STYLE):
        metrics = [m for m in QUANTITIES if m in set(claims["metric"])]
        claimants = claimant_order(claims)
        known = sorted({d for d in dates if d})
        ticks = ["undated"] + known if (dates == "").any() else known
        fig = Figure(figsize=(7, 1.6 * len(metrics) + 0.4))
        axes = fig.subplots(len(metrics), 1, squeeze=False)
        for ax, metric in zip(axes[:, 0], metrics):
            rows = claims[claims["metric"] == metric]
            top = 0.0
            for i, row in rows.iterrows():
                offset = 0.12 * (claimants.index(row["claimant"]) - (len(claimants) - 1) / 2)  # claimants side by side
                x = ticks.index(dates[i] or "undated") + offset
                iv = stated_interval(row)
                m = _marker(claimants, row["claimant"])
                c = colour(claimants, row["claimant"])
                if iv.open_low:  # "as high as": a ceiling, drawn dashed down to zero, no point
                    ax.plot([x, x], [0, iv.high], color=c, lw=1.4, ls=(0, (3, 2)))
                    y = iv.high
                elif iv.open_high:  # "at least": a floor with an arrow up
                    ax.annotate("", xy=(x, iv.low * 1.25), xytext=(x, iv.low),
                                arrowprops=dict(arrowstyle="-|>", color=c, lw=1.2))
                    y = iv.low
                else:
                    ax.plot([x, x], [iv.low, iv.high], color=c, lw=3 if iv.low != iv.high else 1.5,
                            solid_capstyle="butt")
                    y = iv.central
                top = max(top, iv.high if not iv.open_high else iv.low * 1.3)
                ax.plot([x], [y], marker=m, ls="none", color=c if iv.point is not None else "white",
                        markeredgecolor=c, mew=1.5, ms=6, label=row["claimant"])
            handles, labels = ax.get_legend_handles_labels()
            uniq = dict(zip(labels, handles))
            ax.legend(uniq.values(), uniq.keys(), frameon=False, fontsize=7, loc="upper left",
                      bbox_to_anchor=(1.01, 1.0), borderaxespad=0)  # outside the axes: never over data
            ax.set_ylim(0, top * 1.15)
            ax.set_xticks(range(len(ticks)), ticks, fontsize=8)
            ax.set_xlim(-0.5, len(ticks) - 0.5)
            unit = rows["unit"].iloc[0]
            ax.set_ylabel(AXIS_UNIT.get(unit, unit), fontsize=8)
            ax.set_title(QUANTITIES[metric][0] + " over time", loc="left")
            ax.grid(axis="y", color="#e5e5e5", lw=0.6)
        fig.tight_layout()
        return fig
