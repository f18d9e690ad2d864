"""Charts of the analyses: sensitivity bars with intervals, and PRIM's coverage/density trade-off.

Figures are built with :class:`matplotlib.figure.Figure` (no pyplot, no GUI backend), so they
work in workers, tests and headless servers alike; callers save them as PNG and SVG.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

SOBOL_BARS = (
    ("ST", "total (incl. interactions)", "#1f77b4"),
    ("S1", "first order (alone)", "#9ecae1"),
)
MORRIS_BARS = (
    ("mu_star", "mu* (mean absolute effect)", "#d62728"),
    ("sigma", "sigma (spread)", "#fcae91"),
)
AXIS_LABEL = {
    "sobol": "Sobol' index: share of the outcome's variance (bars: 95 % interval)",
    "morris": "effect on the outcome over each input's full range (bars: 95 % interval of mu*)",
}
TITLE = {
    "sobol": "Which inputs drive each outcome: Sobol' indices",
    "morris": "Which inputs matter for each outcome: Morris screening",
}


def sensitivity_chart(indices: pd.DataFrame, method: str, captions: dict[str, str]) -> Figure:
    """One panel per outcome: horizontal bars per input with their confidence intervals."""
    outcomes = list(dict.fromkeys(indices["outcome"]))
    n_inputs = indices["input"].nunique()
    height = 0.45 * n_inputs + 1.6
    fig = Figure(figsize=(8.5, height * len(outcomes) + 0.6), layout="constrained")
    axes = fig.subplots(len(outcomes), 1, squeeze=False)[:, 0]
    bars = SOBOL_BARS if method == "sobol" else MORRIS_BARS
    for ax, outcome in zip(axes, outcomes, strict=True):
        table = indices[indices["outcome"] == outcome].sort_values(bars[0][0], ascending=False)
        _bars(ax, table, bars, method)
        ax.set_title(outcome, loc="left", fontweight="bold")
        caption = textwrap.fill(captions.get(outcome, ""), 110)
        ax.set_xlabel(f"{AXIS_LABEL[method]}\n\n{caption}", fontsize=8)
    axes[0].legend(loc="lower right", fontsize=8)
    fig.suptitle(TITLE[method])
    return fig


def _bars(ax, table: pd.DataFrame, bars: tuple, method: str) -> None:
    """The indices of one outcome, drawn by SALib's own bar plot (``SALib.plotting.bar``).

    Grouped bars with the confidence intervals as error bars, in our colours.
    """
    from SALib.plotting.bar import plot as salib_bar_plot

    columns = {}
    for column, label, _colour in bars:
        columns[column] = label
        columns[f"{column}_conf"] = f"{label}_conf"  # SALib pairs a column with its "<name>_conf"
    frame = (
        table.set_index("input")
        .reindex(columns=list(columns))
        .fillna({c: 0.0 for c in columns if c.endswith("_conf")})
    )
    salib_bar_plot(frame.rename(columns=columns), ax=ax)
    for container, (_column, _label, colour) in zip(ax.containers[1::2], bars, strict=False):
        for patch in container:
            patch.set_color(colour)
    if ax.get_legend() is not None:
        ax.get_legend().remove()  # one legend for the figure, drawn by the caller
    ax.tick_params(axis="x", labelrotation=20)
    ax.set_xlabel("")
    ax.axhline(0, color="black", linewidth=0.6)
    if method == "sobol":
        ax.set_ylim(min(-0.05, float(np.nanmin(table["S1"])) - 0.05), 1.05)
    ax.grid(axis="y", alpha=0.3)


def tradeoff_chart(
    trajectory: pd.DataFrame,
    chosen: int | None,
    threshold: float,
    condition,
    final: tuple[float, float] | None = None,
) -> Figure:
    """PRIM's peeling trajectory: coverage against density, coloured by restricted inputs."""
    fig = Figure(figsize=(7.5, 5.5), layout="constrained")
    ax = fig.subplots()
    dims = trajectory["res_dim"].astype(int)
    cmap = colormaps["viridis"].resampled(int(dims.max() - dims.min()) + 1)
    points = ax.scatter(
        trajectory["coverage"],
        trajectory["density"],
        c=dims,
        cmap=cmap,
        s=28,
        vmin=dims.min() - 0.5,
        vmax=dims.max() + 0.5,
    )
    bar = fig.colorbar(points, ax=ax, ticks=range(dims.min(), dims.max() + 1))
    bar.set_label("number of inputs the box restricts")
    _threshold_line(ax, threshold)
    if chosen is not None:
        _mark(ax, trajectory.iloc[chosen], final)
    ax.set_xlabel("coverage: share of all runs where it happens that lie in the box")
    ax.set_ylabel("density: share of runs in the box where it happens")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.set_title(f"Scenario discovery (PRIM): when does '{condition.text}' happen?")
    return fig


def _threshold_line(ax, threshold: float) -> None:
    ax.axhline(threshold, color="grey", linestyle="--", linewidth=1)
    ax.annotate(
        f"density threshold {threshold:.0%}",
        (0.01, threshold),
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=8,
        color="grey",
    )


def _mark(ax, row: pd.Series, final: tuple[float, float] | None) -> None:
    ax.scatter(
        [row["coverage"]],
        [row["density"]],
        s=160,
        facecolors="none",
        edgecolors="#d62728",
        linewidths=2,
        label="box PRIM chose at the threshold",
    )
    if final is not None:
        ax.scatter(
            [final[0]],
            [final[1]],
            s=140,
            marker="*",
            color="#d62728",
            label="final box (insignificant limits dropped)",
        )
    ax.legend(loc="lower left", fontsize=8)
