"""Benchmark: a batch of 8 scenarios with --jobs 2 against the same 8 with --jobs 1 (and as 8 `brief build`s).

Target: parallel / sequential <= 0.6 on this 2-core machine. Forced rebuilds (no up-to-date cache).
Not a timed test.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = Path(sys.executable).parent / "brief"
SCENARIOS = """\
scenarios:
  pooled-uniform: {distribution: uniform}
  pooled-lognormal: {distribution: lognormal}
  nis-only: {claimants: [NIS]}
  csis-only: {claimants: [CSIS]}
  nis-weighted: {weights: {NIS: 3, CSIS: 1}}
  csis-weighted: {weights: {NIS: 1, CSIS: 3}}
  tight-tolerance: {approx_tolerance: 0.02}
  high-floor: {upto_floor: 0.8}
"""


SINGLE_BUILDS = {  # the scenarios above, one `-p NAME VALUE` each
    "pooled-uniform": ("distribution", "uniform"), "pooled-lognormal": ("distribution", "lognormal"),
    "nis-only": ("claimants", "[NIS]"), "csis-only": ("claimants", "[CSIS]"),
    "nis-weighted": ("weights", "{NIS: 3, CSIS: 1}"), "csis-weighted": ("weights", "{NIS: 1, CSIS: 3}"),
    "tight-tolerance": ("approx_tolerance", "0.02"), "high-floor": ("upto_floor", "0.8"),
}


def timed(cmd) -> float:
    """Seconds a command takes; exits if it fails."""
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        sys.exit(r.stderr[-3000:])
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        scenarios = Path(d) / "scenarios.yaml"
        scenarios.write_text(SCENARIOS)
        timed([BRIEF, "build", "--quiet", "--force", "--out", Path(d) / "warm"])  # warm file and font caches
        sequential = timed([BRIEF, "batch", scenarios, "--jobs", "1", "--force", "--out", Path(d) / "seq"])
        parallel = timed([BRIEF, "batch", scenarios, "--jobs", "2", "--force", "--out", Path(d) / "par"])
        one_by_one = sum(timed([BRIEF, "build", "--quiet", "--force", "-p", *pair, "--out", Path(d) / "one" / name])
                         for name, pair in SINGLE_BUILDS.items())
    ratio = parallel / sequential
    print(f"8 scenarios, --jobs 1: {sequential:.1f} s; --jobs 2: {parallel:.1f} s on {os.cpu_count()} cores")
    print(f"ratio parallel / sequential = {ratio:.2f} (target <= 0.6): {'ok' if ratio <= 0.6 else 'ABOVE TARGET'}")
    print(f"the same 8 as separate `brief build` commands: {one_by_one:.1f} s; "
          f"--jobs 2 / that = {parallel / one_by_one:.2f}")


if __name__ == "__main__":
    main()
