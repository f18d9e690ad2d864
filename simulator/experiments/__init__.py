"""Experiments: sweeps over levers and uncertainties, with designs, seeds and a results store.

Import names from here: :func:`run_experiment`, :func:`load_experiment`, :class:`Experiment`,
:class:`ExperimentError`, :class:`SweepResult`. They load lazily, so importing this package
stays cheap (the CLI's ``--help`` must not pull in numpy, pandas or dask).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "run_experiment": "simulator.experiments.sweep",
    "SweepResult": "simulator.experiments.sweep",
    "load_experiment": "simulator.experiments.schema",
    "parse_experiment": "simulator.experiments.schema",
    "Experiment": "simulator.experiments.schema",
    "ExperimentError": "simulator.experiments.schema",
    "runs_table": "simulator.experiments.design",
    "sample_points": "simulator.experiments.design",
    "salib_problem": "simulator.experiments.design",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'simulator.experiments' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
