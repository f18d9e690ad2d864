"""``dewak sensitivity``: Sobol' or Morris indices of an experiment, run on the experiment engine.

Heavy libraries load inside the function, so ``dewak --help`` stays fast. The batch options are
shared with the other batch commands (:mod:`.batch`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.batch import batch_command


@batch_command
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
    trajectories: Annotated[
        int | None, typer.Option("--trajectories", help="Morris trajectories [default: 10].")
    ] = None,
    levels: Annotated[
        int | None, typer.Option("--levels", help="Morris grid levels, even [default: 4].")
    ] = None,
    options=None,
    dry_run: bool = False,
) -> None:
    """Run the design, average replications per point, write indices, noise and a bar chart.

    Writes <sweep folder>/sensitivity/: indices.csv/.parquet, noise.csv/.parquet,
    indices.png/.svg, summary.json and manifest.json (default folder:
    results/experiments/<name>, or <name>_morris). Exit code 0 when every run succeeded, 1 when
    some failed (they are left out of the analysis), 2 for invalid input, 130 when interrupted.
    """
    from simulator.analysis import run_sensitivity

    if dry_run:
        typer.echo(_plan(experiment, method, trajectories, levels, options))
        return
    run = run_sensitivity(
        experiment, method, outcome or None, options, trajectories=trajectories, levels=levels
    )
    _report(run)
    raise typer.Exit(1 if run.sweep.failed else 0)


def _plan(experiment, method, trajectories, levels, options) -> str:
    from simulator.analysis.workflow import sweep_experiment
    from simulator.experiments import load_experiment
    from simulator.experiments.sweep import describe_plan

    exp = sweep_experiment(load_experiment(experiment), method, trajectories, levels)
    return describe_plan(exp, options.out)


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
