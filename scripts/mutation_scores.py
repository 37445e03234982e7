"""Summarise mutmut's results per module: mutants, killed, survived, other, and the share killed.

    python scripts/mutation_scores.py [--min 90] [--list-survivors] [MODULE ...]

Reads mutmut's own records (mutants/**/*.py.meta, written by `mutmut run`) and maps exit codes to statuses with
mutmut's table. A module's score is killed / (mutants - not checked - skipped), in percent: a timeout counts as
killed (the mutant made the tests hang), "no tests" and "survived" count against. With --min, exits 1 when a
module that was checked scores below it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
NOT_RUN = {"not checked", "skipped"}


def module_of(meta: Path, base: Path) -> str:
    """'mutants/analysis/ledger/validate.py.meta' -> 'analysis.ledger.validate'."""
    rel = meta.relative_to(base).as_posix().removesuffix(".py.meta")
    return rel.replace("/", ".")


def collect(base: Path) -> dict[str, dict[str, str]]:
    """{module: {mutant name: status}} from every .meta file under `base`."""
    out: dict[str, dict[str, str]] = {}
    for meta in sorted(base.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data.get("exit_code_by_key", {})
        out[module_of(meta, base)] = {name: status_by_exit_code[code] for name, code in sorted(codes.items())}
    return out


def score(statuses: dict[str, str]) -> tuple[Counter, float | None]:
    counts = Counter(statuses.values())
    run = sum(n for s, n in counts.items() if s not in NOT_RUN)
    killed = sum(n for s, n in counts.items() if s in KILLED)
    return counts, (100.0 * killed / run if run else None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="*", help="only these modules, e.g. ledger selection (default: all)")
    ap.add_argument("--min", type=float, default=None, help="exit 1 when a checked module scores below this percent")
    ap.add_argument("--list-survivors", action="store_true", help="name every mutant that survived")
    ap.add_argument("--mutants", type=Path, default=ROOT / "mutants", help="mutmut's folder (default: mutants/)")
    args = ap.parse_args(argv)
    if not args.mutants.is_dir():
        print(f"no {args.mutants}: run `make mutation` (mutmut run) first", file=sys.stderr)
        return 2
    results = collect(args.mutants)
    wanted = {m if m.startswith("analysis.") else f"analysis.{m}" for m in args.modules}
    rows, low = [], []
    print(f"{'module':<24} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'timeout':>7} "
          f"{'not run':>7} {'score':>7}")
    for module, statuses in results.items():
        if wanted and module not in wanted:
            continue
        counts, pct = score(statuses)
        not_run = sum(counts[s] for s in NOT_RUN)
        shown = "—" if pct is None else f"{pct:.1f}%"
        print(f"{module:<24} {len(statuses):>7} {counts['killed'] + counts['caught by type check']:>7} "
              f"{counts['survived']:>8} {counts['no tests']:>8} {counts['timeout']:>7} {not_run:>7} {shown:>7}")
        rows.append(module)
        if args.min is not None and pct is not None and pct < args.min:
            low.append(f"{module} {pct:.1f}%")
        if args.list_survivors:
            for name, status in statuses.items():
                if status in {"survived", "no tests", "suspicious"}:
                    print(f"    {status}: {name}")
    if low:
        print(f"below {args.min:g}%: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
