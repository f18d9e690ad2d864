"""The app's figures: each a function of the running model that returns a matplotlib Figure.

They use ``matplotlib.figure.Figure`` directly (no pyplot state), so the server can draw them
from any thread and nothing leaks between sessions.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from matplotlib.ticker import MaxNLocator

from simulator.accounting import CATEGORIES, cost_shares
from simulator.palette import OKABE_ITO, PAYER_COLOURS
from simulator.report.names import NAMES

SIZE_IN = (6.4, 3.9)
DPI = 80
BAND_YEARS = 5
TOP_BAND = 95  # the pyramid's last band is 95+
COLOURS = PAYER_COLOURS  # the report's palette (simulator/palette.py)
MEN, WOMEN = OKABE_ITO["blue"], OKABE_ITO["orange"]
START_NOTE = "Press Step or ▶ to start: nothing to show at month 0."


def _figure(rows: int = 1, margins: dict | None = None, **kwargs):
    """A figure with fixed margins (a layout engine would cost a third of each redraw)."""
    fig = Figure(figsize=SIZE_IN, dpi=DPI)
    fig.subplots_adjust(
        **{"left": 0.14, "right": 0.97, "top": 0.91, "bottom": 0.13, **(margins or {})}
    )
    return fig, fig.subplots(rows, 1, **kwargs)


def _waiting(title: str) -> Figure:
    """A figure with only a title and a note: shown before the first step, instead of empty axes."""
    fig = Figure(figsize=SIZE_IN, dpi=DPI)
    fig.text(0.5, 0.6, title, ha="center", fontsize=10, fontweight="bold")
    fig.text(0.5, 0.45, START_NOTE, ha="center", fontsize=9, color="0.35")
    return fig


def _years(ax) -> None:
    """Whole years on a time axis (no 2025.25)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}")


def timeline_figure(model) -> Figure:
    """Facility reserves, visits and volunteers, month by month."""
    rows = model.recorder.monthly
    title = "The facility month by month"
    if not rows:
        return _waiting(title)
    t = np.array([r["year"] + (r["month"] - 1) / 12.0 for r in rows])
    fig, axes = _figure(3, {"hspace": 0.15}, sharex=True)
    series = [
        ("facility_reserves_eur", 1e-3, "reserves\n[1,000 €]", OKABE_ITO["blue"]),
        ("visits", 1.0, "visits\n[a month]", OKABE_ITO["orange"]),
        ("volunteers", 1.0, "volunteers\n[persons]", OKABE_ITO["bluish_green"]),
    ]
    for ax, (column, scale, label, colour) in zip(axes, series, strict=True):
        ax.plot(t, [r[column] * scale for r in rows], color=colour, linewidth=1.5)
        ax.set_ylabel(label, fontsize=8)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
    axes[0].axhline(0.0, color="black", linewidth=0.8)
    axes[-1].set_xlabel("year", fontsize=8)
    _years(axes[-1])
    status = "open" if model.facility.open else f"closed: {model.facility.closure_reason}"
    axes[0].set_title(f"{title} ({status})", fontsize=10)
    return fig


def cost_share_figure(model) -> Figure:
    """Who paid so far: each payer category's share of all contributions (cash and in kind)."""
    title = "Who paid for the facility (incl. set-up and volunteer time)"
    if not any(v > 0 for v in model.ledger.contributions.values()):
        return _waiting(title)
    shares = cost_shares(model.ledger.contributions)
    fig, ax = _figure(margins={"left": 0.26})
    names = list(CATEGORIES)
    values = [100.0 * shares[c] for c in names]
    labels = [NAMES[c][0] for c in names]
    bars = ax.barh(labels, values, color=[COLOURS[c] for c in names])
    ax.bar_label(bars, fmt="%.0f %%", fontsize=8, padding=2)
    ax.set_xlim(0, 105)
    ax.invert_yaxis()
    ax.set_xlabel("share of all contributions so far [%]", fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_title(title, fontsize=10)
    return fig


def pyramid_figure(model) -> Figure:
    """The population by five-year age band and sex (men left, women right)."""
    c = model.citizens
    band = np.minimum(c.age // BAND_YEARS, TOP_BAND // BAND_YEARS)
    n_bands = TOP_BAND // BAND_YEARS + 1
    men = np.bincount(band[~c.female], minlength=n_bands)
    women = np.bincount(band[c.female], minlength=n_bands)
    labels = [f"{b * BAND_YEARS}-{b * BAND_YEARS + BAND_YEARS - 1}" for b in range(n_bands)]
    labels[-1] = f"{TOP_BAND}+"
    fig, ax = _figure()
    y = np.arange(n_bands)
    ax.barh(y, -men, color=MEN, label="men")
    ax.barh(y, women, color=WOMEN, label="women")
    ax.set_yticks(y[::2], labels[::2], fontsize=7)
    limit = max(int(men.max(initial=0)), int(women.max(initial=0)), 1) * 1.1
    ax.set_xlim(-limit, limit)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{abs(v):,.0f}")
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("residents", fontsize=8)
    ax.legend(fontsize=8, loc="upper right")
    share = float((c.age >= 65).mean()) if len(c) else 0.0
    ax.set_title(
        f"Population {model.year}: {len(c):,} residents, {share:.0%} aged 65+", fontsize=10
    )
    return fig


def district_positions(distance_km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Districts on circles around the facility: radius = distance, directions spread evenly (schematic)."""
    angle = 2.0 * np.pi * np.arange(distance_km.size) / max(1, distance_km.size) + np.pi / 2
    return distance_km * np.cos(angle), distance_km * np.sin(angle)


def district_figure(model) -> Figure:
    """The town's districts around the facility, coloured by last month's share of visitors."""
    districts = model.spec.town.districts
    distance = np.array([d.distance_km for d in districts])
    x, y = district_positions(distance)
    share = 100.0 * np.asarray(model.visitor_share_by_district, float)
    size = 3000.0 * model.district_sizes / max(1, model.district_sizes.sum())
    fig, ax = _figure(margins={"left": 0.02, "right": 0.98, "bottom": 0.03})
    for radius in range(1, int(np.ceil(distance.max(initial=1.0))) + 1):
        ax.add_patch(Circle((0, 0), radius, fill=False, color="lightgrey", linewidth=0.8))
        ax.annotate(f"{radius} km", (0, radius), fontsize=6, color="grey", ha="center")
    top = max(1.0, float(share.max(initial=0.0)))
    dots = ax.scatter(x, y, s=size + 40, c=share, cmap="YlOrRd", vmin=0, vmax=top, edgecolor="k")
    for xi, yi, d in zip(x, y, districts, strict=True):
        ax.annotate(
            d.name, (xi, yi), xytext=(8, 8), textcoords="offset points", fontsize=7, ha="left"
        )
    ax.scatter([0], [0], marker="*", s=200, color="black", label=model.spec.facility.district)
    fig.colorbar(dots, ax=ax, label="residents who visited last month [%]")
    reach = 1.1 * max(1.0, float(distance.max(initial=1.0)))
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-reach, reach)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(
        "Visits by district (distance to the facility ★ to scale, direction schematic)", fontsize=9
    )
    return fig
