"""Designs and seeds: from an experiment to its sample points and its runs table.

Every factor (the base scenario when there are several, then each lever and uncertainty) gets
one coordinate ``u`` in the unit interval. Continuous factors map ``u`` linearly onto
``[low, high]`` (integers: ``floor`` over ``low..high`` inclusive); discrete factors (values,
overlays, scenarios) take choice ``floor(u * k)`` of their ``k`` choices. Full factorial crosses
the choices directly. Run ``i`` (sample ``i // replications``, replication
``i % replications``) gets the ``i``-th child of ``SeedSequence(master_seed)``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from simulator.experiments.schema import Experiment

#: Second entropy word that separates the design's random stream from the runs' seeds.
DESIGN_STREAM = 0xD5


@dataclass(frozen=True)
class Factor:
    """One dimension of the design.

    Attributes:
        name: Column name in the runs table.
        role: ``scenario``, ``lever`` or ``uncertainty``.
        choices: Discrete choices (values, overlay names or scenario names), or None.
        low: Lower bound of a continuous range.
        high: Upper bound of a continuous range.
        integer: Whether a continuous range takes whole numbers.
        path: Dotted scenario path it sets (None for overlays and scenarios).
    """

    name: str
    role: str
    choices: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    integer: bool = False
    path: str | None = None

    @property
    def is_overlay(self) -> bool:
        """True when the factor chooses among scenario overlays."""
        return self.role != "scenario" and self.path is None

    def from_unit(self, u: np.ndarray) -> list[Any]:
        """Map unit-interval coordinates onto this factor's values (plain Python scalars)."""
        if self.choices is not None:
            index = np.minimum((u * len(self.choices)).astype(int), len(self.choices) - 1)
            return [self.choices[i] for i in index]
        if self.integer:
            span = self.high - self.low + 1
            whole = np.minimum(np.floor(self.low + u * span), self.high)
            return [int(v) for v in whole]
        return [float(v) for v in self.low + u * (self.high - self.low)]


def factors(experiment: Experiment) -> list[Factor]:
    """The design's factors in column order: scenario (if several), levers, uncertainties."""
    out = []
    if experiment.scenarios is not None:
        names = tuple(Path(s).stem for s in experiment.scenarios)
        out.append(Factor("scenario", "scenario", choices=names))
    for role, params in (("lever", experiment.levers), ("uncertainty", experiment.uncertainties)):
        for p in params:
            if p.continuous:
                out.append(
                    Factor(p.name, role, None, float(p.low), float(p.high), p.integer, p.path)
                )
            else:
                out.append(Factor(p.name, role, p.choices, path=p.path))
    return out


def count_samples(experiment: Experiment) -> int:
    """Number of sample points the design yields, without generating them."""
    dims = factors(experiment)
    design = experiment.design
    if design.kind == "full_factorial":
        return math.prod(len(f.choices or ()) for f in dims)
    if design.kind == "latin_hypercube":
        return design.samples
    per_base = 2 * len(dims) + 2 if design.second_order else len(dims) + 2
    return design.samples * per_base if dims else design.samples


def unit_design(experiment: Experiment) -> np.ndarray:
    """Sample coordinates in the unit hypercube, shape ``(n_samples, n_factors)``."""
    dims = factors(experiment)
    design = experiment.design
    if not dims:
        return np.zeros((count_samples(experiment), 0))
    if design.kind == "full_factorial":
        grids = [(np.arange(len(f.choices)) + 0.5) / len(f.choices) for f in dims]
        return np.array(list(itertools.product(*grids)), dtype=float)
    rng = np.random.default_rng([experiment.master_seed, DESIGN_STREAM])
    if design.kind == "latin_hypercube":
        return _latin_hypercube(len(dims), design.samples, rng)
    return _sobol(len(dims), design.samples, design.second_order, rng)


def _latin_hypercube(d: int, n: int, rng: np.random.Generator) -> np.ndarray:
    from scipy.stats import qmc

    try:
        sampler = qmc.LatinHypercube(d=d, rng=rng)
    except TypeError:  # scipy < 1.15 names the argument ``seed``
        sampler = qmc.LatinHypercube(d=d, seed=rng)
    return sampler.random(n)


def _sobol(d: int, n: int, second_order: bool, rng: np.random.Generator) -> np.ndarray:
    from SALib.sample import sobol as sobol_sample

    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0.0, 1.0]] * d}
    seed = int(rng.integers(0, 2**31 - 1))
    return sobol_sample.sample(problem, n, calc_second_order=second_order, seed=seed)


def sample_points(experiment: Experiment) -> pd.DataFrame:
    """One row per sample point: ``sample_id`` and the value of every factor."""
    dims = factors(experiment)
    unit = unit_design(experiment)
    table = {"sample_id": np.arange(len(unit), dtype=np.int64)}
    for j, factor in enumerate(dims):
        table[factor.name] = factor.from_unit(unit[:, j])
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
    point (common random numbers, for paired comparisons between levers).
    """
    reps = experiment.replications
    n = experiment.n_runs
    run_id = np.arange(n, dtype=np.int64)
    replication = run_id % reps
    if experiment.seeds == "common":
        seed = run_seeds(experiment.master_seed, reps)[replication]
    else:
        seed = run_seeds(experiment.master_seed, n)
    return pd.DataFrame(
        {"run_id": run_id, "sample_id": run_id // reps, "replication": replication, "seed": seed}
    )
