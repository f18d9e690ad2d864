"""``dewak discover``: scenario discovery (PRIM) over a finished sweep's inputs.

Heavy libraries load inside the function, so ``dewak --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

EXIT_INVALID = 2


def discover(
    results_dir: Annotated[
        Path, typer.Argument(help="A finished sweep folder, e.g. results/experiments/NAME.")
    ],
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            help="Condition '[not] NAME [OP NUMBER]', e.g. 'not viable' or "
            "'cost_share_municipality > 0.5' (OP: < <= > >= == !=).",
        ),
    ],
    threshold: Annotated[
        float,
        typer.Option("--threshold", help="Minimum density of the chosen box (share of its runs)."),
    ] = 0.8,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder [default: RESULTS_DIR/discovery/<condition>]."),
    ] = None,
) -> None:
    """Find the input conditions under which the outcome condition holds (PRIM).

    Writes tradeoff.png/.svg (coverage against density), box_limits.csv/.parquet,
    trajectory.csv/.parquet and summary.json (with a plain-language sentence), and prints the
    sentence. Exit code 2 for invalid or damaged input or an unusable --out (one line;
    nothing is written).
    """
    from simulator.scenario.errors import ScenarioError

    try:
        from simulator.analysis.discovery import run_discovery

        result, files = run_discovery(results_dir, outcome, threshold, out)
    except ScenarioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except OSError as exc:  # a full disk, a read-only folder: nothing was written
        where = out or results_dir
        typer.echo(f"error: {where}: --out: cannot write: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    typer.echo(result.sentence)
    folder = files[0].parent if files else out
    typer.echo(f"{folder}: {len(files)} files written", err=True)
