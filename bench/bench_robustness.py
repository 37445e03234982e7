"""What the robustness grid ('Which judgments survive the assumptions') adds to a cold `brief build`.

Times cold builds (fresh process, --force, into a temporary folder) with the grid and with the grid
replaced by an empty table, interleaved, five runs each; target: the grid adds at most 1.5 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
NO_GRID = ("import analysis.judgments.robustness as r, pandas as pd; "
           "r.evaluate = lambda *a, **k: pd.DataFrame(columns=r.COLUMNS)\n")


def build(out: Path, grid: bool) -> float:
    """Seconds for one cold build in a fresh process (the kernel inherits PYTHONSTARTUP-free env)."""
    code = ("import sys; sys.argv = ['brief', 'build', '--force', '--quiet', '--out', %r]\n" % str(out))
    if not grid:  # the kernel imports analysis.judgments.robustness itself: patch it there through a sitecustomize
        site = out.parent / "nogrid"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text(NO_GRID)
    env = None
    if not grid:
        import os
        env = dict(os.environ, PYTHONPATH=f"{site}:{os.environ.get('PYTHONPATH', '')}".rstrip(":"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code + "from analysis.publish.cli import main; sys.exit(main())"],
                   check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def main() -> None:
    times = {True: [], False: []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(RUNS):
            for grid in (False, True):
                times[grid].append(build(Path(tmp) / f"r-{grid}-{i}", grid))
    with_grid, without = statistics.median(times[True]), statistics.median(times[False])
    print(f"cold build with the robustness grid: median {with_grid:.2f} s {sorted(round(t, 2) for t in times[True])}")
    print(f"cold build without it:              median {without:.2f} s {sorted(round(t, 2) for t in times[False])}")
    print(f"the grid adds {with_grid - without:+.2f} s (target: at most 1.5 s)")


if __name__ == "__main__":
    main()
