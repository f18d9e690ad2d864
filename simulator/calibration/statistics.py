"""The statistic vocabulary of patterns: evaluate a statistic on one run's summary and annual table.

Three shapes (:mod:`simulator.calibration.patterns`):

* ``{outcome: NAME}`` — the run's outcome ``NAME`` (a key of its summary);
* ``{annual: COLUMNS, aggregate: AGG, years: [first, last]}`` — the annual column (or a sum and
  difference of columns, ``moved_in - moved_out``) over the calendar years first..last, reduced
  by ``AGG``: ``mean``, ``sum``, ``first``, ``last``, ``min``, ``max``, ``change`` (last − first),
  ``relative_change`` (last / first − 1), ``growth_rate`` (mean yearly rate,
  (last / first)^(1 / (years − 1)) − 1), ``share_of_years`` (share of years with a non-zero or
  true value), ``year_of_max`` or ``year_of_min`` (the calendar year of the largest or smallest
  value; the first such year on a tie);
* ``{ratio: [A, B]}`` — A / B for two statistics of the first two shapes.

Any numeric or true/false column of the annual table can be read: the vocabulary names columns,
it does not list them, so a pattern on a column a new mechanism adds is data only. A statistic
that cannot be computed for a run (a year of the window missing, a zero denominator, a failed
run, a text column) is NaN; :func:`check_available` catches names and years that can never exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from simulator.calibration.patterns import (
    AnnualStatistic,
    CalibrationError,
    OutcomeStatistic,
    Pattern,
    RatioStatistic,
)


def operands(statistic) -> list[OutcomeStatistic | AnnualStatistic]:
    """The outcome and annual statistics a statistic is made of."""
    return list(statistic.ratio) if isinstance(statistic, RatioStatistic) else [statistic]


def outcomes_used(statistic) -> set[str]:
    """Names of the outcomes the statistic reads."""
    return {op.outcome for op in operands(statistic) if isinstance(op, OutcomeStatistic)}


def columns_used(statistic) -> set[str]:
    """Names of the annual columns the statistic reads."""
    return {
        name
        for op in operands(statistic)
        if isinstance(op, AnnualStatistic)
        for _, name in op.terms
    }


def last_year_used(statistic) -> int | None:
    """The latest calendar year an annual part of the statistic needs (None: outcomes only)."""
    years = [op.years[1] for op in operands(statistic) if isinstance(op, AnnualStatistic)]
    return max(years) if years else None


def first_year_used(statistic) -> int | None:
    """The earliest calendar year an annual part of the statistic needs."""
    years = [op.years[0] for op in operands(statistic) if isinstance(op, AnnualStatistic)]
    return min(years) if years else None


def describe(statistic) -> str:
    """A short text such as ``mean of volunteers 2028-2032``."""
    if isinstance(statistic, RatioStatistic):
        return " / ".join(f"({describe(op)})" for op in statistic.ratio)
    if isinstance(statistic, OutcomeStatistic):
        return f"outcome {statistic.outcome}"
    first, last = statistic.years
    return f"{statistic.aggregate} of {statistic.annual} {first}-{last}"


def evaluate(statistic, summary: Mapping, annual: pd.DataFrame | None) -> float:
    """The statistic's value for one run (NaN if it cannot be computed).

    Args:
        statistic: An outcome, annual or ratio statistic.
        summary: The run's outcomes by name.
        annual: The run's annual table (one row per year).
    """
    if isinstance(statistic, RatioStatistic):
        top, bottom = (evaluate(op, summary, annual) for op in statistic.ratio)
        return float(top / bottom) if bottom != 0 and np.isfinite(bottom) else np.nan
    if isinstance(statistic, OutcomeStatistic):
        return _number(summary.get(statistic.outcome))
    return _annual(statistic, annual)


def evaluate_runs(statistic, runs: pd.DataFrame, tables: Mapping[Any, pd.DataFrame]) -> pd.Series:
    """The statistic for many runs (NaN where it cannot be computed).

    Args:
        statistic: An outcome, annual or ratio statistic.
        runs: One row per run, indexed by run id, with the outcomes as columns.
        tables: Each run's annual table by run id (missing: no table).

    Returns:
        One value per run, indexed like ``runs``.
    """
    values = [
        evaluate(statistic, row, tables.get(run_id))
        for run_id, row in zip(runs.index, runs.to_dict("records"), strict=True)
    ]
    return pd.Series(values, index=runs.index, dtype=float)


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def _annual(statistic: AnnualStatistic, annual: pd.DataFrame | None) -> float:
    """Aggregate the window of the run's annual series; NaN if a year or a column is missing."""
    first, last = statistic.years
    names = [name for _, name in statistic.terms]
    if annual is None or any(c not in annual for c in ["year", *names]):
        return np.nan
    years = annual["year"].to_numpy()
    inside = (years >= first) & (years <= last)
    chosen = years[inside]
    if len(chosen) != last - first + 1 or len(np.unique(chosen)) != len(chosen):
        return np.nan
    order = np.argsort(chosen)
    series = sum(sign * _column(annual, name, inside) for sign, name in statistic.terms)
    return aggregate(np.asarray(series)[order], statistic.aggregate, chosen[order])


def _column(annual: pd.DataFrame, name: str, rows: np.ndarray) -> np.ndarray:
    """The column's values in the chosen rows as floats (text becomes NaN)."""
    return pd.to_numeric(annual[name].to_numpy()[rows], errors="coerce").astype(float)


def aggregate(values: np.ndarray, how: str, years: np.ndarray | None = None) -> float:
    """Reduce a year-by-year series (oldest first) to one number.

    Args:
        values: The series, oldest year first.
        how: One of the aggregates (:data:`~simulator.calibration.patterns.AGGREGATES`).
        years: The calendar years of the values (``year_of_max``, ``year_of_min``; default
            0, 1, 2, ...).
    """
    if len(values) == 0 or np.isnan(values).any():
        return np.nan
    years = np.arange(len(values)) if years is None else np.asarray(years)
    first, last = values[0], values[-1]
    reducers = {
        "mean": lambda: values.mean(),
        "sum": lambda: values.sum(),
        "first": lambda: first,
        "last": lambda: last,
        "min": lambda: values.min(),
        "max": lambda: values.max(),
        "change": lambda: last - first,
        "relative_change": lambda: last / first - 1.0 if first != 0 else np.nan,
        "growth_rate": lambda: _growth_rate(first, last, len(values)),
        "share_of_years": lambda: float(np.count_nonzero(values)) / len(values),
        "year_of_max": lambda: years[int(np.argmax(values))],
        "year_of_min": lambda: years[int(np.argmin(values))],
    }
    return float(reducers[how]())


def _growth_rate(first: float, last: float, n_years: int) -> float:
    """Mean yearly growth from the first to the last year (NaN if undefined)."""
    if n_years < 2 or first <= 0 or last < 0:
        return np.nan
    return (last / first) ** (1.0 / (n_years - 1)) - 1.0


def check_available(
    patterns: Iterable[tuple[str, Pattern]],
    outcomes: set[str],
    columns: set[str],
    years: tuple[int, int],
    file: str,
    where: str,
) -> None:
    """Raise CalibrationError unless each pattern's outcomes, columns and years exist in a run.

    Args:
        patterns: ``(field path in the calibration file, pattern)`` pairs.
        outcomes: The outcome names a run of this scenario has.
        columns: The annual columns a run of this scenario has.
        years: First and last calendar year the run covers.
        file: The calibration file (for the message).
        where: Which scenario was checked, e.g. ``herten_integration_centre``.
    """
    for field, pattern in patterns:
        statistic = pattern.statistic
        if missing := sorted(outcomes_used(statistic) - outcomes):
            raise CalibrationError(
                file, field, f"pattern {pattern.name!r}: no outcome {missing[0]!r} in {where}"
            )
        if missing := sorted(columns_used(statistic) - columns):
            raise CalibrationError(
                file, field, f"pattern {pattern.name!r}: no annual column {missing[0]!r} in {where}"
            )
        first, last = first_year_used(statistic), last_year_used(statistic)
        if first is not None and (first < years[0] or last > years[1]):
            raise CalibrationError(
                file,
                field,
                f"pattern {pattern.name!r} needs the years {first}-{last}; {where} runs "
                f"{years[0]}-{years[1]}",
            )
