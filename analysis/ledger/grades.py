"""Source grades: the Admiralty code (NATO AJP-2.1) of each source in data/sources.csv — the reliability of the
source, A to F, and the credibility of the information, 1 to 6, with a one-line reason — read and checked, a claim's
grade (its source's), and the pool's weights by grade (the `weights: by_grade` parameter).

Weights by grade: reliability A 5, B 4, C 3, D 2, E 1; credibility 1 5, 2 4, 3 3, 4 2, 5 1; a grade's weight is
the product over 25 (A1 1.0, B2 0.64, C3 0.36, D3 0.24, E3 0.12). F and 6 ("cannot be judged") and an ungraded
source weigh as E and 5 (F6 0.04): a source that cannot be judged earns no more trust than the least trusted. A
claimant's weight is the mean of the weights of its claims the brief uses.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis.errors import LedgerError, Problem
from analysis.paths import SOURCES, display

RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY = {"1": "confirmed by other sources", "2": "probably true", "3": "possibly true", "4": "doubtfully true",
               "5": "improbable", "6": "truth cannot be judged"}
GRADE_COLUMNS = ("reliability", "credibility", "grade_reason")
RELIABILITY_WEIGHT = {"A": 5, "B": 4, "C": 3, "D": 2, "E": 1, "F": 1}
CREDIBILITY_WEIGHT = {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1, "6": 1}
UNGRADED = ("F", "6")  # what an ungraded source weighs as

Grade = tuple[str, str]


def _problems(rows: list[dict], lines: list[int], name: str) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, int] = {}
    for cells, line in zip(rows, lines):
        url = cells.get("source_url", "")
        if url in first:
            out.append(Problem(name, line, "source_url", f"is listed twice (line {first[url]}): one grade per source"))
        first.setdefault(url, line)
        r, c = cells.get("reliability", ""), cells.get("credibility", "")
        if r and r not in RELIABILITY:
            out.append(Problem(name, line, "reliability", f"must be one of {', '.join(RELIABILITY)} (the source's "
                                                          f"reliability), got {r!r}"))
        if c and c not in CREDIBILITY:
            out.append(Problem(name, line, "credibility", f"must be one of {', '.join(CREDIBILITY)} (the "
                                                          f"information's credibility), got {c!r}"))
        if bool(r) != bool(c):
            blank, other = ("credibility", "reliability") if r else ("reliability", "credibility")
            out.append(Problem(name, line, blank, f"is blank but {other} is set: a grade is both letter and number"))
        if (r or c) and not cells.get("grade_reason", "").strip():
            out.append(Problem(name, line, "grade_reason", "is required when the source is graded: one line on why"))
    return out


def load(path: str | Path = SOURCES) -> pd.DataFrame:
    """sources.csv as text (blank cells ''), its grades checked; LedgerError names file, line and column of every
    bad grade. A file without the grade columns is read as ungraded (the columns come back blank)."""
    path = Path(path)
    name = display(path)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows, lines = [], []
        start = 2
        for cells in reader:
            rows.append({k: (v or "") for k, v in cells.items() if k is not None})
            lines.append(start)
            start = reader.line_num + 1
        columns = list(reader.fieldnames or [])
    problems = _problems(rows, lines, name)
    if problems:
        raise LedgerError(problems)
    columns += [c for c in GRADE_COLUMNS if c not in columns]
    return pd.DataFrame([[r.get(c, "") for c in columns] for r in rows], columns=columns, dtype="str")


def grade_of(claim_or_url, sources: pd.DataFrame) -> Grade | None:
    """A claim's grade — its source's (reliability, credibility), e.g. ('B', '2') — or None where the source is
    ungraded or not described in sources.csv. Takes a claim row (anything with a source_url) or the URL itself."""
    url = claim_or_url if isinstance(claim_or_url, str) else claim_or_url["source_url"]
    if not len(sources) or "reliability" not in sources.columns:
        return None
    row = sources[sources["source_url"] == url]
    if row.empty or not row["reliability"].iloc[0]:
        return None
    return row["reliability"].iloc[0], row["credibility"].iloc[0]


def grades(claims: pd.DataFrame, sources: pd.DataFrame) -> list[Grade | None]:
    """Each claim's grade, in order."""
    known = {}
    if len(sources) and "reliability" in sources.columns:
        known = {u: (r, c) for u, r, c in zip(sources["source_url"], sources["reliability"], sources["credibility"])
                 if r}
    return [known.get(u) for u in claims["source_url"]]


def weight(grade: Grade | None) -> float:
    """A grade's weight in the pool (see the module's docstring): A1 1.0 … E3 0.12; F6 and ungraded 0.04."""
    r, c = grade or UNGRADED
    return RELIABILITY_WEIGHT[r] * CREDIBILITY_WEIGHT[c] / 25


def claimant_weights(claims: pd.DataFrame, sources: pd.DataFrame) -> dict[str, float]:
    """Each claimant's pool weight: the mean weight of its claims' grades, claimants in ledger order."""
    w = pd.Series([weight(g) for g in grades(claims, sources)], index=claims.index, dtype="float64")
    mean = w.groupby(claims["claimant"], sort=False).mean()
    return {str(c): float(v) for c, v in mean.items()}
