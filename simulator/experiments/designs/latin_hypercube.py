"""Latin hypercube: in every dimension each of the N strata ``[i/N, (i+1)/N)`` holds one point."""

from __future__ import annotations

import numpy as np


def draw(experiment, factors, rng) -> np.ndarray:
    """Points from scipy's ``qmc.LatinHypercube``, drawn from the design's random stream."""
    from scipy.stats import qmc

    n = experiment.design.samples
    if not factors:
        return np.zeros((n, 0))
    try:
        sampler = qmc.LatinHypercube(d=len(factors), rng=rng)
    except TypeError:  # scipy < 1.15 names the argument ``seed``
        sampler = qmc.LatinHypercube(d=len(factors), seed=rng)
    return sampler.random(n)
