"""``dewak run``: one run of one scenario, written to results/runs/<scenario>-<seed>/."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import Force, Overlays, Sets, Years, fail, load
from simulator.scenario.errors import ScenarioError


def run(
    scenario: Annotated[
        Path, typer.Argument(help="Scenario YAML file, e.g. scenarios/wetter_buergertreff.yaml.")
    ],
    seed: Annotated[int, typer.Option(help="Seed of the run's random generator.", min=0)] = 0,
    years: Years = None,
    overlay: Overlays = None,
    set_: Sets = None,
    out: Annotated[
        Path | None, typer.Option(help="Result folder [default: results/runs/<scenario>-<seed>].")
    ] = None,
    force: Force = False,
) -> None:
    """Run a scenario once and print its summary: viability, use, cost shares, burden, demography."""
    spec = load(scenario, overlay, set_)
    out = out or Path("results") / "runs" / f"{spec.name}-{seed}"
    if out.exists() and not force:
        typer.echo(f"error: {out} exists; use --force to replace it", err=True)
        raise typer.Exit(2)
    from simulator.report_text import summary_table
    from simulator.runner import run as run_once
    from simulator.runner import write_run

    try:
        out.parent.mkdir(parents=True, exist_ok=True)  # before the run: fail fast if unwritable
        result = run_once(spec, seed=seed, years=years)
        write_run(result, out, force=force)
    except OSError as exc:
        fail(ScenarioError(str(out), "--out", f"cannot write the result: {exc.strerror or exc}"))
    summary_table(result.summary, title=f"{spec.name} (seed {seed})")
    typer.echo(f"written: {out}")
