"""Check an experiment against the scenario schema before any run starts.

Every base scenario must load; every dotted path must exist; every value, each end of every
range and every overlay must give a valid scenario when applied alone to each base scenario.
A problem becomes an :class:`ExperimentError` naming the experiment file and the field of the
experiment that caused it (for example ``levers.1.values.2``), followed by the scenario's message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.experiments.schema import Experiment, ExperimentError, Parameter


def check_experiment(experiment: Experiment) -> dict[str, str]:
    """Validate the experiment against its scenarios; return each base scenario's hash.

    Raises:
        ExperimentError: Naming the experiment file and field, on the first problem found.
    """
    from simulator.scenario import ScenarioError, load_scenario, scenario_hash

    file = str(experiment.source or "<experiment>")
    hashes = {}
    for i, path in enumerate(experiment.resolve_scenarios()):
        field = f"scenarios.{i}" if experiment.scenarios else "scenario"
        try:
            hashes[_relative(path, experiment)] = scenario_hash(load_scenario(path))
        except ScenarioError as exc:
            raise ExperimentError(file, field, f"scenario does not load: {exc}") from None
        for field, overlays, overrides in probes(experiment):
            try:
                load_scenario(path, overlays=overlays, overrides=overrides)
            except ScenarioError as exc:
                raise ExperimentError(file, field, f"{exc.field_path}: {exc.message}") from None
    return hashes


def probes(experiment: Experiment) -> Iterator[tuple[str, tuple[str, ...], dict[str, Any]]]:
    """Each parameter value alone: ``(experiment field, overlays, overrides)``."""
    for section in ("levers", "uncertainties"):
        for i, param in enumerate(getattr(experiment, section)):
            for key, value in _values(param):
                field = f"{section}.{i}.{key}"
                if param.overlays is not None:
                    yield field, (value,), {}
                else:
                    yield field, (), {param.path: value}


def _values(param: Parameter) -> Iterator[tuple[str, Any]]:
    if param.continuous:
        cast = int if param.integer else float
        yield "low", cast(param.low)
        yield "high", cast(param.high)
        return
    key = "overlays" if param.overlays is not None else "values"
    for j, value in enumerate(param.choices):
        yield f"{key}.{j}", value


def _relative(path: Path, experiment: Experiment) -> str:
    """A scenario path relative to the experiment's project folder (stable across machines)."""
    return str(path.relative_to(experiment.project_root()))
