"""Errors the ledger loader raises: light to import, so the CLI can catch them without loading pandas."""

from __future__ import annotations

from dataclasses import dataclass


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


class LedgerError(ValueError):
    """A ledger that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the ledger:\n" + "\n".join(map(str, self.problems)))
