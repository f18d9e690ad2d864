"""An experiment's sample points and runs: design points, seeds and run ids.

The points come from the design registry (:mod:`simulator.experiments.designs`), one module
per kind; this module turns them into tables. Run ``i`` (sample ``i // replications``,
replication ``i % replications``) gets the ``i``-th child of ``SeedSequence(master_seed)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simulator.experiments.designs import DESIGN_STREAM, Points, draw
from simulator.experiments.factors import Factor, factors
from simulator.experiments.schema import Experiment

__all__ = [
    "DESIGN_STREAM",
    "Factor",
    "factors",
    "points",
    "run_seeds",
    "runs_table",
    "salib_problem",
    "sample_points",
    "unit_design",
]


def points(experiment: Experiment) -> Points:
    """The design's points (unit coordinates and values)."""
    return draw(experiment, factors(experiment))


def unit_design(experiment: Experiment) -> np.ndarray:
    """Sample coordinates in the unit hypercube, shape ``(n_samples, n_factors)``."""
    return points(experiment).unit


def sample_points(experiment: Experiment) -> pd.DataFrame:
    """One row per sample point: ``sample_id`` and the value of every factor."""
    drawn = points(experiment)
    table: dict[str, Any] = {"sample_id": np.arange(len(drawn.unit), dtype=np.int64)}
    table.update(drawn.values)
    return pd.DataFrame(table)


def salib_problem(experiment: Experiment) -> dict[str, Any]:
    """The SALib problem matching :func:`unit_design` (discrete factors on ``[0, 1]``)."""
    dims = factors(experiment)
    bounds = [[f.low, f.high] if f.choices is None else [0.0, 1.0] for f in dims]
    return {"num_vars": len(dims), "names": [f.name for f in dims], "bounds": bounds}


def run_seeds(master_seed: int, n: int) -> np.ndarray:
    """``n`` distinct, stable 63-bit seeds: child ``i`` of ``SeedSequence(master_seed)``."""
    children = np.random.SeedSequence(master_seed).spawn(n)
    state = [int(c.generate_state(1, dtype=np.uint64)[0]) >> 1 for c in children]
    return np.array(state, dtype=np.int64)


def runs_table(experiment: Experiment) -> pd.DataFrame:
    """One row per run: ``run_id``, ``sample_id``, ``replication``, ``seed``.

    ``run_id = sample_id * replications + replication``. With ``seeds: per_run`` every run has
    its own seed; with ``seeds: common`` replication ``r`` uses the same seed at every sample
    point (common random numbers, for paired comparisons between levers) — within a seed group
    of the design: under the ``posterior`` design, draw ``d`` and replication ``r`` share one.
    """
    reps = experiment.replications
    n = experiment.n_runs
    run_id = np.arange(n, dtype=np.int64)
    replication = run_id % reps
    if experiment.seeds == "common":
        group = np.asarray(experiment.design.seed_groups(experiment.n_samples), dtype=np.int64)
        group = group[run_id // reps] if n else group[:0]
        n_seeds = (int(group.max()) + 1) * reps if n else reps
        seed = run_seeds(experiment.master_seed, n_seeds)[group * reps + replication]
    else:
        seed = run_seeds(experiment.master_seed, n)
    return pd.DataFrame(
        {"run_id": run_id, "sample_id": run_id // reps, "replication": replication, "seed": seed}
    )
