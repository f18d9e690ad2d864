"""The options every batch command shares, declared once: ``dewak sweep``, ``sensitivity``, ``stress-test``.

:func:`batch_command` gives a command function the shared options (executor, workers, Dask,
result folder, resume, force, max-runs, yes, dry run, progress) and hands them to it as one
:class:`~simulator.experiments.options.BatchOptions` (its ``options`` parameter), with a
``dry_run`` flag. It also turns the command's failures into exit codes the same way for all:
2 for invalid input or an unusable result folder (one line ``error: FILE: FIELD.PATH:
message``; nothing written), 1 when workers could not run anything or results could not be
written (a full disk: one line; stored runs are kept), 130 when interrupted (SIGINT, or SIGTERM as a cluster's walltime sends).

Only typer and the standard library load here, so ``dewak --help`` stays fast.
"""

from __future__ import annotations

import functools
import inspect
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from simulator.experiments.errors import InfrastructureError
from simulator.scenario.errors import ScenarioError

EXIT_INFRASTRUCTURE = 1
EXIT_INVALID = 2
EXIT_INTERRUPTED = 130

_KW = inspect.Parameter.KEYWORD_ONLY
_EXECUTOR_HELP = "serial, pool or dask [default: pool; --workers 1 alone means serial]."
#: The shared options: name, type, default, flags, help.
SHARED = [
    ("executor", str | None, None, ("--executor",), _EXECUTOR_HELP),
    ("workers", int | None, None, ("--workers", "-w"), "Local processes [default: one per core]; 1 = serial."),
    ("dask_local", int | None, None, ("--dask-local",), "Start a Dask LocalCluster with N workers on 127.0.0.1."),
    ("scheduler", str | None, None, ("--scheduler",), "Use a running Dask scheduler, e.g. tcp://host:8786."),
    ("out", Path | None, None, ("--out",), "Result folder [default: results/<kind>/<name>]."),
    ("resume", bool, False, ("--resume",), "Continue an unfinished batch in the folder."),
    ("force", bool, False, ("--force",), "Delete an existing result in the folder first."),
    ("max_runs", int | None, None, ("--max-runs",), "Execute at most N runs now (continue with --resume)."),
    ("yes", bool, False, ("--yes",), "Confirm a batch of more than 10,000 runs."),
    ("dry_run", bool, False, ("--dry-run",), "Check everything, print the plan, run nothing."),
    ("progress", bool, True, ("--progress/--no-progress",), "Show a progress bar on stderr."),
]  # fmt: skip
SHARED_NAMES = [name for name, *_ in SHARED]


def batch_command(func):
    """Give ``func(..., options, dry_run)`` the shared batch options as command-line options."""
    own = [
        p
        for p in inspect.signature(func, eval_str=True).parameters.values()
        if p.name not in ("options", "dry_run")
    ]
    shared = [
        inspect.Parameter(
            name, _KW, default=default, annotation=Annotated[kind, typer.Option(*flags, help=text)]
        )
        for name, kind, default, flags, text in SHARED
    ]

    @functools.wraps(func)
    def command(**kwargs: Any) -> None:
        given = {name: kwargs.pop(name) for name in SHARED_NAMES}
        with _exit_codes(), _sigterm_interrupts():
            dry_run = given.pop("dry_run")
            options = _options(func.__name__.replace("_", "-"), given)
            func(**kwargs, options=options, dry_run=dry_run)

    command.__signature__ = inspect.Signature([*own, *shared])
    command.__annotations__ = {p.name: p.annotation for p in (*own, *shared)}
    return command


def _options(command: str, given: dict[str, Any]):
    from simulator.experiments.options import BatchOptions

    try:
        return BatchOptions.from_cli(**given)
    except ScenarioError as err:
        raise ScenarioError(f"dewak {command}", err.field_path, err.message) from None


@contextmanager
def _exit_codes() -> Iterator[None]:
    """Map the failures of a batch to exit codes (see the module docstring)."""
    try:
        yield
    except ScenarioError as err:
        print(f"error: {err}", file=sys.stderr)
        raise typer.Exit(EXIT_INVALID) from None
    except InfrastructureError as err:
        print(f"error: {err}", file=sys.stderr)
        raise typer.Exit(EXIT_INFRASTRUCTURE) from None
    except OSError as exc:  # a write outside the store's own (derived outputs): one line too
        where = exc.filename or "results"
        reason = exc.strerror or str(exc).splitlines()[0]
        print(f"error: {where}: cannot write ({reason}); stored runs are kept", file=sys.stderr)
        raise typer.Exit(EXIT_INFRASTRUCTURE) from None
    except KeyboardInterrupt:
        print("interrupted: finished runs are stored; continue with --resume", file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED) from None


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM (e.g. SLURM at walltime) stops the batch like Ctrl-C: finished runs stay stored."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def report_progress(result) -> None:
    """One line on stderr: the folder and how far the batch is."""
    if result.complete:
        state = f"complete: {result.n_runs} runs, {result.failed} failed"
    else:
        left = result.n_runs - result.done
        state = f"{result.done}/{result.n_runs} runs stored, {left} left (continue with --resume)"
    typer.echo(f"{result.out}: {state}; this invocation ran {result.executed}", err=True)
