"""``dewak patterns``: each pattern's target against a sweep's runs (median, 90 % band, hit/miss).

pandas is imported inside the function, so ``dewak --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def patterns(
    results: Annotated[
        Path, typer.Argument(help="A sweep's result folder, e.g. results/experiments/NAME.")
    ],
    pattern_file: Annotated[
        Path,
        typer.Option("--patterns", help="The pattern file [default: experiments/patterns.yaml]."),
    ] = Path("experiments/patterns.yaml"),
    role: Annotated[
        str | None,
        typer.Option(help="Only patterns of this role: calibration, validation or consistency."),
    ] = None,
) -> None:
    """Print the pattern table of a sweep and write it to RESULTS/patterns.csv.

    A pattern is hit when the median over the runs lies in its target interval (the range, or
    value ± 2 sd). Exit code 2 for invalid input (nothing is written).
    """
    from simulator.cli.common import fail
    from simulator.scenario.errors import ScenarioError

    try:
        table = _table(results, pattern_file, role)
    except ScenarioError as exc:  # CalibrationError is a ScenarioError
        fail(exc)
    _print(table)
    from simulator.calibration.store import write_frame

    write_frame(results / "patterns.csv", table)
    typer.echo(f"written: {results / 'patterns.csv'}", err=True)


def _table(results: Path, pattern_file: Path, role: str | None):
    from simulator.calibration.patterns import ROLES, CalibrationError, load_patterns
    from simulator.calibration.table import pattern_table

    if role is not None and role not in ROLES:
        raise CalibrationError("dewak patterns", "--role", f"use one of {', '.join(ROLES)}")
    chosen = load_patterns(pattern_file)
    if role is not None:
        kept = tuple(p for p in chosen.patterns if p.role == role)
        if not kept:
            raise CalibrationError(str(pattern_file), "patterns", f"no {role} pattern")
        chosen = chosen.model_copy(update={"patterns": kept})
    return pattern_table(results, chosen)


def _print(table) -> None:
    from simulator.calibration.fit import verdict

    for row in table.to_dict("records"):
        band = (
            f"median {row['model_median']:.4g} [{row['model_q05']:.4g}, {row['model_q95']:.4g}]"
            if row["n"]
            else f"no value: {row['note']}"
        )
        typer.echo(
            f"{verdict(row):4}  {row['pattern']} ({row['role']}, {row['scenarios']}): "
            f"target {row['target']}; model {band} over {row['n']} runs"
        )
