"""``dewak calibrate``: fit a calibration file's parameters to its patterns with pyabc (ABC-SMC).

The executor, result folder and restart options are those of every batch command, declared once
in :mod:`simulator.cli.batch` and handed over as one
:class:`~simulator.experiments.options.BatchOptions`; ``--generations`` is this command's own.
Heavy libraries (pyabc, numpy, pandas) are imported inside the function, so ``dewak --help``
stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.batch import EXIT_INTERRUPTED, batch_command

GENERATIONS_HELP = "Stop at N generations in all (a resumed calibration counts the stored ones)."


@batch_command
def calibrate(
    calibration: Annotated[
        Path, typer.Argument(help="Calibration file, e.g. experiments/calibrate_herten.yaml.")
    ],
    generations: Annotated[
        int | None, typer.Option("--generations", min=1, max=100, help=GENERATIONS_HELP)
    ] = None,
    options=None,
    dry_run: bool = False,
) -> None:
    """Calibrate with ABC-SMC; store posterior.parquet, summary.json, figures, manifest.json.

    --max-runs N stops after the generation in which this invocation has run N model runs.
    Exit code 0 when a stop rule ended the calibration, 2 for invalid input (nothing is
    written), 130 when interrupted (finished generations are kept; continue with --resume).
    """
    from simulator.calibration.run import CalibrationInterrupted, describe, run_calibration

    if dry_run:
        typer.echo(describe(calibration, options, generations))
        return
    echo = (lambda line: typer.echo(line, err=True)) if options.progress else None
    try:
        result = run_calibration(calibration, options, generations=generations, progress=echo)
    except CalibrationInterrupted:
        typer.echo("interrupted: finished generations are stored; continue with --resume", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    _report(result)


def _report(result) -> None:
    from simulator.calibration.fit import verdict

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
        typer.echo(f"  {row['pattern']} ({row['role']}): {verdict(row)}")
