"""The ledger's schema: field metadata read from data/claims.schema.json, checked with pandera."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from analysis.paths import SCHEMA_PATH

NUMBER_COLUMNS = ("low", "best", "high")
# A plain decimal number: optional minus sign (caught later as negative), no thousands separators.
NUMBER_PATTERN = r"^-?\d+(\.\d+)?$"
# Verbatim text: spaces at either end are the source's, not a second spelling of a name.
FREE_TEXT = ("quote", "notes")


@lru_cache(maxsize=None)
def field_metadata(path: Path = SCHEMA_PATH) -> dict:
    """The declared schema: fields, optional fields, metric units and the fields each bound needs."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def columns() -> list[str]:
    """The required columns, in their declared order."""
    return [f["name"] for f in field_metadata()["fields"]]


def metric_units() -> dict[str, str]:
    """The unit each metric is counted in."""
    return dict(field_metadata()["metricUnits"])


def bound_fields() -> dict[str, list[str]]:
    """Which of low/best/high each kind of bound must set."""
    return dict(field_metadata()["boundFields"])


def number_rules() -> dict:
    """Each unit's declared range and decimals, and the metrics that may not be 0."""
    return dict(field_metadata()["numberRules"])


def optional_field(name: str) -> dict:
    """One optional field's declaration (its pattern, default and description)."""
    return next(f for f in field_metadata()["optionalFields"] if f["name"] == name)


def unique_columns() -> list[str]:
    """Columns whose values must not repeat across the whole ledger (checked over every file at once)."""
    return [f["name"] for f in field_metadata()["fields"] if f.get("unique")]


def _on_distinct(check):
    """A cell check run once per distinct value (a ledger repeats its claimants, units and dates), mapped back to
    every row: the same answer, in a fraction of the time on a long ledger."""
    import pandas as pd

    def run(s):
        codes, uniques = pd.factorize(s)
        return pd.Series(check(pd.Series(uniques)).to_numpy()[codes], index=s.index)

    return run


def _is_calendar_date(s):
    """True where a full YYYY-MM-DD names a day that exists (2025-02-30 does not); partial dates pass."""
    import pandas as pd

    full = s.str.len() == 10
    parsed = pd.to_datetime(s.where(full), errors="coerce")  # the pattern has made them YYYY-MM-DD
    return ~full | parsed.notna()


def text_schema():
    """Pandera schema over the raw text of each cell: presence, enums, number formats, real dates, no stray spaces.

    It checks one row at a time, so the ledger can be read in chunks; unique ids are checked across the whole
    ledger by `analysis.ledger.validate`."""
    import pandera.pandas as pa

    cols = {}
    for f in field_metadata()["fields"] + field_metadata()["optionalFields"]:
        name = f["name"]
        checks = []
        if f.get("required"):
            checks.append(pa.Check(_on_distinct(lambda s: s.str.strip() != ""), error="is required but blank"))
        if "enum" in f:
            allowed = f["enum"]
            checks.append(pa.Check(_on_distinct(lambda s, a=allowed: (s == "") | s.isin(a)),
                                   error=f"must be one of {', '.join(allowed)}"))
        if f["type"] == "number":
            checks.append(pa.Check(_on_distinct(lambda s: (s == "") | s.str.fullmatch(NUMBER_PATTERN)),
                                   error="is not a plain number (digits and an optional decimal point; no thousands separators, units or words)"))
        if "pattern" in f:  # numbers have NUMBER_PATTERN instead
            pattern = f["pattern"]
            what = ("an ISO date: YYYY, YYYY-MM or YYYY-MM-DD" if f["type"] == "date"
                    else f.get("patternText") or f"a match for {pattern}")
            checks.append(pa.Check(_on_distinct(lambda s, p=pattern: (s == "") | s.str.fullmatch(p)),
                                   error=f"must be {what}"))
        if f["type"] == "date":
            checks.append(pa.Check(_on_distinct(_is_calendar_date), error="is not a calendar date (no such day in that month)"))
        if name not in FREE_TEXT and f["type"] != "number":
            checks.append(pa.Check(_on_distinct(lambda s: s == s.str.strip()),
                                   error="has leading or trailing spaces: remove them (they would make another name)"))
        required_column = f in field_metadata()["fields"]
        cols[name] = pa.Column(str, checks=checks, required=required_column)  # text is never null
    return pa.DataFrameSchema(cols)  # not strict: extra columns pass through; no coercion: text stays text
