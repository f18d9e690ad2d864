"""``dewak sensitivity``: Sobol' or Morris indices of an experiment, run through the sweep machinery.

Heavy libraries load inside the function, so ``dewak --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

EXIT_INVALID = 2
EXIT_INTERRUPTED = 130


def sensitivity(
    experiment: Annotated[
        Path, typer.Argument(help="Experiment file, e.g. experiments/sensitivity_sobol.yaml.")
    ],
    method: Annotated[
        str, typer.Option("--method", help="sobol (needs a sobol design) or morris.")
    ] = "sobol",
    outcome: Annotated[
        list[str] | None,
        typer.Option(
            "--outcome", help="Outcome to analyse. Repeatable [default: the experiment's]."
        ),
    ] = None,
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
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an unfinished sensitivity sweep.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Start the sweep over.")] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Sweep folder [default: results/experiments/<name>[_morris]]."),
    ] = None,
    trajectories: Annotated[
        int | None, typer.Option("--trajectories", help="Morris trajectories [default: 10].")
    ] = None,
    levels: Annotated[
        int | None, typer.Option("--levels", help="Morris grid levels, even [default: 4].")
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
) -> None:
    """Run the design, average replications per point, write indices, noise and a bar chart.

    Writes <sweep folder>/sensitivity/: indices.csv/.parquet, noise.csv/.parquet,
    indices.png/.svg and summary.json. Exit code 0 when every run succeeded, 1 when some failed
    (they are left out of the analysis), 2 for invalid input.
    """
    from simulator.cli.common import executor_choice
    from simulator.scenario.errors import ScenarioError

    try:
        executor, size = executor_choice(
            "dewak sensitivity", workers, dask_local, scheduler, resume, force
        )
        run = _run(
            experiment,
            method,
            outcome,
            executor,
            size,
            scheduler,
            out,
            resume,
            force,
            progress,
            trajectories,
            levels,
        )
    except ScenarioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: finished runs are stored; continue with --resume", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    _report(run)
    raise typer.Exit(1 if run.sweep.failed else 0)


def _run(
    experiment,
    method,
    outcomes,
    executor,
    size,
    scheduler,
    out,
    resume,
    force,
    progress,
    trajectories,
    levels,
):
    from simulator.analysis import run_sensitivity

    return run_sensitivity(
        experiment,
        method=method,
        outcomes=outcomes or None,
        executor=executor,
        workers=size,
        scheduler=scheduler,
        out=out,
        resume=resume,
        force=force,
        progress=progress,
        trajectories=trajectories,
        levels=levels,
    )


def _report(run) -> None:
    sweep = run.sweep
    if run.result is None:
        left = sweep.n_runs - sweep.done
        typer.echo(
            f"{sweep.out}: {sweep.done}/{sweep.n_runs} runs stored, {left} left; "
            "continue with --resume (the analysis is written when all runs are stored)",
            err=True,
        )
        return
    for text in run.result.captions.values():
        typer.echo(text)
    for note in run.result.notes:
        typer.echo(f"note: {note}", err=True)
    failed = f", {sweep.failed} failed runs left out" if sweep.failed else ""
    typer.echo(
        f"{run.folder}: {len(run.files)} files written ({run.seconds:.0f} s{failed})", err=True
    )
