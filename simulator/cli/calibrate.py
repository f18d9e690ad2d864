"""``dewak calibrate``: fit a calibration file's parameters to its patterns with pyabc (ABC-SMC).

Heavy libraries (pyabc, numpy, pandas) are imported inside the function, so ``dewak --help``
stays fast.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

EXIT_INTERRUPTED = 130


def calibrate(
    calibration: Annotated[
        Path, typer.Argument(help="Calibration file, e.g. experiments/calibrate_herten.yaml.")
    ],
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
        typer.Option("--out", help="Result folder [default: results/calibration/<name>]."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the calibration stored in the folder.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Delete a calibration stored in the folder first.")
    ] = False,
    max_runs: Annotated[
        int | None,
        typer.Option("--max-runs", min=1, help="Stop once this many model runs are done."),
    ] = None,
    generations: Annotated[
        int | None,
        typer.Option("--generations", min=1, max=100, help="Stop at N generations in all."),
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Print a line per generation.")
    ] = True,
) -> None:
    """Calibrate with ABC-SMC; store posterior.parquet, summary.json, figures, manifest.json.

    Exit code 0 when a stop rule ended the calibration, 2 for invalid input (nothing is
    written), 130 when interrupted (finished generations are kept; continue with --resume).
    """
    from simulator.cli.common import fail
    from simulator.scenario.errors import ScenarioError

    previous = signal.signal(signal.SIGTERM, _interrupt)  # e.g. SLURM at walltime
    try:
        choice = _sampler(workers, dask_local, scheduler, resume, force)
        result = _run(calibration, choice, out, resume, force, max_runs, generations, progress)
    except ScenarioError as exc:  # CalibrationError is a ScenarioError
        fail(exc)
    except KeyboardInterrupt:
        typer.echo("interrupted: finished generations are stored; continue with --resume", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    _report(result)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _sampler(workers, dask_local, scheduler, resume, force):
    from simulator.calibration.smc import SamplerChoice
    from simulator.experiments.options import BatchOptions
    from simulator.scenario.errors import ScenarioError

    if resume and force:
        raise ScenarioError(
            "dewak calibrate", "--resume", "use either --resume or --force, not both"
        )
    if workers is not None and workers < 1:
        raise ScenarioError("dewak calibrate", "--workers", "must be at least 1")
    options = BatchOptions.from_cli(workers=workers, dask_local=dask_local, scheduler=scheduler)
    if scheduler is not None and not scheduler.startswith(("tcp://", "tls://", "inproc://")):
        raise ScenarioError(
            "dewak calibrate", "--scheduler", "expected an address like tcp://host:8786"
        )
    return SamplerChoice(options.executor, options.workers, scheduler)


def _run(calibration, choice, out, resume, force, max_runs, generations, progress):
    from simulator.calibration.run import run_calibration

    echo = (lambda line: typer.echo(line, err=True)) if progress else None
    return run_calibration(
        calibration,
        sampler=choice,
        out=out,
        resume=resume,
        force=force,
        max_runs=max_runs,
        generations=generations,
        progress=echo,
    )


def _report(result) -> None:
    typer.echo(
        f"{result.out}: {result.status} ({result.stop_reason}); {result.generations} "
        f"generations, {result.model_runs} model runs",
        err=True,
    )
    if result.summary is None:
        return
    for name, p in result.summary["parameters"].items():
        typer.echo(
            f"  {name}: median {p['median']:.4g}, 90 % interval [{p['q05']:.4g}, {p['q95']:.4g}]"
        )
    for row in result.summary["patterns"]:
        from simulator.calibration.fit import verdict

        typer.echo(f"  {row['pattern']} ({row['role']}): {verdict(row)}")
