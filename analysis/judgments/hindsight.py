"""What later reports said: the later ledger, every dated claim over time, and hindsight on the article's claims.

Pure functions over claims tables. The article's ledger (data/claims.csv) is one snapshot; the later ledger
(data/later-reports.csv) holds what claimants said afterwards, each row dated, its revisions linked by
`supersedes` (also into the article's ledger). Hindsight compares each of the article's figures with each later
claimant's latest estimate of the same quantity: by interval arithmetic on the figures as stated, and by seeded
Monte Carlo draws for the probabilities. A bound ("up to", "at least") stays a bound throughout: its interval
and its draws span the reading the brief states, never one end taken as a figure.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import itertools
import math
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.uncertainty import derive
from analysis.ledger import selection
from analysis.params import BriefParams
from analysis.uncertainty.distributions import STATED, Assumptions, claim_interval, rng_for, sample, stated_interval
from analysis.errors import LedgerError, Problem
from analysis.uncertainty.intervals import Interval
from analysis.uncertainty.montecarlo import breached
from analysis.ledger.validate import SCOPES_FILE, validate
from analysis.paths import display

TIMELINE_METRICS = ("deployed", "killed", "casualties")
HINDSIGHT_METRICS = ("deployed", "killed", "wounded", "casualties", "wounded_per_killed", "casualty_rate")


# ---------------------------------------------------------------------------------------------------- loading

def load(path: str | Path, article: pd.DataFrame) -> pd.DataFrame:
    """The later ledger, validated, its `supersedes` allowed to name a claim of the article's ledger.

    Interim until the ledger reads several files as one: the file is validated on its own with its cross-file
    `supersedes` set aside, then each of those is checked here (the claim exists, same claimant and metric) and
    an id used in both files is refused. Every problem names this file and its line.
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
        scopes = path.parent / SCOPES_FILE  # the phrases the file's scopes are checked against go with it
        if scopes.is_file():
            shutil.copyfile(scopes, Path(tmp) / SCOPES_FILE)
        try:
            later = validate(copy)
        except LedgerError as e:
            names = {path.name: name, SCOPES_FILE: display(path.parent / SCOPES_FILE)}  # the copies' names: ours
            raise LedgerError([Problem(names.get(Path(p.path).name, p.path), p.line, p.column, p.message)
                               for p in e.problems]) from None
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

    Where a claimant states killed and wounded on the same date and scope but no casualties, their sum is added as
    an implied casualties point (status 'implied'), so the casualties panel can follow claimants who split them.
    Columns: claim_id, claimant, metric, unit, bound, source, status, date, scope, x (Timestamp or None), low,
    point, high, supersedes.
    """
    claims = combined if not claimants else combined[combined["claimant"].isin(claimants)]
    claims = selection.as_of_filter(claims, as_of)
    dates = selection.dated(claims)
    scopes = _scope_col(claims)
    rows = []
    for i, r in claims.iterrows():
        if r["metric"] not in metrics:
            continue
        iv = stated_interval(r)
        rows.append(dict(claim_id=r["claim_id"], claimant=r["claimant"], metric=r["metric"], unit=r["unit"],
                         bound=r["bound"], source=r["source"], status="stated", date=dates[i], scope=scopes[i],
                         low=iv.low, point=iv.point, high=iv.high, supersedes=r["supersedes"], y=_level(iv)))
    if "casualties" in metrics:
        rows += _implied_casualties(claims, dates, scopes)
    out = pd.DataFrame(rows, columns=["claim_id", "claimant", "metric", "unit", "bound", "source", "status", "date",
                                      "scope", "low", "point", "high", "supersedes", "y"])
    out["x"] = [_plot_date(d) for d in out["date"]]
    order = {m: k for k, m in enumerate(metrics)}
    out = out.assign(_m=out["metric"].map(order), _d=out["date"].map(selection._start))
    return out.sort_values(["_m", "claimant", "_d"], kind="stable").drop(columns=["_m", "_d"]).reset_index(drop=True)


def _implied_casualties(claims: pd.DataFrame, dates: pd.Series, scopes: pd.Series) -> list[dict]:
    rows = []
    keyed = claims.assign(_date=dates, _scope=scopes)
    for (claimant, date, scope), group in keyed.groupby(["claimant", "_date", "_scope"], sort=False):
        by_metric = {r["metric"]: r for _, r in group.iterrows()}
        if "casualties" in by_metric or not {"killed", "wounded"} <= set(by_metric):
            continue
        k, w = by_metric["killed"], by_metric["wounded"]
        iv = stated_interval(k) + stated_interval(w)
        iv = type(iv)(iv.low, iv.high, iv.point, open_low=stated_interval(k).open_low or stated_interval(w).open_low,
                      open_high=stated_interval(k).open_high or stated_interval(w).open_high)
        source = "article" if "article" in (k["source"], w["source"]) else "later"
        rows.append(dict(claim_id=f"{k['claim_id']} + {w['claim_id']}", claimant=claimant, metric="casualties",
                         unit="persons", bound="implied", source=source, status="implied", date=date, scope=scope,
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

SAME_TIME_DAYS = 14  # a claim dated up to this many days after the article's latest is "at the same time"
GROUPS = ("same_time", "later")
OPEN = ("up_to", "at_least")


def latest_later(combined: pd.DataFrame, as_of: str | None = None) -> pd.DataFrame:
    """Each claimant's latest claim per metric known by `as_of`, kept only where that claim is a later report."""
    latest = selection.latest(selection.as_of_filter(combined, as_of))
    return latest[latest["source"] == "later"].reset_index(drop=True)


def last_day(value: str) -> dt.date:
    """The last calendar day a YYYY[-MM[-DD]] date can mean: '2025-02' -> 28 February 2025."""
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 12, 31)


def same_time_until(article_claims: pd.DataFrame, days: int = SAME_TIME_DAYS) -> str:
    """The last day of "at the same time" as the article: `days` after its latest dated claim (YYYY-MM-DD), or ''
    when the article dates none of its claims (then every claim of the later ledger counts as later)."""
    dates = [d for d in selection.dated(article_claims) if d]
    if not dates:
        return ""
    return (max(last_day(d) for d in dates) + dt.timedelta(days=days)).isoformat()


def group_of(date: str, until: str) -> str:
    """'same_time' for a claim that may be dated on or before `until` (its earliest possible day is), else 'later'
    (an undated claim of the later ledger is later: the ledger holds reports published after the article)."""
    return "same_time" if until and date and selection._start(date) <= until else "later"


def _scope_col(claims: pd.DataFrame) -> pd.Series:
    return claims["scope"] if "scope" in claims.columns else pd.Series("", index=claims.index, dtype="str")


def _scope_of(claims: pd.DataFrame, ids: tuple[str, ...]) -> str:
    """The scope a figure counts: its claims' one scope, or theirs joined with ' + ' where they differ (a mixed
    figure is like for like with nothing)."""
    rows = claims[claims["claim_id"].isin(ids)]
    return " + ".join(dict.fromkeys(_scope_col(rows)))


def _date_of(claims: pd.DataFrame, ids: tuple[str, ...]) -> str:
    """The latest date among the claims a figure rests on; blank when none is dated."""
    dates = [d for d in selection.dated(claims[claims["claim_id"].isin(ids)]) if d]
    return max(dates, key=selection._start) if dates else ""


def _draws(claims: pd.DataFrame, a: Assumptions, draws: int, seed: int) -> dict[str, dict[str, derive.Quantity]]:
    """Monte Carlo draws per claimant and quantity; each claim's draws keyed by its id, so pairings never shift them."""
    def make(row, _claimant):
        iv = claim_interval(row, a)
        return sample(iv, row["bound"], row["unit"], draws, rng_for(seed, "later", row["claim_id"]), a.distribution)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {c: _without_breaches(derive.derive(derive.base_quantities(claims, c, make)))
                for c in derive.claimant_order(claims)}


def _without_breaches(quantities: dict[str, derive.Quantity]) -> dict[str, derive.Quantity]:
    """A claimant's draws with each draw that breaks an identity of its own figures (more casualties than troops,
    fewer than killed: analysis.uncertainty.montecarlo.breached) set to NaN in every quantity, as the brief's own
    bands drop it; NaN, not removed, so that draw k of one claimant still meets draw k of another."""
    bad = breached(quantities)
    if not bad.any():
        return quantities
    return {name: replace(q, value=np.where(bad, np.nan, np.asarray(q.value, dtype=float)))
            for name, q in quantities.items()}


@dataclass(frozen=True)
class Snapshot:
    """One claimant's figures of one date and one scope (from the article: the figures the brief uses)."""

    claimant: str
    date: str
    scope: str
    group: str                 # article | same_time | later
    claims: pd.DataFrame       # one claim per metric
    stated: dict               # quantity -> Quantity (Interval as stated)
    read: dict                 # quantity -> Quantity (Interval with the brief's tolerance on "about")
    mc: dict                   # quantity -> Quantity (draws)

    def date_of(self, quantity: str) -> str:
        return _date_of(self.claims, self.stated[quantity].claim_ids) if self.group == "article" else self.date

    def scope_of(self, quantity: str) -> str:
        return _scope_of(self.claims, self.stated[quantity].claim_ids) if self.group == "article" else self.scope


def _figures(claims: pd.DataFrame, claimant: str, a: Assumptions, draws: int, seed: int) -> tuple[dict, dict, dict]:
    own = claims[claims["claimant"] == claimant]
    return (derive.stated_figures(own)[claimant], derive.allowed_figures(own, a)[claimant],
            _draws(own, a, draws, seed)[claimant])


def snapshots(article_claims: pd.DataFrame, combined: pd.DataFrame, a: Assumptions = Assumptions(),
              draws: int = BriefParams.draws, seed: int = BriefParams.seed, as_of: str | None = None) -> list[Snapshot]:
    """The article's figures (one snapshot per claimant: the claims the brief uses), then every later report's: one
    per claimant, date and scope, each a claimant's own figures of that date (stated, and implied from each other:
    NIS's 600 killed and 4,100 wounded of 30 April imply 6.8 wounded per killed), in date order. A correction of the
    same date replaces the claim it supersedes; a figure never mixes dates or scopes of the later ledger."""
    until = same_time_until(article_claims)
    out = []
    for c in derive.claimant_order(article_claims):
        own = article_claims[article_claims["claimant"] == c]
        out.append(Snapshot(c, _date_of(own, tuple(own["claim_id"])), _scope_of(own, tuple(own["claim_id"])),
                            "article", own, *_figures(own, c, a, draws, seed)))
    known = selection.as_of_filter(combined[combined["source"] == "later"], as_of)
    keyed = known.assign(_date=selection.dated(known), _scope=_scope_col(known), _row=range(len(known)))
    keyed = keyed.assign(_key=keyed["_date"].map(selection._start)).sort_values(["_key", "_row"], kind="stable")
    for (c, date, scope), group in keyed.groupby(["claimant", "_date", "_scope"], sort=False):
        own = selection.latest(group.drop(columns=["_date", "_scope", "_row", "_key"]))
        out.append(Snapshot(c, date, scope, group_of(date, until), own, *_figures(own, c, a, draws, seed)))
    return out


def _verdict(ratio: Interval, ratio_read: Interval) -> str:
    """Arithmetic, never a probability: 'the same' (equal as stated), 'lower' or 'higher' (the whole ratio, with the
    brief's tolerance on "about", below or above 1), 'consistent' (it spans 1), 'undefined' (a ratio over 0)."""
    if any(math.isnan(x) for x in (ratio.low, ratio.high, ratio_read.low, ratio_read.high)):
        return "undefined"
    if ratio.low == ratio.high == 1 and not (ratio.open_low or ratio.open_high):
        return "the same"
    if ratio_read.high < 1:
        return "lower"
    if ratio_read.low > 1:
        return "higher"
    return "consistent"


def _ratio(a: Interval, b: Interval) -> Interval:
    r = a / b
    return Interval(r.low, r.high, r.point, open_low=a.open_low or b.open_high, open_high=a.open_high or b.open_low)


def _open_side(a: derive.Quantity, b: derive.Quantity) -> str:
    """Which way an open bound pushes the ratio article ÷ later: 'at_most', 'at_least', 'both' or ''.

    An "up to" article figure or an "at least" later one caps the ratio from above; the reverse from below.
    """
    up = "up_to" in a.open_bounds or "at_least" in b.open_bounds
    down = "at_least" in a.open_bounds or "up_to" in b.open_bounds
    return "both" if up and down else "at_most" if up else "at_least" if down else ""


def _days(anchor: str, date: str) -> float:
    """Days between two claim dates (a month or year at its middle); from the start of time when `anchor` is blank
    (then the earliest figure is the nearest)."""
    if not anchor:
        return float(pd.Timestamp(selection._start(date)).toordinal()) if date else math.inf
    x, y = _plot_date(anchor), _plot_date(date)
    return math.inf if y is None else abs((y - x).days)


def comparisons(snaps: list[Snapshot], echo: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each of the article's figures against each other claimant's figures of the same quantity, at the same time
    and later: like for like (the same scope) the figure nearest the article's in date and the latest (one row when
    they are one figure); where a claimant gives the quantity only for another scope, its latest, marked unlike.

    Columns: metric, article_claimant, article_status, article_ids, article_date, article_scope, article (Interval as
    stated), later_claimant, later_status, later_ids, later_date, later_scope, later (Interval), group (same_time |
    later), like (same scope), pick ('nearest in date', 'latest', 'nearest in date and latest', 'other scope'),
    ratio (Interval: article ÷ other, as stated), ratio_read (with the brief's tolerances), p5/p50/p95 (draws of the
    ratio), p_below (share of draws where the article's is lower: a number for results.json, never a word),
    open_bound, verdict (see _verdict), echo (the claim ids of the pair one of which may echo the other, or '').
    """
    article = [s for s in snaps if s.group == "article"]
    others = [s for s in snaps if s.group != "article"]
    pairs = set() if echo is None else {frozenset(p) for p in zip(echo["claim_id"], echo["echoes"])}
    anchor_all = max((s.date for s in article if s.date), key=selection._start, default="")
    rows = []
    for metric in HINDSIGHT_METRICS:
        for art in article:
            if metric not in art.stated:
                continue
            a, a_date, a_scope = art.stated[metric], art.date_of(metric), art.scope_of(metric)
            anchor = a_date or anchor_all
            found: dict[tuple[str, str], list[Snapshot]] = {}
            for s in others:
                if metric in s.stated:
                    found.setdefault((s.group, s.claimant), []).append(s)
            for group in GROUPS:
                for (g, claimant), ss in found.items():
                    if g != group:
                        continue
                    like = [s for s in ss if s.scope == a_scope]
                    if like:
                        nearest = min(like, key=lambda s: _days(anchor, s.date))  # ties: the earlier
                        latest = like[-1]
                        picks = ([(nearest, "nearest in date and latest")] if nearest is latest
                                 else [(nearest, "nearest in date"), (latest, "latest")])
                    else:
                        picks = [(ss[-1], "other scope")]
                    for s, pick in picks:
                        rows.append(_comparison(metric, art, a, a_date, a_scope, s, pick, pairs))
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS).astype({"like": bool})


COMPARISON_COLUMNS = ["metric", "article_claimant", "article_status", "article_ids", "article_date", "article_scope",
                      "article", "later_claimant", "later_status", "later_ids", "later_date", "later_scope", "later",
                      "group", "like", "pick", "ratio", "ratio_read", "p5", "p50", "p95", "p_below", "draws_kept",
                      "open_bound", "verdict", "echo"]


def _comparison(metric: str, art: Snapshot, a: derive.Quantity, a_date: str, a_scope: str, s: Snapshot, pick: str,
                pairs: set) -> dict:
    b = s.stated[metric]
    x, y = art.mc[metric].value, s.mc[metric].value
    with np.errstate(divide="ignore", invalid="ignore"):
        mc = x / y
    kept = ~(np.isnan(x) | np.isnan(y))  # a draw either claimant's identities drop is in no ratio
    finite = mc[np.isfinite(mc)]
    p5, p50, p95 = np.percentile(finite, [5, 50, 95]) if finite.size else (math.nan,) * 3
    ratio = _ratio(a.value, b.value)
    ratio_read = _ratio(art.read[metric].value, s.read[metric].value)
    echo = next((tuple(sorted(p)) for p in pairs if len(p) == 2 and p & set(a.claim_ids) and p & set(b.claim_ids)),
                ())
    return dict(metric=metric, article_claimant=art.claimant, article_status=a.status, article_ids=a.claim_ids,
                article_date=a_date, article_scope=a_scope, article=a.value, later_claimant=s.claimant,
                later_status=b.status, later_ids=b.claim_ids, later_date=s.date, later_scope=s.scope, later=b.value,
                group=s.group, like=s.scope == a_scope, pick=pick, ratio=ratio, ratio_read=ratio_read,
                p5=float(p5), p50=float(p50), p95=float(p95), p_below=float(np.mean(x[kept] < y[kept])) if kept.any() else math.nan,
                draws_kept=int(kept.sum()),
                open_bound=_open_side(a, b), verdict=_verdict(ratio, ratio_read), echo=echo)


def _distance(r: Interval) -> tuple[float, float]:
    """How far a ratio lies from 1 on a log scale (half and double are equally far), as (least, greatest)."""
    ends = [abs(math.log(x)) if x > 0 else math.inf for x in (r.low, r.high)]
    return (0.0 if r.low <= 1 <= r.high else min(ends)), max(ends)


def nearer(table: pd.DataFrame) -> pd.DataFrame:
    """Where two of the article's claimants give a quantity another claimant's figure (like for like) tests: whose
    lies nearer it, by arithmetic on the ratios as stated (nearer: its greatest distance from 1 is below the other's
    least). Columns: later_ids, metric, nearer, farther."""
    rows = []
    like = table[table["like"]]
    for (ids, metric), g in like.groupby(["later_ids", "metric"], sort=False):
        if len(g) < 2:
            continue
        d = {r["article_claimant"]: _distance(r["ratio"]) for _, r in g.iterrows()}
        for first, second in itertools.combinations(d, 2):
            if d[first][1] < d[second][0]:
                rows.append(dict(later_ids=ids, metric=metric, nearer=first, farther=second))
            elif d[second][1] < d[first][0]:
                rows.append(dict(later_ids=ids, metric=metric, nearer=second, farther=first))
    return pd.DataFrame(rows, columns=["later_ids", "metric", "nearer", "farther"])


def _figure_key(row) -> tuple:
    """The numbers a claim gives, whatever its bound: 'about 4,000' and 'more than 4,000' are the same figure."""
    return tuple(float(row[c]) for c in ("low", "best", "high") if not math.isnan(row[c]))


def echoes(combined: pd.DataFrame, as_of: str | None = None) -> pd.DataFrame:
    """Possible echoes, over every quantity: a claim whose figure another claimant gave earlier (or at about the same
    date: their dates overlap), and a claim whose `lineage` names another's. Undated claims cannot be ordered: only
    their lineage counts. Columns: claim_id, claimant, echoes (the other claim's id), echoes_claimant, kind
    ('earlier' | 'same time' | 'lineage'), in ledger order."""
    known = selection.as_of_filter(combined, as_of)
    dates = selection.dated(known)
    rows = []
    lineage = dict(zip(known["claim_id"], known["lineage"])) if "lineage" in known.columns else {}
    by_id = dict(zip(known["claim_id"], known["claimant"]))
    records = [(i, r, d) for i, ((_, r), d) in enumerate(zip(known.iterrows(), dates))]
    keyed = [(i, r, d, (r["metric"], _figure_key(r))) for i, r, d in records]
    for i, r, d, key in keyed:
        if lineage.get(r["claim_id"]) and lineage[r["claim_id"]] in by_id:
            target = lineage[r["claim_id"]]
            rows.append(dict(claim_id=r["claim_id"], claimant=r["claimant"], echoes=target,
                             echoes_claimant=by_id[target], kind="lineage"))
        if not d:
            continue
        for j, o, od, okey in keyed:
            if (j == i or not od or okey != key or o["claimant"] == r["claimant"]
                    or (selection._start(od), j) >= (selection._start(d), i)
                    or lineage.get(r["claim_id"]) == o["claim_id"] or lineage.get(o["claim_id"]) == r["claim_id"]):
                continue
            kind = "earlier" if last_day(od) < dt.date.fromisoformat(selection._start(d)) else "same time"
            rows.append(dict(claim_id=r["claim_id"], claimant=r["claimant"], echoes=o["claim_id"],
                             echoes_claimant=o["claimant"], kind=kind))
    return pd.DataFrame(rows, columns=["claim_id", "claimant", "echoes", "echoes_claimant", "kind"])


def _step(prev: Interval, cur: Interval, prev_bound: str, cur_bound: str) -> tuple[Interval, str, str]:
    """A revision from `prev` to `cur`: (ratio, what is compared, direction). Two floors ("at least") or two
    ceilings ("up to") compare their stated ends ('floor', 'ceiling'); otherwise the figures by interval arithmetic
    ('figure'). Direction: higher, lower, unchanged, or consistent (the ratio spans 1)."""
    if prev_bound == cur_bound and prev_bound in OPEN:
        end = (lambda v: v.low) if prev_bound == "at_least" else (lambda v: v.high)
        ratio = Interval(end(cur) / end(prev), end(cur) / end(prev), end(cur) / end(prev)) if end(prev) else \
            Interval(math.nan, math.nan)
        what = "floor" if prev_bound == "at_least" else "ceiling"
    else:
        ratio, what = _ratio(cur, prev), "figure"
    if any(math.isnan(x) for x in (ratio.low, ratio.high)):
        return ratio, what, "undefined"
    if ratio.low == ratio.high == 1:
        return ratio, what, "unchanged"
    return ratio, what, "higher" if ratio.low > 1 else "lower" if ratio.high < 1 else "consistent"


def _bound_of(s: Snapshot, q: derive.Quantity) -> str:
    """A stated figure's bound; an implied one's: the open bound it rests on, if one."""
    if q.status == "stated":
        return str(s.claims.loc[s.claims["claim_id"] == q.claim_ids[0], "bound"].iloc[0])
    return next(iter(sorted(q.open_bounds)), "implied") if len(q.open_bounds) == 1 else "implied"


def revisions(snaps: list[Snapshot]) -> pd.DataFrame:
    """Each claimant's own figures of a quantity over time, in date order (the article's first), where it gave the
    quantity more than once and at least once after the article: each step's ratio to the one before, what is
    compared and the direction. Columns: claimant, metric, step (0 for the first figure), group, ids, status,
    date, scope, value (Interval as stated), bound, ratio (Interval, this ÷ previous; None at step 0), compared,
    direction, scope_changed."""
    rows = []
    claimants = list(dict.fromkeys(s.claimant for s in snaps))
    for metric in HINDSIGHT_METRICS:
        for c in claimants:
            seq = [s for s in snaps if s.claimant == c and metric in s.stated]
            if len(seq) < 2 or all(s.group == "article" for s in seq):
                continue
            prev = None
            for k, s in enumerate(seq):
                q = s.stated[metric]
                bound, scope = _bound_of(s, q), s.scope_of(metric)
                ratio = compared = direction = None
                if prev is not None:
                    ratio, compared, direction = _step(prev[0].value, q.value, prev[1], bound)
                rows.append(dict(claimant=c, metric=metric, step=k, group=s.group, ids=q.claim_ids, status=q.status,
                                 date=s.date_of(metric), scope=scope, value=q.value, bound=bound, ratio=ratio,
                                 compared=compared, direction=direction,
                                 scope_changed=prev is not None and scope != prev[2]))
                prev = (q, bound, scope)
    return pd.DataFrame(rows, columns=["claimant", "metric", "step", "group", "ids", "status", "date", "scope",
                                       "value", "bound", "ratio", "compared", "direction", "scope_changed"]
                        ).astype({"scope_changed": bool})


@dataclass
class Hindsight:
    """Everything "What later reports said" rests on, as data: the claims, the snapshots and the three tables."""

    combined: pd.DataFrame      # both ledgers (source: article | later)
    article_claims: pd.DataFrame
    known: pd.DataFrame         # the later ledger's claims known by as_of
    until: str                  # the last day "at the same time" as the article ('' when it is undated)
    snapshots: list
    comparisons: pd.DataFrame
    nearer: pd.DataFrame
    revisions: pd.DataFrame
    echoes: pd.DataFrame
    timeline: pd.DataFrame


def analyse(article_claims: pd.DataFrame, combined: pd.DataFrame, a: Assumptions = Assumptions(),
            draws: int = BriefParams.draws, seed: int = BriefParams.seed, as_of: str | None = None) -> Hindsight:
    """Hindsight on the article's claims (the ones the brief uses) from the combined ledgers, known by `as_of`."""
    snaps = snapshots(article_claims, combined, a, draws, seed, as_of)
    echo = echoes(combined, as_of)
    table = comparisons(snaps, echo)
    known = selection.as_of_filter(combined[combined["source"] == "later"], as_of)
    return Hindsight(combined, article_claims, known, same_time_until(article_claims), snaps, table, nearer(table),
                     revisions(snaps), echo, timeline(combined, as_of))
