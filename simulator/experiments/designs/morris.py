"""Morris: SALib's trajectories of ``D + 1`` points, one factor moving at each step.

The points come from their own random stream, ``default_rng([master_seed, 0x4D])``, as they
always have, so a Morris design drawn today equals one drawn by earlier versions.
"""

from __future__ import annotations

import numpy as np

#: Second entropy word of the Morris design's random stream (apart from the runs' seeds).
MORRIS_STREAM = 0x4D


def draw(experiment, factors, rng) -> np.ndarray:
    """``trajectories * (D + 1)`` points on a grid of ``levels`` levels in the unit cube."""
    from SALib.sample import morris as morris_sample

    design = experiment.design
    d = len(factors)
    problem = {"num_vars": d, "names": [f.name for f in factors], "bounds": [[0.0, 1.0]] * d}
    own = np.random.default_rng([experiment.master_seed, MORRIS_STREAM])
    seed = int(own.integers(0, 2**31 - 1))
    return morris_sample.sample(problem, design.trajectories, num_levels=design.levels, seed=seed)
