"""`brief build`: one recipe of named steps — check, key, execute, export, render, publish — all or nothing.

check    the parameters against BriefParams and the output folder (ParameterError, OutputError), before anything runs
key      a hash of every input: an unchanged rebuild answers "up to date" at once, without starting a kernel
execute  the notebook in a kernel (the kernel's own errors mapped to ours by class name: analysis.errors), then
         results.json from the Brief it computed, written by that kernel (the notebook itself writes no file)
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
import functools
import hashlib
import json
import shutil
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

from analysis import params as P
from analysis.errors import BriefError, BuildError, from_kernel
from analysis.ledger import case
from analysis.publish.outputs import (BUILDING, CURRENT, GENERATION, KEY_FILE, OUTPUTS, claim, locked, output_folder,
                              publish, tidy, up_to_date)
from analysis.paths import DATA_DIR, NOTEBOOK, PROJECT_ROOT, REPORTS_DIR, TEMPLATE_DIR, resolve

# A fixed date for the PDF's metadata: same inputs, same bytes.
PDF_DATE = "2000-01-01T00:00:00Z"
KEYED_PACKAGES = ("pandas", "numpy", "matplotlib", "papermill", "nbconvert", "weasyprint", "jinja2", "pandera")

__all__ = ["BuildError", "build", "input_key", "resolved_parameters", "BUILDING", "CURRENT", "GENERATION", "KEY_FILE",
           "OUTPUTS", "claim", "locked", "output_folder", "publish", "tidy", "up_to_date"]


class Clock:
    """Step lines, timed from the start of this build (not from import)."""

    def __init__(self, verbose: bool = True):
        self.start = time.perf_counter()
        self.verbose = verbose

    def say(self, msg: str) -> None:
        if self.verbose:
            print(f"[{time.perf_counter() - self.start:5.1f} s] {msg}", file=sys.stderr, flush=True)


# Set by the command line's signal handlers (analysis.publish.cli): a library a signal interrupts may turn the
# KeyboardInterrupt into another error (jupyter_client starting a kernel: "TypeError: expected a message argument").
INTERRUPTED = threading.Event()


@contextlib.contextmanager
def step(name: str):
    """Run one step: our own errors pass as they are; after a signal, any error is the interruption; anything else
    becomes a BuildError naming the step."""
    try:
        yield
    except BriefError:
        raise
    except Exception as e:  # a dead kernel, a missing font, a full disk: say which step, keep the old report
        if INTERRUPTED.is_set():
            raise KeyboardInterrupt from e
        raise BuildError(f"{name} failed: {type(e).__name__}: {e}") from e


def resolved_parameters(values: dict) -> dict:
    """Check user values against BriefParams (names, types, ranges, claimants in the ledger); make paths absolute."""
    return P.checked(values)


def input_key(values: dict, notebook: Path = NOTEBOOK) -> str:
    """A hash of everything a brief depends on: notebook, data, code, templates, parameters, package versions."""
    h = hashlib.sha256()
    ledger = values.get("ledger") or str(resolve(P.BriefParams.ledger))
    ledgers = [Path(x) for x in (ledger if isinstance(ledger, list) else [ledger])]
    files = [notebook, *ledgers, *case.files(ledgers), *sorted(DATA_DIR.glob("*")),
             *sorted((PROJECT_ROOT / "analysis").rglob("*.py")), *sorted(TEMPLATE_DIR.glob("*"))]
    if values.get("later"):
        files.append(Path(values["later"]))
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


WARM_IMPORTS = ["import analysis.brief.compute, analysis.present.sections, analysis.present.tables, pandera.pandas",
                "analysis.present.charts.warm()"]


def execute(values: dict, workdir: Path, notebook: Path = NOTEBOOK, progress: bool = True, km=None) -> Path:
    """Run the notebook with papermill inside `workdir`; timing metadata stripped from the result."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out = workdir / "briefing.ipynb"
    extra = {"km": km} if km is not None else {}
    try:
        # every parameter the run uses, the defaults included: the executed notebook records them all
        papermill.execute_notebook(str(notebook), str(out), parameters={**P.BriefParams.defaults(), **values},
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


# What the kernel runs once the notebook has: results.json from the Brief the notebook computed (its `brief`).
RESULTS_CODE = ("import analysis.brief.results as _brief_results; _brief_results.write(brief, {path!r}, "
                "later_view.get('hindsight') if later_view else None)")


def write_results(km, path: Path, timeout: float = 300) -> Path:
    """Write results.json from the notebook's Brief, in the kernel that executed it: the brief is computed once, by
    the notebook, and its results written only by the build (a plain papermill run writes none)."""
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive(RESULTS_CODE.format(path=str(path)), silent=True, store_history=False,
                                       allow_stdin=False, timeout=timeout, output_hook=lambda _msg: None)
    finally:
        kc.stop_channels()
    content = reply["content"]
    if content["status"] != "ok":
        raise BuildError(f"writing results.json failed: {content.get('ename')}: {content.get('evalue')}")
    return path


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


def build(values: dict, out: Path = REPORTS_DIR, force: bool = False, progress: bool = True,
          notebook: Path = NOTEBOOK, verbose: bool = True) -> bool:
    """Build the brief into `out`; False when it was already up to date. Raises a BriefError naming the step.

    `progress` shows papermill's per-cell bar; `verbose` the step lines.
    """
    clock = Clock(verbose)
    values = resolved_parameters(values)               # check
    out = output_folder(out)
    claim(out)
    with locked(out, clock.say):
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
        with step("writing results.json"):
            write_results(km, work / "results.json")
            stopping = threading.Thread(target=km.shutdown_kernel, kwargs={"now": True})
            stopping.start()  # done with the kernel: free its core for the export, without waiting on it
            km = None
        clock.say("2/3 exporting HTML")
        with step("exporting HTML"):                   # export
            exporters.join()
            ledger = values.get("ledger") or str(resolve(P.BriefParams.ledger))
            html = export_html(nb_path, values.get("title") or case.title(ledger), exporters.html)
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
