"""The ``dewak`` command line: one module per command, registered below.

Command modules import only typer and the standard library at module level; numpy, pandas,
Mesa and the rest load inside the command that needs them, so ``dewak --help`` and
``dewak validate`` answer at once. Invalid input ends with exit code 2 and one line naming the
file and the field path (``FILE: FIELD.PATH: message``), never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer

from simulator.scenario.errors import ScenarioError

app = typer.Typer(
    name="dewak",
    help="DeWaK simulator: which way of organising and financing a neighbourhood facility lasts, who pays, how well it is used.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts say [default: ...] literally; no markup parsing
)

# (command name, module in simulator.cli, function) — add one line per new command.
COMMANDS = [
    ("validate", "validate", "validate"),
    ("run", "run", "run"),
    ("sweep", "sweep", "sweep"),
    ("report", "report", "report"),
    ("sensitivity", "sensitivity", "sensitivity"),
    ("discover", "discover", "discover"),
    ("stress-test", "stress_test", "stress_test"),
    ("app", "app_server", "app"),
    ("calibrate", "calibrate", "calibrate"),
    ("patterns", "patterns", "patterns"),
]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"dewak {version('dewak-simulator')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """DeWaK simulator: which way of organising and financing a neighbourhood facility lasts, who pays, how well it is used."""


for _name, _module, _function in COMMANDS:
    app.command(_name)(getattr(importlib.import_module(f"simulator.cli.{_module}"), _function))


def main() -> None:
    """Entry point of the ``dewak`` script."""
    try:
        app()
    except ScenarioError as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
