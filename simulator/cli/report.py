"""``dewak report``: the policymaker report of a sweep, as one self-contained HTML file.

numpy, pandas and matplotlib load inside the function, so ``dewak --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from simulator.cli.common import fail

if TYPE_CHECKING:
    from simulator.report.build import Report

# The command's options, one alias each, so the signature of `report` stays one screen.
ResultsDir = Annotated[
    Path,
    typer.Argument(help="Sweep results folder, e.g. results/experiments/<name>."),
]
OutFile = Annotated[
    Path | None,
    typer.Option(
        help="HTML file to write; figures, tables and the PDF go next to it [default: RESULTS_DIR/report/LANG/report.html]."
    ),
]
Lang = Annotated[str, typer.Option(help="Language of labels and captions: en or de.")]
HeatmapX = Annotated[
    str | None,
    typer.Option(help="Uncertainty on the heatmap's x axis [default: first varied one]."),
]
HeatmapY = Annotated[
    str | None,
    typer.Option(help="Uncertainty on the heatmap's y axis [default: next varied one]."),
]
Pyramid = Annotated[
    bool,
    typer.Option(help="Draw the population pyramids (figure 7) from the stored age bands."),
]
Include = Annotated[
    list[Path] | None,
    typer.Option(
        "--include",
        help="Folder with stress-test, sensitivity or discovery outputs. Repeatable.",
    ),
]
ModelParam = Annotated[
    str | None,
    typer.Option(help="Column naming the organisation model [default: found from the experiment]."),
]
DemographyParam = Annotated[
    str | None,
    typer.Option(help="Column naming the demographic scenario [default: found likewise]."),
]
Pdf = Annotated[
    bool, typer.Option("--pdf", help="Also write report.pdf (A4, vector figures) beside it.")
]
OldForce = Annotated[
    bool,
    typer.Option(
        "--force",
        hidden=True,
        help="No effect (old scripts): an earlier report is always replaced, nothing else is.",
    ),
]


def report(
    results_dir: ResultsDir,
    out: OutFile = None,
    lang: Lang = "en",
    heatmap_x: HeatmapX = None,
    heatmap_y: HeatmapY = None,
    pyramid: Pyramid = True,
    include: Include = None,
    model_param: ModelParam = None,
    demography_param: DemographyParam = None,
    pdf: Pdf = False,
    force: OldForce = False,
) -> None:
    """Turn a sweep's results into one HTML report (figures embedded), each figure as PNG and SVG, summary.csv and summary.xlsx, and with --pdf report.pdf.

    Prints the report's path as the last line. Exit code 2 for invalid or damaged input or an
    unusable --out (one line; nothing written).
    """
    from simulator.scenario.errors import ScenarioError

    try:
        from simulator.report import build_report

        result = build_report(
            results_dir,
            out=out,
            lang=lang,
            heatmap=(heatmap_x, heatmap_y),
            pyramid=pyramid,
            include=tuple(include or ()),
            columns=(model_param, demography_param),
            force=force,
            pdf=pdf,
        )
    except ScenarioError as err:
        fail(err)
    except OSError as exc:  # a full disk, a read-only folder: nothing was written
        where = out or results_dir
        fail(ScenarioError(str(where), "--out", f"cannot write the report: {exc.strerror or exc}"))
    _print_summary(result)


def _print_summary(result: Report) -> None:
    """Runs and figures on stderr, then the PDF's and the report's paths (the report's last)."""
    shown = sum(f.fig is not None for f in result.figures)
    failed = len(result.sweep.failed)
    typer.echo(
        f"{len(result.sweep.ok)} runs, {failed} failed; {shown} of {len(result.figures)} figures",
        err=True,
    )
    if result.pdf is not None:
        typer.echo(f"pdf: {result.pdf}", err=True)
    typer.echo(f"report: {result.path}")
