"""DeWaK simulator: organisation and financing models for municipal social facilities.

Public API (heavy modules load on first use, so ``dewak --help`` stays fast):

- ``load_scenario(path, overlays=(), overrides=None) -> Scenario``
- ``run(scenario, seed=0, years=None) -> RunResult``
- ``sweep(experiment, **options) -> ExperimentResults`` (``.runs``, ``.annual``, ``.to_ema()``;
  safe to re-run in a notebook cell)
- ``load_results(folder) -> ExperimentResults``
- ``run_experiment(experiment, **options) -> SweepResult`` (the engine; see ``simulator.experiments``)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from simulator.scenario import Scenario, ScenarioError, load_scenario

try:
    __version__ = version("dewak-simulator")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "__version__",
    "Scenario",
    "ScenarioError",
    "load_results",
    "load_scenario",
    "run",
    "run_experiment",
    "sweep",
]


def run(scenario, seed: int = 0, years: int | None = None):
    """Run one scenario with one seed (see :func:`simulator.runner.run`)."""
    from simulator.runner import run as _run

    return _run(scenario, seed=seed, years=years)


def sweep(experiment, *args, **kwargs):
    """Run or continue an experiment; its tables as DataFrames (see :func:`simulator.experiments.sweep`)."""
    from simulator.experiments.results import sweep as _sweep

    return _sweep(experiment, *args, **kwargs)


def load_results(out):
    """A stored experiment's tables (see :func:`simulator.experiments.load_results`)."""
    from simulator.experiments.results import load_results as _load_results

    return _load_results(out)


def run_experiment(*args, **kwargs):
    """Run an experiment into its store (see :func:`simulator.experiments.run_experiment`)."""
    from simulator.experiments import run_experiment as _run_experiment

    return _run_experiment(*args, **kwargs)
