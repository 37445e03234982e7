"""What later reports said: the later ledger, every dated claim over time, and hindsight on the article's claims.

Pure functions over claims tables. The article's ledger (data/claims.csv) is one snapshot; the later ledger
(data/later-reports.csv) holds what claimants said afterwards, each row dated, its revisions linked by
`supersedes` (also into the article's ledger). Hindsight compares each of the article's figures with each later
claimant's latest estimate of the same quantity: by interval arithmetic on the figures as stated, and by seeded
Monte Carlo draws for the probabilities. A bound ("up to", "at least") stays a bound throughout: its interval
and its draws span the reading the brief states, never one end taken as a figure.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.params import BriefParams
from analysis.uncertainty import derive
from analysis.ledger import selection
from analysis.uncertainty.distributions import STATED, Assumptions, claim_interval, rng_for, sample, stated_interval
from analysis.errors import LedgerError, Problem
from analysis.uncertainty.intervals import Interval
from analysis.ledger.validate import validate
from analysis.paths import display

TIMELINE_METRICS = ("deployed", "killed", "casualties")
HINDSIGHT_METRICS = ("deployed", "killed", "wounded", "casualties", "casualty_rate")


# ---------------------------------------------------------------------------------------------------- loading

def load(path: str | Path, article: pd.DataFrame) -> pd.DataFrame:
    """The later ledger, validated, its `supersedes` allowed to name a claim of the article's ledger.

    The article's ledger is a table already read and validated (from one file or several), so the later file is
    validated on its own with its cross-file `supersedes` set aside, then each of those is checked against the
    article's claims here (the claim exists, same claimant and metric) and an id used in both is refused. Every
    problem names this file and its line. (A brief that reads both files as one ledger uses
    analysis.ledger.validate.validate([article, later]) instead: the `all-reports` scenario.)
    """
    path = Path(path)
    name = display(path)
    if not path.is_file():
        raise LedgerError([Problem(name, 0, "", "no such file")])
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    article_ids = dict(zip(article["claim_id"], article.index))
    external: dict[int, str] = {}
    if "supersedes" in header:
        col = header.index("supersedes")
        for k, row in enumerate(rows[1:], start=1):
            if len(row) == len(header) and row[col] in article_ids:
                external[k] = row[col]
                row[col] = ""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        with copy.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        try:
            later = validate(copy)
        except LedgerError as e:
            raise LedgerError([Problem(name, p.line, p.column, p.message) for p in e.problems]) from None
    lines = later.attrs["lines"]
    problems = [Problem(name, lines[i], "claim_id", f"'{cid}' is also a claim id in the article's ledger; "
                        "ids must be unique across the two files")
                for i, cid in zip(later.index, later["claim_id"]) if cid in article_ids]
    row_of = {k: i for i, k in enumerate(_data_row_numbers(rows, header))}
    for k, target in external.items():
        i = row_of.get(k)
        if i is None:
            continue
        a = article.loc[article_ids[target]]
        if (a["claimant"], a["metric"]) != (later.at[i, "claimant"], later.at[i, "metric"]):
            problems.append(Problem(name, lines[i], "supersedes", f"names claim '{target}' of the article's ledger, "
                                    f"which is {a['claimant']}'s {a['metric']}, not {later.at[i, 'claimant']}'s "
                                    f"{later.at[i, 'metric']}"))
        later.at[i, "supersedes"] = target
    if problems:
        raise LedgerError(problems)
    later.attrs["path"] = str(path)
    return later


def _records(path: str | Path) -> list[dict]:
    with Path(path).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def claim_ids(path: str | Path) -> set[str]:
    """The claim ids a ledger file holds (read as text, before validation)."""
    return {r.get("claim_id") or "" for r in _records(path)} - {""}


def foreign_targets(path: str | Path) -> set[str]:
    """The claim ids the file's `supersedes` names outside itself (claims of the article's ledger, if it is theirs)."""
    return {r.get("supersedes") or "" for r in _records(path)} - claim_ids(path) - {""}


def _data_row_numbers(rows: list[list[str]], header: list[str]) -> list[int]:
    """Which raw CSV records became ledger rows (blank records are skipped by the reader), in order."""
    return [k for k, row in enumerate(rows[1:], start=1) if row and "".join(row).strip() and len(row) == len(header)]


def combine(article: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """Both ledgers as one table, the article's rows first; a `source` column says which file each row is from."""
    a = article[~article["claim_id"].isin(set(later["claim_id"]))]
    out = pd.concat([a.assign(source="article"), later.assign(source="later")], ignore_index=True)
    out["supersedes"] = out["supersedes"].fillna("")
    for c in ("spokesperson", "conduit", "published", "as_of", "notes"):
        out[c] = out[c].fillna("")
    return out


# --------------------------------------------------------------------------------------------------- timeline

def _plot_date(value: str) -> pd.Timestamp | None:
    """A claim date as a point on the time axis: a month or year at its middle, blank as None."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return pd.Timestamp(f"{value}-07-01")
    if len(parts) == 2:
        return pd.Timestamp(f"{value}-15")
    return pd.Timestamp(value)


def timeline(combined: pd.DataFrame, as_of: str | None = None, claimants: list[str] | None = None,
             metrics: tuple[str, ...] = TIMELINE_METRICS) -> pd.DataFrame:
    """Every claim of the chosen metrics known by `as_of`, one row each, with its stated interval and date.

    Where a claimant states killed and wounded on the same date but no casualties, their sum is added as an
    implied casualties point (status 'implied'), so the casualties panel can follow claimants who split them.
    Columns: claim_id, claimant, metric, unit, bound, source, status, date, x (Timestamp or None), low, point,
    high, supersedes.
    """
    claims = combined if not claimants else combined[combined["claimant"].isin(claimants)]
    claims = selection.as_of_filter(claims, as_of)
    dates = selection.dated(claims)
    rows = []
    for i, r in claims.iterrows():
        if r["metric"] not in metrics:
            continue
        iv = stated_interval(r)
        rows.append(dict(claim_id=r["claim_id"], claimant=r["claimant"], metric=r["metric"], unit=r["unit"],
                         bound=r["bound"], source=r["source"], status="stated", date=dates[i],
                         low=iv.low, point=iv.point, high=iv.high, supersedes=r["supersedes"], y=_level(iv)))
    if "casualties" in metrics:
        rows += _implied_casualties(claims, dates)
    out = pd.DataFrame(rows, columns=["claim_id", "claimant", "metric", "unit", "bound", "source", "status", "date",
                                      "low", "point", "high", "supersedes", "y"])
    out["x"] = [_plot_date(d) for d in out["date"]]
    order = {m: k for k, m in enumerate(metrics)}
    out = out.assign(_m=out["metric"].map(order), _d=out["date"].map(selection._start))
    return out.sort_values(["_m", "claimant", "_d"], kind="stable").drop(columns=["_m", "_d"]).reset_index(drop=True)


def _implied_casualties(claims: pd.DataFrame, dates: pd.Series) -> list[dict]:
    rows = []
    keyed = claims.assign(_date=dates)
    for (claimant, date), group in keyed.groupby(["claimant", "_date"], sort=False):
        by_metric = {r["metric"]: r for _, r in group.iterrows()}
        if "casualties" in by_metric or not {"killed", "wounded"} <= set(by_metric):
            continue
        k, w = by_metric["killed"], by_metric["wounded"]
        iv = stated_interval(k) + stated_interval(w)
        iv = type(iv)(iv.low, iv.high, iv.point, open_low=stated_interval(k).open_low or stated_interval(w).open_low,
                      open_high=stated_interval(k).open_high or stated_interval(w).open_high)
        source = "article" if "article" in (k["source"], w["source"]) else "later"
        rows.append(dict(claim_id=f"{k['claim_id']} + {w['claim_id']}", claimant=claimant, metric="casualties",
                         unit="persons", bound="implied", source=source, status="implied", date=date,
                         low=iv.low, point=iv.point, high=iv.high, supersedes="", y=_level(iv)))
    return rows


def _level(iv) -> float:
    """Where a claim is drawn: its figure; a bound at its stated end (never at a reading of ours); a range mid-way."""
    if iv.point is not None:
        return iv.point
    if iv.open_high:
        return iv.low
    if iv.open_low:
        return iv.high
    return (iv.low + iv.high) / 2


# -------------------------------------------------------------------------------------------------- hindsight

def latest_later(combined: pd.DataFrame, as_of: str | None = None) -> pd.DataFrame:
    """Each claimant's latest claim per metric known by `as_of`, kept only where that claim is a later report."""
    latest = selection.latest(selection.as_of_filter(combined, as_of))
    return latest[latest["source"] == "later"].reset_index(drop=True)


def _draws(claims: pd.DataFrame, a: Assumptions, draws: int, seed: int) -> dict[str, dict[str, derive.Quantity]]:
    """Monte Carlo draws per claimant and quantity; each claim's draws keyed by its id, so pairings never shift them."""
    def make(row, _claimant):
        iv = claim_interval(row, a)
        return sample(iv, row["bound"], row["unit"], draws, rng_for(seed, "later", row["claim_id"]), a.distribution)
    return {c: derive.derive(derive.base_quantities(claims, c, make)) for c in derive.claimant_order(claims)}


def _date_of(claims: pd.DataFrame, ids: tuple[str, ...]) -> str:
    """The latest date among the claims a figure rests on; blank when none is dated."""
    dates = [d for d in selection.dated(claims[claims["claim_id"].isin(ids)]) if d]
    return max(dates) if dates else ""


def _sides(article_claims: pd.DataFrame, combined: pd.DataFrame, a: Assumptions, draws: int, seed: int,
           as_of: str | None) -> dict:
    """Both sides' figures: as stated, as read with the tolerances, and as draws; the later side's latest claims."""
    later = latest_later(combined, as_of)
    return dict(later=later,
                art_stated=derive.stated_figures(article_claims), new_stated=derive.stated_figures(later),
                art_read=derive.allowed_figures(article_claims, a), new_read=derive.allowed_figures(later, a),
                art_mc=_draws(article_claims, a, draws, seed), new_mc=_draws(later, a, draws, seed))


def hindsight(article_claims: pd.DataFrame, combined: pd.DataFrame, assumptions: Assumptions = Assumptions(),
              draws: int = BriefParams.draws, seed: int = BriefParams.seed, as_of: str | None = None) -> pd.DataFrame:
    """For each figure of the article and each later claimant's latest estimate of the same quantity: the ratio.

    `article_claims` are the article's claims the brief uses (one per claimant and metric). Quantities are the
    base metrics, stated or implied by the claimant's own other figures (casualties = killed + wounded, ...).
    Columns: metric, article_claimant, article_status, article_ids, article_date, article (Interval as stated),
    later_claimant, later_status, later_ids, later_date, later (Interval as stated), ratio (Interval, figures as
    stated: article ÷ later), ratio_read (Interval, with the brief's tolerances), p5/p50/p95 (Monte Carlo ratio),
    p_below (probability the article's figure is below the later one), open_bound, timing (`timing`).
    """
    return _hindsight(_sides(article_claims, combined, assumptions, draws, seed, as_of), combined)


def _hindsight(s: dict, combined: pd.DataFrame) -> pd.DataFrame:
    """`hindsight` from both sides' figures (`_sides`)."""
    rows = []
    for metric in HINDSIGHT_METRICS:
        for ac, aq in s["art_stated"].items():
            if metric not in aq:
                continue
            for lc, lq in s["new_stated"].items():
                if metric not in lq:
                    continue
                a, b = aq[metric], lq[metric]
                x, y = s["art_mc"][ac][metric].value, s["new_mc"][lc][metric].value
                mc = x / y
                finite = mc[np.isfinite(mc)]
                p5, p50, p95 = np.percentile(finite, [5, 50, 95]) if finite.size else (math.nan,) * 3
                a_date = _date_of(combined, a.claim_ids)
                b_date = _date_of(combined, b.claim_ids)
                rows.append(dict(
                    metric=metric, article_claimant=ac, article_status=a.status, article_ids=a.claim_ids,
                    article_date=a_date, article=a.value, later_claimant=lc, later_status=b.status,
                    later_ids=b.claim_ids, later_date=b_date, later=b.value, ratio=a.value / b.value,
                    ratio_read=s["art_read"][ac][metric].value / s["new_read"][lc][metric].value,
                    p5=float(p5), p50=float(p50), p95=float(p95), p_below=float(np.mean(x < y)),
                    open_bound=_open_side(a, b), timing=timing(a_date, b_date),
                ))
    return pd.DataFrame(rows, columns=_HINDSIGHT_COLUMNS)


_HINDSIGHT_COLUMNS = ["metric", "article_claimant", "article_status", "article_ids", "article_date", "article",
                      "later_claimant", "later_status", "later_ids", "later_date", "later", "ratio", "ratio_read",
                      "p5", "p50", "p95", "p_below", "open_bound", "timing"]


def _open_side(a: derive.Quantity, b: derive.Quantity) -> str:
    """Which way an open bound pushes the ratio article ÷ later: 'at_most', 'at_least', 'both' or ''.

    An "up to" article figure or an "at least" later one caps the ratio from above; the reverse from below.
    """
    up = "up_to" in a.open_bounds or "at_least" in b.open_bounds
    down = "at_least" in a.open_bounds or "up_to" in b.open_bounds
    return "both" if up and down else "at_most" if up else "at_least" if down else ""


def timing(article_date: str, later_date: str) -> str:
    """When a dated later figure falls against the article's, where that may explain a difference without the
    earlier figure being wrong: 'undated' (the article's is), 'after' (the later one follows it), else ''
    (analysis.wording.hindsight.timing_caveat says why in words)."""
    if not later_date:
        return ""
    if not article_date:
        return "undated"
    if selection._start(later_date) > selection._end(article_date):
        return "after"
    return ""


def nearer(article_claims: pd.DataFrame, combined: pd.DataFrame, assumptions: Assumptions = Assumptions(),
           draws: int = BriefParams.draws, seed: int = BriefParams.seed, as_of: str | None = None) -> pd.DataFrame:
    """Where two article claimants give the same quantity: whose figure lies nearer each later claimant's latest.

    Nearness is the distance of the ratio from 1 on a log scale (half and double are equally far apart).
    Columns: later_claimant, metric, first, second (article claimants), p_first (probability the first's
    figure lies nearer), draws.
    """
    return _nearer(_sides(article_claims, combined, assumptions, draws, seed, as_of), draws)


def _nearer(s: dict, draws: int) -> pd.DataFrame:
    """`nearer` from both sides' figures (`_sides`)."""
    rows = []
    for metric in HINDSIGHT_METRICS:
        names = [c for c, q in s["art_stated"].items() if metric in q]
        for lc, lq in s["new_stated"].items():
            if metric not in lq:
                continue
            target = np.log(s["new_mc"][lc][metric].value)
            for i, first in enumerate(names):
                for second in names[i + 1:]:
                    d1 = np.abs(np.log(s["art_mc"][first][metric].value) - target)
                    d2 = np.abs(np.log(s["art_mc"][second][metric].value) - target)
                    rows.append(dict(later_claimant=lc, metric=metric, first=first, second=second,
                                     p_first=float(np.mean(d1 < d2)), draws=draws))
    return pd.DataFrame(rows, columns=["later_claimant", "metric", "first", "second", "p_first", "draws"])


# ---------------------------------------------------------------------------------------------- all of it at once

@dataclass(frozen=True)
class Hindsight:
    """Everything "What later reports said" rests on, as data: the claims and the three tables."""

    combined: pd.DataFrame      # both ledgers as one (`combine`; source: article | later)
    article_claims: pd.DataFrame  # the article's claims the brief uses
    known: pd.DataFrame         # the later ledger's claims known by as_of
    hindsight: pd.DataFrame     # `hindsight`
    nearer: pd.DataFrame        # `nearer`
    timeline: pd.DataFrame      # `timeline`


def analyse(article_claims: pd.DataFrame, combined: pd.DataFrame, assumptions: Assumptions = Assumptions(),
            draws: int = BriefParams.draws, seed: int = BriefParams.seed, as_of: str | None = None) -> Hindsight:
    """`hindsight`, `nearer` and `timeline` of the article's claims (those the brief uses) against the combined
    ledgers known by `as_of`; both sides are drawn once for the two tables."""
    s = _sides(article_claims, combined, assumptions, draws, seed, as_of)
    known = selection.as_of_filter(combined[combined["source"] == "later"], as_of)
    return Hindsight(combined, article_claims, known, _hindsight(s, combined), _nearer(s, draws),
                     timeline(combined, as_of))
