"""The `brief` command line: validate a ledger, build the brief, compare briefs, run scenario batches."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import DEFAULT_LEDGER, display, resolve


def _validate(args: argparse.Namespace) -> int:
    from analysis.ledger import LedgerError, validate

    path = resolve(args.path)
    try:
        df = validate(path)
    except LedgerError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"ok: {len(df)} claims in {display(path)}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    p = argparse.ArgumentParser(prog="brief", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a claims ledger and list every problem")
    v.add_argument("path", nargs="?", default=str(DEFAULT_LEDGER), help="ledger CSV (default: data/claims.csv)")
    v.set_defaults(func=_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = parser().parse_args(argv)
    return args.func(args)
