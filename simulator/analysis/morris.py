"""Morris designs run through the sweep machinery, as an explicit-design experiment.

The sweep engine draws full-factorial, Latin-hypercube and Sobol' designs itself but takes no
list of given points. So a Morris design (SALib, ``r`` trajectories of ``D + 1`` points on a
grid of ``levels`` levels in the unit cube) becomes an experiment with a single lever,
``design_point``, whose values are the points themselves, as JSON text (the point's index,
unit coordinates, input values, overlays and scenario overrides). A full-factorial design over
that lever gives one sample point per Morris point, in order; :func:`run_design_point` decodes
the point and hands the run to the usual runner. Sweeps stay resumable and run on any
executor (the points travel inside the tasks), and the experiment hash covers the points.

Limits of this workaround: at most 1000 points (the engine's limit on a lever's values), and the
sweep's ``runs.parquet`` holds the inputs as that JSON column;
:func:`simulator.analysis.results.load_sweep` decodes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from simulator.analysis import AnalysisError
from simulator.analysis.results import DESIGN_POINT, DESIGN_POINT_PATH
from simulator.experiments.worker import DEFAULT_RUNNER, RunTask, resolve

MORRIS_RUNNER = "simulator.analysis.morris:run_design_point"
#: The engine's limit on the number of values of one lever (``Parameter.values``).
MAX_POINTS = 1000
#: The engine's limit on an experiment's description, where the design's metadata goes.
MAX_DESCRIPTION = 5000
#: Second entropy word of the Morris design's random stream (apart from the runs' seeds).
MORRIS_STREAM = 0x4D
#: Defaults. source: Campolongo, Cariboni & Saltelli (2007) use r = 10-20 trajectories and
#: p = 4 levels; SALib's default is 4 levels.
TRAJECTORIES = 10
LEVELS = 4


def morris_points(experiment, trajectories: int, levels: int) -> np.ndarray:
    """The Morris design in the unit cube, shape ``(trajectories * (D + 1), D)``."""
    from SALib.sample import morris as morris_sample

    from simulator.experiments.design import factors

    where = str(experiment.source or "<experiment>")
    dims = factors(experiment)
    if not dims:
        raise AnalysisError(where, "levers", "Morris needs at least one lever or uncertainty")
    if trajectories < 2:
        raise AnalysisError(where, "--trajectories", "must be at least 2")
    if levels < 2 or levels % 2:
        raise AnalysisError(where, "--levels", "must be an even number of at least 2")
    n_points = trajectories * (len(dims) + 1)
    if n_points > MAX_POINTS:
        raise AnalysisError(
            where,
            "--trajectories",
            f"{trajectories} trajectories of {len(dims) + 1} points "
            f"make {n_points} points; at most {MAX_POINTS} (use fewer trajectories)",
        )
    problem = {
        "num_vars": len(dims),
        "names": [f.name for f in dims],
        "bounds": [[0.0, 1.0]] * len(dims),
    }
    rng = np.random.default_rng([experiment.master_seed, MORRIS_STREAM])
    seed = int(rng.integers(0, 2**31 - 1))
    return morris_sample.sample(problem, trajectories, num_levels=levels, seed=seed)


def morris_experiment(
    experiment, trajectories: int = TRAJECTORIES, levels: int = LEVELS, runner: str = DEFAULT_RUNNER
):
    """The explicit-design experiment ``<name>_morris`` that runs the Morris points.

    Outcomes, replications, seeds, master seed and horizon are the original's; its design
    section is replaced by the Morris design.
    """
    from simulator.experiments import parse_experiment
    from simulator.experiments.design import factors

    dims = factors(experiment)
    unit = morris_points(experiment, trajectories, levels)
    files = dict(zip(_stems(experiment), experiment.resolve_scenarios(), strict=True))
    points = [_point(i, dims, row, files, runner) for i, row in enumerate(unit)]
    meta = _meta(experiment, dims, trajectories, levels)
    data = {
        "name": f"{experiment.name[:57]}_morris",
        "description": meta,
        "scenario": experiment.scenario_files[0],
        "levers": [{"name": DESIGN_POINT, "path": DESIGN_POINT_PATH, "values": points}],
        "outcomes": [o.model_dump(mode="json") for o in experiment.outcomes],
        "design": {"kind": "full_factorial"},
        "replications": experiment.replications,
        "master_seed": experiment.master_seed,
        "seeds": experiment.seeds,
        "years": experiment.years,
    }
    derived = parse_experiment(data, str(experiment.source or "<experiment>"))
    derived._source = experiment.source  # scenario paths stay relative to the original file
    return derived


def _meta(experiment, dims, trajectories: int, levels: int) -> str:
    """What the analysis needs to know about the design, as JSON for the description field."""
    factors = [
        {"name": f.name, "role": f.role, "unit": _unit(experiment, f.name), "choices": f.choices}
        for f in dims
    ]
    meta = {"method": "morris", "source": str(experiment.source or "")}
    meta |= {"trajectories": trajectories, "levels": levels, "factors": factors}
    text = json.dumps(meta, separators=(",", ":"))
    if len(text) > MAX_DESCRIPTION:  # long choice lists: the analysis reads them from the runs
        for factor in factors:
            factor["choices"] = None
        text = json.dumps(meta, separators=(",", ":"))
    return text


def _stems(experiment) -> list[str]:
    return [Path(s).stem for s in experiment.scenario_files]


def _unit(experiment, name: str) -> str:
    for param in experiment.parameters:
        if param.name == name:
            return param.unit
    return ""


def _point(index: int, dims, row: np.ndarray, files: dict, runner: str) -> str:
    """One design point as JSON: what the analysis needs and what the runner needs."""
    values = {f.name: f.from_unit(np.array([u]))[0] for f, u in zip(dims, row, strict=True)}
    point: dict[str, Any] = {"i": index, "u": [round(float(u), 12) for u in row], "values": values}
    point["overlays"] = [values[f.name] for f in dims if f.is_overlay]
    point["overrides"] = [[f.path, values[f.name]] for f in dims if f.path is not None]
    if "scenario" in values:
        point["scenario"] = str(files[values["scenario"]])
    if runner != DEFAULT_RUNNER:
        point["runner"] = runner
    return json.dumps(point, separators=(",", ":"))


def run_design_point(task: RunTask) -> tuple[dict[str, Any], Any, str]:
    """Runner of explicit-design sweeps: decode the point, run it with the usual runner."""
    point = json.loads(dict(task.overrides)[DESIGN_POINT_PATH])
    inner = RunTask(
        run_id=task.run_id,
        seed=task.seed,
        scenario_file=point.get("scenario", task.scenario_file),
        overlays=tuple(point["overlays"]),
        overrides=tuple((path, value) for path, value in point["overrides"]),
        years=task.years,
        runner=point.get("runner", DEFAULT_RUNNER),
    )
    return resolve(inner.runner)(inner)
