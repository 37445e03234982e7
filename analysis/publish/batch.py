"""`brief batch`: several named parameter sets, one report folder each, an index page, run in parallel.

A scenario that fails does not stop the others; failures are listed at the end and the exit status is 1.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from analysis import forked
from analysis import params as P
from analysis.paths import REPORTS_DIR, write_atomic

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
INDEX = "index.html"
MARKER = ".brief-batch"  # written into a batch's folder: it holds scenario briefs and their index
RESERVED = {INDEX, MARKER}  # names a scenario may not take (compared in lower case)


@dataclass
class Outcome:
    """How one scenario's build ended."""

    name: str
    ok: bool
    message: str
    seconds: float


def load(path: str | Path) -> dict[str, dict]:
    """The scenarios of a YAML file ({defaults: {...}, scenarios: {name: {...}}}), checked against the notebook."""
    path = Path(path)
    data = P.load_yaml(P.read_text(path, "scenario file"), str(path)) or {}
    scenarios = data.get("scenarios") if isinstance(data, dict) else None
    if not isinstance(scenarios, dict) or not scenarios:
        raise P.ParameterError(f"{path}: expected a mapping 'scenarios:' of names to parameter sets")
    unknown = sorted(set(data) - {"defaults", "scenarios"})
    defaults = data.get("defaults") or {}
    problems = [f"{path}: unknown top-level key(s): {', '.join(unknown)}"] if unknown else []
    if not isinstance(defaults, dict):
        problems.append(f"{path}: 'defaults' must be a mapping of parameter names to values")
        defaults = {}
    merged = {}
    for name, values in scenarios.items():
        if not NAME.match(str(name)):
            problems.append(f"{path}: scenario name {name!r} must be letters, digits, '.', '_' or '-' "
                            "(it names a folder)")
            continue
        if str(name).lower() in RESERVED:
            problems.append(f"{path}: scenario name {name!r} is taken by the batch's own files "
                            f"({', '.join(sorted(RESERVED))})")
            continue
        if not isinstance(values, dict):
            problems.append(f"{path}: scenario '{name}' must be a mapping of parameter names to values")
            continue
        try:
            merged[str(name)] = P.checked({**defaults, **values})
        except P.ParameterError as e:
            problems += [f"{path}: scenario '{name}': {line}" for line in str(e).splitlines()]
    if problems:
        raise P.ParameterError("\n".join(problems))
    return merged


def batch_folder(out: str | Path) -> Path:
    """`out` ready for a batch: new, empty, the project's reports/batch, marked as a batch, or an earlier batch
    (an index and scenario folders). Anything else is refused: a batch never writes among someone else's files."""
    from analysis.errors import OutputError

    out = Path(out).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out}: is a file, not a folder")
    if out.is_dir() and not (out / MARKER).is_file() and out != REPORTS_DIR / "batch":
        names = os.listdir(out)
        earlier = INDEX in names and all((out / n).is_dir() or n == INDEX or n.startswith(".") for n in names)
        if names and not earlier:
            raise OutputError(f"--out {out}: the folder holds files that are not a batch's; build into a new or "
                              f"empty folder, or one an earlier batch wrote (it has a {MARKER} file)")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("This folder holds briefs written by `brief batch`, which may replace them.\n")
    return out


def _build_one(name: str, values: dict, out: str, force: bool) -> Outcome:
    """Build one scenario in a worker process; any failure becomes an Outcome, never an exception."""
    from analysis.publish.build import build
    from analysis.errors import BriefError

    start = time.perf_counter()
    try:
        built = build(values, Path(out) / name, force=force, progress=False, verbose=False)
        message = "built" if built else "up to date"
        return Outcome(name, True, message, time.perf_counter() - start)
    except (BriefError, OSError) as e:
        return Outcome(name, False, str(e), time.perf_counter() - start)
    except Exception as e:  # a defect, not bad input: still one scenario's failure, named, not the batch's end
        return Outcome(name, False, f"{type(e).__name__}: {e}", time.perf_counter() - start)


def _one_level_of_parallelism() -> None:
    """In each batch worker, when scenarios run side by side: each build (and its kernel) draws charts one at a time."""
    os.environ[forked.SERIAL_ENV] = "1"


def _worker() -> None:
    """A batch worker: SIGTERM (sent on Ctrl-C) ends its build through the build's own clean-up; Ctrl-C reaches the
    batch itself, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(_signum, _frame):
    raise KeyboardInterrupt


def _start_worker(serial: bool) -> None:
    _worker()
    if serial:
        _one_level_of_parallelism()


def run(scenarios: dict[str, dict], out: Path = REPORTS_DIR / "batch", jobs: int | None = None,
        force: bool = False) -> list[Outcome]:
    """Build every scenario, `jobs` at a time, keeping on past failures; write the index; return the outcomes."""
    out = batch_folder(out)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(scenarios)))
    outcomes = []
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(jobs > 1,))
    futures: dict = {}
    try:
        futures = {pool.submit(_build_one, name, values, str(out), force): name for name, values in scenarios.items()}
        for future in as_completed(futures):
            result = future.result()
            outcomes.append(result)
            state = result.message if result.ok else "FAILED"
            print(f"[{len(outcomes)}/{len(futures)}] {result.name}: {state} ({result.seconds:.1f} s)",
                  file=sys.stderr, flush=True)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM, at any moment: stop the builds (each cleans up as for Ctrl-C)
        for future in futures:
            future.cancel()
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    order = list(scenarios)
    outcomes.sort(key=lambda o: order.index(o.name))
    write_index(out, scenarios, outcomes)
    return outcomes


def _summary(folder: Path) -> dict:
    """The headline figures of a built scenario, read from its results.json."""
    from analysis.brief import results

    data = results.load(folder)
    figures = {(f["claimant"], f["quantity"]): f for f in data["figures"]}
    claimants = list(dict.fromkeys(f["claimant"] for f in data["figures"] if f["claimant"] != results.POOLED))
    rate = figures.get((results.POOLED, "casualty_rate")) or next(
        (figures[(c, "casualty_rate")] for c in claimants if (c, "casualty_rate") in figures), None)
    killed = [(c, figures[(c, "killed")]["band"]["p50"]) for c in claimants if (c, "killed") in figures]
    return dict(evidence=data.get("evidence", ""), claimants=claimants,
                rate_who=rate["claimant"] if rate else "", rate=rate["band"] if rate else None,
                killed=killed, disputes=sum(f["verdict"] != "consistent" for f in data.get("flags", [])))


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Scenario briefs</title>
<style>
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #111; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: .5px solid #ccc; }
thead th { border-bottom: 1.5px solid #111; }
.failed { color: #a00; font-weight: bold; }
.muted { color: #555; font-size: 9pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
</style></head>
<body><main>
<h1>Scenario briefs</h1>
<p class="muted">{{ rows | length }} scenarios; {{ failed }} failed. Each row links its brief; figures are the casualty-rate
median and 90% band (pooled where there is a pool) and each claimant's median killed.</p>
<table><thead><tr><th>Scenario</th><th>Parameters</th><th>Casualty rate</th><th>Killed (median)</th>
<th>Disputes</th><th>Brief</th></tr></thead><tbody>
{% for r in rows %}<tr>
<td><strong>{{ r.name }}</strong>{% if r.title %}<br>{{ r.title }}{% endif %}{% if r.evidence %}<br><span class="muted">evidence {{ r.evidence }}</span>{% endif %}</td>
<td><code>{{ r.params }}</code></td>
{% if r.ok %}
<td>{% if r.rate %}{{ "%.1f" | format(r.rate.p50) }}% <span class="muted">({{ "%.1f" | format(r.rate.p5) }}–{{ "%.1f" | format(r.rate.p95) }}%, {{ r.rate_who }})</span>{% else %}—{% endif %}</td>
<td>{% for c, k in r.killed %}{{ c }}: {{ "{:,.0f}".format(k) }}{% if not loop.last %}<br>{% endif %}{% endfor %}</td>
<td>{{ r.disputes }}</td>
<td><a href="{{ r.name }}/briefing.html">HTML</a> · <a href="{{ r.name }}/briefing.pdf">PDF</a></td>
{% else %}
<td colspan="3" class="failed">failed: {{ r.message }}</td>
<td>{% if r.previous %}<a href="{{ r.name }}/briefing.html">previous HTML</a>{% endif %}</td>
{% endif %}
</tr>{% endfor %}
</tbody></table></main></body></html>
"""


def write_index(out: Path, scenarios: dict[str, dict], outcomes: list[Outcome]) -> Path:
    """index.html linking and summarising every scenario (failures shown as such), written atomically."""
    rows = []
    for o in outcomes:
        folder = out / o.name
        values = scenarios[o.name]
        shown = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted(values.items()) if k != "title")
        row = dict(name=o.name, ok=o.ok, message=o.message, previous=(folder / "briefing.html").is_file(),
                   title=values.get("title", ""), params=shown or "defaults")
        if o.ok:
            row.update(_summary(folder))
        rows.append(row)
    html = Environment(autoescape=True).from_string(INDEX_TEMPLATE).render(
        rows=rows, failed=sum(not o.ok for o in outcomes))
    return write_atomic(out / INDEX, html)
