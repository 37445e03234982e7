"""Build time against the number of claimants: fictional ledgers of 1, 5, 20 and 100 claimants (three claims
each: about K killed, about W wounded, a deployed range), each built cold (--force) in a fresh process, against
the default brief. A brief shows at most report.MAX_SHOWN claimants; results.json and the pool hold every one.
Target: 100 claimants within twice the default brief's time.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "claim_id,metric,low,best,high,unit,bound,claimant,spokesperson,conduit,published,as_of,source_url,quote,notes\n"
RUNS = 3


def ledger(n: int, path: Path) -> Path:
    """A fictional ledger of n claimants (seeded: the same file every time)."""
    rng = random.Random(n)
    rows = []
    for i in range(n):
        c = f"Claimant {i:03d} (fictional)"
        k = rng.randint(100, 1000)
        w = k * rng.randint(2, 6)  # below the force, as one claimant's own figures must be
        d = rng.randint(8000, 15000)
        url = f"https://example.org/{i}"
        rows += [f"c{i}-k,killed,,{k},,persons,approximate,{c},,,,2025-0{1 + i % 9}-01,{url},about {k} killed,FICTIONAL\n",
                 f"c{i}-w,wounded,,{w},,persons,approximate,{c},,,,2025-0{1 + i % 9}-01,{url},about {w} wounded,FICTIONAL\n",
                 f"c{i}-d,deployed,{d - 1000},,{d},persons,range,{c},,,,2025-0{1 + i % 9}-01,{url},{d - 1000} to {d},"
                 "FICTIONAL\n"]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def build(out: Path, *params: str) -> float:
    """Seconds for one cold `brief build` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "build", "--force", "--quiet", "--out", str(out), *params],
                   check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cases = {"default brief": []}
        for n in (1, 5, 20, 100):
            cases[f"{n} claimants"] = ["-p", "ledger", str(ledger(n, tmp / f"c{n}.csv")), "-p", "later", ""]
        times = {name: [] for name in cases}
        for i in range(RUNS):  # interleaved, so load on the machine falls on every case alike
            for name, params in cases.items():
                times[name].append(build(tmp / f"{name.replace(' ', '-')}-{i}", *params))
    base = statistics.median(times["default brief"])
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"{name:>14}: median {m:5.2f} s  ({m / base:.2f} × the default brief)  runs {[round(t, 2) for t in ts]}")


if __name__ == "__main__":
    main()
