"""The numbers behind the summary table and the figures: intervals, survival curves, shares.

Everything here is a pure function of the runs and annual tables, so tests can check the
numbers the figures draw without looking at pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulator.report.data import COST_CATEGORIES, GROUPS, Sweep

#: Normal quantile of a two-sided 95 % interval.
Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (Wilson 1927); (nan, nan) when ``n`` is 0."""
    if n <= 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def survival_curve(runs: pd.DataFrame, horizon_years: float) -> pd.DataFrame:
    """Kaplan–Meier share still open by year (lifelines), with its 95 % confidence band.

    A run that closed is an event at ``years_open``; a run still open is censored at the
    horizon. Returns columns ``years``, ``survival``, ``lower``, ``upper``.
    """
    from lifelines import KaplanMeierFitter

    durations = runs["years_open"].astype(float).to_numpy()
    closed = ~runs["viable"].astype(bool).to_numpy()
    timeline = np.unique(np.concatenate([[0.0], durations, [float(horizon_years)]]))
    kmf = KaplanMeierFitter(alpha=0.05).fit(durations, closed, timeline=timeline)
    band = kmf.confidence_interval_survival_function_
    return pd.DataFrame(
        {
            "years": timeline,
            "survival": kmf.survival_function_.iloc[:, 0].to_numpy(),
            "lower": band.iloc[:, 0].to_numpy(),
            "upper": band.iloc[:, 1].to_numpy(),
        }
    )


def cost_shares(runs: pd.DataFrame) -> pd.Series:
    """Mean cost share of each payer over runs that had any cost; they sum to 1."""
    shares = runs[[f"cost_share_{c}" for c in COST_CATEGORIES]].astype(float)
    shares = shares[shares.sum(axis=1) > 0]
    if shares.empty:
        return pd.Series(0.0, index=list(COST_CATEGORIES))
    mean = shares.mean()
    mean.index = list(COST_CATEGORIES)
    return mean / mean.sum()


def per_run_open_means(sweep: Sweep, columns: list[str]) -> pd.DataFrame:
    """Each run's mean of ``columns`` over the years its facility was open (indexed by run)."""
    rows = sweep.annual[sweep.annual["facility_open"].astype(bool)]
    means = rows.groupby("run_id")[columns].mean()
    return means.reindex(sweep.ok["run_id"]).fillna(0.0)


def reach_by_group(sweep: Sweep, runs: pd.DataFrame) -> pd.Series:
    """Mean reach of each target group over ``runs`` (share who visited within 12 months)."""
    means = per_run_open_means(sweep, [f"reach_{g}" for g in GROUPS])
    picked = means.loc[runs["run_id"]].mean()
    picked.index = list(GROUPS)
    return picked


@dataclass(frozen=True)
class Row:
    """One line of the summary table: a town (if several) and an organisation model."""

    town: object
    model: object
    n: int
    open_at_horizon: int
    survival: float
    lower: float
    upper: float
    median_years_open: float
    median_years_closed: float
    mean_utilisation: float
    shares: dict
    cost_per_visit_eur: float


def summary_rows(sweep: Sweep) -> list[Row]:
    """The summary table: one row per town and organisation model, from the ok runs."""
    rows = []
    for town in sweep.towns:
        for model in sweep.models:
            runs = select(sweep.ok, sweep, town=town, model=model)
            rows.append(_row(town, model, runs))
    return rows


def _row(town, model, runs: pd.DataFrame) -> Row:
    n = len(runs)
    viable = runs["viable"].astype(bool)
    k = int(viable.sum())
    lo, hi = wilson(k, n)
    closed = runs.loc[~viable, "years_open"]
    return Row(
        town=town,
        model=model,
        n=n,
        open_at_horizon=k,
        survival=k / n if n else math.nan,
        lower=lo,
        upper=hi,
        median_years_open=float(runs["years_open"].median()) if n else math.nan,
        median_years_closed=float(closed.median()) if len(closed) else math.nan,
        mean_utilisation=float(runs["utilisation_mean"].mean()) if n else math.nan,
        shares=cost_shares(runs).to_dict(),
        cost_per_visit_eur=float(runs["municipal_cost_per_visit_eur"].median()) if n else math.nan,
    )


def select(frame: pd.DataFrame, sweep: Sweep, town=None, model=None, demo=None) -> pd.DataFrame:
    """Rows of ``frame`` for a town, model and demographic scenario (None = all)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in ((sweep.town_col, town), (sweep.model_col, model), (sweep.demo_col, demo)):
        if column is not None and value is not None:
            mask &= frame[column] == value
    return frame[mask]
