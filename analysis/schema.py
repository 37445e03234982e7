"""The ledger's schema: field metadata read from data/claims.schema.json, checked with pandera."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from analysis.paths import SCHEMA_PATH

NUMBER_COLUMNS = ("low", "best", "high")
# A plain decimal number: optional minus sign (caught later as negative), no thousands separators.
NUMBER_PATTERN = r"^-?\d+(\.\d+)?$"


@lru_cache(maxsize=None)
def field_metadata(path: Path = SCHEMA_PATH) -> dict:
    """The declared schema: fields, optional fields, metric units and the fields each bound needs."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def columns() -> list[str]:
    """The required columns, in their declared order."""
    return [f["name"] for f in field_metadata()["fields"]]


def optional_columns() -> list[str]:
    """Columns the analysis understands but a ledger may leave out."""
    return [f["name"] for f in field_metadata().get("optionalFields", [])]


def metric_units() -> dict[str, str]:
    """The unit each metric is counted in."""
    return dict(field_metadata()["metricUnits"])


def bound_fields() -> dict[str, list[str]]:
    """Which of low/best/high each kind of bound must set."""
    return dict(field_metadata()["boundFields"])


def text_schema():
    """Pandera schema over the raw text of each cell: presence, enums, number and date formats, unique ids."""
    import pandera.pandas as pa

    cols = {}
    for f in field_metadata()["fields"] + field_metadata().get("optionalFields", []):
        name = f["name"]
        checks = []
        if f.get("required"):
            checks.append(pa.Check(lambda s: s.str.strip() != "", error="is required but blank"))
        if "enum" in f:
            allowed = f["enum"]
            checks.append(pa.Check(lambda s, a=allowed: (s == "") | s.isin(a),
                                   error=f"must be one of {', '.join(allowed)}"))
        if f["type"] == "number":
            checks.append(pa.Check(lambda s: (s == "") | s.str.fullmatch(NUMBER_PATTERN),
                                   error="is not a plain number (digits and an optional decimal point; no thousands separators, units or words)"))
        if "pattern" in f and f["type"] != "number":
            pattern = f["pattern"]
            what = "an ISO date: YYYY, YYYY-MM or YYYY-MM-DD" if f["type"] == "date" else f"a match for {pattern}"
            checks.append(pa.Check(lambda s, p=pattern: (s == "") | s.str.fullmatch(p), error=f"must be {what}"))
        if f.get("unique"):
            checks.append(pa.Check(lambda s: ~s.duplicated(keep=False) | (s == ""),
                                   error="is not unique: the same claim_id is used on another row"))
        required_column = f in field_metadata()["fields"]
        cols[name] = pa.Column(str, checks=checks, required=required_column, nullable=False)
    return pa.DataFrameSchema(cols, strict=False, coerce=False)
