"""The pattern table of a sweep: each pattern's target against the runs' median and 90 % band.

``pattern_table(results)`` reads a sweep's result folder (``runs.parquet`` with one row per run
and its outcomes, ``annual.parquet`` with the runs' annual tables) and computes every pattern's
statistic for every successful run of the scenarios it concerns. Runs count equally, whatever
their design point: for a comparison of several levers, read the table per lever, or run a sweep
of the calibrated scenario (a posterior-predictive sweep).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simulator.calibration.fit import COLUMNS, fit_row
from simulator.calibration.patterns import CalibrationError, PatternFile
from simulator.calibration.statistics import columns_used, evaluate_runs, outcomes_used


def read_results(results: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(runs, annual) of a sweep folder: successful runs only, runs indexed by run id.

    Raises:
        CalibrationError: If the folder holds no finished sweep.
    """
    results = Path(results)
    missing = [n for n in ("runs.parquet", "annual.parquet") if not (results / n).is_file()]
    if missing:
        raise CalibrationError(
            str(results), "", f"no {missing[0]} here (a finished dewak sweep folder has both)"
        )
    runs = pd.read_parquet(results / "runs.parquet")
    if "status" in runs:
        runs = runs[runs["status"] == "ok"]
    runs = runs.set_index("run_id")
    annual = pd.read_parquet(results / "annual.parquet")
    return runs, annual[annual["run_id"].isin(runs.index)]


def pattern_table(results: str | Path, patterns: PatternFile) -> pd.DataFrame:
    """One row per pattern: target, model median and 90 % band over the runs, hit or miss, role.

    A pattern whose outcome or column the sweep did not store, or whose years its runs do not
    cover, has ``n`` = 0, no median and ``hit`` None, with the reason in ``note``.
    """
    runs, annual = read_results(results)
    return table_of(runs, annual, patterns)


def table_of(runs: pd.DataFrame, annual: pd.DataFrame, patterns: PatternFile) -> pd.DataFrame:
    """The pattern table of runs already read (e.g. the report's, of an unfinished sweep too).

    Args:
        runs: Successful runs indexed by run id, with their outcomes and ``scenario``.
        annual: Their annual rows, with ``run_id``.
        patterns: The patterns.
    """
    tables = dict(tuple(annual.groupby("run_id")))
    stems = runs["scenario"] if "scenario" in runs else pd.Series("", index=runs.index)
    rows = []
    for pattern in patterns.patterns:
        chosen = runs[[pattern.applies_to(str(stem)) for stem in stems]]
        values = evaluate_runs(pattern.statistic, chosen, tables)
        row = fit_row(pattern, values.to_numpy())
        row["note"] = _why_missing(pattern, chosen, annual) if row["n"] == 0 else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=[*COLUMNS, "note"])


def _why_missing(pattern, runs: pd.DataFrame, annual: pd.DataFrame) -> str:
    if runs.empty:
        return "no successful run of the scenarios it concerns"
    if missing := sorted(outcomes_used(pattern.statistic) - set(runs.columns)):
        return f"the sweep stored no outcome {missing[0]!r}"
    if missing := sorted(columns_used(pattern.statistic) - set(annual.columns)):
        return f"the sweep stored no annual column {missing[0]!r}"
    return "no run covers the pattern's years (or a denominator is zero)"
