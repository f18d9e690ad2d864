"""The report says which bands include parameter uncertainty, and shows the pattern table.

Two small real sweeps of Wetter (two organisation models, 4 years): one on posterior draws of a
made-up calibration and naming a pattern file (stopped after 3 of its 4 runs), one with seeds
only. The first report says that
its bands cover the posterior of that calibration and shows the pattern table (a miss marked);
the second says its bands cover seeds only and shows no table until ``dewak patterns`` has
written ``patterns.csv`` into its folder.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from simulator.experiments import run_experiment
from simulator.report import build_report
from tests.conftest import ROOT
from tests.test_posterior_design import write_posterior

BASE = {
    "name": "small",
    "scenario": "../scenarios/wetter_buergertreff.yaml",
    "set": {"town.population": 3000},
    "levers": [{"name": "organisation", "overlays": ["org_municipal", "org_provider_network"]}],
    "outcomes": ["viable", "years_open", "utilisation_mean"],
    "design": {"kind": "full_factorial"},
    "replications": 2,
    "master_seed": 3,
    "years": 4,
}
PATTERNS = {
    "patterns": [
        {
            "name": "births_hit",
            "statistic": {"annual": "births", "aggregate": "sum", "years": [2026, 2028]},
            "target": {"at_least": 0, "unit": "births"},
            "source": "DI §6b test",
            "role": "validation",
        },
        {
            "name": "of_another_town",
            "statistic": {"outcome": "viable"},
            "scenarios": ["herten_hindcast_2012"],
            "target": {"at_least": 0},
            "source": "MF §3a test",
            "role": "validation",
        },
        {
            "name": "volunteers_miss",
            "statistic": {"annual": "volunteers", "aggregate": "mean", "years": [2026, 2028]},
            "target": {"range": [1000, 2000], "unit": "persons"},
            "source": "DF §6 test",
            "role": "validation",
        },
    ]
}


def sweep(folder, max_runs=None, **changes):
    """Run the small experiment (with ``changes``) into ``folder/results``."""
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    (folder / "experiments").mkdir()
    (folder / "experiments" / "patterns.yaml").write_text(yaml.safe_dump(PATTERNS))
    path = folder / "experiments" / "small.yaml"
    path.write_text(yaml.safe_dump({**BASE, **changes}, allow_unicode=True))
    out = folder / "results" / "experiments" / "small"
    run_experiment(path, executor="serial", out=out, progress=False, max_runs=max_runs)
    return out


@pytest.fixture(scope="module")
def on_posterior(tmp_path_factory):
    folder = tmp_path_factory.mktemp("posterior")
    write_posterior(
        folder, "calibrate_w", {"in_migration": [0.03, 0.04]}, [0.5, 0.5],
        {"in_migration": "demography.in_migration_rate_per_year"},
    )  # fmt: skip
    design = {"kind": "posterior", "posterior": "../results/calibration/calibrate_w", "draws": 2}
    out = sweep(folder, 3, design=design, replications=1, patterns="patterns.yaml")  # 3 of 4
    return build_report(out, pyramid=False).path.read_text()


@pytest.fixture(scope="module")
def seeds_only(tmp_path_factory):
    return sweep(tmp_path_factory.mktemp("seeds"))


def test_bands_on_posterior_draws_say_they_include_parameter_uncertainty(on_posterior):
    assert "what we do not know about the calibrated parameters in_migration" in on_posterior
    assert "posterior of calibrate_w (2 draws per combination)" in on_posterior
    assert "randomness only (a different seed" not in on_posterior


def test_the_pattern_table_shows_hits_and_misses_of_the_named_pattern_file(on_posterior):
    """Of the runs stored so far (the sweep is unfinished); other towns' patterns left out."""
    section = on_posterior[on_posterior.index('<section id="uncertainty">') :]
    assert "of_another_town" not in section
    assert "The runs against the patterns" in section and "Patterns: patterns.yaml" in section
    hit = section[section.index("births_hit") :].split("</tr>")[0]
    miss = section[section.index("volunteers_miss") :].split("</tr>")[0]
    assert "<b>hit</b>" in hit and "&ge; 0" not in hit and "≥ 0 births" in hit
    assert "<b>missed</b>" in miss and "[1000, 2000] persons" in miss
    assert 'class="miss"' in section[: section.index("volunteers_miss")].rsplit("<tr", 1)[1]
    assert "<td>3</td>" in hit  # the three stored runs


def test_bands_of_seeds_only_say_so_and_patterns_csv_adds_the_table(seeds_only, tmp_path):
    html = build_report(seeds_only, out=tmp_path / "a.html", pyramid=False).path.read_text()
    assert "randomness only (a different seed per simulated course)" in html
    assert "The runs against the patterns" not in html
    from simulator.calibration.patterns import PatternFile
    from simulator.calibration.table import pattern_table

    table = pattern_table(seeds_only, PatternFile.model_validate(PATTERNS))
    table.to_csv(seeds_only / "patterns.csv", index=False)
    html = build_report(seeds_only, out=tmp_path / "b.html", pyramid=False).path.read_text()
    assert "Patterns: patterns.csv" in html and "volunteers_miss" in html
