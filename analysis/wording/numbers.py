"""How numbers read in the brief: thousands separators for persons, one decimal for percents and ratios."""

from __future__ import annotations

import math


def number(value: float, unit: str) -> str:
    """A figure as the brief prints it: 2,700 persons, 27.3%, 9.0 (ratio)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞"
    if unit == "persons":
        return f"{value:,.0f}"
    if unit == "percent":
        return f"{value:.1f}%"
    return f"{value:.1f}"


def interval(low: float, high: float, unit: str) -> str:
    """Two ends as they print, joined; a single value when both agree at the printed precision. No bound words: a
    figure that may be a bound is worded by analysis.wording.sentences.bounded."""
    a, b = number(low, unit), number(high, unit)
    if a == b:
        return a
    if unit == "percent":
        return f"{a[:-1]}–{b}"
    return f"{a}–{b}"


def figure(low: float, point: float | None, high: float, unit: str) -> str:
    """A figure: its point where one exists, with its interval when that is wider (bounds are worded by
    analysis.wording.sentences.bounded, never here: a bound has no point)."""
    span = interval(low, high, unit)
    if point is None or (isinstance(point, float) and math.isnan(point)):
        return span
    p = number(point, unit)
    if p == span:
        return p
    return f"{p} (range {span})"



def reading(v, unit: str) -> str:
    """Our reading of a figure (an Interval with the tolerance on "about" applied) as the brief prints it after
    "read as": '270–330', 'at most 50%', 'at least 14.9%'; a bound keeps its open end open."""
    if v.open_low and v.open_high:
        return "not bounded by the claims"
    if v.open_low:
        return f"at most {number(v.high, unit)}"
    if v.open_high:
        return f"at least {number(v.low, unit)}"
    return interval(v.low, v.high, unit)
