"""``dewak run``: one run of one scenario, written to results/runs/<scenario>-<seed>/."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import Force, Overlays, Sets, Years, fail, load
from simulator.scenario.errors import ScenarioError

#: Exit code of a run that was valid input but stopped as failed (e.g. the population bound).
EXIT_RUN_FAILED = 1


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
    """Run a scenario once and print its summary: viability, use, cost shares, burden, demography.

    Exit code 0 when the run is written, 1 when the run stopped as failed (one line saying why,
    e.g. the population bound; nothing written), 2 for invalid input or an unusable --out.
    """
    spec = load(scenario, overlay, set_)
    out = out or Path("results") / "runs" / f"{spec.name}-{seed}"
    from simulator.atomic import check_target
    from simulator.population.bounds import PopulationBoundError
    from simulator.report_text import summary_table
    from simulator.runner import RUN_RESULT, write_run
    from simulator.runner import run as run_once

    try:
        check_target(out, RUN_RESULT, force)  # before the run: fail fast, write nothing
        result = run_once(spec, seed=seed, years=years)
        write_run(result, out, force=force)
    except ScenarioError as err:
        fail(err)
    except PopulationBoundError as err:
        print(f"error: {scenario}: the run stopped: {err}", file=sys.stderr)
        raise typer.Exit(EXIT_RUN_FAILED) from None
    except OSError as exc:
        fail(ScenarioError(str(out), "--out", f"cannot write the result: {exc.strerror or exc}"))
    summary_table(result.summary, title=f"{spec.name} (seed {seed})")
    typer.echo(f"written: {out}")
