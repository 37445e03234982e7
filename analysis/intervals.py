"""Interval arithmetic over non-negative quantities, carrying the stated point value alongside."""

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

    @staticmethod
    def of(x) -> "Interval":
        """A number as a degenerate interval; an Interval unchanged."""
        return x if isinstance(x, Interval) else Interval(float(x), float(x), float(x))

    def _point(self, other: "Interval", op):
        return None if self.point is None or other.point is None else op(self.point, other.point)

    def __add__(self, other):
        o = Interval.of(other)
        return Interval(self.low + o.low, self.high + o.high, self._point(o, lambda a, b: a + b))

    __radd__ = __add__

    def __sub__(self, other):
        o = Interval.of(other)
        return Interval(self.low - o.high, self.high - o.low, self._point(o, lambda a, b: a - b))

    def __mul__(self, other):
        o = Interval.of(other)
        return Interval(self.low * o.low, self.high * o.high, self._point(o, lambda a, b: a * b))

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = Interval.of(other)
        return Interval(_div(self.low, o.high), _div(self.high, o.low), self._point(o, _div))

    def __rtruediv__(self, other):
        return Interval.of(other) / self

    @property
    def central(self) -> float:
        """The figure put forward where there is one, else the interval's midpoint."""
        return self.point if self.point is not None else (self.low + self.high) / 2

    def clip0(self) -> "Interval":
        """The interval with negative values cut to zero (a count cannot be negative)."""
        p = None if self.point is None else max(self.point, 0.0)
        return Interval(max(self.low, 0.0), max(self.high, 0.0), p)

    def contains(self, values, rel: float = 1e-9) -> bool:
        """Whether every value lies within the interval (up to floating-point rounding)."""
        v = np.asarray(values)
        slack = rel * max(abs(self.low), abs(self.high), 1.0)
        return bool(np.all((v >= self.low - slack) & (v <= self.high + slack)))

    def overlaps(self, other: "Interval") -> bool:
        """Whether the two intervals share any value."""
        return self.low <= other.high and other.low <= self.high


def _div(a: float, b: float) -> float:
    if b == 0:
        return math.inf if a > 0 else math.nan
    return a / b


def clip0(x):
    """Cut negative values to zero, for an Interval or an array of samples."""
    return x.clip0() if isinstance(x, Interval) else np.maximum(x, 0.0)
