"""How well a model reproduces a pattern: median and 90 % band against the target, hit or miss.

Shared by ``dewak calibrate`` (the posterior's particles, weighted) and ``dewak patterns`` (the
runs of a sweep, equally weighted). A pattern is *hit* when the model's median lies inside the
target interval (the range, or value ± 2 sd); the 90 % band shows how far the model spreads.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from simulator.calibration.patterns import Pattern
from simulator.calibration.statistics import describe

#: Columns of a pattern table (``patterns.csv`` and ``summary.json``'s "patterns").
COLUMNS = [
    "pattern",
    "role",
    "scenarios",
    "statistic",
    "target",
    "target_low",
    "target_high",
    "unit",
    "model_median",
    "model_q05",
    "model_q95",
    "hit",
    "n",
    "source",
]


def weighted_quantiles(
    values: Sequence[float], weights: Sequence[float] | None, qs: Sequence[float]
) -> list[float]:
    """Quantiles of weighted values (pyabc's interpolation: mid-points of cumulative weights)."""
    values = np.asarray(values, dtype=float)
    weights = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    keep = np.isfinite(values) & (weights > 0)
    values, weights = values[keep], weights[keep]
    if len(values) == 0:
        return [float("nan")] * len(qs)
    order = np.argsort(values)
    values, weights = values[order], weights[order] / weights.sum()
    mids = np.cumsum(weights) - 0.5 * weights
    return [float(np.interp(q, mids, values)) for q in qs]


def fit_row(
    pattern: Pattern, values: Sequence[float], weights: Sequence[float] | None = None
) -> dict:
    """One row of a pattern table for the model values (runs or particles) of this pattern.

    ``hit`` is None when no value could be computed (``n`` = 0).
    """
    finite = [v for v in values if np.isfinite(v)]
    median, q05, q95 = weighted_quantiles(values, weights, (0.5, 0.05, 0.95))
    low, high = pattern.target.interval
    hit = bool(low <= median <= high) if finite else None
    return {
        "pattern": pattern.name,
        "role": pattern.role,
        "scenarios": ", ".join(pattern.scenarios) or "all",
        "statistic": describe(pattern.statistic),
        "target": pattern.target.describe(),
        "target_low": _finite(low),
        "target_high": _finite(high),
        "unit": pattern.target.unit,
        "model_median": median,
        "model_q05": q05,
        "model_q95": q95,
        "hit": hit,
        "n": len(finite),
        "source": pattern.source,
    }


def _finite(bound: float) -> float | None:
    """A target bound, or None for the open side of a one-sided target."""
    return float(bound) if np.isfinite(bound) else None


def verdict(row: dict) -> str:
    """``hit``, ``miss`` or ``n/a`` for printing."""
    return "n/a" if row["hit"] is None else "hit" if row["hit"] else "miss"
