"""Output folders: which a build may write into, the lock that makes builds into one folder take turns, tidying
what killed builds left, and publishing the four files as one set.

A published folder holds `briefing.html` and the others as links through `.brief-current`, a symlink to the
generation folder (`.brief-gen-*`) holding the set and its cache key. Publishing writes a new generation, then
replaces that one symlink: a kill at any moment leaves the old set or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from analysis.errors import OutputError
from analysis.paths import REPORTS_DIR

OUTPUTS = ("briefing.ipynb", "briefing.html", "briefing.pdf", "results.json")
KEY_FILE = ".build-key"
MARKER = ".brief"                 # this folder holds a brief that `brief build` may replace
LOCK = ".brief.lock"
CURRENT = ".brief-current"        # symlink to the generation folder holding the published set
GENERATION = ".brief-gen-"        # prefix of generation folders
BUILDING = ".brief-building-"     # prefix of a build's working folder
OURS = ".brief"                   # every name the build keeps in an output folder, besides OUTPUTS, starts so


def _ours(name: str) -> bool:
    return name.startswith(OURS) or name in OUTPUTS or name == KEY_FILE


def output_folder(out: str | Path) -> Path:
    """`out` as an absolute path, if the build may write there: new, empty, the project's reports/, a folder marked
    as holding a brief, or one holding only an earlier brief's files. Anything else is refused, whatever --force."""
    try:
        out = Path(out).expanduser().resolve()
    except (OSError, RuntimeError) as e:
        raise OutputError(f"--out {out}: cannot be used: {e}") from None
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out}: is a file, not a folder")
    if not out.is_dir() or (out / MARKER).is_file() or out == REPORTS_DIR:
        return out
    try:
        names = sorted(os.listdir(out))
    except OSError as e:
        raise OutputError(f"--out {out}: cannot list it: {e.strerror or e}") from None
    foreign = [n for n in names if not _ours(n)]
    if KEY_FILE not in names:  # a brief built before folders were marked has its key; without it, they are not ours
        foreign += [n for n in names if n in OUTPUTS]
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise OutputError(f"--out {out}: the folder holds files that are not a brief ({shown}); build into a new "
                          "or empty folder, or one an earlier build wrote (it has a .brief file)")
    return out


def claim(out: Path) -> None:
    """Create the folder if need be and mark it as holding a brief."""
    out.mkdir(parents=True, exist_ok=True)
    if not (out / MARKER).is_file():
        (out / MARKER).write_text("This folder holds a brief written by `brief build`, which may replace it.\n")


@contextlib.contextmanager
def locked(out: Path, say=lambda _msg: None):
    """Hold the folder's lock: another build into it waits; the operating system releases it on any exit."""
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"waiting for another build into {out} to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _current(out: Path) -> str | None:
    try:
        return os.readlink(out / CURRENT)
    except OSError:
        return None


def tidy(out: Path) -> None:
    """Remove what killed or interrupted builds left (with the lock held, no other build is running here)."""
    live = _current(out)
    for p in out.iterdir():
        if (p.name.startswith((BUILDING, GENERATION)) and p.name != live) or p.name == CURRENT + ".new":
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() and not p.is_symlink() else p.unlink(missing_ok=True)
    for p in out.parent.glob(f".{out.name}-building-*"):  # the working folders of builds before this layout
        shutil.rmtree(p, ignore_errors=True)


def _point(out: Path, name: str, target: str) -> None:
    """Make out/name a symlink to target, replacing whatever is there in one rename."""
    tmp = out / f"{CURRENT}.new" if name == CURRENT else out / f"{OURS}-link-{name}"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, out / name)


def _adopt_earlier(out: Path) -> None:
    """An earlier brief kept as plain files (built before this layout, or copied with `cp -r`) becomes a generation
    of its own (hard links, same bytes), so that the switch replaces it as a set. Every moment of this shows the
    same earlier set."""
    cur = out / CURRENT
    copied = cur.is_dir() and not cur.is_symlink()  # a copy of a published folder: its set is the plain files
    plain = [n for n in OUTPUTS if (out / n).is_file() and not (out / n).is_symlink()]
    if not plain or (cur.is_symlink() and not copied):
        return
    gen = _generation(out)
    for n in plain:
        os.link(out / n, gen / n)
    key = cur / KEY_FILE if copied else out / KEY_FILE
    if key.is_file():
        shutil.copyfile(key, gen / KEY_FILE)
    if copied:
        os.replace(cur, out / f"{BUILDING}copied-{gen.name}")  # tidied by the next build
    _point(out, CURRENT, gen.name)
    for n in plain:
        _point(out, n, f"{CURRENT}/{n}")
    (out / KEY_FILE).unlink(missing_ok=True)


def _generation(out: Path) -> Path:
    gen = Path(tempfile.mkdtemp(prefix=GENERATION, dir=out))
    umask = os.umask(0)
    os.umask(umask)
    gen.chmod(0o777 & ~umask)  # readable as the plain files were (mkdtemp makes it private)
    return gen


def publish(out: Path, work: Path, key: str) -> None:
    """The four files and their key, published as one set: a new generation folder, then one symlink replaced."""
    gen = _generation(out)
    for name in OUTPUTS:
        os.replace(work / name, gen / name)
    (gen / KEY_FILE).write_text(key + "\n")
    _adopt_earlier(out)
    for name in OUTPUTS:  # a new folder's links, made once, before there is a set to point to: none shows yet
        link = out / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _point(out, name, f"{CURRENT}/{name}")
    old = _current(out)
    _point(out, CURRENT, gen.name)  # the switch: before it the old set (or none), after it the new one
    if old and old != gen.name:
        shutil.rmtree(out / old, ignore_errors=True)


def up_to_date(out: Path, key: str) -> bool:
    """Whether `out` holds a complete report built from the same inputs."""
    kf = out / CURRENT / KEY_FILE
    return kf.is_file() and kf.read_text().strip() == key and all((out / f).is_file() for f in OUTPUTS)
