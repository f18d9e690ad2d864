"""Figure 7: population pyramids at start and horizon, one per demographic scenario.

The annual table holds no age bands, so for each (town, demographic scenario) the report
re-runs one stored run — the lowest run id among its successful runs — with the sweep's own
plan (same scenario file, overlays, overrides, seed and horizon) and reads the residents' ages
from the model: at the start from a freshly built :class:`~simulator.model.CooperationModel`,
at the horizon from :func:`simulator.runner.simulate`. The re-run's final population is checked
against the stored run; a difference is reported under the figure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import FigureOut, legend_below, panel_title, panels
from simulator.report.stats import select
from simulator.scenario.errors import ScenarioError

BAND_YEARS = 5
TOP_BAND_AGE = 90  # everyone aged 90 and over shares the top band


def age_bands(age: np.ndarray, female: np.ndarray) -> pd.DataFrame:
    """Residents per 5-year age band and sex (band = lower age; the top band is open)."""
    band = np.minimum(age // BAND_YEARS * BAND_YEARS, TOP_BAND_AGE)
    frame = pd.DataFrame({"band": band.astype(int), "sex": np.where(female, "women", "men")})
    counts = frame.value_counts().rename("residents").reset_index()
    full = pd.MultiIndex.from_product(
        [range(0, TOP_BAND_AGE + 1, BAND_YEARS), ["men", "women"]], names=["band", "sex"]
    )
    return counts.set_index(["band", "sex"]).reindex(full, fill_value=0).reset_index()


def rerun_pyramids(sweep: Sweep) -> tuple[pd.DataFrame, list[dict]]:
    """Re-run one seed per town and demographic scenario; return age bands and the checks.

    Returns:
        A tidy table (town, demography, run_id, when, band, sex, residents) and, per re-run,
        a dict with ``run_id``, the re-run's final population ``got`` and the stored ``want``.
    """
    from simulator.experiments.plan import SweepPlan

    plan = SweepPlan(_experiment(sweep))
    frames, checks = [], []
    for town in sweep.towns:
        for demo in sweep.demographies:
            runs = select(sweep.ok, sweep, town=town, demo=demo)
            if runs.empty:
                continue
            stored = runs.loc[runs["run_id"].idxmin()]
            start, end = _rerun(plan.task(int(stored["run_id"])))
            for when, bands in (("start", start), ("horizon", end)):
                frames.append(
                    bands.assign(town=town, demography=demo, run_id=stored["run_id"], when=when)
                )
            want = int(stored["population_end"])
            checks.append(
                {"run_id": int(stored["run_id"]), "got": int(end["residents"].sum()), "want": want}
            )
    return pd.concat(frames, ignore_index=True), checks


def _experiment(sweep: Sweep):
    """The sweep's experiment as recorded in its manifest, located at its original file."""
    from simulator.experiments.schema import parse_experiment

    manifest = sweep.manifest
    source = manifest.get("experiment_file")
    exp = parse_experiment(manifest.get("experiment"), str(sweep.root / "manifest.json"))
    if not source or not Path(source).parent.is_dir():
        raise ScenarioError(str(sweep.root), "experiment_file", "the experiment's folder is gone")
    exp._source = Path(source)
    exp.resolve_scenarios()
    return exp


def _rerun(task) -> tuple[pd.DataFrame, pd.DataFrame]:
    from simulator.experiments.worker import build_scenario
    from simulator.model import CooperationModel
    from simulator.runner import simulate

    scenario = build_scenario(task.scenario_file, task.overlays, task.overrides)
    first = CooperationModel(scenario, seed=task.seed, years=task.years).citizens
    last = simulate(scenario, seed=task.seed, years=task.years).citizens
    return age_bands(first.age, first.female), age_bands(last.age, last.female)


def pyramid_figure(sweep: Sweep, tx: Text, enabled: bool = True) -> FigureOut:
    """Figure 7: residents by age band and sex, outline at the start, bars at the horizon."""
    title, key = tx("f_pyr_title"), "fig7_population_pyramids"
    if not enabled:
        return FigureOut(key, title, "", note=tx("f_pyr_skip"))
    data, checks = rerun_pyramids(sweep)
    fig, axes = panels(len(sweep.towns), len(sweep.demographies), sharey=True, width_in=4.2)
    for i, town in enumerate(sweep.towns):
        for j, demo in enumerate(sweep.demographies):
            part = _part(data, town, demo)
            _draw_pyramid(axes[i, j], part, tx)
            axes[i, j].set_title(panel_title(tx, town, demo))
            axes[i, j].set_xlabel(tx("f_pyr_x") if i == len(sweep.towns) - 1 else "")
        axes[i, 0].set_ylabel(tx("f_pyr_y"))
    legend_below(fig, axes)
    runs = ", ".join(str(c["run_id"]) for c in checks)
    caption = tx("f_pyr_cap", start=sweep.first_year, end=sweep.last_year, runs=runs)
    bad = [tx("f_pyr_mismatch", **c) for c in checks if c["got"] != c["want"]]
    return FigureOut(key, title, caption, fig, data, note=" ".join(bad) or None)


def _part(data: pd.DataFrame, town, demo) -> pd.DataFrame:
    """Rows of one panel (a None town or scenario matches the rows stored without one)."""
    mask = pd.Series(True, index=data.index)
    for column, value in (("town", town), ("demography", demo)):
        mask &= data[column].isna() if value is None else data[column].eq(value)
    return data[mask]


def _draw_pyramid(ax, part: pd.DataFrame, tx: Text) -> None:
    for sex, sign, colour in (("men", -1, "#4c72b0"), ("women", 1, "#dd8452")):
        end = part[(part["sex"] == sex) & (part["when"] == "horizon")].sort_values("band")
        start = part[(part["sex"] == sex) & (part["when"] == "start")].sort_values("band")
        label = f"{tx(sex)}, {tx('horizon')}"
        ax.barh(
            end["band"],
            sign * end["residents"],
            height=BAND_YEARS * 0.9,
            color=colour,
            alpha=0.7,
            label=label,
        )
        low = start["band"].to_numpy() - BAND_YEARS * 0.5
        xs = np.repeat(sign * start["residents"].to_numpy(), 2)
        ys = np.column_stack([low, low + BAND_YEARS]).ravel()
        style = {"color": "black", "lw": 1.1, "ls": "-" if sign > 0 else "--"}
        ax.plot(xs, ys, **style, label=f"{tx(sex)}, {tx('start')}")
    ax.axvline(0, color="0.3", lw=0.8)
    ax.xaxis.set_major_formatter(lambda v, _pos: tx.num(abs(v)))
