"""Benchmark: `brief build` against the naive chain (papermill CLI, nbconvert CLI, weasyprint CLI), same run.

Target: brief build / naive <= 0.6. Also times an unchanged rebuild (target < 1 s). Not a timed test.
Each variant runs REPEATS (5) times, interleaved; the median is reported (this VM swings by ±20 %).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REPEATS = 5


def run(cmd, **kw):
    """Run a command, fail loudly, return seconds taken."""
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    if r.returncode:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{r.stderr[-3000:]}")
    return time.perf_counter() - t


def naive(tmp: Path) -> float:
    """papermill CLI, then jupyter nbconvert --to html (our template, no input), then the weasyprint CLI."""
    nb, html, pdf = tmp / "briefing.ipynb", tmp / "briefing.html", tmp / "briefing.pdf"
    return (run([BIN / "papermill", "notebooks/briefing.ipynb", nb, "-k", "python3", "--no-progress-bar"])
            + run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", "--template", "brief",
                   f"--TemplateExporter.extra_template_basedirs={ROOT / 'analysis' / 'templates'}", nb])
            + run([BIN / "weasyprint", html, pdf]))


def ours(tmp: Path) -> float:
    """brief build, forced (no cache)."""
    return run([BIN / "brief", "build", "--force", "--quiet", "--out", tmp])


def main() -> None:
    times = {"naive": [], "brief build": []}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        ours(tmp / "warm")  # warm the file cache and matplotlib's font cache
        for _ in range(REPEATS):
            times["naive"].append(naive(tmp))
            times["brief build"].append(ours(tmp / "ours"))
        cached = run([BIN / "brief", "build", "--out", tmp / "ours"])
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in times.items():
        print(f"{k:12s} median {med[k]:.2f} s  runs: {', '.join(f'{x:.2f}' for x in v)}")
    ratio = med["brief build"] / med["naive"]
    print(f"ratio brief build / naive = {ratio:.2f} (target <= 0.6): {'ok' if ratio <= 0.6 else 'ABOVE TARGET'}")
    print(f"unchanged rebuild: {cached:.2f} s (target < 1 s): {'ok' if cached < 1 else 'SLOW'}")
    print(f"machine: {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
