"""The policymaker report, built from a small real sweep with one injected failed run.

The sweep: Wetter, two organisation models x two demographic overlays x two levels of initial
council support, 2 replications, 4 years (16 runs). Run 3 is then marked failed in
runs.parquet (and its annual rows removed), as the store records a run that raised.
"""

from __future__ import annotations

import json
import re
import shutil
import string
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from simulator.cli import app
from simulator.report import build_report
from simulator.report.data import Option
from simulator.report.extras import extras_html, stress_folders
from simulator.report.fig_burden import heatmap_figure
from simulator.report.i18n import Text
from simulator.report.names import NAMES
from simulator.report.stats import Row, wilson
from simulator.report.verdicts import verdict
from simulator.report.words import TEXT
from tests.conftest import ROOT

FAILED_RUN = 3
FAILED_ERROR = "RuntimeError: injected failure for the report test"
EXPERIMENT = """
name: report_test
scenario: ../scenarios/wetter_buergertreff.yaml
levers:
  - {name: organisation, overlays: [org_municipal, org_provider_network]}
uncertainties:
  - {name: demography, overlays: [baseline, shrinking]}
  - {name: support, path: municipality.political_support_initial, values: [0.4, 0.65]}
outcomes: [viable, years_open, utilisation_mean, cost_share_municipality]
design: {kind: full_factorial}
replications: 2
master_seed: 11
years: 4
"""


def make_small_sweep(folder: Path, max_runs: int | None = None) -> Path:
    """Run the small sweep into ``folder/results``; mark run 3 failed if it was run."""
    from simulator.experiments import run_experiment

    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    (folder / "experiments").mkdir()
    path = folder / "experiments" / "report_test.yaml"
    path.write_text(EXPERIMENT)
    out = folder / "results"
    run_experiment(path, executor="serial", out=out, progress=False, max_runs=max_runs)
    if max_runs is None:
        inject_failure(out, FAILED_RUN)
    return out


def inject_failure(out: Path, run_id: int) -> None:
    """Record ``run_id`` as failed, the way the store keeps a run that raised."""
    runs = pd.read_parquet(out / "runs.parquet")
    outcomes = [c for c in runs.columns if c.startswith(("cost_", "viable", "years_", "util"))]
    hit = runs["run_id"] == run_id
    runs[outcomes] = runs[outcomes].astype(object)
    runs.loc[hit, outcomes] = None
    runs.loc[hit, ["status", "error"]] = ["failed", FAILED_ERROR]
    runs.to_parquet(out / "runs.parquet", index=False)
    annual = pd.read_parquet(out / "annual.parquet")
    annual[annual["run_id"] != run_id].to_parquet(out / "annual.parquet", index=False)


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory) -> Path:
    return make_small_sweep(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def report(sweep_dir):
    return build_report(sweep_dir, out=sweep_dir.parent / "report" / "en" / "report.html")


@pytest.fixture(scope="module")
def german(sweep_dir):
    """The German report at its default place (``report/de/`` of the results folder)."""
    return build_report(sweep_dir, lang="de", pyramid=False)


def figure(report, key):
    return next(f for f in report.figures if f.key == key)


def shown_figures(report) -> int:
    """7, or 6 while the annual table has no age bands (the pyramid is then a note)."""
    return 7 if "pop_m_00" in report.sweep.annual else 6


def test_report_is_one_offline_html_file_with_every_figure_embedded_and_saved(report):
    html = report.path.read_text()
    assert html.count('<img src="data:image/png;base64,') == shown_figures(report)
    without_images = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert "http:" not in without_images and "https:" not in without_images
    assert "<script" not in html and "<link" not in html
    for fig in (f for f in report.figures if f.fig is not None):
        for suffix in ("png", "svg"):
            path = report.path.parent / f"{fig.key}.{suffix}"
            assert path.is_file() and path.stat().st_size > 1000, path


def test_failed_run_is_counted_and_named_not_dropped(report):
    html = report.path.read_text()
    assert len(report.sweep.failed) == 1 and len(report.sweep.ok) == 15
    assert FAILED_ERROR in html
    assert re.search(rf"<td class=\"l\">{FAILED_RUN}</td>", html)
    assert "1 of 16 runs failed" in html
    assert sum(row.n for row in report.rows) == 15
    assert FAILED_RUN not in set(report.sweep.annual["run_id"])


def open_year_means(report, column: str) -> pd.Series:
    """Each ok run's mean of an annual column over its open years, computed here independently."""
    annual = pd.read_parquet(report.sweep.root / "annual.parquet")
    annual = annual[annual["facility_open"].astype(bool)]
    return annual.groupby("run_id")[column].mean()


def test_money_figure_draws_each_payers_cash_per_year_and_volunteers_time_beside(report):
    fig3 = figure(report, "fig3_money")
    cash_ax, kind_ax = fig3.fig.axes[0], fig3.fig.axes[1]
    ok = report.sweep.ok
    town_paid = open_year_means(report, "cash_municipality_eur")
    for row in report.rows:
        runs = ok[ok["organisation"] == row.model]["run_id"]
        assert row.cash_eur["municipality"] == pytest.approx(town_paid.loc[runs].mean())
        assert sum(row.cash_shares.values()) == pytest.approx(1.0)
        assert "volunteers" not in row.cash_eur and row.in_kind_eur["volunteers"] > 0
    totals: dict[float, float] = {}
    for bar in cash_ax.patches:
        y = round(bar.get_y() + bar.get_height() / 2, 6)
        totals[y] = totals.get(y, 0.0) + bar.get_width()
    want = sorted(sum(r.cash_eur.values()) for r in report.rows)
    assert sorted(totals.values()) == pytest.approx(want)
    in_kind: dict[float, float] = {}
    for bar in kind_ax.patches:  # volunteers' time and rent waived, stacked
        y = round(bar.get_y() + bar.get_height() / 2, 6)
        in_kind[y] = in_kind.get(y, 0.0) + bar.get_width()
    want = sorted(sum(r.in_kind_eur.values()) for r in report.rows)
    assert sorted(in_kind.values()) == pytest.approx(want)


def test_first_screen_answers_what_lasts_what_the_town_pays_and_who_pays(report):
    html = report.path.read_text()
    glance = html[html.index('id="glance"') : html.index('id="summary"')]
    tx = Text("en")
    for row in report.rows:
        assert tx.eur(row.town_cost_eur) in glance
        assert tx.pct(row.share_of_voluntary, 2) in glance
        assert tx.eur(sum(row.in_kind_eur.values())) in glance
    assert "The model that lasts longest is" in glance and "It costs the town" in glance
    assert glance.count('class="bar"') == len(report.rows)


def test_survival_curves_start_at_100_percent_and_end_at_the_share_still_open(report):
    fig1 = figure(report, "fig1_survival")
    sweep = report.sweep
    for (model, demo), curve in fig1.data.groupby(["model", "demography"]):
        assert curve["years"].iloc[0] == 0 and curve["survival"].iloc[0] == 1.0
        assert (np.diff(curve["survival"]) <= 1e-12).all()  # never rises
        runs = sweep.ok[(sweep.ok["organisation"] == model) & (sweep.ok["demography"] == demo)]
        # every run still open is censored at the horizon, so the curve ends at their share
        assert curve["survival"].iloc[-1] == pytest.approx(runs["viable"].mean())
    lines = [line for ax in fig1.fig.axes for line in ax.get_lines()]
    assert lines and all(line.get_ydata()[0] == 1.0 for line in lines)


def test_summary_row_numbers_come_from_the_runs(report):
    ok = report.sweep.ok
    for row in report.rows:
        runs = ok[ok["organisation"] == row.model]
        assert row.n == len(runs)
        assert row.survival == pytest.approx(runs["viable"].mean())
        assert row.lower <= row.survival <= row.upper
        assert sum(row.cash_shares.values()) == pytest.approx(1.0)
        share = open_year_means(report, "facility_grant_share_of_voluntary")
        assert row.share_of_voluntary == pytest.approx(share.loc[runs["run_id"]].mean())
    html = report.path.read_text()
    for row in report.rows:
        assert verdict(row, Text("en")) in html


def test_wilson_interval_known_values():
    # Newcombe (1998), Table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605
    assert wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-4)
    assert wilson(15, 148) == pytest.approx((0.0624, 0.1605), abs=5e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == pytest.approx(1.0)


def hand_written_wilson(successes: int, n: int, z: float = 1.959963984540054):
    """The report's own Wilson formula before statsmodels replaced it (Wilson 1927)."""
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@given(k=st.integers(0, 500), extra=st.integers(0, 500))
def test_statsmodels_wilson_gives_what_the_hand_written_formula_gave(k, extra):
    n = k + extra
    if n == 0:
        assert all(np.isnan(wilson(0, 0)))
        return
    assert wilson(k, n) == pytest.approx(hand_written_wilson(k, n), abs=1e-12)


@given(
    k=st.integers(0, 200),
    extra=st.integers(0, 200),
    municipal=st.floats(0, 1),
    cost=st.floats(0, 1e4),
    lang=st.sampled_from(["en", "de"]),
)
def test_verdict_is_generated_from_the_numbers(k, extra, municipal, cost, lang):
    n = k + extra
    if n == 0:
        return
    lo, hi = wilson(k, n)
    shares = {"municipality": municipal, "citizens": 1 - municipal}
    option = Option("org_cooperative")
    row = Row(None, option, n, k, k / n, lo, hi, 30.0, float("nan"), 0.3, cost, cash_shares=shares)
    tx = Text(lang)
    text = verdict(row, tx)
    for part in (tx.pct(k / n), tx.pct(lo), tx.pct(hi), tx.pct(municipal), tx.eur(cost)):
        assert part in text
    assert tx.name("cooperative") in text


def test_every_text_has_both_languages_with_the_same_placeholders():
    fields = string.Formatter()
    for key, (en, de) in TEXT.items():
        assert en and de, key
        names = [{f for _, f, _, _ in fields.parse(s) if f} for s in (en, de)]
        assert names[0] == names[1], key
    assert all(en and de for en, de in NAMES.values())


def test_german_report_uses_german_labels(german):
    html = german.path.read_text()
    assert '<html lang="de">' in html
    for word in ("Auf einen Blick", "Trägerverbund", "Am Ende noch offen", "Fehlgeschlagene Läufe"):
        assert word in html
    assert "Provider network" not in html


def test_each_language_writes_into_its_own_folder(report, german):
    assert german.path.parent.name == "de"
    assert german.path.parent != report.path.parent
    assert (german.path.parent / "fig1_survival.svg").is_file()


def test_heatmap_uses_two_uncertainties_or_says_why_not(report):
    fig6 = figure(report, "fig6_survival_heatmap")
    assert fig6.fig is not None
    assert set(fig6.data.columns) >= {"support", "demography", "survival", "n"}
    assert fig6.data["n"].sum() == len(report.sweep.ok)
    one = replace(report.sweep, uncertainties=["demography"])
    skipped = heatmap_figure(one, Text("en"))
    assert skipped.fig is None and "fewer than two uncertain conditions" in skipped.note


def test_population_pyramids_come_from_the_stored_table_or_are_skipped_with_a_note(report):
    # (Read from the annual table's age bands, never re-simulated: tests/test_report_pyramid.py.)
    fig7 = figure(report, "fig7_population_pyramids")
    if "pop_m_00" in report.sweep.annual:
        assert fig7.fig is not None and fig7.note is None
    else:
        assert fig7.fig is None and "pop_m_00" in fig7.note


def test_optional_sections_appear_only_when_their_outputs_exist(sweep_dir, report, tmp_path):
    assert "Sensitivity analysis" not in report.path.read_text()
    folder = sweep_dir / "sensitivity"
    folder.mkdir(exist_ok=True)
    shutil.copy(report.path.parent / "fig5_reach.png", folder / "indices.png")
    pd.DataFrame({"input": ["support"], "ST": [0.5]}).to_csv(folder / "indices.csv", index=False)
    sentence = "viable: most of its variation comes from support."
    (folder / "summary.json").write_text(json.dumps({"captions": {"viable": sentence}}))
    try:
        again = build_report(sweep_dir, out=tmp_path / "x.html", pyramid=False)
    finally:
        shutil.rmtree(folder)
    html = again.path.read_text()
    assert "Sensitivity analysis" in html and sentence in html and "<td>support</td>" in html
    assert html.count("data:image/png") == 6 + 1  # six figures (no pyramid) + the extra


def test_stress_test_of_a_town_in_the_sweep_is_found_beside_it(report, tmp_path):
    sweep = tmp_path / "results" / "experiments" / "some_sweep"
    stress = tmp_path / "results" / "stress" / "wetter_buergertreff"
    sweep.mkdir(parents=True)
    stress.mkdir(parents=True)
    (stress / "stress_test.csv").write_text("shock,verdict\nbaseline,reference\n")
    shutil.copy(report.path.parent / "fig1_survival.png", stress / "stress_survival.png")
    summary = {"verdict": ["Revenues -20 %: fails."], "captions": {"stress_survival": "Open."}}
    (stress / "summary.json").write_text(json.dumps(summary))
    found = stress_folders(sweep, ["wetter_buergertreff", "herten_integration_centre"])
    assert found == [stress.resolve()]
    html = extras_html(sweep, tuple(found), Text("en"), tmp_path / "report")
    assert "Fiscal stress test" in html and "<li>Revenues -20 %: fails.</li>" in html
    assert "<figcaption>Open.</figcaption>" in html and "<td>reference</td>" in html


def test_a_sweep_whose_runs_all_failed_still_gives_a_report_naming_them(sweep_dir, tmp_path):
    copy = tmp_path / "all_failed"
    shutil.copytree(sweep_dir, copy, ignore=shutil.ignore_patterns("report", "sensitivity"))
    runs = pd.read_parquet(copy / "runs.parquet")
    runs["status"], runs["error"] = "failed", "ValueError: every run broke"
    runs.to_parquet(copy / "runs.parquet", index=False)
    report = build_report(copy)
    html = report.path.read_text()
    assert report.path == copy / "report" / "en" / "report.html"
    assert all(f.fig is None for f in report.figures) and report.rows == []
    assert "16 of 16 runs failed" in html and html.count("every run broke") == 16


def test_unfinished_sweep_reports_what_is_stored(tmp_path):
    out = make_small_sweep(tmp_path, max_runs=5)
    report = build_report(out, out=tmp_path / "r.html", pyramid=False)
    assert len(report.sweep.ok) == 5
    assert "not finished: 5 of 16 simulated courses are stored" in report.path.read_text()


def test_cli_replaces_an_earlier_report_and_prints_its_path_last(report, tmp_path):
    earlier = tmp_path / "report.html"
    shutil.copy(report.path, earlier)
    earlier.write_text(earlier.read_text().replace("</footer>", "EARLIER</footer>"))
    args = ["report", str(report.sweep.root), "--out", str(earlier), "--no-pyramid"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == f"report: {earlier}"
    assert "EARLIER" not in earlier.read_text()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (["--lang", "fr"], "--lang"),
        (["--heatmap-x", "nonsense"], "--heatmap-x"),
        (["--model-param", "nonsense"], "--model-param"),
    ],
)
def test_cli_refuses_bad_options_with_exit_2_and_one_line(sweep_dir, tmp_path, extra, field):
    out = tmp_path / "bad.html"
    result = CliRunner().invoke(app, ["report", str(sweep_dir), "--out", str(out), *extra])
    assert result.exit_code == 2
    assert field in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_refuses_a_folder_that_is_not_a_sweep_and_a_foreign_out_file(sweep_dir, tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 2 and "manifest.json" in result.output
    foreign = tmp_path / "notes.html"
    foreign.write_text("<p>my notes</p>")
    result = CliRunner().invoke(app, ["report", str(sweep_dir), "--out", str(foreign)])
    assert result.exit_code == 2 and foreign.read_text() == "<p>my notes</p>"


def test_figures_have_readable_ticks_at_the_width_the_page_shows_them(report):
    """Tick labels of at least 10 pt, on figures narrow enough that the page shows them at
    (nearly) full size: 1,180 px of page at 110 dpi is 10.7 in; 12 in still keeps 9 pt."""
    from simulator.palette import TICK_LABEL_PT

    for fig in report.figures:
        if fig.fig is None or fig.key == "fig7_population_pyramids":  # the pyramid is redrawn
            continue
        width_in = fig.fig.get_figwidth()
        assert width_in <= 12.0, (fig.key, width_in)
        for ax in fig.fig.axes:
            if not ax.get_visible() or ax.get_label() == "<colorbar>":
                continue
            sizes = [t.get_fontsize() for t in ax.get_xticklabels() + ax.get_yticklabels()]
            assert all(size >= TICK_LABEL_PT for size in sizes), (fig.key, sizes)
