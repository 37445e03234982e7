"""Small inline ledgers for unit tests: a row is a dict of the cells that matter, the rest filled in."""

from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = ["claim_id", "metric", "low", "best", "high", "unit", "bound", "claimant", "spokesperson", "conduit",
           "published", "as_of", "source_url", "quote", "notes"]
UNITS = {"casualty_rate": "percent"}
BOUNDS = {("low", "high"): "range", ("best",): "approximate", ("high",): "up_to", ("low",): "at_least"}


def row(claim_id: str, metric: str = "killed", **cells) -> dict:
    """A valid claim: the bound follows from which numbers are set, the quote carries them."""
    numbers = tuple(c for c in ("low", "best", "high") if cells.get(c, "") != "")
    out = dict(claim_id=claim_id, metric=metric, unit=UNITS.get(metric, "persons"),
               bound=BOUNDS.get(numbers, "exact"), claimant="NIS", source_url="https://example.org/", notes="")
    out.update(cells)
    out.setdefault("quote", " and ".join(str(cells[c]) for c in numbers) or "none")
    return {k: str(v) for k, v in out.items()}


def write(path: Path, rows: list[dict], extra: tuple[str, ...] = ()) -> Path:
    """Write the rows as a ledger CSV (with the `supersedes` column when any row sets it)."""
    columns = COLUMNS + [c for c in ("supersedes", *extra) if any(c in r for r in rows)]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, restval="", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def problems(ledger) -> list[tuple[str, int, str, str]]:
    """Every problem `validate` finds, as (file name, line, column, message); [] when the ledger is valid."""
    from analysis.errors import LedgerError
    from analysis.ledger.validate import validate

    try:
        validate(ledger)
    except LedgerError as e:
        return [(Path(p.path).name, p.line, p.column, p.message) for p in e.problems]
    return []
