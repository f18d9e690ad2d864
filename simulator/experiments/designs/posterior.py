"""Posterior: calibrated parameter sets, drawn by weight, at every full-factorial point.

The design adds its own factors after the experiment's: ``posterior_draw`` (the draw id,
``0..draws-1``), ``posterior_particle`` (the row of ``posterior.parquet`` drawn) and one factor
per posterior parameter, whose value is set at the parameter's dotted path. Each base scenario
draws its sets once, from its own posterior, so draw ``d`` is the same parameter set at every
point of that scenario; a parameter the scenario's calibration does not set is left empty
(no patch) in its runs.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

ROLE = "posterior"


def factors(experiment) -> list[dict[str, Any]]:
    """The draw id, the particle, and one factor per parameter of the posteriors (as data).

    Each entry has ``name``, ``role``, ``low``, ``high``, ``integer`` and ``path`` (the dotted
    scenario path a value is set at; None for the draw id and the particle).
    """
    from simulator.experiments.posterior import posterior_inputs

    items = posterior_inputs(experiment)
    last_draw = experiment.design.draws - 1
    last_particle = max(int(item.summary.get("particles") or 1) for item in items) - 1
    out = [
        {"name": "posterior_draw", "low": 0, "high": last_draw, "integer": True, "path": None},
        {
            "name": "posterior_particle",
            "low": 0,
            "high": last_particle,
            "integer": True,
            "path": None,
        },
    ]
    ranges: dict[str, tuple[str, float, float]] = {}
    for item in items:
        for name, stats in item.parameters.items():
            prior = stats.get("prior") or {}
            path, low, high = ranges.get(name, (stats["path"], prior["low"], prior["high"]))
            ranges[name] = (path, min(low, prior["low"]), max(high, prior["high"]))
    for name, (path, low, high) in ranges.items():
        out.append({"name": name, "low": low, "high": high, "integer": False, "path": path})
    return [{**f, "role": ROLE} for f in out]


def draw(experiment, factors, rng) -> dict[str, list[Any]]:
    """Every combination of the discrete factors' choices, times ``draws`` posterior draws."""
    from simulator.experiments.posterior import draw as draw_sets
    from simulator.experiments.posterior import load_posterior, posterior_inputs

    draws = experiment.design.draws
    fixed = [f for f in factors if f.role != ROLE]
    own = [f for f in factors if f.role == ROLE and f.path is not None]
    sets = {}
    for item in posterior_inputs(experiment):
        seed = int(rng.integers(0, 2**63 - 1))
        sets[item.stem] = (item, draw_sets(load_posterior(item.file), draws, seed))
    first = Path(experiment.scenario_files[0]).stem
    values: dict[str, list[Any]] = {f.name: [] for f in factors}
    for combo in itertools.product(*(f.choices for f in fixed)):
        point = dict(zip((f.name for f in fixed), combo, strict=True))
        item, table = sets[point.get("scenario", first)]
        for d, row in enumerate(table.to_dict("records")):
            for name, value in point.items():
                values[name].append(value)
            values["posterior_draw"].append(d)
            values["posterior_particle"].append(int(row["particle"]))
            for f in own:
                values[f.name].append(_value(item, f.name, row))
    return values


def _value(item, name: str, row: dict) -> float | int | None:
    """The drawn value of a parameter in runs of the item's scenario (None: not set there)."""
    if name not in item.parameters or not item.applies(name):
        return None
    value = float(row[name])
    return int(round(value)) if item.parameters[name].get("integer") else value
