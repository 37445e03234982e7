"""Which claims the analysis uses: the chosen claimants, as of a date, latest claim per claimant and metric."""

from __future__ import annotations

import pandas as pd

from analysis.errors import SelectionError


def _complete(value: str, month: str, day: str) -> str:
    """A partial ISO date filled out with the given month and day: ('2025-02', '12', '31') -> '2025-02-31'."""
    parts = value.split("-") if value else []
    return "-".join(parts + [month, day][len(parts) - 1:]) if len(parts) in (1, 2) else value


def _start(value: str) -> str:
    """A partial ISO date as the first day it can mean: '2025' -> '2025-01-01'."""
    return _complete(value, "01", "01")


def _end(value: str) -> str:
    """A partial ISO date as the last day it can mean: '2025-02' -> '2025-02-31' (a sort key, not a calendar date)."""
    return _complete(value, "12", "31")


def dated(claims: pd.DataFrame) -> pd.Series:
    """Each claim's date: its as_of, else its published date, else blank."""
    return claims["as_of"].where(claims["as_of"] != "", claims["published"])


def as_of_filter(claims: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """Claims dated on or before `as_of` (YYYY[-MM[-DD]]); undated claims are kept, and the brief says so."""
    if not as_of:
        return claims
    start = dated(claims).map(_start)
    return claims[start <= _end(as_of)]  # an undated claim's "" sorts before every date: kept


def latest(claims: pd.DataFrame) -> pd.DataFrame:
    """One claim per claimant and metric: superseded claims dropped, then the latest date (ties: the later row)."""
    superseded = set(claims["supersedes"]) if "supersedes" in claims.columns else set()  # a blank names no claim
    live = claims[~claims["claim_id"].isin(superseded)]
    order = live.assign(_key=dated(live).map(_start), _row=range(len(live))).sort_values(["_key", "_row"])
    keep = order.groupby(["claimant", "metric"]).tail(1).sort_values("_row")
    return keep.drop(columns=["_key", "_row"]).reset_index(drop=True)


def select(claims: pd.DataFrame, claimants: list[str] | None = None, as_of: str | None = None) -> pd.DataFrame:
    """The claims a brief uses: chosen claimants (all if none named), known by as_of, latest per claimant and metric."""
    if claimants:
        unknown = [c for c in claimants if c not in set(claims["claimant"])]
        if unknown:
            raise SelectionError(f"claimant(s) not in the ledger: {', '.join(unknown)}; "
                             f"the ledger has {', '.join(dict.fromkeys(claims['claimant']))}")
        claims = claims[claims["claimant"].isin(claimants)]
    chosen = latest(as_of_filter(claims, as_of))
    if chosen.empty:
        raise SelectionError(f"no claims known by {as_of}" if as_of else "no claims selected")
    return chosen
