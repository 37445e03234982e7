"""Historical context: wounded-to-killed ratios from other wars, and where a Kursk ratio sits among them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.paths import REFERENCE_RATIOS

COLUMNS = ("ref_id", "conflict", "force", "killed", "wounded", "killed_definition", "source")


def load(path: str | Path = REFERENCE_RATIOS) -> pd.DataFrame:
    """The reference table with its ratio (wounded per killed), checked for the columns and positive counts."""
    df = pd.read_csv(path, dtype={"killed": "int64", "wounded": "int64"}, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    bad = df[(df["killed"] <= 0) | (df["wounded"] < 0) | (df["source"].str.strip() == "")]
    if len(bad):
        raise ValueError(f"{path}: row(s) {', '.join(map(str, bad.index + 2))} need positive counts and a source")
    return df.assign(wounded_per_killed=df["wounded"] / df["killed"]).sort_values(
        "wounded_per_killed", kind="stable").reset_index(drop=True)


def nearest(ratio: float, reference: pd.DataFrame) -> str:
    """The reference war whose ratio is closest, as 'US forces in <conflict>, 9.2'."""
    row = reference.iloc[(reference["wounded_per_killed"] - ratio).abs().argsort().iloc[0]]
    return f"{row['force']} in {row['conflict']}, {row['wounded_per_killed']:.1f}"


def place(ratio: float, reference: pd.DataFrame) -> str:
    """Where a wounded-per-killed ratio sits against the reference wars, in plain words."""
    ratios = reference["wounded_per_killed"]
    near = f"closest to {nearest(ratio, reference)}"
    if ratio > ratios.max():
        return f"above every reference war; {near}"
    if ratio < ratios.min():
        return f"below every reference war; {near}"
    return f"within the reference wars' {ratios.min():.1f}–{ratios.max():.1f}; {near}"
