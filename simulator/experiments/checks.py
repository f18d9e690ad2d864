"""Check an experiment against the scenario schema before any run starts.

Every base scenario must load; every dotted path must exist in it; every value, each end of
every range and every overlay must give a valid scenario when applied alone to each base
scenario. A problem becomes an :class:`ExperimentError` naming the experiment file and the
field of the experiment that caused it (for example ``levers.1.values.2``), followed by the
scenario loader's own ``FIELD.PATH: message``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.experiments.schema import Experiment, ExperimentError, Parameter


def check_experiment(experiment: Experiment) -> dict[str, str]:
    """Validate the experiment against its scenarios; return the hashes of its input files.

    Returns:
        ``{path relative to the project: sha256}`` for each base scenario (hash of the loaded
        scenario) and each overlay file the experiment uses (hash of the file's bytes).

    Raises:
        ExperimentError: Naming the experiment file and field, on the first problem found.
    """
    from simulator.scenario import ScenarioError, check_path, load_scenario, scenario_hash

    file = str(experiment.source or "<experiment>")
    hashes = {}
    for i, path in enumerate(experiment.resolve_scenarios()):
        where = f"scenarios.{i}" if experiment.scenarios else "scenario"
        try:
            base = load_scenario(path)
        except ScenarioError as exc:
            raise ExperimentError(file, where, f"scenario does not load: {exc}") from None
        hashes[_relative(path, experiment)] = scenario_hash(base)
        checks = [(f, check_path, (base, p.path, str(path))) for f, p in _with_paths(experiment)]
        checks += [(f, load_scenario, (path, *change)) for f, *change in probes(experiment)]
        for field, check, args in checks:
            try:
                check(*args)
            except ScenarioError as exc:
                raise ExperimentError(file, field, _scenario_problem(exc, path)) from None
        hashes.update(_overlay_hashes(experiment, path.parent / "overlays"))
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


def _with_paths(experiment: Experiment) -> Iterator[tuple[str, Parameter]]:
    for section in ("levers", "uncertainties"):
        for i, param in enumerate(getattr(experiment, section)):
            if param.path is not None:
                yield f"{section}.{i}.path", param


def _values(param: Parameter) -> Iterator[tuple[str, Any]]:
    if param.continuous:
        cast = int if param.integer else float
        yield "low", cast(param.low)
        yield "high", cast(param.high)
        return
    key = "overlays" if param.overlays is not None else "values"
    for j, value in enumerate(param.choices):
        yield f"{key}.{j}", value


def _scenario_problem(exc, scenario: Path) -> str:
    """The loader's complaint, saying which scenario file it was checked against."""
    where = "" if exc.file in {str(scenario), "--set"} else f" (in {Path(exc.file).name})"
    return f"{exc.field_path}: {exc.message}{where} [checked on {scenario.name}]"


def _overlay_hashes(experiment: Experiment, folder: Path) -> dict[str, str]:
    names = [name for p in experiment.parameters for name in p.overlays or ()]
    out = {}
    for name in names:
        path = (folder / f"{name}.yaml").resolve()
        out[_relative(path, experiment)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _relative(path: Path, experiment: Experiment) -> str:
    """A path relative to the experiment's project folder (stable across machines)."""
    root = experiment.project_root()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
