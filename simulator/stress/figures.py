"""Figures of the stress test: a fan chart of the general reserve and the facility's survival.

File names are stable (the policymaker report picks them up when present):
``stress_reserve_fan.png/.svg`` and ``stress_survival.png/.svg``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simulator.stress.schema import BASELINE

RESERVE_FAN = "stress_reserve_fan"
SURVIVAL = "stress_survival"
FIGURES = (RESERVE_FAN, SURVIVAL)


def draw_all(result, folder: Path) -> list[Path]:
    """Draw both figures into ``folder`` as PNG and SVG; return the files written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    written = []
    for name, draw in ((RESERVE_FAN, reserve_fan), (SURVIVAL, survival)):
        fig = draw(result)
        for ext in ("png", "svg"):
            path = folder / f"{name}.{ext}"
            fig.savefig(path, dpi=150, bbox_inches="tight", metadata=_metadata(ext))
            written.append(path)
        plt.close(fig)
    return written


def _metadata(ext: str) -> dict:
    """Fixed metadata so the same results give the same files."""
    return {"Date": None} if ext == "svg" else {"Software": "dewak"}


def reserve_fan(result):
    """Small multiples: the general reserve per shock, median and 50 %/80 % bands across runs."""
    import matplotlib.pyplot as plt

    annual, plan = result.annual, result.plan
    rows = plan.rows
    ncols = min(3, len(rows))
    nrows = -(-len(rows) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(4.2 * ncols, 2.9 * nrows), sharex=True, sharey=True, squeeze=False
    )
    bands = _quantiles(annual, "municipal_general_reserve_eur")
    base = bands.loc[BASELINE]
    for ax, row in zip(axes.flat, rows, strict=False):
        q = bands.loc[row]
        ax.fill_between(q.index, q[0.1] / 1e6, q[0.9] / 1e6, alpha=0.2, color="C3", lw=0)
        ax.fill_between(q.index, q[0.25] / 1e6, q[0.75] / 1e6, alpha=0.35, color="C3", lw=0)
        ax.plot(q.index, q[0.5] / 1e6, color="C3", lw=1.8, label="median under the shock")
        ax.plot(base.index, base[0.5] / 1e6, color="0.3", lw=1.2, ls="--", label="baseline median")
        ax.axhline(0, color="black", lw=0.8)
        _shade_shock(ax, plan, row)
        ax.set_title(plan.labels[row], fontsize=10)
    for ax in axes.flat[len(rows) :]:
        ax.set_visible(False)
    for i, ax in enumerate(axes.flat[: len(rows)]):
        if i + ncols >= len(rows):  # lowest panel of its column: show the years
            ax.tick_params(labelbottom=True)
            ax.set_xlabel("year")
    for ax in axes[:, 0]:
        ax.set_ylabel("general reserve (M EUR)")
    axes.flat[0].legend(fontsize=8, loc="lower left")
    fig.suptitle(
        f"{plan.scenario.town.name}: general reserve (allgemeine Rücklage) under each shock\n"
        f"median, 50 % and 80 % bands over {len(plan.seeds)} runs; grey: shock years; "
        "below zero: equity used up (HSK, § 76 GO NRW)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig


def _quantiles(annual: pd.DataFrame, column: str) -> pd.DataFrame:
    """Quantiles 10/25/50/75/90 % of ``column`` per shock and year (rows: (shock, year))."""
    q = annual.groupby(["shock", "year"])[column].quantile([0.1, 0.25, 0.5, 0.75, 0.9])
    return q.unstack()


def _shade_shock(ax, plan, row: str) -> None:
    """Grey span over the years in which the row's shock changes the budget."""
    if row == BASELINE:
        return
    shock = next(s for s in plan.shocks.shocks if s.name == row)
    last_run_year = plan.scenario.time.start_year + plan.years - 1
    end = max(c.start_year + c.years - 1 for c in shock.changes)
    ax.axvspan(shock.first_year - 0.5, min(end, last_run_year) + 0.5, color="0.85", zorder=0)


def survival(result):
    """Left: share of runs with the facility open, by year and shock; right: survival at the horizon."""
    import matplotlib.pyplot as plt

    annual, plan, table = result.annual, result.plan, result.table
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(12, 4.6), gridspec_kw={"width_ratios": [1.5, 1]}
    )
    open_share = annual.groupby(["shock", "year"]).facility_open.mean().unstack(0)
    for i, row in enumerate(plan.rows):
        style = dict(color="black", lw=2.2) if row == BASELINE else dict(color=f"C{i % 10}", lw=1.3)
        left.step(
            open_share.index, 100 * open_share[row], where="post", label=plan.labels[row], **style
        )
    left.set(xlabel="year", ylabel="facility open (% of runs)", ylim=(-3, 103))
    left.set_title("Facility open, by year")
    left.legend(fontsize=7, loc="lower left", ncol=2)
    labels = table.label.tolist()[::-1]
    values = (100 * table.survival_probability).tolist()[::-1]
    colours = ["black" if s == BASELINE else "C0" for s in table.shock.tolist()[::-1]]
    bars = right.barh(labels, values, color=colours)
    right.bar_label(bars, labels=[f"{v:.0f} %" for v in values], padding=3, fontsize=8)
    right.axvline(100 * table.survival_probability.iloc[0], color="0.3", ls="--", lw=1)
    right.set(xlabel="facility open at the horizon (% of runs)", xlim=(0, 112))
    right.set_title("Survival probability per shock")
    right.tick_params(axis="y", labelsize=8)
    fig.suptitle(
        f"{plan.scenario.town.name}: does the facility survive the municipal budget shocks? "
        f"({len(plan.seeds)} runs per shock, same seeds; dashed: baseline)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig
