"""Sweeps of the real model on a 3-year horizon: executors agree, failures are recorded."""

import copy
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from test_experiments_support import comparable
from typer.testing import CliRunner

from simulator.cli import app
from simulator.experiments import run_experiment

REPO = Path(__file__).resolve().parents[1]
OUTCOMES = [
    "viable", "closure_year", "years_open", "utilisation_mean", "visits_per_year_mean",
    "volunteers_mean", "reach_share", "cost_total_eur", "cost_share_municipality",
    "cost_share_programmes", "cost_share_providers", "cost_share_housing_company",
    "cost_share_citizens", "cost_share_volunteers", "municipal_hsk_years",
    "liquidity_loans_end_eur_per_capita", "population_start", "population_end",
    "share_65plus_start", "share_65plus_end",
]  # fmt: skip
ANNUAL = [
    "year", "population", "share_65plus", "visits", "utilisation", "facility_reserves_eur",
    "volunteers", "facility_open", "municipal_general_reserve_eur", "municipal_hsk",
]  # fmt: skip
SMALL = {
    "name": "small_real",
    "scenario": "../scenarios/wetter_buergertreff.yaml",  # the quicker town
    "levers": [{"name": "organisation", "overlays": ["org_municipal", "org_citizen_association"]}],
    "uncertainties": [{"name": "demography", "overlays": ["baseline", "shrinking"]}],
    "outcomes": ["viable", "cost_share_municipality"],
    "design": {"kind": "full_factorial"},
    "replications": 2,
    "master_seed": 11,
    "years": 3,
}


def project(root: Path, experiment: dict) -> Path:
    """A copy of the shipped scenarios beside one experiment file (scenarios stay confined)."""
    shutil.copytree(REPO / "scenarios", root / "scenarios")
    (root / "experiments").mkdir()
    path = root / "experiments" / f"{experiment['name']}.yaml"
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return project(tmp_path_factory.mktemp("real"), SMALL)


def test_real_model_same_results_serial_pool_dask(small, tmp_path):
    results = {
        kind: run_experiment(small, executor=kind, workers=2, out=tmp_path / kind, progress=False)
        for kind in ("serial", "pool", "dask")
    }
    serial = results["serial"]
    assert serial.complete and serial.done == 8 and serial.failed == 0
    runs = serial.runs()
    assert set(OUTCOMES) <= set(runs.columns)
    assert set(ANNUAL) <= set(serial.annual().columns)
    assert len(serial.annual()) == 8 * 3
    assert runs["scenario_hash"].nunique() == 4  # 2 organisation models x 2 demographies
    for kind in ("pool", "dask"):
        pd.testing.assert_frame_equal(comparable(runs), comparable(results[kind].runs()))
        pd.testing.assert_frame_equal(serial.annual(), results[kind].annual())


def test_combination_that_cannot_be_built_fails_alone(tmp_path):
    # A lead provider belongs to the provider network; the municipal model has none, so naming
    # one fails for those runs only (each value alone is valid on the network base).
    data = copy.deepcopy(SMALL)
    data.update(scenario="../scenarios/herten_integration_centre.yaml", replications=1)
    data["levers"] = [{"name": "model", "overlays": ["org_provider_network", "org_municipal"]}]
    lead = {"name": "lead", "path": "organisation.lead_provider"}
    data["uncertainties"] = [{**lead, "values": ["awo"]}]
    result = run_experiment(
        project(tmp_path, data), executor="pool", workers=2, out=tmp_path / "out", progress=False
    )
    runs = result.runs()
    assert result.complete and result.exit_code == 1
    failed = runs[runs["status"] == "failed"]
    assert set(failed["model"]) == {"org_municipal"} and len(failed) == 1
    assert failed["error"].str.contains("lead_provider").all()
    assert (runs.loc[runs["model"] == "org_provider_network", "status"] == "ok").all()


def test_cli_sweep_max_runs_then_resume(small, tmp_path):
    out = tmp_path / "out"
    first = CliRunner().invoke(
        app, ["sweep", str(small), "--out", str(out), "--max-runs", "3", "--workers", "1"]
    )
    assert first.exit_code == 0, first.output
    assert "3/8 runs stored" in first.output and not (out / "runs.parquet").exists()
    again = CliRunner().invoke(app, ["sweep", str(small), "--out", str(out)])
    assert again.exit_code == 2 and "--resume" in again.output
    done = CliRunner().invoke(app, ["sweep", str(small), "--out", str(out), "--resume", "-w", "2"])
    assert done.exit_code == 0, done.output
    assert len(pd.read_parquet(out / "runs.parquet")) == 8


@pytest.mark.parametrize(
    "name", ["compare_organisation_models", "financing_mix_lhs", "sensitivity_sobol"]
)
def test_shipped_experiments_validate(name):
    for path in [REPO / "experiments" / f"{name}.yaml"]:
        result = CliRunner().invoke(app, ["sweep", str(path), "--dry-run"])
        assert result.exit_code == 0, f"{path.name}: {result.output}"


@pytest.mark.long
def test_dewak_sweep_sigkill_then_resume_real_model(small, tmp_path):
    reference = run_experiment(small, executor="serial", out=tmp_path / "ref", progress=False)
    out = tmp_path / "killed"
    dewak = Path(sys.executable).with_name("dewak")
    command = [str(dewak), "sweep", str(small), "--out", str(out), "--workers", "2"]
    proc = subprocess.Popen([*command, "--no-progress"], start_new_session=True)
    deadline = time.monotonic() + 120
    while not list((out / "fragments").glob("batch-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    resumed = subprocess.run([*command, "--resume", "--no-progress"], check=False)
    assert resumed.returncode == 0
    runs = pd.read_parquet(out / "runs.parquet")
    pd.testing.assert_frame_equal(comparable(reference.runs()), comparable(runs))


@pytest.mark.long
def test_sigterm_stops_cleanly_and_resume_completes(small, tmp_path):
    out = tmp_path / "out"
    dewak = Path(sys.executable).with_name("dewak")
    command = [str(dewak), "sweep", str(small), "--out", str(out), "--no-progress"]
    proc = subprocess.Popen([*command, "--workers", "2"], start_new_session=True)
    while not (out / "manifest.json").exists():
        time.sleep(0.01)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) in (0, 130)  # 0 if it had already finished
    assert subprocess.run([*command, "--resume"], check=False).returncode == 0
    assert len(pd.read_parquet(out / "runs.parquet")) == 8
