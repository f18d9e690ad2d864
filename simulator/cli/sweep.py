"""``dewak sweep``: run an experiment file (designs, replications, local or Dask execution).

Heavy libraries (numpy, pandas, dask) are imported inside the function, so ``dewak --help``
stays fast.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

EXIT_INTERRUPTED = 130


def sweep(
    experiment: Annotated[Path, typer.Argument(help="Experiment file, e.g. experiments/x.yaml.")],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", help="Local processes [default: one per core]; 1 = serial."
        ),
    ] = None,
    dask_local: Annotated[
        int | None,
        typer.Option("--dask-local", help="Start a Dask LocalCluster with N workers on 127.0.0.1."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Use a running Dask scheduler, e.g. tcp://host:8786."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Result folder [default: results/experiments/<name>]."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an unfinished sweep in the folder.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Delete an existing result in the folder first.")
    ] = False,
    max_runs: Annotated[
        int | None,
        typer.Option("--max-runs", help="Execute at most N runs now (continue with --resume)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the experiment, print its plan, run nothing.")
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
) -> None:
    """Run every run of an experiment and store runs.parquet, annual.parquet, manifest.json.

    Exit code 0 when all runs succeeded, 1 when some failed (they are recorded with their
    error), 2 for invalid input (nothing is written).
    """
    from simulator.cli.common import executor_choice, fail
    from simulator.scenario.errors import ScenarioError

    previous = signal.signal(signal.SIGTERM, _interrupt)  # e.g. SLURM at walltime
    try:
        executor, size = executor_choice(
            "dewak sweep", workers, dask_local, scheduler, resume, force
        )
        if dry_run:
            _print_plan(experiment)
            return
        result = _run(experiment, executor, size, scheduler, out, resume, force, max_runs, progress)
    except ScenarioError as exc:  # ExperimentError is a ScenarioError
        fail(exc)
    except KeyboardInterrupt:
        typer.echo("interrupted: finished runs are stored; continue with --resume", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    _report(result)
    raise typer.Exit(result.exit_code)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _run(experiment, executor, size, scheduler, out, resume, force, max_runs, progress):
    from simulator.experiments import run_experiment

    return run_experiment(
        experiment,
        executor=executor,
        workers=size,
        scheduler=scheduler,
        out=out,
        resume=resume,
        force=force,
        max_runs=max_runs,
        progress=progress,
    )


def _print_plan(experiment: Path) -> None:
    from simulator.experiments.sweep import describe_plan

    typer.echo(describe_plan(experiment))


def _report(result) -> None:
    if result.complete:
        state = f"complete: {result.n_runs} runs, {result.failed} failed"
    else:
        left = result.n_runs - result.done
        state = f"{result.done}/{result.n_runs} runs stored, {left} left (continue with --resume)"
    typer.echo(f"{result.out}: {state}; this invocation ran {result.executed}", err=True)
