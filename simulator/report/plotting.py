"""Shared pieces of the report's figures: the figure record, colours, panels, saving.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot), so making a report
touches no global backend state and works without a display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from simulator.palette import PAYER_COLOURS, TICK_LABEL_PT, model_colour
from simulator.report.data import Option, Sweep
from simulator.report.i18n import Text

#: Resolution of the PNG files and of the images embedded in the HTML (dots per inch).
PNG_DPI = 110
PANEL_W_IN = 4.4
PANEL_H_IN = 3.3
STYLE = {"axes.spines.top": False, "axes.spines.right": False}
#: Font sizes of every report figure (points): ticks readable in print at A4 width.
FONTS = {
    "xtick.labelsize": TICK_LABEL_PT,
    "ytick.labelsize": TICK_LABEL_PT,
    "axes.labelsize": TICK_LABEL_PT + 1,
    "axes.titlesize": TICK_LABEL_PT + 2,
    "legend.fontsize": TICK_LABEL_PT,
}
__all__ = ["PAYER_COLOURS", "FigureOut", "option_colours", "option_label", "panels", "save"]
#: Fixed ids in SVG files, so the same figure gives the same file.
SAVE_RC = {"svg.hashsalt": "dewak"}


@dataclass
class FigureOut:
    """One figure of the report, or the note saying why it is not shown.

    Attributes:
        key: File stem, e.g. ``fig1_survival``.
        title: Title shown above the figure.
        caption: One plain-language line shown under it.
        fig: The matplotlib figure (None when skipped).
        data: The numbers the figure draws, tidy (tests check them).
        note: Why the figure is skipped, or a remark shown under the caption.
        files: Written files by suffix (``png``, ``svg``), filled by :func:`save`.
    """

    key: str
    title: str
    caption: str
    fig: Figure | None = None
    data: pd.DataFrame = field(default_factory=pd.DataFrame)
    note: str | None = None
    files: dict = field(default_factory=dict)


def model_colours(sweep: Sweep) -> dict:
    """One colour per organisation model, the same in every figure (``simulator.palette``)."""
    return {model: model_colour(model, i) for i, model in enumerate(sweep.models)}


def option_colours(sweep: Sweep) -> dict:
    """One colour per option: the model's colour, or one per option when further levers vary."""
    if not sweep.levers:
        return {o: model_colour(o.model, i) for i, o in enumerate(sweep.options)}
    return {o: model_colour(f"#{i}", i) for i, o in enumerate(sweep.options)}


#: Line styles for the values of a lever crossed with the model (figures 1 and 2).
LINESTYLES = ("-", "--", ":", "-.")


def second_lever(sweep: Sweep) -> str | None:
    """The one further listed lever crossed with the model, else None."""
    if sweep.model_col is None or len(sweep.levers) != 1:
        return None
    return sweep.levers[0]


def _styled_lever(sweep: Sweep) -> tuple[str, list] | None:
    """The second lever and its values when they fit the line styles, else None.

    None too when an option's value is not one the experiment lists (a run table that does not
    match its manifest): then every option keeps a colour of its own.
    """
    lever = second_lever(sweep)
    values = sweep.choices(lever)
    if not lever or not 1 < len(values) <= len(LINESTYLES):
        return None
    listed = all(dict(o.levers).get(lever) in values for o in sweep.options)
    return (lever, values) if listed else None


def option_styles(sweep: Sweep) -> dict:
    """Colour and line style per option: the model's colour, a style per second-lever value.

    With a model crossed with one listed lever of up to four values (the flagship's financing
    mix) a line keeps its model's colour and the lever's value is its dash, so 18 lines read as
    6 colours and 3 dashes; otherwise every option has its own colour, drawn solid.
    """
    styled = _styled_lever(sweep)
    if styled is None:
        return {o: {"color": c, "ls": "-"} for o, c in option_colours(sweep).items()}
    lever, values = styled
    colours = model_colours(sweep)
    return {
        o: {"color": colours[o.model], "ls": LINESTYLES[values.index(dict(o.levers)[lever])]}
        for o in sweep.options
    }


def options_legend(fig: Figure, axes, sweep: Sweep, tx: Text) -> None:
    """The legend of :func:`option_styles`: models by colour and lever values by dash."""
    styled = _styled_lever(sweep)
    if styled is None:
        legend_below(fig, axes)
        return
    lever, values = styled
    handles = [
        Line2D([], [], color=colour, lw=2, label=model_label(tx, model))
        for model, colour in model_colours(sweep).items()
    ]
    handles += [
        Line2D(
            [], [], color="0.35", lw=2, ls=LINESTYLES[k], label=f"{tx.name(lever)}: {_value(tx, v)}"
        )
        for k, v in enumerate(values)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=TICK_LABEL_PT)


def model_label(tx: Text, model) -> str:
    """Display name of a model; 'all runs' when the sweep does not vary the model."""
    return tx("all_runs") if model is None else tx.name(model)


def option_label(tx: Text, option: Option) -> str:
    """Display name of an option: the model, then ``lever value`` of each further lever."""
    parts = [] if option.model is None and option.levers else [model_label(tx, option.model)]
    parts += [f"{tx.name(col)} {_value(tx, value)}" for col, value in option.levers]
    return " · ".join(parts)


def _value(tx: Text, value) -> str:
    if isinstance(value, float):
        return tx.num(value, 2).rstrip("0").rstrip(",.") if value % 1 else tx.num(value)
    return tx.name(value)


def panels(nrows: int, ncols: int, sharey: bool = True, width_in: float = PANEL_W_IN):
    """A new figure with a grid of axes (always 2-D), in the report's style.

    Not seaborn's ``FacetGrid``/``relplot``: they create their figure through pyplot's global
    state, which the report (and the app's server threads) avoid; seaborn still styles the axes
    and draws inside them (``barplot``, ``heatmap``).
    """
    with sns.axes_style("whitegrid", STYLE), matplotlib.rc_context(FONTS):
        fig = Figure(figsize=(width_in * ncols, PANEL_H_IN * nrows + 0.9), layout="constrained")
        axes = fig.subplots(nrows, ncols, sharey=sharey, squeeze=False)
    for ax in axes.flat:
        ax.tick_params(labelsize=TICK_LABEL_PT)  # kept by ticks made later, at drawing time
    return fig, axes


def panel_title(tx: Text, *values) -> str:
    """A panel's title from the values it shows (towns, scenarios), skipping empty ones."""
    return " · ".join(tx.name(v) for v in values if v is not None)


def legend_below(fig: Figure, axes) -> None:
    """One legend for the whole figure, below the panels, from the first panel's entries."""
    handles, labels = axes[0, 0].get_legend_handles_labels()
    if handles:
        fig.legend(
            handles,
            labels,
            loc="outside lower center",
            ncols=min(len(labels), 4),
            fontsize=TICK_LABEL_PT,
        )


def save(out: FigureOut, folder: Path) -> None:
    """Write the figure as PNG and SVG into ``folder`` and remember the paths."""
    if out.fig is None:
        return
    out.fig.suptitle(out.title, fontsize=TICK_LABEL_PT + 4, fontweight="bold")
    for suffix in ("png", "svg"):
        path = folder / f"{out.key}.{suffix}"
        metadata = {"Date": None} if suffix == "svg" else {"Software": None}
        with matplotlib.rc_context(SAVE_RC):
            out.fig.savefig(path, dpi=PNG_DPI, bbox_inches="tight", metadata=metadata)
        out.files[suffix] = path
