"""Where the project's files live, and how user-given paths are resolved."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_LEDGER = DATA_DIR / "claims.csv"
SCHEMA_PATH = DATA_DIR / "claims.schema.json"
REFERENCE_RATIOS = DATA_DIR / "reference_ratios.csv"
SOURCES = DATA_DIR / "sources.csv"
NOTEBOOK = PROJECT_ROOT / "notebooks" / "briefing.ipynb"
REPORTS_DIR = PROJECT_ROOT / "reports"
TEMPLATE_DIR = Path(__file__).resolve().parent / "present" / "templates" / "brief"


def resolve(path: str | Path) -> Path:
    """Resolve a path against the working directory, then against the project root (a path that cannot be resolved,
    such as a symlink loop, is returned absolute, for `check_file` to name what is wrong with it)."""
    p = Path(path).expanduser()
    try:
        if p.is_absolute() or p.exists():
            return p.resolve()
        at_root = PROJECT_ROOT / p
        return at_root.resolve() if at_root.exists() else p.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a symlink loop
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
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # unique: writers may race
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        tmp.chmod(0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def check_file(path: str | Path, what: str, folder_ok: bool = False, error: type[Exception] | None = None) -> Path:
    """`path` resolved, if it is a readable file (or folder, when `folder_ok`); else `error` (a BriefError) saying
    in one line what is wrong: no such file, a directory, a symlink loop, unreadable."""
    from analysis.errors import BriefError

    error = error or BriefError
    shown = str(path)
    try:
        p = Path(path).resolve(strict=True)
    except FileNotFoundError:
        raise error(f"{what}: no such file: {shown}") from None
    except RuntimeError:  # Python 3.11 reports a symlink loop so
        raise error(f"{what}: {shown} is a symlink loop") from None
    except OSError as e:
        reason = "a symlink loop" if e.errno == 40 else (e.strerror or str(e))
        raise error(f"{what}: {shown}: {reason}") from None
    if p.is_dir() and not folder_ok:
        raise error(f"{what}: {shown} is a directory, not a file")
    if not p.is_dir() and not p.is_file():
        raise error(f"{what}: {shown} is not a regular file")
    if not os.access(p, os.R_OK | (os.X_OK if p.is_dir() else 0)):
        raise error(f"{what}: {shown} is not readable (permission denied)")
    return p
