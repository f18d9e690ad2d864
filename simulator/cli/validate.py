"""``dewak validate``: check scenario or experiment files without running anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import OVERLAY_HELP, SET_HELP, fail, load
from simulator.scenario.errors import ScenarioError

EXPERIMENT_KEYS = {"levers", "uncertainties", "design", "replications", "master_seed"}


def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario or experiment YAML files.")],
    overlay: Annotated[list[str] | None, typer.Option("--overlay", help=OVERLAY_HELP)] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help=SET_HELP)] = None,
) -> None:
    """Validate files: exit 0 if all are valid, else 2 with FILE: FIELD.PATH: message."""
    for path in files:
        if _is_experiment(path):
            _validate_experiment(path)
            kind = "experiment"
        else:
            load(path, overlay, set_)
            kind = "scenario"
        typer.echo(f"ok: {path} ({kind})")


def _is_experiment(path: Path) -> bool:
    from simulator.scenario.yaml_io import read_yaml

    try:
        doc = read_yaml(path)
    except ScenarioError as err:
        fail(err)
    return isinstance(doc, dict) and bool(EXPERIMENT_KEYS & set(doc))


def _validate_experiment(path: Path) -> None:
    from simulator.experiments.schema import load_experiment

    try:
        load_experiment(path)
    except ScenarioError as err:
        fail(err)
