"""``dewak stress-test``: the fiscal stress test of the municipal budget and the facility's funding."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import Force, Overlays, Sets, Years, fail, parse_sets

DEFAULT_SHOCKS = Path("experiments") / "stress_shocks.yaml"


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
    out: Annotated[
        Path | None, typer.Option(help="Result folder [default: results/stress/<scenario>].")
    ] = None,
    force: Force = False,
    executor: Annotated[
        str, typer.Option(help="serial, pool (one process per core) or dask.")
    ] = "pool",
    workers: Annotated[
        int | None, typer.Option(help="Worker processes [default: one per core].", min=1)
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Shock the municipal budget and compare each shock with the same-seed baseline.

    Prints a table (rows: shocks; columns: first HSK year and its § 76 GO NRW trigger, years
    under HSK, reserves, liquidity loans per resident, facility grant cut, facility survival,
    fiscal stress score and band, verdict) and writes stress_test.csv/.parquet, runs and annual
    tables and two figures to the result folder.
    """
    from simulator.scenario import ScenarioError

    if executor not in ("serial", "pool", "dask"):
        fail(ScenarioError("--executor", "executor", f"{executor!r} is not serial, pool or dask"))
    shocks_file = shocks if shocks is not None else _default_shocks()
    try:
        from simulator.stress.plan import make_plan

        plan = make_plan(
            scenario,
            shocks_file,
            overlays=tuple(overlay or ()),
            sets=parse_sets(set_),
            replications=replications,
            master_seed=seed,
            years=years,
        )
    except ScenarioError as err:
        fail(err)
    out = out or Path("results") / "stress" / plan.scenario.name
    if out.exists() and not force:
        typer.echo(f"error: {out} exists; use --force to replace it", err=True)
        raise typer.Exit(2)
    _run_and_write(plan, out, force, executor, workers, progress)


def _run_and_write(plan, out: Path, force: bool, executor: str, workers, progress: bool) -> None:
    from simulator.stress.output import write_results
    from simulator.stress.run import StressRunError, run_stress_test
    from simulator.stress.table import print_table

    typer.echo(
        f"stress test of {plan.scenario.name}: {len(plan.rows)} rows x {len(plan.seeds)} runs, "
        f"{plan.years} years, score window {plan.window[0]}-{plan.window[1]}",
        err=True,
    )
    try:
        result = run_stress_test(plan, executor=executor, workers=workers, progress=progress)
    except StressRunError as err:
        typer.echo(f"error: {err}; nothing written", err=True)
        raise typer.Exit(1) from None
    print_table(result.table, title=f"Fiscal stress test: {plan.scenario.name}")
    write_results(result, out, force=force)
    typer.echo(f"written: {out}")


def _default_shocks() -> Path:
    """experiments/stress_shocks.yaml in the working folder, else the one of this checkout."""
    if DEFAULT_SHOCKS.is_file():
        return DEFAULT_SHOCKS
    return Path(__file__).resolve().parents[2] / DEFAULT_SHOCKS
