"""``dewak validate``: check scenario, experiment or stress-test shock files without running anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import Overlays, Sets, fail, load
from simulator.scenario.errors import ScenarioError

EXPERIMENT_KEYS = {"levers", "uncertainties", "design", "replications", "master_seed"}


def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario, experiment or shock YAML files.")],
    overlay: Overlays = None,
    set_: Sets = None,
) -> None:
    """Validate files: exit 0 if all are valid, else 2 with FILE: FIELD.PATH: message."""
    for path in files:
        kind = _kind(path)
        if kind == "experiment":
            _validate_experiment(path)
        elif kind in ("calibration", "patterns"):
            _validate_calibration(path, kind)
        elif kind == "stress-test shocks":
            _validate_shocks(path)
        else:
            load(path, overlay, set_)
        typer.echo(f"ok: {path} ({kind})")


def _kind(path: Path) -> str:
    from simulator.scenario.yaml_io import read_yaml

    try:
        doc = read_yaml(path)
    except ScenarioError as err:
        fail(err)
    if isinstance(doc, dict) and "stress_test" in doc:
        return "stress-test shocks"
    if isinstance(doc, dict) and {"fit", "parameters"} <= set(doc):
        return "calibration"
    if isinstance(doc, dict) and "patterns" in doc:
        return "patterns"
    return "experiment" if isinstance(doc, dict) and EXPERIMENT_KEYS & set(doc) else "scenario"


def _validate_shocks(path: Path) -> None:
    from simulator.stress.schema import load_shocks

    try:
        load_shocks(path)
    except ScenarioError as err:
        fail(err)


def _validate_calibration(path: Path, kind: str) -> None:
    """The file and its patterns, without the model (``dewak calibrate`` checks the rest)."""
    from simulator.calibration.patterns import load_patterns
    from simulator.calibration.schema import read_with_patterns

    try:
        read_with_patterns(path) if kind == "calibration" else load_patterns(path)
    except ScenarioError as err:
        fail(err)


def _validate_experiment(path: Path) -> None:
    from simulator.experiments.schema import load_experiment

    try:
        load_experiment(path)
    except ScenarioError as err:
        fail(err)
