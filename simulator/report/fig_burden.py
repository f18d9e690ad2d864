"""Figures 5–6: reach by target group, survival over two uncertainties (figure 4: ``fig_budget``)."""

from __future__ import annotations

import pandas as pd
import seaborn as sns

from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import (
    FigureOut,
    legend_below,
    option_colours,
    option_label,
    panel_title,
    panels,
)
from simulator.report.stats import reach_by_group, select

#: Continuous uncertainties are cut into this many equally filled bins for the heatmap.
HEATMAP_BINS = 4


def reach_table(sweep: Sweep) -> pd.DataFrame:
    """Mean reach per town, option and target group (tidy)."""
    rows = []
    for town in sweep.towns:
        for option in sweep.options:
            runs = select(sweep.ok, sweep, town=town, option=option)
            if runs.empty:
                continue
            for group, value in reach_by_group(sweep, runs).items():
                rows.append(
                    {"town": town, "model": option.model, "option": option}
                    | {"group": group, "reach": value}
                )
    return pd.DataFrame(rows)


def reach_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 5: grouped bars, reach of each target group per model."""
    table = reach_table(sweep)
    palette = {option_label(tx, o): c for o, c in option_colours(sweep).items()}
    fig, axes = panels(1, len(sweep.towns), width_in=7.0)
    for j, town in enumerate(sweep.towns):
        ax = axes[0, j]
        part = table if town is None else table[table["town"] == town]
        shown = part.assign(
            group=[tx.name(g) for g in part["group"]],
            option=[option_label(tx, o) for o in part["option"]],
        )
        sns.barplot(shown, x="group", y="reach", hue="option", palette=palette, ax=ax)
        ax.set_title(panel_title(tx, town))
        ax.set_xlabel("")
        ax.set_ylabel(tx("f_reach_y") if j == 0 else "")
        small = part["reach"].max() < 0.1 if len(part) else False
        ax.yaxis.set_major_formatter(tx.axis_pct(1 if small else 0))
        ax.tick_params(axis="x", labelrotation=20)
        if ax.get_legend() is not None:
            ax.get_legend().remove()
    legend_below(fig, axes)
    return FigureOut("fig5_reach", tx("f_reach_title"), tx("f_reach_cap"), fig, table)


def factor_label(sweep: Sweep, tx: Text, column: str) -> str:
    """A factor's display name (translated where known) with its unit."""
    label = sweep.label(column)
    return tx.name(column) + label[len(column) :] if label.startswith(column) else label


def heatmap_axes(sweep: Sweep, x: str | None, y: str | None) -> tuple[str, str] | None:
    """The two uncertainties of the heatmap: as chosen, else the first two varied ones.

    Uncertainties other than the demographic scenario come first (figure 1 already splits by
    that). Returns None when fewer than two uncertainties vary.
    """
    ranked = [u for u in sweep.uncertainties if u != sweep.demo_col]
    ranked += [u for u in sweep.uncertainties if u == sweep.demo_col]
    chosen = [name for name in (x, y) if name is not None]
    rest = [u for u in ranked if u not in chosen]
    picked = (chosen + rest)[:2]
    return (picked[0], picked[1]) if len(picked) == 2 else None


def binned(sweep: Sweep, column: str) -> pd.Series:
    """A factor's value per ok run as ordered categories (ranges cut into equal-count bins)."""
    values = sweep.ok[column]
    if values.dtype.kind == "f" and values.nunique() > HEATMAP_BINS:
        bins = pd.qcut(values, HEATMAP_BINS, duplicates="drop")
        return bins.map(lambda b: f"{b.left:.3g}–{b.right:.3g}")
    order = [v for v in sweep.choices(column) if v in set(values)] or sorted(values.unique())
    return pd.Categorical(values, categories=order, ordered=True)


def _heat_panel(ax, share: pd.DataFrame, tx: Text, colourbar: bool) -> None:
    """One option's heatmap: share still open per cell, written in each cell."""
    text = share.map(lambda v: "" if pd.isna(v) else tx.pct(v))
    sns.heatmap(
        share,
        vmin=0,
        vmax=1,
        cmap="rocket",
        annot=text,
        fmt="",
        ax=ax,
        cbar=colourbar,
        cbar_kws={"label": tx("f_heat_cbar"), "format": tx.axis_pct()},
    )
    ax.invert_yaxis()
    ax.set_xticklabels([tx.name(t.get_text()) for t in ax.get_xticklabels()])
    ax.set_yticklabels([tx.name(t.get_text()) for t in ax.get_yticklabels()], rotation=0)


def heatmap_figure(sweep: Sweep, tx: Text, x: str | None = None, y: str | None = None) -> FigureOut:
    """Figure 6: share of runs still open at the horizon over two uncertainties, per option."""
    title = tx("f_heat_title_any")
    pair = heatmap_axes(sweep, x, y)
    if pair is None:
        names = ", ".join(tx.name(u) for u in sweep.uncertainties) or "-"
        note = tx("f_heat_skip", names=names)
        return FigureOut("fig6_survival_heatmap", title, tx("f_heat_cap"), note=note)
    x, y = pair
    table = sweep.ok.assign(_x=binned(sweep, x), _y=binned(sweep, y))
    options = sweep.options
    ncols = min(3, len(options))
    nrows = -(-len(options) // ncols)
    fig, axes = panels(nrows, ncols, sharey=True, width_in=3.8)
    cells = []
    for j, option in enumerate(options):
        ax = axes[j // ncols, j % ncols]
        part = select(table, sweep, option=option)
        grid = part.groupby(["_y", "_x"], observed=False)["viable"].agg(["mean", "size"])
        cells.append(grid.reset_index().assign(model=option.model, option=option))
        _heat_panel(ax, grid["mean"].unstack("_x"), tx, colourbar=j == len(options) - 1)
        ax.set_title(option_label(tx, option))
        ax.set_xlabel(factor_label(sweep, tx, x))
        ax.set_ylabel(factor_label(sweep, tx, y) if j % ncols == 0 else "")
    for k in range(len(options), nrows * ncols):
        axes[k // ncols, k % ncols].set_visible(False)
    data = pd.concat(cells, ignore_index=True).rename(
        columns={"_x": x, "_y": y, "mean": "survival", "size": "n"}
    )
    title = tx("f_heat_title", x=factor_label(sweep, tx, x), y=factor_label(sweep, tx, y))
    return FigureOut("fig6_survival_heatmap", title, tx("f_heat_cap"), fig, data)
