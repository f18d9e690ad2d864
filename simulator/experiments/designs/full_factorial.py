"""Full factorial: every combination of every factor's choices (first factor slowest)."""

from __future__ import annotations

import itertools

import numpy as np


def draw(experiment, factors, rng) -> np.ndarray:
    """Choice ``i`` of ``k`` at coordinate ``(i + 0.5) / k``, crossed over all factors."""
    if not factors:
        return np.zeros((experiment.n_samples, 0))
    grids = [(np.arange(len(f.choices)) + 0.5) / len(f.choices) for f in factors]
    return np.array(list(itertools.product(*grids)), dtype=float)
