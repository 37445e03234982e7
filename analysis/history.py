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


def place(ratio: float, reference: pd.DataFrame) -> str:
    """Where a wounded-per-killed ratio sits against the reference wars, in plain words."""
    below = reference[reference["wounded_per_killed"] <= ratio]
    above = reference[reference["wounded_per_killed"] > ratio]
    nearest = reference.iloc[(reference["wounded_per_killed"] - ratio).abs().argsort().iloc[0]]
    near = f"closest to {nearest['conflict']} ({nearest['force']}, {nearest['wounded_per_killed']:.1f})"
    if above.empty:
        return f"at or above every reference war; {near}"
    if below.empty:
        return f"below every reference war (fewer wounded per death); {near}"
    return (f"between {below.iloc[-1]['conflict']} ({below.iloc[-1]['wounded_per_killed']:.1f}) and "
            f"{above.iloc[0]['conflict']} ({above.iloc[0]['wounded_per_killed']:.1f}); {near}")
