"""Figures 1–3: survival curves, utilisation over time, cost shares."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import PercentFormatter

from simulator.report.data import COST_CATEGORIES, Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import (
    FigureOut,
    legend_below,
    model_colours,
    model_label,
    panel_title,
    panels,
)
from simulator.report.stats import cost_shares, select, survival_curve

#: Hessian audit of community centres: utilisation of 45 % and more is "very good" (DF §5).
UTILISATION_VERY_GOOD = 0.45
#: A year's utilisation quantiles are drawn only over at least this many open facilities.
MIN_OPEN_FACILITIES = 3
#: Payer colours for the stacked bars, in the order of COST_CATEGORIES.
PAYER_PALETTE = "Set2"


def survival_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 1: Kaplan–Meier share still open by year, per model, one panel per scenario."""
    colours = model_colours(sweep)
    fig, axes = panels(len(sweep.towns), len(sweep.demographies))
    frames = []
    for i, town in enumerate(sweep.towns):
        for j, demo in enumerate(sweep.demographies):
            ax = axes[i, j]
            for model in sweep.models:
                runs = select(sweep.ok, sweep, town=town, model=model, demo=demo)
                if runs.empty:
                    continue
                curve = survival_curve(runs, sweep.horizon_years)
                _draw_curve(ax, curve, colours[model], model_label(tx, model))
                frames.append(curve.assign(town=town, model=model, demography=demo, n=len(runs)))
            ax.set_title(panel_title(tx, town, demo))
            ax.set_xlabel(tx("years_since_start"))
            ax.set_xlim(0, sweep.horizon_years)
            ax.set_ylim(0, 1.03)
            ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        axes[i, 0].set_ylabel(tx("f_survival_y"))
    legend_below(fig, axes)
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return FigureOut("fig1_survival", tx("f_survival_title"), tx("f_survival_cap"), fig, data)


def _draw_curve(ax, curve: pd.DataFrame, colour, label: str) -> None:
    ax.step(curve["years"], curve["survival"], where="post", color=colour, lw=2, label=label)
    ax.fill_between(
        curve["years"], curve["lower"], curve["upper"], step="post", color=colour, alpha=0.1, lw=0
    )


def utilisation_stats(sweep: Sweep) -> pd.DataFrame:
    """Per town, model and year: 5 %, 50 % and 95 % quantiles of utilisation over open facilities.

    Years in which fewer than :data:`MIN_OPEN_FACILITIES` facilities of a model are still open
    are left out: a median of one or two is noise, not a trend.
    """
    rows = sweep.annual[sweep.annual["facility_open"].astype(bool)]
    keys = [c for c in (sweep.town_col, sweep.model_col) if c is not None] + ["year"]
    grouped = rows.groupby(keys)["utilisation"]
    stats = grouped.quantile([0.05, 0.5, 0.95]).unstack()
    stats = stats.rename(columns={0.05: "q05", 0.5: "median", 0.95: "q95"})
    stats["n_open"] = grouped.size()
    return stats[stats["n_open"] >= MIN_OPEN_FACILITIES].reset_index()


def utilisation_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 2: median and middle-90 % band of yearly utilisation per model, open years only."""
    colours = model_colours(sweep)
    stats = utilisation_stats(sweep)
    fig, axes = panels(1, len(sweep.towns), width_in=6.0)
    for j, town in enumerate(sweep.towns):
        ax = axes[0, j]
        for model in sweep.models:
            part = select(stats, sweep, town=town, model=model)
            if part.empty:
                continue
            colour = colours[model]
            ax.plot(part["year"], part["median"], color=colour, lw=2, label=model_label(tx, model))
            ax.fill_between(part["year"], part["q05"], part["q95"], color=colour, alpha=0.15, lw=0)
        ax.axhline(UTILISATION_VERY_GOOD, color="0.4", ls=":", lw=1)
        ax.set_title(panel_title(tx, town))
        ax.set_xlabel(tx("year"))
        ax.set_xlim(sweep.first_year, sweep.last_year)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    top = max(stats["q95"].max() if len(stats) else 0.0, UTILISATION_VERY_GOOD)
    axes[0, 0].set_ylim(0, min(1.0, top * 1.05))  # shared by all panels, after all are drawn
    axes[0, 0].set_ylabel(tx("f_util_y"))
    legend_below(fig, axes)
    caption = tx("f_util_cap", n=MIN_OPEN_FACILITIES)
    return FigureOut("fig2_utilisation", tx("f_util_title"), caption, fig, stats)


def cost_share_table(sweep: Sweep) -> pd.DataFrame:
    """Mean cost shares per town and model (rows), one column per payer; rows sum to 1."""
    rows = []
    for town in sweep.towns:
        for model in sweep.models:
            runs = select(sweep.ok, sweep, town=town, model=model)
            if runs.empty:
                continue
            rows.append({"town": town, "model": model, **cost_shares(runs).to_dict()})
    return pd.DataFrame(rows)


def cost_share_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 3: one horizontal stacked bar per model, its payers' shares adding up to 100 %."""
    table = cost_share_table(sweep)
    palette = dict(zip(COST_CATEGORIES, _payer_colours(), strict=True))
    n_models = len(sweep.models)
    fig, axes = panels(len(sweep.towns), 1, width_in=8.5)
    fig.set_figheight(0.55 * n_models * len(sweep.towns) + 1.8)
    for i, town in enumerate(sweep.towns):
        ax = axes[i, 0]
        part = table if town is None else table[table["town"] == town]
        labels = [model_label(tx, m) for m in part["model"]]
        left = pd.Series(0.0, index=part.index)
        for payer in COST_CATEGORIES:
            widths = part[payer]
            bars = ax.barh(labels, widths, left=left, color=palette[payer], label=tx.name(payer))
            ax.bar_label(
                bars,
                [tx.pct(w) if w >= 0.06 else "" for w in widths],
                label_type="center",
                fontsize=8,
            )
            left = left + widths
        ax.set_xlim(0, 1)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_title(panel_title(tx, town))
    axes[-1, 0].set_xlabel(tx("f_cost_x"))
    legend_below(fig, axes)
    return FigureOut("fig3_cost_shares", tx("f_cost_title"), tx("f_cost_cap"), fig, table)


def _payer_colours():
    import seaborn as sns

    return sns.color_palette(PAYER_PALETTE, len(COST_CATEGORIES))
