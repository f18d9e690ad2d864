"""The numbers behind the summary table and the figures: intervals, survival curves, shares.

Everything here is a pure function of the runs and annual tables, so tests can check the
numbers the figures draw without looking at pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulator.report.data import (
    COST_CATEGORIES,
    GRANT_SHARE_COLUMN,
    GROUPS,
    LEGACY_MONEY_COLUMNS,
    MONEY_COLUMNS,
    Option,
    Sweep,
)


def wilson(successes: int, n: int) -> tuple[float, float]:
    """95 % Wilson score interval for a proportion (statsmodels); (nan, nan) when ``n`` is 0."""
    if n <= 0:
        return math.nan, math.nan
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(successes, n, alpha=0.05, method="wilson")
    # exact at the ends (statsmodels gives 1 - 1e-16 for n of n)
    return (0.0 if successes == 0 else float(lo)), (1.0 if successes == n else float(hi))


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
    """One line of the summary: a town (if several) and an option (model and further levers).

    Money is per year while the facility is open, mean over the runs: ``cash_eur`` and
    ``in_kind_eur`` per payer (see ``data.MONEY_COLUMNS``), ``cash_shares`` each cash payer's
    share of all cash, ``share_of_voluntary`` the grant's share of the town's voluntary spending.
    """

    town: object
    option: Option
    n: int
    open_at_horizon: int
    survival: float
    lower: float
    upper: float
    median_years_open: float
    median_years_closed: float
    mean_utilisation: float
    cost_per_visit_eur: float
    cash_eur: dict = field(default_factory=dict)
    in_kind_eur: dict = field(default_factory=dict)
    cash_shares: dict = field(default_factory=dict)
    share_of_voluntary: float = math.nan

    @property
    def model(self) -> object:
        """The organisation model of this row."""
        return self.option.model

    @property
    def town_cost_eur(self) -> float:
        """What the town pays per year in cash while the facility is open."""
        return self.cash_eur.get("municipality", 0.0)


def payers(kind: str) -> list[str]:
    """The payers with money of ``kind`` (``cash`` or ``in_kind``), in ``MONEY_COLUMNS`` order."""
    return list(dict.fromkeys(p for p, k, _ in MONEY_COLUMNS if k == kind))


def money_per_run(sweep: Sweep) -> pd.DataFrame:
    """Per ok run: € per year while open for each (kind, payer) and the grant's voluntary share.

    Columns ``cash_<payer>_eur``, ``in_kind_<payer>_eur`` (from ``data.MONEY_COLUMNS``) and
    ``share_of_voluntary``; indexed by ``run_id``.
    """
    columns = [_money_column(sweep, c) for _, _, c in MONEY_COLUMNS] + [GRANT_SHARE_COLUMN]
    present = [c for c in dict.fromkeys(columns) if c in sweep.annual]
    means = per_run_open_means(sweep, present)
    out = pd.DataFrame(index=means.index)
    for payer, kind, column in MONEY_COLUMNS:
        key, column = f"{kind}_{payer}_eur", _money_column(sweep, column)
        value = means[column] if column in means else 0.0
        out[key] = out[key] + value if key in out else value
    out["share_of_voluntary"] = means[GRANT_SHARE_COLUMN] if GRANT_SHARE_COLUMN in means else 0.0
    return out


def _money_column(sweep: Sweep, column: str) -> str:
    """The annual column to read: the exact one, or in an older sweep its ``income_`` column."""
    if column in sweep.annual:
        return column
    return LEGACY_MONEY_COLUMNS.get(column, column)


def summary_rows(sweep: Sweep) -> list[Row]:
    """The summary table: one row per town and option, from the ok runs."""
    money = money_per_run(sweep)
    rows = []
    for town in sweep.towns:
        for option in sweep.options:
            runs = select(sweep.ok, sweep, town=town, option=option)
            rows.append(_row(town, option, runs, money.loc[runs["run_id"]]))
    return rows


def _row(town, option: Option, runs: pd.DataFrame, money: pd.DataFrame) -> Row:
    n = len(runs)
    viable = runs["viable"].astype(bool)
    k = int(viable.sum())
    lo, hi = wilson(k, n)
    closed = runs.loc[~viable, "years_open"]
    mean = money.mean() if n else pd.Series(0.0, index=money.columns)
    cash = {p: float(mean[f"cash_{p}_eur"]) for p in payers("cash")}
    kind = {p: float(mean[f"in_kind_{p}_eur"]) for p in payers("in_kind")}
    total = sum(cash.values())
    return Row(
        town=town,
        option=option,
        n=n,
        open_at_horizon=k,
        survival=k / n if n else math.nan,
        lower=lo,
        upper=hi,
        median_years_open=float(runs["years_open"].median()) if n else math.nan,
        median_years_closed=float(closed.median()) if len(closed) else math.nan,
        mean_utilisation=float(runs["utilisation_mean"].mean()) if n else math.nan,
        cost_per_visit_eur=float(runs["municipal_cost_per_visit_eur"].median()) if n else math.nan,
        cash_eur=cash,
        in_kind_eur=kind,
        cash_shares={p: v / total if total > 0 else 0.0 for p, v in cash.items()},
        share_of_voluntary=float(mean["share_of_voluntary"]) if n else math.nan,
    )


def select(
    frame: pd.DataFrame, sweep: Sweep, town=None, model=None, demo=None, option=None
) -> pd.DataFrame:
    """Rows of ``frame`` for a town, model or option, and demographic scenario (None = all)."""
    mask = pd.Series(True, index=frame.index)
    pairs = [(sweep.town_col, town), (sweep.model_col, model), (sweep.demo_col, demo)]
    if option is not None:
        pairs += [(sweep.model_col, option.model), *option.levers]
    for column, value in pairs:
        if column is not None and value is not None:
            mask &= frame[column] == value
    return frame[mask]
