"""A case folder: a ledger (`claims.csv`) with, beside it, the files of that case — `params.yaml` (its parameters,
among them its title) and `sources.csv` (the outlets its claims cite). `brief new` makes one; `data/` is Kursk's.

Of several ledger files read as one, the first one's folder is the case's.
"""

from __future__ import annotations

from pathlib import Path

from analysis.errors import ParameterError
from analysis.paths import SOURCES

PARAMS_FILE = "params.yaml"
SOURCES_FILE = "sources.csv"
LEDGER_FILE = "claims.csv"
LATER_FILE = "later-reports.csv"


def _first(ledger) -> Path:
    return Path(ledger[0] if isinstance(ledger, (list, tuple)) else ledger)


def folder(ledger) -> Path:
    """The case's folder: the first ledger file's."""
    return _first(ledger).parent


def sources(ledger) -> Path:
    """The sources file the brief reads: the case's `sources.csv` beside the ledger when there, else Kursk's
    data/sources.csv (where an outlet is not described, the brief shows its URL)."""
    own = folder(ledger) / SOURCES_FILE
    return own if own.is_file() else SOURCES


def title(ledger) -> str:
    """The brief's title when none is given: the case's `params.yaml` title, else 'Claims in <folder>' for a
    ledger named claims.csv, else 'Claims in <file name>'."""
    from analysis import params as P

    params = folder(ledger) / PARAMS_FILE
    given = P.load_file(params).get("title") if params.is_file() else None
    if given is not None and not isinstance(given, str):
        raise ParameterError(f"{params}: 'title' must be text, got {given!r}")
    if given:
        return given
    first = _first(ledger)
    return f"Claims in {first.parent.resolve().name if first.name == LEDGER_FILE else first.name}"


def files(ledger) -> list[Path]:
    """The case files beside the ledger that a brief reads (for the build's key: a change to one rebuilds)."""
    return [p for p in (folder(ledger) / PARAMS_FILE, folder(ledger) / SOURCES_FILE) if p.is_file()]
