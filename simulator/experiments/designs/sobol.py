"""Sobol': SALib's Saltelli sampler, in SALib's order (so its analysis reads the runs directly)."""

from __future__ import annotations

import numpy as np


def draw(experiment, factors, rng) -> np.ndarray:
    """``samples * (D + 2)`` points (``2D + 2`` with second-order terms) in the unit cube."""
    from SALib.sample import sobol as sobol_sample

    design = experiment.design
    if not factors:
        return np.zeros((design.samples, 0))
    d = len(factors)
    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0.0, 1.0]] * d}
    seed = int(rng.integers(0, 2**31 - 1))
    return sobol_sample.sample(
        problem, design.samples, calc_second_order=design.second_order, seed=seed
    )
