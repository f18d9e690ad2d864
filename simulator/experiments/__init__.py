"""The experiment engine: designs, patches, seeds, executors, one store and one manifest.

Sweeps, sensitivity analyses (Sobol', Morris) and the fiscal stress test are experiments on
this engine (docs/experiments.md). Import names from here; they load lazily, so importing
this package stays cheap (the CLI's ``--help`` must not pull in numpy, pandas or dask):

- :func:`run_experiment` — run (or continue) an experiment into its store;
- :func:`sweep`, :func:`load_results` — the notebook API: runs and annual tables as DataFrames;
- :class:`BatchOptions` — executor, workers, scheduler, folder, resume, force, max-runs;
- :func:`load_experiment`, :func:`parse_experiment`, :class:`Experiment`, :class:`ExperimentError`;
- :func:`sample_points`, :func:`runs_table`, :func:`salib_problem` — a design's points and seeds.
"""

from __future__ import annotations

from simulator.lazy import lazy_exports

_EXPORTS = {
    "run_experiment": "simulator.experiments.sweep",
    "SweepResult": "simulator.experiments.sweep",
    "sweep": "simulator.experiments.results",
    "load_results": "simulator.experiments.results",
    "ExperimentResults": "simulator.experiments.results",
    "BatchOptions": "simulator.experiments.options",
    "load_experiment": "simulator.experiments.schema",
    "parse_experiment": "simulator.experiments.schema",
    "Experiment": "simulator.experiments.schema",
    "ExperimentError": "simulator.experiments.errors",
    "runs_table": "simulator.experiments.design",
    "sample_points": "simulator.experiments.design",
    "salib_problem": "simulator.experiments.design",
}

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
