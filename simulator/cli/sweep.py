"""``dewak sweep``: run an experiment file (designs, replications, local or Dask execution).

Heavy libraries (numpy, pandas, dask) are imported inside the function, so ``dewak --help``
stays fast. The batch options are shared with the other batch commands (:mod:`.batch`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.batch import batch_command, report_progress


@batch_command
def sweep(
    experiment: Annotated[Path, typer.Argument(help="Experiment file, e.g. experiments/x.yaml.")],
    options=None,
    dry_run: bool = False,
) -> None:
    """Run every run of an experiment and store runs.parquet, annual.parquet, manifest.json.

    Exit code 0 when all runs succeeded, 1 when some failed (they are recorded with their
    error), 2 for invalid input (nothing is written), 130 when interrupted.
    """
    from simulator.experiments.sweep import describe_plan, run_experiment

    if dry_run:
        typer.echo(describe_plan(experiment, options.out))
        return
    result = run_experiment(experiment, options)
    report_progress(result)
    raise typer.Exit(result.exit_code)
