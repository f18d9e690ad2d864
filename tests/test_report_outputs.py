"""What the report writes besides the page: report.pdf, summary.csv and summary.xlsx; a second
lever shown as its own options; the assumptions section generated from the scenario."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from simulator.report import build_report
from simulator.report.assumptions import count_numbers
from simulator.report.i18n import Text
from simulator.scenario.loader import load_raw
from tests.conftest import ROOT, scenario_path
from tests.test_report import make_small_sweep

A4_POINTS = (595.28, 841.89)
TWO_LEVERS = """
name: two_levers
scenario: ../scenarios/wetter_buergertreff.yaml
levers:
  - {name: organisation, overlays: [org_municipal, org_provider_network]}
  - {name: staff_fte, path: facility.staff_fte, values: [0.5, 1.0]}
uncertainties:
  - {name: demography, overlays: [baseline]}
outcomes: [viable, years_open]
design: {kind: full_factorial}
replications: 2
master_seed: 3
years: 3
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    sweep = make_small_sweep(tmp_path_factory.mktemp("outputs"))
    return build_report(sweep, pdf=True, pyramid=False)


@pytest.fixture(scope="module")
def two_levers(tmp_path_factory):
    from simulator.experiments import run_experiment

    folder = tmp_path_factory.mktemp("levers")
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    (folder / "experiments").mkdir()
    path = folder / "experiments" / "two_levers.yaml"
    path.write_text(TWO_LEVERS)
    out = folder / "results"
    run_experiment(path, executor="serial", out=out, progress=False)
    return build_report(out, pyramid=False)


def test_pdf_is_a4_with_the_summary_table_and_vector_figures(report):
    from pypdf import PdfReader

    assert report.pdf == report.path.parent / "report.pdf"
    pdf = PdfReader(report.pdf)
    for page in pdf.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4_POINTS, abs=1
        )
    text = " ".join(page.extract_text() for page in pdf.pages)
    text = " ".join(text.split())
    tx = Text("en")
    for row in report.rows:
        assert tx.eur(row.town_cost_eur) in text
        assert tx.eur(row.cost_per_visit_eur) in text  # the last column of the details table
    for word in ("At a glance", "Details per model", "Assumptions and limits", "Glossary"):
        assert word in text
    # figures are drawn as vectors: the only raster is a colour bar's gradient strip
    images = [image.image.size for page in pdf.pages for image in page.images]
    assert all(min(size) <= 32 for size in images), images


def test_summary_table_fits_the_pdf_page_width(report):
    """The details table's last column (cost per visit) lies inside the page's right margin."""
    from pypdf import PdfReader

    page = next(p for p in PdfReader(report.pdf).pages if "Details per model" in p.extract_text())
    xs: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            xs.append(tm[4])

    page.extract_text(visitor_text=visit)
    assert xs and max(xs) < float(page.mediabox.width) - 20


def test_csv_and_xlsx_hold_one_row_per_option_with_euros_per_payer(report):
    csv, xlsx = report.tables
    frame = pd.read_csv(csv)
    assert len(frame) == len(report.rows) == 2
    cash = [c for c in frame if c.startswith("cash_") and c.endswith("_eur_per_year")]
    shares = [c for c in frame if c.startswith("cash_share_")]
    assert len(cash) == 5 and "cash_volunteers_eur_per_year" not in frame
    assert frame[shares].sum(axis=1).tolist() == pytest.approx([1.0, 1.0])
    assert (frame["town_eur_per_year"] == frame["cash_municipality_eur_per_year"]).all()
    assert frame["in_kind_volunteers_eur_per_year"].gt(0).all()
    sheet = pd.read_excel(xlsx, sheet_name="summary")
    assert sheet.columns.tolist() == frame.columns.tolist()
    assert sheet["town_eur_per_year"].tolist() == pytest.approx(frame["town_eur_per_year"].tolist())
    legend = pd.read_excel(xlsx, sheet_name="columns")
    assert legend["column"].tolist() == frame.columns.tolist() and legend["meaning"].notna().all()


def test_a_second_lever_is_shown_not_merged(two_levers):
    rows = two_levers.rows
    assert len(rows) == 4  # two models x two staff levels
    assert {dict(r.option.levers)["staff_fte"] for r in rows} == {0.5, 1.0}
    html = two_levers.path.read_text()
    assert html.count("Provider network · staff_fte 0.5") >= 2  # glance and details
    frame = pd.read_csv(two_levers.tables[0])
    assert sorted(frame["staff_fte"]) == [0.5, 0.5, 1.0, 1.0]
    fig1 = next(f for f in two_levers.figures if f.key == "fig1_survival")
    lines = fig1.fig.axes[0].get_lines()
    assert len(lines) == 4
    # the model is the colour, the second lever the dash: 2 colours x 2 dashes, a legend of 4
    assert {(line.get_color(), line.get_linestyle()) for line in lines} == {
        (c, d) for c in {line.get_color() for line in lines} for d in ("-", "--")
    }
    assert len({line.get_color() for line in lines}) == 2
    labels = [t.get_text() for t in fig1.fig.legends[0].get_texts()]
    assert labels[-2:] == ["staff_fte: 0.5", "staff_fte: 1"]


def test_assumptions_section_counts_the_scenarios_sources_and_assumptions(report):
    n, src, ass, cal = count_numbers(load_raw(scenario_path("wetter_buergertreff")))
    assert n == src + ass + cal and src > 10 and ass > 10 and cal >= 2
    html = report.path.read_text()
    section = html[html.index('id="assumptions"') : html.index('id="glossary"')]
    assert f"holds {n} numbers; {src} of them cite a source, {ass} are marked" in section
    assert f"{cal} were fitted by a calibration" in section
    assert "€6.30" in section and "DI §2e en|wohnen Sollmiete 2025" in section  # rent, source
    assert "Assumption: replacement-cost valuation near the minimum wage" in section
    assert "What the model cannot say" in section and "±" in section


def test_glossary_explains_the_jargon_the_page_uses(report):
    html = report.path.read_text()
    glossary = html[html.index('id="glossary"') :]
    for term in ("Wilson", "Kaplan", "Random seed", "Experiment fingerprint", "Program version"):
        assert term in glossary
    footer = html[html.index("<footer>") :]
    assert "experiment fingerprint" in footer and "program version" in footer
    assert "T" not in footer.split("Made on ")[1][:20]  # a human date, not an ISO stamp


def test_title_names_the_towns_not_the_experiments_internal_name(report):
    html = report.path.read_text()
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Wetter (Ruhr)" in title and "report_test" not in title


def test_cli_pdf_option(report, tmp_path):
    from typer.testing import CliRunner

    from simulator.cli import app

    out = tmp_path / "cli" / "report.html"
    args = ["report", str(report.sweep.root), "--out", str(out), "--no-pyramid", "--pdf"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (out.parent / "report.pdf").stat().st_size > 10_000
    assert Path(result.output.strip().splitlines()[-1].removeprefix("report: ")) == out


RANGED_LEVER = """
name: ranged_lever
scenario: ../scenarios/wetter_buergertreff.yaml
levers:
  - {name: organisation, overlays: [org_municipal, org_provider_network]}
  - {name: grant, path: financing.municipal_grant.amount_eur_per_year, low: 0, high: 20000, unit: EUR/year}
uncertainties:
  - {name: support, path: municipality.political_support_initial, low: 0.4, high: 0.8}
outcomes: [viable]
design: {kind: latin_hypercube, samples: 9}
replications: 1
master_seed: 4
years: 2
"""


def test_a_lever_drawn_from_a_range_gets_a_table_per_band_not_an_option_per_value(tmp_path):
    from simulator.experiments import run_experiment

    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    (tmp_path / "experiments").mkdir()
    path = tmp_path / "experiments" / "ranged.yaml"
    path.write_text(RANGED_LEVER)
    run_experiment(path, executor="serial", out=tmp_path / "results", progress=False)
    report = build_report(tmp_path / "results", pyramid=False, pdf=True)
    assert report.sweep.ranged_levers == ["grant"] and report.sweep.levers == []
    assert len(report.rows) == 2  # one per organisation model, not one per grant value
    html = report.path.read_text()
    assert "Results by grant" in html
    section = html[html.index("Results by grant") : html.index('id="summary"')]
    assert section.count("<tr>") == 1 + 3  # the head and three thirds of the range
    assert "Results by grant" in " ".join(p.extract_text() for p in _pdf_pages(report.pdf))


def _pdf_pages(path):
    from pypdf import PdfReader

    return PdfReader(path).pages
