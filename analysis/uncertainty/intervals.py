"""Intervals of non-negative quantities, carrying the stated point value alongside: sum, ratio, centre, overlap."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Interval:
    """A non-negative quantity known to lie in [low, high]; `point` is the figure stated or implied, if any.

    `open_low` / `open_high` mark an end the sources do not state: an "as high as X" claim has no low end (its
    interval runs from 0, the least a count can be), an "at least X" claim no high end (it runs to infinity).
    """

    low: float
    high: float
    point: float | None = None
    open_low: bool = False
    open_high: bool = False

    def __post_init__(self):
        if not (self.low <= self.high or math.isnan(self.low) or math.isnan(self.high)):
            raise ValueError(f"interval low {self.low} exceeds high {self.high}")

    def _point(self, other: "Interval", op):
        return None if self.point is None or other.point is None else op(self.point, other.point)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.high + other.high, self._point(other, lambda a, b: a + b))

    def __truediv__(self, other: "Interval") -> "Interval":
        return Interval(_div(self.low, other.high), _div(self.high, other.low), self._point(other, _div))

    @property
    def central(self) -> float:
        """The figure put forward where there is one, else the interval's midpoint."""
        return self.point if self.point is not None else (self.low + self.high) / 2

    def contains(self, values, rel: float = 1e-9) -> bool:
        """Whether every value lies within the interval (up to floating-point rounding of its finite ends: an open
        high end at infinity must not stretch the slack to infinity)."""
        v = np.asarray(values)
        slack = rel * max([1.0, *(x for x in (self.low, self.high) if math.isfinite(x))])  # ends are >= 0
        return bool(np.all((v >= self.low - slack) & (v <= self.high + slack)))

    def overlaps(self, other: "Interval") -> bool:
        """Whether the two intervals share any value."""
        return self.low <= other.high and other.low <= self.high


def _div(a: float, b: float) -> float:
    if b == 0:
        return math.inf if a > 0 else math.nan
    return a / b

