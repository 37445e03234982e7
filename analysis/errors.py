"""The brief's errors, under one root: light to import, so the CLI can catch them without loading pandas.

`BriefError` is what bad input raises anywhere (a ledger, a parameter, a selection, a build step); the CLI and
`brief batch` catch it and print its message on one line per problem, never a traceback. Errors raised inside the
notebook's kernel come back from papermill as a class name and a message; `KERNEL_ERRORS` maps those names back to
these classes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass


class BriefError(Exception):
    """Bad input or a failed step, explained in the message; the root of every error the brief raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a ledger: where it is and what is wrong."""

    path: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: column '{self.column}': {self.message}" if self.column else f"{where}: {self.message}"


class LedgerError(BriefError, ValueError):
    """A ledger that cannot be used; `problems` lists everything wrong with it (or a message from the kernel)."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):  # rebuilt from the kernel's message, see from_kernel
            self.problems = []
            super().__init__(problems)
            return
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the ledger:\n" + "\n".join(map(str, self.problems)))


class ParameterError(BriefError, ValueError):
    """A parameter the notebook does not declare, a value of the wrong type or outside its range, a bad YAML file."""


class SelectionError(BriefError, ValueError):
    """The parameters select no claims (an unknown claimant, nothing known by the as_of date)."""


class DataError(BriefError, ValueError):
    """A data file beside the ledger that cannot be used (data/reference_ratios.csv)."""


class NotResults(BriefError, ValueError):
    """A file that is not a brief's results.json (or cannot be read as one): `since`, `brief diff`."""


class BuildError(BriefError, RuntimeError):
    """A build step failed; the message says which and why."""


class OutputError(BuildError):
    """The output folder cannot be used: it holds something that is not a brief, or is not a folder."""


# The kernel's errors (papermill's ename) that are ours: their message is shown as it is, without the cell.
KERNEL_ERRORS: dict[str, type[BriefError]] = {
    "LedgerError": LedgerError,
    "ParameterError": ParameterError,
    "SelectionError": SelectionError,
    "DataError": DataError,
    "NotResults": NotResults,
}


def from_kernel(ename: str, evalue: str, cell: int, source: str = "") -> BriefError:
    """The error a notebook cell raised, as one of ours: mapped by class name, else a BuildError naming the cell."""
    cls = KERNEL_ERRORS.get(ename)
    if cls is not None:
        return cls(evalue)
    lines = source.strip().splitlines()
    first = lines[0] if lines else ""
    return BuildError(f"notebook cell {cell} ({first[:70]!r}) failed: {ename}: {evalue}")
