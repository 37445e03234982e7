"""`brief build`: one recipe of named steps — check, key, execute, export, render, publish — all or nothing.

check    the parameters against BriefParams and the output folder (ParameterError, OutputError), before anything runs
key      a hash of every input: an unchanged rebuild answers "up to date" at once, without starting a kernel
execute  the notebook in a kernel (the kernel's own errors mapped to ours by class name: analysis.errors)
export   the executed notebook as one offline HTML file
render   the HTML as an A4 PDF
publish  the four files and the key as one set: written into a new generation folder inside the output folder,
         then switched in by replacing one symlink (`.brief-current`); `briefing.html` and the others are links
         through it. A kill at any moment leaves the old set or the new one, never a mix.

Every step after `check` runs under a lock on the output folder (flock on `.brief.lock`, released by the kernel on
any exit), so two builds into one folder take turns; the lock holder removes what killed builds left behind. A
build writes only into a new or empty folder or one holding a previous brief (marked by a `.brief` file).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

from analysis import params as P
from analysis.errors import BriefError, BuildError, OutputError, from_kernel
from analysis.paths import DATA_DIR, NOTEBOOK, PROJECT_ROOT, REPORTS_DIR, TEMPLATE_DIR, resolve

OUTPUTS = ("briefing.ipynb", "briefing.html", "briefing.pdf", "results.json")
KEY_FILE = ".build-key"
MARKER = ".brief"                 # this folder holds a brief that `brief build` may replace
LOCK = ".brief.lock"
CURRENT = ".brief-current"        # symlink to the generation folder holding the published set
GENERATION = ".brief-gen-"        # prefix of generation folders
BUILDING = ".brief-building-"     # prefix of a build's working folder
OURS = ".brief"                   # every name the build keeps in an output folder, besides OUTPUTS, starts so
# A fixed date for the PDF's metadata: same inputs, same bytes.
PDF_DATE = "2000-01-01T00:00:00Z"
KEYED_PACKAGES = ("pandas", "numpy", "matplotlib", "papermill", "nbconvert", "weasyprint", "jinja2", "pandera")

__all__ = ["BuildError", "build", "publish", "up_to_date", "input_key"]


class Clock:
    """Step lines, timed from the start of this build (not from import)."""

    def __init__(self, verbose: bool = True):
        self.start = time.perf_counter()
        self.verbose = verbose

    def say(self, msg: str) -> None:
        if self.verbose:
            print(f"[{time.perf_counter() - self.start:5.1f} s] {msg}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def step(name: str):
    """Run one step: our own errors pass as they are; anything else becomes a BuildError naming the step."""
    try:
        yield
    except BriefError:
        raise
    except Exception as e:  # a dead kernel, a missing font, a full disk: say which step, keep the old report
        raise BuildError(f"{name} failed: {type(e).__name__}: {e}") from e


def resolved_parameters(values: dict) -> dict:
    """Check user values against BriefParams (names, types, ranges, claimants in the ledger); make paths absolute."""
    return P.checked(values)


def input_key(values: dict, notebook: Path = NOTEBOOK) -> str:
    """A hash of everything a brief depends on: notebook, data, code, templates, parameters, package versions."""
    h = hashlib.sha256()
    ledger = Path(values.get("ledger") or resolve(P.BriefParams.ledger))
    files = [notebook, ledger, *sorted(DATA_DIR.glob("*")), *sorted((PROJECT_ROOT / "analysis").rglob("*.py")),
             *sorted(TEMPLATE_DIR.glob("*"))]
    if values.get("since"):
        since = Path(values["since"])
        files.append(since / "results.json" if since.is_dir() else since)
    for f in files:
        if f.is_file():
            h.update(str(f).encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(json.dumps(values, sort_keys=True).encode())
    for name in KEYED_PACKAGES:
        h.update(f"{name}={metadata.version(name)}".encode())
    return h.hexdigest()


def up_to_date(out: Path, key: str) -> bool:
    """Whether `out` holds a complete report built from the same inputs."""
    kf = out / KEY_FILE
    return kf.is_file() and kf.read_text().strip() == key and all((out / f).is_file() for f in OUTPUTS)


def start_kernel(workdir: Path, sockets: Path | None = None):
    """Start the venv's python3 kernel now, so it boots (and imports the analysis) while the build warms its exporters.

    The kernel imports the modules the notebook's first cell imports as it starts; the notebook's cells and
    outputs are unchanged by this.
    """
    from jupyter_client.manager import KernelManager

    # the kernel's sockets live in a short folder of their own: a Unix socket's path is limited to 107 bytes
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str((sockets or workdir) / "k"))
    km.start_kernel(cwd=str(workdir), extra_arguments=[
        "--HistoryManager.hist_file=:memory:",
        f"--IPKernelApp.exec_lines={WARM_IMPORTS!r}",
    ])
    return km


WARM_IMPORTS = ["import analysis.report, analysis.present, pandera.pandas", "analysis.charts.warm()"]


def execute(values: dict, workdir: Path, notebook: Path = NOTEBOOK, progress: bool = True, km=None) -> Path:
    """Run the notebook with papermill inside `workdir`; timing metadata stripped from the result."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out = workdir / "briefing.ipynb"
    extra = {"km": km} if km is not None else {}
    try:
        papermill.execute_notebook(str(notebook), str(out), parameters={**values, "results_path": "results.json"},
                                   kernel_name="python3", progress_bar=progress, cwd=str(workdir),
                                   log_output=False, request_save_on_cell_execute=False, **extra)
    except PapermillExecutionError as e:
        raise from_kernel(e.ename, e.evalue, e.cell_index, e.source) from None
    nb = nbformat.read(out, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    pm = nb.metadata.get("papermill", {})
    for k in ("start_time", "end_time", "duration", "input_path", "output_path", "exception"):
        pm.pop(k, None)
    nbformat.write(nb, out)
    return out


@functools.lru_cache(maxsize=1)
def html_exporter():
    """nbconvert's HTML exporter with our template: no code, no prompts (one per process, reused by a batch)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(extra_template_basedirs=[str(TEMPLATE_DIR.parent)], template_name=TEMPLATE_DIR.name,
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True, anchor_link_text="")


class Exporters(threading.Thread):
    """Loads and warms the exporters (template compiled, fonts loaded) while the build process only waits on the kernel."""

    def __init__(self):
        super().__init__(daemon=True)
        self.html = None

    def run(self) -> None:
        import nbformat.v4 as v4
        import weasyprint

        exporter = html_exporter()
        cell = v4.new_code_cell(outputs=[v4.new_output("display_data", {"text/html": "<p>warm</p>"})])
        exporter.from_notebook_node(v4.new_notebook(cells=[v4.new_markdown_cell("warm"), cell]),
                                    resources={"metadata": {"name": "warm"}})
        weasyprint.HTML(string="<p><b>warm</b> <i>warm</i></p>").write_pdf()  # also loads the PDF writer's C bindings
        self.html = exporter


def export_html(nb_path: Path, title: str, exporter=None) -> str:
    """The executed notebook as one offline HTML file: our template, no code, no prompts, no stray output."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    html, _ = (exporter or html_exporter()).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return html


def render_pdf(html: str, target: Path, base: Path) -> None:
    """The HTML as an A4 PDF with WeasyPrint, with fixed metadata dates."""
    import weasyprint

    doc = weasyprint.HTML(string=html, base_url=str(base)).render()
    doc.metadata.created = PDF_DATE
    doc.metadata.modified = PDF_DATE
    doc.write_pdf(target)


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
def locked(out: Path, clock: Clock):
    """Hold the folder's lock: another build into it waits; the operating system releases it on any exit."""
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            clock.say(f"waiting for another build into {out} to finish")
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


def build(values: dict, out: Path = REPORTS_DIR, force: bool = False, progress: bool = True,
          notebook: Path = NOTEBOOK, verbose: bool = True) -> bool:
    """Build the brief into `out`; False when it was already up to date. Raises a BriefError naming the step.

    `progress` shows papermill's per-cell bar; `verbose` the step lines.
    """
    clock = Clock(verbose)
    values = resolved_parameters(values)               # check
    out = output_folder(out)
    claim(out)
    with locked(out, clock):
        with step("tidying the output folder"):
            tidy(out)
        with step("hashing the inputs"):                # key
            key = input_key(values, notebook)
        if not force and up_to_date(out, key):
            clock.say(f"up to date: {out} (same inputs and parameters; --force rebuilds)")
            return False
        work = Path(tempfile.mkdtemp(prefix=BUILDING, dir=out))
        try:
            _run(values, work, notebook, progress, clock)
            with step("publishing the report"):        # publish
                publish(out, work, key)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    clock.say(f"built {', '.join(str(out / f) for f in OUTPUTS[1:])}")
    return True


def _run(values: dict, work: Path, notebook: Path, progress: bool, clock: Clock) -> None:
    """The execute, export and render steps into `work`: the kernel boots while the exporters warm up."""
    km = stopping = None
    sockets = Path(tempfile.mkdtemp(prefix="brief-"))
    try:
        with step("starting the kernel"):
            km = start_kernel(work, sockets)
            exporters = Exporters()
            exporters.start()
        clock.say("1/3 executing the notebook (it validates the ledger first)")
        with step("executing the notebook"):           # execute
            nb_path = execute(values, work, notebook, progress, km)
            stopping = threading.Thread(target=km.shutdown_kernel, kwargs={"now": True})
            stopping.start()  # done with the kernel: free its core for the export, without waiting on it
            km = None
        clock.say("2/3 exporting HTML")
        with step("exporting HTML"):                   # export
            exporters.join()
            html = export_html(nb_path, values.get("title") or P.BriefParams.title, exporters.html)
            (work / "briefing.html").write_text(html, encoding="utf-8")
        clock.say("3/3 rendering PDF")
        with step("rendering the PDF"):                # render
            render_pdf(html, work / "briefing.pdf", work)
            missing = [f for f in OUTPUTS if not (work / f).is_file()]
            if missing:
                raise BuildError(f"the run did not produce {', '.join(missing)}")
    finally:
        if km is not None:
            km.shutdown_kernel(now=True)
        if stopping is not None:
            stopping.join()
        shutil.rmtree(sockets, ignore_errors=True)
