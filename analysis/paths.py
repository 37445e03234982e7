"""Where the project's files live, and how user-given paths are resolved."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_LEDGER = DATA_DIR / "claims.csv"
SCHEMA_PATH = DATA_DIR / "claims.schema.json"
REFERENCE_RATIOS = DATA_DIR / "reference_ratios.csv"
SOURCES = DATA_DIR / "sources.csv"
NOTEBOOK = PROJECT_ROOT / "notebooks" / "briefing.ipynb"
REPORTS_DIR = PROJECT_ROOT / "reports"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "brief"


def resolve(path: str | Path) -> Path:
    """Resolve a path against the working directory, then against the project root."""
    p = Path(path).expanduser()
    try:
        if p.is_absolute() or p.exists():
            return p.resolve()
        at_root = PROJECT_ROOT / p
        return at_root.resolve() if at_root.exists() else p.resolve()
    except RuntimeError:  # a symlink loop (Python 3.11): left for whoever opens it to report in one line
        return p.absolute()


def display(path: str | Path) -> str:
    """A path as shown in a report: relative to the project root when inside it."""
    p = Path(path).resolve()
    try:
        return p.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return p.name


def write_atomic(path: str | Path, text: str) -> Path:
    """Write text to a temporary file beside `path`, then rename it into place: readers never see half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path
