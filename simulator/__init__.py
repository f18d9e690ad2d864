"""DeWaK simulator: organisation and financing models for municipal social facilities.

Public API (heavy modules load on first use, so ``dewak --help`` stays fast):

- ``load_scenario(path, overlays=(), overrides=None) -> Scenario``
- ``run(scenario, seed=0, years=None) -> RunResult``
- ``run_experiment(path, ...)`` (see ``simulator.experiments``)
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from simulator.scenario import Scenario, ScenarioError, load_scenario

try:
    __version__ = version("dewak-simulator")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__", "Scenario", "ScenarioError", "load_scenario", "run", "run_experiment"]


def run(scenario, seed: int = 0, years: int | None = None):
    """Run one scenario with one seed (see :func:`simulator.runner.run`)."""
    from simulator.runner import run as _run

    return _run(scenario, seed=seed, years=years)


def run_experiment(*args, **kwargs):
    """Run an experiment sweep (see :func:`simulator.experiments.run_experiment`)."""
    from simulator.experiments import run_experiment as _run_experiment

    return _run_experiment(*args, **kwargs)
