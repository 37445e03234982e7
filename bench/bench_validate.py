"""Benchmark: validate a generated 100,000-row ledger (target: under 5 s). Not a timed test."""

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import schema  # noqa: E402
from analysis.ledger import validate  # noqa: E402

ROWS = 100_000
TARGET_S = 5.0


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
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        generate(path, ROWS)
        validate(path)  # warm imports
        start = time.perf_counter()
        df = validate(path)
        elapsed = time.perf_counter() - start
    print(f"validated {len(df):,} rows in {elapsed:.2f} s (target < {TARGET_S} s): {'ok' if elapsed < TARGET_S else 'SLOW'}")


if __name__ == "__main__":
    main()
