"""The design registry: one module per design kind, each drawing an experiment's points.

A design module has one function, ``draw(experiment, factors, rng) -> Points``, returning
either unit coordinates (mapped onto each factor's values here) or the values themselves
(turned into coordinates here); it may also have ``factors(experiment)``, the factors it adds
to the experiment's own (``posterior``: the draw id and the posterior's parameters). Its options live in the file format
(:mod:`simulator.experiments.design_specs`); ``REGISTRY`` names the module for each ``kind``.
To add a design: a spec class there, a module here, one line below.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

import numpy as np

#: ``kind`` of the design section -> module that draws its points.
REGISTRY = {
    "full_factorial": "simulator.experiments.designs.full_factorial",
    "latin_hypercube": "simulator.experiments.designs.latin_hypercube",
    "sobol": "simulator.experiments.designs.sobol",
    "morris": "simulator.experiments.designs.morris",
    "explicit": "simulator.experiments.designs.explicit",
    "posterior": "simulator.experiments.designs.posterior",
}

#: Second entropy word that separates the design's random stream from the runs' seeds.
DESIGN_STREAM = 0xD5


@dataclass(frozen=True)
class Points:
    """A design's sample points, as unit coordinates and as values.

    Attributes:
        unit: Shape ``(n_points, n_factors)``, coordinates in ``[0, 1]``.
        values: One list of ``n_points`` values per factor name, in factor order.
    """

    unit: np.ndarray
    values: dict[str, list[Any]]


def draw(experiment, factors) -> Points:
    """Draw the points of ``experiment``'s design (the same file gives the same points)."""
    module = import_module(REGISTRY[experiment.design.kind])
    rng = np.random.default_rng([experiment.master_seed, DESIGN_STREAM])
    drawn = module.draw(experiment, factors, rng)
    n = experiment.n_samples
    if isinstance(drawn, dict):  # values given directly (explicit, posterior)
        columns = [f.to_unit(drawn[f.name]) for f in factors]
        return Points(np.column_stack(columns) if factors else np.zeros((n, 0)), drawn)
    unit = np.asarray(drawn, dtype=float).reshape(n, len(factors))
    values = {f.name: f.from_unit(unit[:, j]) for j, f in enumerate(factors)}
    return Points(unit, values)
