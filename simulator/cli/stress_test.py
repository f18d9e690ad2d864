"""``dewak stress-test``: the fiscal stress test of the municipal budget and the facility's funding.

An experiment on the engine (one factor of shock sets, the same seeds for every row), so the
batch options are those of every batch command (:mod:`.batch`) and a stress test is resumable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.batch import batch_command, report_progress
from simulator.cli.common import Overlays, Sets, Years, parse_sets

DEFAULT_SHOCKS = Path("experiments") / "stress_shocks.yaml"


@batch_command
def stress_test(
    scenario: Annotated[
        Path,
        typer.Argument(help="Scenario YAML file, e.g. scenarios/herten_integration_centre.yaml."),
    ],
    shocks: Annotated[
        Path | None,
        typer.Option(help="Shock file [default: experiments/stress_shocks.yaml]."),
    ] = None,
    replications: Annotated[
        int | None,
        typer.Option(help="Runs per shock, same seeds for all [default: the shock file's].", min=1),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(help="Master seed of the run seeds [default: the shock file's].", min=0),
    ] = None,
    years: Years = None,
    overlay: Overlays = None,
    set_: Sets = None,
    options=None,
    dry_run: bool = False,
) -> None:
    """Shock the municipal budget and compare each shock with the same-seed baseline.

    Prints a table (rows: shocks; columns: first HSK year and its § 76 GO NRW trigger, years
    under HSK, reserves, liquidity loans per resident, facility grant cut, facility survival,
    fiscal stress score and band, verdict) and writes stress_test.csv/.parquet, per-run
    indicators, yearly scores and two figures beside the stored runs (default folder:
    results/stress/<scenario>). Exit code 1 if a run failed (nothing derived), 2 for invalid
    input, 130 when interrupted.
    """
    from simulator.stress.plan import make_plan
    from simulator.stress.run import default_out

    plan = make_plan(
        scenario,
        shocks if shocks is not None else _default_shocks(),
        overlays=tuple(overlay or ()),
        sets=parse_sets(set_),
        replications=replications,
        master_seed=seed,
        years=years,
    )
    options = options.with_(out=options.out or default_out(plan))
    if dry_run:
        from simulator.experiments.sweep import describe_plan

        typer.echo(describe_plan(plan.experiment, options.out))
        return
    _run(plan, options)


def _run(plan, options) -> None:
    from simulator.stress.run import StressRunError, run_stress_test
    from simulator.stress.table import print_table

    typer.echo(
        f"stress test of {plan.scenario.name}: {len(plan.rows)} rows x {len(plan.seeds)} runs, "
        f"{plan.years} years, score window {plan.window[0]}-{plan.window[1]}",
        err=True,
    )
    try:
        result = run_stress_test(plan, options)
    except StressRunError as err:
        typer.echo(f"error: {err}; the runs are stored, nothing was derived", err=True)
        raise typer.Exit(1) from None
    if result.table is None:
        report_progress(result.sweep)
        return
    print_table(result.table, title=f"Fiscal stress test: {plan.scenario.name}")
    typer.echo(f"written: {result.out}")


def _default_shocks() -> Path:
    """experiments/stress_shocks.yaml in the working folder, else the one of this checkout."""
    if DEFAULT_SHOCKS.is_file():
        return DEFAULT_SHOCKS
    return Path(__file__).resolve().parents[2] / DEFAULT_SHOCKS
