"""Benchmark: validate a generated ledger (default 100,000 rows; target: under 5 s) and report its peak memory.

    python bench/bench_validate.py                    # 100,000 rows
    python bench/bench_validate.py --rows 1000000     # 1,000,000 rows: peak RSS target under 1.5 GB

Not a timed test.
"""

import argparse
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import schema  # noqa: E402
from analysis.ledger.validate import validate  # noqa: E402

ROWS = 100_000
TARGET_S = 5.0  # per 100,000 rows
TARGET_MB = 1500


def generate(path: Path, rows: int) -> None:
    """Write a valid ledger of `rows` fictional claims cycling through metrics and bounds."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(schema.columns())
        for i in range(rows):
            n = 100 + i % 9000
            if i % 3 == 0:
                w.writerow([f"gen-{i}", "deployed", n, "", n + 500, "persons", "range", f"Fictional {i % 7}", "", "",
                            "2025-02", "2025-01-31", "https://example.org/", f"between {n:,} and {n + 500:,}", "generated"])
            elif i % 3 == 1:
                w.writerow([f"gen-{i}", "killed", "", n, "", "persons", "approximate", f"Fictional {i % 7}", "", "",
                            "2025", "", "https://example.org/", f"about {n:,} were killed", "generated"])
            else:
                w.writerow([f"gen-{i}", "casualty_rate", "", "", i % 100, "percent", "up_to", f"Fictional {i % 7}", "",
                            "", "", "", "https://example.org/", f"as high as {i % 100}%", "generated"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=ROWS, help=f"rows in the generated ledger (default {ROWS:,})")
    rows = ap.parse_args().rows
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        generate(path, rows)
        if rows <= ROWS:
            validate(path)  # warm imports (a long ledger is read once, so its peak memory is its own)
        start = time.perf_counter()
        df = validate(path)
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    target = TARGET_S * rows / ROWS
    print(f"validated {len(df):,} rows in {elapsed:.2f} s (target < {target:.0f} s): {'ok' if elapsed < target else 'SLOW'}; "
          f"peak RSS {peak_mb:,.0f} MB (target < {TARGET_MB:,} MB): {'ok' if peak_mb < TARGET_MB else 'HIGH'}")


if __name__ == "__main__":
    main()
