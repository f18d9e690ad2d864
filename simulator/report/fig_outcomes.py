"""Figures 1–3: survival curves, utilisation over time, who pays in euros per year."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.ticker import MaxNLocator

from simulator.palette import LIGHT_PAYERS, PAYER_COLOURS
from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import (
    FigureOut,
    option_label,
    option_styles,
    options_legend,
    panel_title,
    panels,
)
from simulator.report.stats import Row, payers, select, survival_curve

#: Hessian audit of community centres: utilisation of 45 % and more is "very good" (DF §5).
UTILISATION_VERY_GOOD = 0.45
#: A year's utilisation quantiles are drawn only over at least this many open facilities.
MIN_OPEN_FACILITIES = 3
#: Panels per row in figure 1 (more would shrink the tick labels below print size).
SURVIVAL_COLUMNS = 2


def survival_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 1: Kaplan–Meier share still open by year, per option, one panel per scenario."""
    styles = option_styles(sweep)
    demos = sweep.demographies
    ncols = min(SURVIVAL_COLUMNS, len(demos))
    per_town = math.ceil(len(demos) / ncols)
    fig, axes = panels(len(sweep.towns) * per_town, ncols)
    frames = []
    for i, town in enumerate(sweep.towns):
        for j, demo in enumerate(demos):
            ax = axes[i * per_town + j // ncols, j % ncols]
            for option in sweep.options:
                runs = select(sweep.ok, sweep, town=town, option=option, demo=demo)
                if runs.empty:
                    continue
                curve = survival_curve(runs, sweep.horizon_years)
                _draw_curve(ax, curve, styles[option], option_label(tx, option))
                frames.append(
                    curve.assign(
                        town=town, model=option.model, option=option, demography=demo, n=len(runs)
                    )
                )
            ax.set_title(panel_title(tx, town, demo))
            ax.set_xlabel(tx("years_since_start"))
            ax.set_xlim(0, sweep.horizon_years)
            ax.set_ylim(0, 1.03)
            ax.yaxis.set_major_formatter(tx.axis_pct())
            ax.set_ylabel(tx("f_survival_y") if j % ncols == 0 else "")
    for k in range(len(demos), per_town * ncols):  # unused cells of an odd count
        for i in range(len(sweep.towns)):
            axes[i * per_town + k // ncols, k % ncols].set_visible(False)
    options_legend(fig, axes, sweep, tx)
    data = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return FigureOut("fig1_survival", tx("f_survival_title"), tx("f_survival_cap"), fig, data)


def _draw_curve(ax, curve: pd.DataFrame, style: dict, label: str) -> None:
    ax.step(curve["years"], curve["survival"], where="post", lw=2, label=label, **style)
    ax.fill_between(
        curve["years"],
        curve["lower"],
        curve["upper"],
        step="post",
        color=style["color"],
        alpha=0.1,
        lw=0,
    )


def utilisation_stats(sweep: Sweep) -> pd.DataFrame:
    """Per town, option and year: 5 %, 50 % and 95 % quantiles of utilisation over open facilities.

    Years in which fewer than :data:`MIN_OPEN_FACILITIES` facilities of an option are still open
    are left out: a median of one or two is noise, not a trend.
    """
    rows = sweep.annual[sweep.annual["facility_open"].astype(bool)]
    frames = []
    for town in sweep.towns:
        for option in sweep.options:
            part = select(rows, sweep, town=town, option=option)
            grouped = part.groupby("year")["utilisation"]
            stats = grouped.quantile([0.05, 0.5, 0.95]).unstack()
            if stats.empty:
                continue
            stats = stats.rename(columns={0.05: "q05", 0.5: "median", 0.95: "q95"})
            stats["n_open"] = grouped.size()
            frames.append(stats.reset_index().assign(town=town, option=option))
    if not frames:
        return pd.DataFrame(columns=["year", "q05", "median", "q95", "n_open", "town", "option"])
    stats = pd.concat(frames, ignore_index=True)
    return stats[stats["n_open"] >= MIN_OPEN_FACILITIES].reset_index(drop=True)


def utilisation_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 2: median and middle-90 % band of yearly utilisation per option, open years only."""
    styles = option_styles(sweep)
    stats = utilisation_stats(sweep)
    fig, axes = panels(1, len(sweep.towns), width_in=6.0)
    for j, town in enumerate(sweep.towns):
        ax = axes[0, j]
        for option in sweep.options:
            part = stats[(stats["option"] == option) & _is(stats["town"], town)]
            if part.empty:
                continue
            style = styles[option]
            ax.plot(part["year"], part["median"], lw=2, label=option_label(tx, option), **style)
            ax.fill_between(
                part["year"], part["q05"], part["q95"], color=style["color"], alpha=0.15, lw=0
            )
        ax.axhline(UTILISATION_VERY_GOOD, color="0.4", ls=":", lw=1)
        ax.set_title(panel_title(tx, town))
        ax.set_xlabel(tx("year"))
        ax.set_xlim(sweep.first_year, sweep.last_year)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}")
        ax.yaxis.set_major_formatter(tx.axis_pct())
    top = max(stats["q95"].max() if len(stats) else 0.0, UTILISATION_VERY_GOOD)
    axes[0, 0].set_ylim(0, min(1.0, top * 1.05))  # shared by all panels, after all are drawn
    axes[0, 0].set_ylabel(tx("f_util_y"))
    options_legend(fig, axes, sweep, tx)
    caption = tx("f_util_cap", n=MIN_OPEN_FACILITIES)
    return FigureOut("fig2_utilisation", tx("f_util_title"), caption, fig, stats)


def _is(column: pd.Series, value) -> pd.Series:
    return column.isna() if value is None else column.eq(value)


def money_table(rows: list[Row]) -> pd.DataFrame:
    """€ per year while open, per town and option: ``cash_<payer>``, ``in_kind_<payer>`` columns."""
    records = []
    for row in rows:
        if row.n == 0:
            continue
        record = {"town": row.town, "model": row.model, "option": row.option}
        record.update({f"cash_{p}": v for p, v in row.cash_eur.items()})
        record.update({f"in_kind_{p}": v for p, v in row.in_kind_eur.items()})
        records.append(record)
    return pd.DataFrame(records)


def money_figure(sweep: Sweep, rows: list[Row], tx: Text) -> FigureOut:
    """Figure 3: per option a bar of cash per payer (€/year), and in-kind time beside it, hatched."""
    table = money_table(rows)
    fig, axes = panels(len(sweep.towns), 2, sharey=False, width_in=5.2)
    fig.set_figheight(0.5 * len(sweep.options) * len(sweep.towns) + 2.2)
    for i, town in enumerate(sweep.towns):
        part = table if town is None else table[table["town"] == town]
        labels = [option_label(tx, o) for o in part["option"]]
        top = max(_total(part, "cash"), _total(part, "in_kind"))
        _stack(axes[i, 0], part, labels, payers("cash"), tx, None, top)
        _stack(axes[i, 1], part, labels, payers("in_kind"), tx, "//", top)
        axes[i, 1].set_yticklabels([])
        axes[i, 0].set_title(panel_title(tx, town))
    axes[-1, 0].set_xlabel(tx("f_money_x"))
    axes[-1, 1].set_xlabel(tx("f_money_kind_x"))
    fig.get_layout_engine().set(wspace=0.02)
    fig.set_figwidth(11.0)
    _legend(fig, axes)
    return FigureOut("fig3_money", tx("f_money_title"), tx("f_money_cap"), fig, table)


def _total(part: pd.DataFrame, kind: str) -> float:
    """The largest bar of one kind (cash or in kind) among the options, in € per year."""
    columns = [c for c in part if c.startswith(f"{kind}_")]
    return float(part[columns].sum(axis=1).max()) if len(part) and columns else 0.0


def _stack(ax, part, labels: list[str], keys: list[str], tx: Text, hatch, top: float) -> None:
    """Horizontal bars, one per option, stacked by payer (€ per year); both panels share ``top``."""
    kind = "cash" if hatch is None else "in_kind"
    left = pd.Series(0.0, index=part.index)
    for payer in keys:
        widths = part[f"{kind}_{payer}"]
        colour = PAYER_COLOURS[payer]
        bars = ax.barh(
            labels,
            widths,
            left=left,
            color=colour if hatch is None else "white",
            edgecolor=colour,
            hatch=hatch,
            label=tx.name(payer),
        )
        shown = [tx.num(w, 0) if w >= 0.14 * top else "" for w in widths]
        if hatch is None:
            dark = payer in LIGHT_PAYERS
            ax.bar_label(
                bars, shown, label_type="center", fontsize=9, color="black" if dark else "white"
            )
        else:
            ax.bar_label(bars, [tx.eur(w) for w in widths], padding=3, fontsize=9)
        left = left + widths
    ax.set_xlim(0, top * 1.25 if top > 0 else 1.0)  # the same scale left and right
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.xaxis.set_major_formatter(tx.axis_num())
    ax.invert_yaxis()


def _legend(fig, axes) -> None:
    handles, labels = [], []
    for ax in axes[0]:
        h, lab = ax.get_legend_handles_labels()
        handles += h
        labels += lab
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 6))
