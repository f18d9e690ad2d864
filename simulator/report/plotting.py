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

from simulator.report.data import Sweep
from simulator.report.i18n import Text

#: Resolution of the PNG files and of the images embedded in the HTML (dots per inch).
PNG_DPI = 110
PANEL_W_IN = 4.4
PANEL_H_IN = 3.3
#: Order of seaborn's colour-blind palette for the models: grey before tan, which is hard to
#: tell from orange next to it.
MODEL_COLOUR_ORDER = (0, 1, 2, 3, 4, 7, 5, 9, 6, 8)
STYLE = {"axes.spines.top": False, "axes.spines.right": False}
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
    """One colour per organisation model, the same in every figure (colour-blind safe)."""
    palette = sns.color_palette("colorblind", 10)
    return {model: palette[MODEL_COLOUR_ORDER[i % 10]] for i, model in enumerate(sweep.models)}


def model_label(tx: Text, model) -> str:
    """Display name of a model; 'all runs' when the sweep does not vary the model."""
    return tx("all_runs") if model is None else tx.name(model)


def panels(nrows: int, ncols: int, sharey: bool = True, width_in: float = PANEL_W_IN):
    """A new figure with a grid of axes (always 2-D), in the report's style."""
    with sns.axes_style("whitegrid", STYLE):
        fig = Figure(figsize=(width_in * ncols, PANEL_H_IN * nrows + 0.9), layout="constrained")
        axes = fig.subplots(nrows, ncols, sharey=sharey, squeeze=False)
    return fig, axes


def panel_title(tx: Text, *values) -> str:
    """A panel's title from the values it shows (towns, scenarios), skipping empty ones."""
    return " · ".join(tx.name(v) for v in values if v is not None)


def legend_below(fig: Figure, axes) -> None:
    """One legend for the whole figure, below the panels, from the first panel's entries."""
    handles, labels = axes[0, 0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 6))


def save(out: FigureOut, folder: Path) -> None:
    """Write the figure as PNG and SVG into ``folder`` and remember the paths."""
    if out.fig is None:
        return
    out.fig.suptitle(out.title, fontsize=13, fontweight="bold")
    for suffix in ("png", "svg"):
        path = folder / f"{out.key}.{suffix}"
        metadata = {"Date": None} if suffix == "svg" else {"Software": None}
        with matplotlib.rc_context(SAVE_RC):
            out.fig.savefig(path, dpi=PNG_DPI, bbox_inches="tight", metadata=metadata)
        out.files[suffix] = path
