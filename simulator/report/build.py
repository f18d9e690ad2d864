"""Build the report: read the sweep, make the figures, write the page, tables and PDF.

Beside ``report.html``: every figure as PNG and SVG, ``summary.csv`` and ``summary.xlsx``, and
``report.pdf`` when asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from simulator.report.assumptions import assumptions
from simulator.report.data import Sweep, load_sweep
from simulator.report.extras import extras_html, stress_folders
from simulator.report.fig_budget import budget_figure
from simulator.report.fig_burden import heatmap_figure, reach_figure
from simulator.report.fig_outcomes import money_figure, survival_figure, utilisation_figure
from simulator.report.html import GENERATOR, context, page
from simulator.report.i18n import Text
from simulator.report.plotting import FigureOut, save
from simulator.report.publish import check_out, staged
from simulator.report.pyramid import pyramid_figure
from simulator.report.stats import Row, summary_rows
from simulator.report.tables import CSV_FILE, XLSX_FILE, summary_frame, write_tables
from simulator.report.uncertainty import uncertainty_context
from simulator.scenario.errors import ScenarioError

REPORT_FILE = "report.html"
#: The figures in report order: file stem and title key.
FIGURES = (
    ("fig1_survival", "f_survival_title"),
    ("fig2_utilisation", "f_util_title"),
    ("fig3_money", "f_money_title"),
    ("fig4_municipal_burden", "f_budget_title"),
    ("fig5_reach", "f_reach_title"),
    ("fig6_survival_heatmap", "f_heat_title_any"),
    ("fig7_population_pyramids", "f_pyr_title"),
)


@dataclass
class Report:
    """What :func:`build_report` wrote.

    Attributes:
        path: The HTML file.
        sweep: The sweep it was made from.
        rows: The summary table.
        figures: Every figure (skipped ones carry a note instead of files).
        tables: ``summary.csv`` and ``summary.xlsx``.
        pdf: ``report.pdf`` when asked for, else None.
    """

    path: Path
    sweep: Sweep
    rows: list[Row]
    figures: list[FigureOut]
    tables: tuple[Path, ...] = field(default_factory=tuple)
    pdf: Path | None = None


def default_out(results: Path, lang: str = "en") -> Path:
    """Where the report goes without ``--out``: ``<results>/report/<lang>/report.html``."""
    return Path(results) / "report" / lang / REPORT_FILE


def build_report(
    results: str | Path,
    out: str | Path | None = None,
    lang: str = "en",
    heatmap: tuple[str | None, str | None] = (None, None),
    pyramid: bool = True,
    include: tuple[Path, ...] = (),
    columns: tuple[str | None, str | None] = (None, None),
    force: bool = False,
    pdf: bool = False,
) -> Report:
    """Make the policymaker report of a sweep.

    Args:
        results: The sweep's results folder (``results/experiments/<name>``).
        out: The HTML file to write; figures and tables go next to it. Default:
            :func:`default_out` (one folder per language, so languages never overwrite each other).
        lang: ``en`` or ``de``.
        heatmap: The two uncertainties of figure 6 (None: chosen automatically).
        pyramid: Re-run one seed per demographic scenario for figure 7 (False: skip it).
        include: Further folders to search for stress-test, sensitivity or discovery outputs.
        columns: Columns naming the organisation model and the demographic scenario (None:
            found from the experiment).
        force: No effect, kept for old callers: an earlier report is always replaced and
            nothing else ever is (:mod:`simulator.report.publish`).
        pdf: Also typeset ``report.pdf`` (A4) next to the HTML file.

    Raises:
        ScenarioError: Invalid or damaged results folder, option or output path (``str`` is
            one line); nothing is written.
        OSError: Writing failed (a full disk); the folder is as it was.
    """
    results = Path(results)
    tx = _text(lang)
    out = Path(out) if out is not None else default_out(results, lang)
    foreign = _check_out(out)
    sweep = load_sweep(results, *columns)
    _check_heatmap(sweep, heatmap)
    rows = summary_rows(sweep) if len(sweep.ok) else []
    figures = make_figures(sweep, tx, rows, heatmap, pyramid)
    with staged(out, foreign) as folder:
        for figure in figures:
            save(figure, folder)
        tables = write_tables(summary_frame(sweep, rows), folder, tx) if rows else ()
        extras = _extras(results, sweep, include, tx, out.parent)
        values = _page_values(sweep, tx, rows, figures, extras, tables)
        (folder / out.name).write_text(page(values), encoding="utf-8")
        pdf_path = _write_pdf(values, figures, folder) if pdf else None
    return _published(Report(out, sweep, rows, figures, tables, pdf_path))


def _extras(results: Path, sweep: Sweep, include: tuple[Path, ...], tx: Text, out_dir: Path) -> str:
    """The further analyses as HTML.

    Stress tests of the sweep's towns in the folders ``dewak stress-test`` writes by default,
    then the folders of ``include``.
    """
    towns = [str(t) for t in sweep.ok["scenario"].unique()] if len(sweep.ok) else []
    include = (*stress_folders(results, towns), *include)
    return extras_html(results, include, tx, out_dir)


def _page_values(
    sweep: Sweep,
    tx: Text,
    rows: list[Row],
    figures: list[FigureOut],
    extras: str,
    tables: tuple[Path, ...],
) -> dict:
    """Everything the page template (and the PDF) shows."""
    notes = assumptions(sweep, rows, tx)
    downloads = (CSV_FILE, XLSX_FILE) if tables else ()
    values = context(sweep, tx, rows, figures, extras, _meta(sweep, tx), notes, downloads)
    values.update(uncertainty_context(sweep, tx))  # which bands cover what; the pattern table
    return values


def _write_pdf(values: dict, figures: list[FigureOut], folder: Path) -> Path:
    """Typeset ``report.pdf`` into the staging folder (its libraries load only when asked)."""
    from simulator.report.pdf import write_pdf

    return write_pdf(values, figures, folder)


def _published(report: Report) -> Report:
    """The report with every staged file's path as it is after the move beside ``report.path``."""
    moved = _moved(report.path.parent)
    for figure in report.figures:
        figure.files = {suffix: moved(path) for suffix, path in figure.files.items()}
    report.tables = tuple(moved(path) for path in report.tables)
    report.pdf = moved(report.pdf) if report.pdf else None
    return report


def _moved(folder: Path):
    """A staged file's path after the move into ``folder``."""
    return lambda path: folder / Path(path).name


def make_figures(
    sweep: Sweep, tx: Text, rows: list[Row], heatmap=(None, None), pyramid=True
) -> list[FigureOut]:
    """The seven figures, in report order (all skipped with a note if no run succeeded)."""
    if sweep.ok.empty:
        return [FigureOut(key, tx(title), "", note=tx("no_ok_runs")) for key, title in FIGURES]
    return [
        survival_figure(sweep, tx),
        utilisation_figure(sweep, tx),
        money_figure(sweep, rows, tx),
        budget_figure(sweep, tx),
        reach_figure(sweep, tx),
        heatmap_figure(sweep, tx, *heatmap),
        pyramid_figure(sweep, tx, enabled=pyramid),
    ]


def _text(lang: str) -> Text:
    try:
        return Text(lang)
    except ValueError as exc:
        raise ScenarioError("dewak report", "--lang", str(exc)) from None


def _check_out(out: Path) -> bool:
    """Refuse an unusable ``--out``; True if its folder holds other files (see publish.py)."""
    if out.suffix.lower() not in {".html", ".htm"}:
        raise ScenarioError(str(out), "--out", "the report file must end in .html")
    return check_out(out, GENERATOR)


def _check_heatmap(sweep: Sweep, heatmap) -> None:
    for option, name in zip(("--heatmap-x", "--heatmap-y"), heatmap, strict=True):
        if name is not None and name not in sweep.uncertainties:
            choices = ", ".join(sweep.uncertainties) or "none"
            message = f"{name!r} is not a varied uncertainty of this sweep (choose from: {choices})"
            raise ScenarioError(str(sweep.root), option, message)
    if heatmap[0] is not None and heatmap[0] == heatmap[1]:
        raise ScenarioError(str(sweep.root), "--heatmap-y", "choose two different uncertainties")


def _meta(sweep: Sweep, tx: Text) -> dict:
    """Title, lead sentence and the provenance line of the footer."""
    from simulator import __version__

    manifest = sweep.manifest
    design = manifest.get("design", {})
    name = manifest.get("name", sweep.root.name)
    git = manifest.get("git") or {}
    names = [tx.name(t) for t in sweep.towns if t is not None]
    if not names and len(sweep.ok):
        names = [tx.name(sweep.ok["scenario"].iloc[0])]
    towns = " – ".join(names) or name
    lead = ""
    if len(sweep.ok):
        kind = tx.name(design.get("kind", "?"))
        points, reps = design.get("n_samples", "?"), design.get("replications", "?")
        lead = tx(
            "lead",
            n_ok=tx.num(len(sweep.ok)),
            towns=", ".join(names) or name,
            years=sweep.horizon_years,
            start=sweep.first_year,
            end=sweep.last_year,
            design=tx("design", kind=kind, points=points, reps=reps),
        )
    commit = str(git.get("commit") or tx("unknown"))[:10]
    if git.get("dirty"):
        commit += f" ({tx('changed')})"
    provenance = tx(
        "provenance",
        date=tx.date(dt.date.today()),
        version=__version__,
        name=name,
        path=str(sweep.root),
        hash=str(manifest.get("experiment_hash", "?"))[:12],
        commit=commit,
    )
    return {"title": tx("doc_title", towns=towns), "lead": lead, "provenance": provenance}
