"""The `brief` command line: validate a ledger, build the brief, start a new case, compare briefs, run scenario
batches."""

from __future__ import annotations

import argparse
import os
import gc
import signal
import sys
from pathlib import Path

from analysis.paths import DEFAULT_LEDGER, REPORTS_DIR, display, resolve


def _validate(args: argparse.Namespace) -> int:
    from analysis.errors import BriefError, LedgerError
    from analysis.ledger.validate import validate

    from analysis.paths import check_file

    paths = [resolve(p) for p in (args.path or [str(DEFAULT_LEDGER)])]
    try:
        checked = [check_file(p, "ledger", error=LedgerError) for p in paths]
        df = validate(checked if len(checked) > 1 else checked[0])  # several files are read as one ledger
    except BriefError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"ok: {len(df)} claim{'' if len(df) == 1 else 's'} in {', '.join(display(p) for p in paths)}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from analysis import params as P
    from analysis.publish.build import build
    from analysis.errors import BriefError

    try:
        values = P.load_file(args.file) if args.file else {}
        values.update(P.parse_cli(args.param))
        if args.since:
            values["since"] = args.since
        build(values, Path(args.out), force=args.force, progress=not args.quiet)
    except (BriefError, OSError) as e:
        print(f"brief build: {_one_line(e)}", file=sys.stderr)
        print("brief build: failed; the previous report (if any) is untouched", file=sys.stderr)
        return 1
    return 0


def _new(args: argparse.Namespace) -> int:
    from analysis.errors import BriefError
    from analysis.publish import new_case

    try:
        new_case.create(args.folder)
    except (BriefError, OSError) as e:
        print(f"brief new: {_one_line(e)}", file=sys.stderr)
        return 1
    print(new_case.next_steps(args.folder), end="")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from analysis.brief import diff
    from analysis.brief import results

    try:
        old, new = results.load(args.old), results.load(args.new)
    except (OSError, ValueError) as e:
        print(f"brief diff: {_one_line(e)}", file=sys.stderr)
        return 2
    try:
        changes = diff.compare(old, new)
        text = diff.report(changes)
    except (KeyError, TypeError, AttributeError, ValueError) as e:  # a file that is JSON but not a brief's results
        print(f"brief diff: {args.old} or {args.new} is not a brief's results.json "
              f"({type(e).__name__}: {e})", file=sys.stderr)
        return 2
    print(text)
    return 1 if changes else 0


def _batch(args: argparse.Namespace) -> int:
    from analysis.publish import batch
    from analysis.errors import BriefError

    try:
        scenarios = batch.load(args.scenarios)
        outcomes = batch.run(scenarios, Path(args.out), args.jobs, args.force)
    except (BriefError, OSError) as e:
        print(f"brief batch: {_one_line(e)}", file=sys.stderr)
        return 1
    failed = [o for o in outcomes if not o.ok]
    print(f"brief batch: {len(outcomes) - len(failed)} of {len(outcomes)} scenarios built; "
          f"index: {Path(args.out).resolve() / batch.INDEX}", file=sys.stderr)
    for o in failed:
        print(f"brief batch: scenario '{o.name}' failed: {o.message}", file=sys.stderr)
    return 1 if failed else 0


def _one_line(e: BaseException) -> str:
    """An error as shown to the user: our messages as written (one line a problem); an OS error with its file."""
    if isinstance(e, OSError) and not str(e).startswith("["):
        return str(e)
    if isinstance(e, OSError):
        where = f": {e.filename}" if e.filename else ""
        return f"{e.strerror or type(e).__name__}{where}"
    return str(e)


def _terminate(signum, _frame):
    """SIGTERM ends a run as Ctrl-C does: cleanly, through the same clean-up, with one line (and Ctrl-C too, so that
    a build step a library turned the interruption into another error in still ends as interrupted)."""
    from analysis.publish import build

    build.INTERRUPTED.set()
    raise KeyboardInterrupt


def parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    from analysis import params as P

    p = argparse.ArgumentParser(prog="brief", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check a claims ledger and list every problem")
    v.add_argument("path", nargs="*", help="ledger CSV (default: data/claims.csv); several are read as one ledger")
    v.set_defaults(func=_validate)
    b = sub.add_parser("build", help="build the brief (HTML, PDF, executed notebook, results.json)",
                       epilog=P.help_text(), formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("-p", "--param", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="set a notebook parameter (repeatable); lists and mappings as YAML, e.g. -p claimants '[NIS]'")
    b.add_argument("-f", "--file", help="YAML file of parameters (-p values override it)")
    b.add_argument("--out", default=str(REPORTS_DIR), help="output folder (default: reports/)")
    b.add_argument("--since", help="an earlier results.json or report folder: adds a 'changes since' section")
    b.add_argument("--force", action="store_true", help="rebuild even when inputs are unchanged")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=_build)
    n = sub.add_parser("new", help="create a case folder to fill in: ledger, later reports, sources, params.yaml")
    n.add_argument("folder", help="a new (or empty) folder for the case")
    n.set_defaults(func=_new)
    d = sub.add_parser("diff", help="what changed between two briefs (exit 0: none, 1: changes, 2: trouble)")
    d.add_argument("old", help="earlier results.json or report folder")
    d.add_argument("new", help="later results.json or report folder")
    d.set_defaults(func=_diff)
    t = sub.add_parser("batch", help="build several named parameter sets in parallel, with an index page")
    t.add_argument("scenarios", help="YAML file: {defaults: {...}, scenarios: {name: {param: value}}}")
    t.add_argument("--jobs", type=int, default=None, help="builds at once (default: the number of cores)")
    t.add_argument("--out", default=str(REPORTS_DIR / "batch"), help="output folder (default: reports/batch/)")
    t.add_argument("--force", action="store_true", help="rebuild scenarios whose inputs are unchanged")
    t.set_defaults(func=_batch)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = parser().parse_args(argv)
    if argv is None:
        signal.signal(signal.SIGTERM, _terminate)
        signal.signal(signal.SIGINT, _terminate)
    try:
        status = args.func(args)
    except BrokenPipeError:  # the reader went away (`brief diff A B | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        if argv is None:  # the run is over and cleaned up: no second signal may turn the exit into a traceback
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print(f"brief {args.command}: interrupted; the previous report (if any) is untouched", file=sys.stderr)
        if argv is None and args.command == "build":
            # Leave now: exit-time hooks of the kernel client can re-arm SIGINT and die of it (status -2, seen in
            # about one SIGTERM in ten). The build's own clean-up has run; the kernel exits with its parent. (A
            # batch still needs its exit hooks: they stop the pool's workers.)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        return 130
    if argv is None:  # the process ends now: spare it the final garbage collection over every object (~0.2 s)
        gc.freeze()
    return status
