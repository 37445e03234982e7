"""Reference data: wounded-to-killed ratios from other wars (data/reference_ratios.csv), read and checked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import DataError
from analysis.paths import REFERENCE_RATIOS

COLUMNS = ("ref_id", "conflict", "force", "killed", "wounded", "killed_definition", "wounded_definition", "source")


def load(path: str | Path = REFERENCE_RATIOS) -> pd.DataFrame:
    """The reference table with its ratio (wounded per killed), checked for the columns and positive counts."""
    try:
        df = pd.read_csv(path, dtype={"killed": "int64", "wounded": "int64"}, keep_default_na=False)
    except ValueError as e:  # a count that is not a whole number
        raise DataError(f"{path}: a count must be a whole number ({e})") from None
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
    bad = df[(df["killed"] <= 0) | (df["wounded"] < 0) | (df["source"].str.strip() == "")]
    if len(bad):
        raise DataError(f"{path}: row(s) {', '.join(map(str, bad.index + 2))} need positive counts and a source")
    return df.assign(wounded_per_killed=df["wounded"] / df["killed"]).sort_values(
        "wounded_per_killed", kind="stable").reset_index(drop=True)
