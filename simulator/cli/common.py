"""Small helpers shared by the commands: parsing ``--set`` and ``--overlay``, printing errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from simulator.scenario.errors import ScenarioError

SET_HELP = (
    "Patch the scenario: path=value (YAML data, never evaluated); 'financing[user_fees].x=2', "
    "'financing[+]={...}' appends, 'financing[-key]=' removes (scenarios/README.md). Repeatable."
)
OVERLAY_HELP = "Apply scenarios/overlays/NAME.yaml on top (e.g. ageing, fiscal_stress). Repeatable."

# Options several commands share, written once.
Overlays = Annotated[list[str] | None, typer.Option("--overlay", help=OVERLAY_HELP)]
Sets = Annotated[list[str] | None, typer.Option("--set", help=SET_HELP)]
Years = Annotated[
    int | None, typer.Option(help="Horizon in years [default: the scenario's].", min=1, max=100)
]
Force = Annotated[bool, typer.Option("--force", help="Replace an existing result folder.")]


def parse_sets(items: list[str] | None) -> list[tuple[str, Any]]:
    """``["a.b=1", ...]`` as ``(path, value)`` pairs in order (a path may repeat: ``x[+]``)."""
    from simulator.scenario import parse_override

    return [parse_override(item) for item in items or []]


def fail(err: ScenarioError) -> None:
    """Print one line naming file and field path; exit 2."""
    print(f"error: {err}", file=sys.stderr)
    raise typer.Exit(2)


def load(path: Path, overlays: list[str] | None, sets: list[str] | None):
    """Load and validate a scenario with overlays and overrides, or exit 2."""
    from simulator.scenario import load_scenario

    try:
        return load_scenario(path, overlays=overlays or (), overrides=parse_sets(sets))
    except ScenarioError as err:
        fail(err)
