"""Benchmark: 1,000,000 Monte Carlo draws per quantity (target: under 0.2 s a quantity), and peak memory.

Not a timed test. Prints the time to draw one derived quantity (NIS casualty rate: three input claims,
the arithmetic and its percentiles, binned in chunks as the brief does), the whole brief's bands, and
peak memory at three sizes (it should stay flat: draws are made in chunks and binned).
"""

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import selection  # noqa: E402
from analysis.ledger.validate import validate  # noqa: E402
from analysis import bands  # noqa: E402

DRAWS = 1_000_000
TARGET_S = 0.2


def best_of(fn, n=5):
    """The fastest of n runs, in seconds."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--peak":
        claims = selection.select(validate(ROOT / "data" / "claims.csv"))
        bands.table(bands.summarise(claims, draws=int(sys.argv[2])))
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        return
    claims = selection.select(validate(ROOT / "data" / "claims.csv"))
    nis = claims[claims["claimant"] == "NIS"]
    one = best_of(lambda: bands.summarise(nis, draws=DRAWS)["NIS"]["casualty_rate"].percentiles())
    n_nis = len(bands.summarise(nis, draws=1000)["NIS"])
    print(f"one claimant (NIS: 3 input claims -> {n_nis} quantities, casualty rate among them), {DRAWS:,} draws, "
          f"binned with percentiles: {one:.3f} s ({one / n_nis:.3f} s a quantity; target < {TARGET_S} s a quantity): "
          f"{'ok' if one / n_nis < TARGET_S else 'SLOW'}")
    whole = best_of(lambda: bands.table(*(lambda b: (b, bands.pool(b)))(bands.summarise(claims, draws=DRAWS))), 3)
    n = len(bands.table(bands.summarise(claims, draws=1000), bands.pool(bands.summarise(claims, draws=1000))))
    print(f"whole brief: {n} quantities x {DRAWS:,} draws, pooled, with bands: {whole:.3f} s "
          f"({whole / n:.3f} s a quantity)")
    for draws in (250_000, 1_000_000, 4_000_000, 16_000_000):
        mb = subprocess.run([sys.executable, __file__, "--peak", str(draws)], capture_output=True, text=True).stdout
        print(f"peak memory at {draws:>9,} draws: {mb.strip()} MiB")


if __name__ == "__main__":
    main()
