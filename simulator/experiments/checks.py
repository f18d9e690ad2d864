"""Check an experiment against its scenarios and the model before any run starts.

Every base scenario must load; every dotted path (of a parameter or of ``set``) must exist in
it; every list a parameter puts items into must be a list; every overlay must exist; every
value, each end of every range, every list item, shock set and overlay must give a valid
scenario when applied alone; every outcome must be one the model reports. A problem becomes
an :class:`ExperimentError` naming the experiment file and the field of the experiment that
caused it (for example ``levers.1.path``), the scenario loader's ``FIELD.PATH: message``,
and the closest valid name. ``dewak validate`` and ``--dry-run`` run exactly these checks;
nothing here imports numpy or pandas.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.experiments.errors import ExperimentError
from simulator.experiments.outcomes import OUTCOME_NAMES
from simulator.experiments.patches import Overlay, Patch, SetValue, build_scenario, list_at
from simulator.experiments.schema import Experiment
from simulator.experiments.suggest import did_you_mean, path_suggestion
from simulator.scenario import ScenarioError, check_path, scenario_hash


def check_experiment(experiment: Experiment) -> dict[str, str]:
    """Validate the experiment against its scenarios; return the hashes of its input files.

    The design checks the files it reads first (a posterior design: that its posteriors
    exist and fit), and the paths it sets are checked in every base scenario.

    Returns:
        ``{path: sha256}`` for each base scenario (hash of the loaded scenario), each overlay
        file the experiment uses and each file its design reads (hashes of the files' bytes);
        paths relative to the experiment's project folder where they lie inside it.

    Raises:
        ExperimentError: Naming the experiment file and field, on the first problem found.
    """
    file = str(experiment.source or "<experiment>")
    check_outcomes(experiment, file)
    experiment.design.check_inputs(experiment)
    hashes = {}
    for i, path in enumerate(experiment.resolve_scenarios()):
        where = f"scenarios.{i}" if experiment.scenarios else "scenario"
        base = _load(path, (), file, where)
        hashes[_relative(path, experiment)] = scenario_hash(base)
        doc = base.model_dump(mode="json")
        for field, dotted, is_list in _paths(experiment):
            _check_path(doc, dotted, is_list, file, field, path)
        for field, dotted in experiment.design.scenario_paths(experiment, path.stem):
            _check_path(doc, dotted, False, file, field, path)
        for field, patches in probes(experiment):
            _load(path, patches, file, field)
        hashes.update(_overlay_hashes(experiment, path.parent / "overlays"))
    for file in experiment.design.files(experiment):
        hashes[_relative(file, experiment)] = hashlib.sha256(file.read_bytes()).hexdigest()
    return hashes


def check_outcomes(experiment: Experiment, file: str) -> None:
    """Every named outcome must be one the model reports (a key of a run's summary)."""
    for i, outcome in enumerate(experiment.outcomes):
        if outcome.name not in OUTCOME_NAMES:
            raise ExperimentError(
                file,
                f"outcomes.{i}",
                f"{outcome.name!r} is not an outcome of the model"
                f"{did_you_mean(outcome.name, OUTCOME_NAMES)} (outcomes: {', '.join(OUTCOME_NAMES)})",
            )


def probes(experiment: Experiment) -> Iterator[tuple[str, tuple[Patch, ...]]]:
    """The experiment's own patches alone, then each parameter value with them."""
    base = tuple(Overlay(n) for n in experiment.overlays)
    base += tuple(SetValue(p, v) for p, v in experiment.sets.items())
    if base:
        yield "overlays" if experiment.overlays else "set", base
    for section in ("levers", "uncertainties"):
        for i, param in enumerate(getattr(experiment, section)):
            for key, value in _values(param):
                yield f"{section}.{i}.{key}", (*base, param.patch(value))


def _load(path: Path, patches: tuple[Patch, ...], file: str, field: str):
    try:
        return build_scenario(path, patches)
    except ScenarioError as exc:
        hint = _overlay_hint(exc, path)
        raise ExperimentError(file, field, _scenario_problem(exc, path, hint)) from None


def _paths(experiment: Experiment) -> Iterator[tuple[str, str, bool]]:
    """``(experiment field, dotted path, must be a list)`` of every path the experiment sets."""
    for path in experiment.sets:
        yield "set", path, False
    for section in ("levers", "uncertainties"):
        for i, param in enumerate(getattr(experiment, section)):
            if param.path is not None:
                yield f"{section}.{i}.path", param.path, param.items is not None


def _check_path(doc: dict, dotted: str, is_list: bool, file: str, field: str, scenario: Path):
    try:
        if is_list:
            list_at(doc, dotted, str(scenario))
        else:
            check_path(doc, dotted, str(scenario))
    except ScenarioError as exc:
        hint = path_suggestion(doc, dotted)
        raise ExperimentError(file, field, _scenario_problem(exc, scenario, hint)) from None


def _values(param) -> Iterator[tuple[str, Any]]:
    if param.continuous:
        cast = int if param.integer else float
        yield "low", cast(param.low)
        yield "high", cast(param.high)
        return
    key = next(k for k in ("values", "overlays", "items", "shocks") if getattr(param, k))
    for j, value in enumerate(param.choices):
        yield (f"{key}.{j}" if key in ("values", "overlays") else f"{key}.{value}"), value


def _overlay_hint(exc: ScenarioError, scenario: Path) -> str:
    """For an unknown overlay: the closest overlay file next to the scenario."""
    if not exc.message.startswith("unknown overlay"):
        return ""
    name = exc.message.split("'")[1] if "'" in exc.message else ""
    known = sorted(p.stem for p in (scenario.parent / "overlays").glob("*.yaml"))
    return did_you_mean(name, known)


def _scenario_problem(exc: ScenarioError, scenario: Path, hint: str = "") -> str:
    """The loader's complaint, saying which scenario file it was checked against."""
    where = "" if exc.file in {str(scenario), "--set"} else f" (in {Path(exc.file).name})"
    return f"{exc.field_path}: {exc.message}{hint}{where} [checked on {scenario.name}]"


def _overlay_hashes(experiment: Experiment, folder: Path) -> dict[str, str]:
    names = [*experiment.overlays, *(n for p in experiment.parameters for n in p.overlays or ())]
    out = {}
    for name in names:
        path = (folder / f"{name}.yaml").resolve()
        out[_relative(path, experiment)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def project_root(experiment: Experiment) -> Path:
    """The experiment's project folder: its folder, or the parent that holds ``scenarios/``.

    Input files are named relative to it in the manifest (stable across machines); it
    confines nothing.
    """
    base = experiment.base_folder().resolve()
    return base.parent if (base.parent / "scenarios").is_dir() else base


def _relative(path: Path, experiment: Experiment) -> str:
    root = project_root(experiment)
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
