"""`brief new DIR`: a case folder to fill in, laid out as analysis.ledger.case reads it.

    claims.csv         the ledger: Kursk's header (every optional column too) and one example row, commented out
    later-reports.csv  reports after the article: the same header, no rows yet
    sources.csv        the outlets the claims cite: data/sources.csv's header
    params.yaml        the case's parameters: a title to fill in, and the two ledgers (paths relative to the folder)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from analysis.errors import BriefError
from analysis.ledger import case, schema
from analysis.paths import DEFAULT_LEDGER, SOURCES

# One claim as the ledger holds it: valid as it stands once its '# ' is removed (tests/unit/publish/test_new_case.py).
EXAMPLE = dict(claim_id="example-killed", metric="killed", low="", best="300", high="", unit="persons",
               bound="approximate", claimant="Example Ministry", spokesperson="", conduit="",
               published="2025-01-20", as_of="2025-01-13", source_url="https://example.org/report",
               quote="About 300 soldiers were killed, the ministry said.",
               notes="An example: replace this line with your claims, one a row (a line starting with # is a comment).")
PARAMS = """\
# This case's parameters: brief build -f {params} --out {report}
# Paths are relative to this folder. Any parameter `brief build --help` lists may be set here.
title: ""    # the brief's title; empty: "Claims in {name}"
ledger: {ledger}
# reports after the article (claims of the same form); it may stay empty
later: {later}
"""


class NewCaseError(BriefError):
    """The case folder cannot be made where asked."""


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def _line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def columns() -> list[str]:
    """The ledger's columns: data/claims.csv's header, then every optional column it lacks."""
    header = _header(DEFAULT_LEDGER)
    optional = [f["name"] for f in schema.field_metadata()["optionalFields"]]
    return header + [c for c in optional if c not in header]


def create(folder: str | Path) -> list[Path]:
    """Make the case folder (a new or empty one) and its four files; return them."""
    folder = Path(folder)
    if folder.exists() and not (folder.is_dir() and not any(folder.iterdir())):
        raise NewCaseError(f"{folder} already exists and is not an empty folder; give a new or empty one")
    folder.mkdir(parents=True, exist_ok=True)
    names = columns()
    header = _line(names)
    files = {
        case.LEDGER_FILE: header + "# " + _line([EXAMPLE.get(c, "") for c in names]),
        case.LATER_FILE: header,
        case.SOURCES_FILE: _line(_header(SOURCES)),
        case.PARAMS_FILE: PARAMS.format(params=folder / case.PARAMS_FILE, report=folder / "report",
                                        name=folder.resolve().name, ledger=case.LEDGER_FILE, later=case.LATER_FILE),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


def next_steps(folder: str | Path) -> str:
    """What to do with a new case folder, command by command."""
    folder = Path(folder)
    made = ", ".join((case.LEDGER_FILE, case.LATER_FILE, case.SOURCES_FILE, case.PARAMS_FILE))
    return (f"created {folder}: {made}\n"
            f"next: add your claims to {folder / case.LEDGER_FILE} (the commented row shows the form), describe their "
            f"sources in {folder / case.SOURCES_FILE}, set the title in {folder / case.PARAMS_FILE}, then\n"
            f"  brief validate {folder / case.LEDGER_FILE}\n"
            f"  brief build -f {folder / case.PARAMS_FILE} --out {folder / 'report'}\n")
