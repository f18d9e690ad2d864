"""The ``posterior`` design: sweeps whose runs draw their parameters from calibrations' posteriors.

Draws follow the particles' weights; every run stores its draw id, particle and values, and its
scenario gets exactly those values (only where its own calibration set them); under
``seeds: common`` a draw keeps its seed across levers; the posterior files are inputs, so a
resume refuses a changed one; a missing posterior is invalid input that names the calibration
to run. The toy runner stands in for the model except where the scenario's paths are checked.
"""

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from simulator.cli import app
from simulator.experiments import ExperimentError, run_experiment
from simulator.experiments.design import runs_table, sample_points
from simulator.experiments.plan import SweepPlan
from simulator.experiments.schema import load_experiment
from simulator.experiments.toy import TOY_RUNNER
from tests.conftest import ROOT, scenario_path
from tests.test_experiments_support import TOY_EXPERIMENT, make_project

IN_MIGRATION = "demography.in_migration_rate_per_year"
VISIT_BASE = "citizens.visit_base_per_month"


def write_posterior(folder, name: str, values: dict, weights: list, paths: dict):
    """A posterior.parquet and summary.json as dewak calibrate writes them; returns the folder."""
    folder = folder / "results" / "calibration" / name
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({**values, "weight": weights}).to_parquet(folder / "posterior.parquet")
    parameters = {
        n: {
            "path": paths[n],
            "scenarios": "all",
            "integer": False,
            "prior": {"kind": "uniform", "low": 0.0, "high": 1.0},
        }
        for n in values
    }
    summary = {"name": name, "particles": len(weights), "parameters": parameters}
    (folder / "summary.json").write_text(json.dumps(summary))
    return folder


def posterior_project(tmp_path, draws: int = 3, **changes):
    """The toy project; scenario a drawn from calibrate_a (in_migration), b from calibrate_b."""
    write_posterior(
        tmp_path, "calibrate_a", {"in_migration": [0.02, 0.03, 0.04]}, [0.6, 0.3, 0.1],
        {"in_migration": IN_MIGRATION},
    )  # fmt: skip
    write_posterior(
        tmp_path, "calibrate_b", {"visit_base": [0.1, 0.2]}, [0.5, 0.5],
        {"visit_base": VISIT_BASE},
    )  # fmt: skip
    design = {
        "kind": "posterior",
        "posterior": {
            "a": "../results/calibration/calibrate_a/posterior.parquet",
            "b": "../results/calibration/calibrate_b",  # the folder will do
        },
        "draws": draws,
    }
    experiment = {**TOY_EXPERIMENT, "uncertainties": [], "design": design, "replications": 1}
    return make_project(tmp_path, {**experiment, **changes})


def test_draws_follow_the_weights_and_stay_the_same_across_levers(tmp_path):
    points = sample_points(load_experiment(posterior_project(tmp_path, draws=600)))
    assert len(points) == 2 * 3 * 600  # scenarios x organisation models x draws
    a = points[points.scenario == "a"]
    share = a[a.org == "org_one"].posterior_particle.value_counts(normalize=True).sort_index()
    assert share.to_numpy() == pytest.approx([0.6, 0.3, 0.1], abs=0.06)
    assert (a.in_migration == a.posterior_particle.map({0: 0.02, 1: 0.03, 2: 0.04})).all()
    assert a.visit_base.isna().all()  # calibrate_a does not set it: no value, no patch
    by_org = a.pivot(index="posterior_draw", columns="org", values="posterior_particle")
    assert (by_org.nunique(axis=1) == 1).all()  # draw d is one parameter set at every point
    b = points[points.scenario == "b"]
    assert b.in_migration.isna().all() and set(b.visit_base) == {0.1, 0.2}


def test_each_run_stores_its_draw_and_gets_exactly_its_values(tmp_path):
    path = posterior_project(tmp_path)
    options = {"runner": TOY_RUNNER, "executor": "serial", "progress": False}
    result = run_experiment(path, out=tmp_path / "out", **options)
    runs = result.runs()
    assert len(runs) == 18 and (runs.status == "ok").all()
    columns = ["posterior_draw", "posterior_particle", "in_migration", "visit_base"]
    assert set(columns) <= set(runs.columns)
    plan = SweepPlan(load_experiment(path), TOY_RUNNER)
    for row in runs.to_dict("records"):
        values = dict(plan.task(row["run_id"]).overrides)
        expected = {IN_MIGRATION: row["in_migration"]} if row["scenario"] == "a" else {}
        expected = expected or {VISIT_BASE: row["visit_base"]}
        assert values == expected
    manifest = json.loads((result.out / "manifest.json").read_text())
    roles = {f["name"]: (f["role"], f["patch"]) for f in manifest["design"]["factors"]}
    assert roles["posterior_draw"] == ("posterior", "record")
    assert roles["in_migration"] == ("posterior", "set_value")
    assert any("calibrate_a/posterior.parquet" in name for name in manifest["scenario_hashes"])


def test_common_seeds_pair_the_levers_within_a_draw(tmp_path):
    exp = load_experiment(posterior_project(tmp_path, seeds="common", replications=2))
    runs = runs_table(exp).merge(sample_points(exp), on="sample_id")
    per_draw = runs.groupby(["posterior_draw", "replication"]).seed.nunique()
    assert (per_draw == 1).all()  # every scenario and organisation model: the same seed
    assert runs.groupby("posterior_draw").seed.first().nunique() == 3  # draws differ


def test_a_changed_posterior_is_not_resumed(tmp_path):
    path = posterior_project(tmp_path)
    options = {"runner": TOY_RUNNER, "executor": "serial", "progress": False}
    options["out"] = tmp_path / "out"
    first = run_experiment(path, max_runs=5, **options)
    assert not first.complete
    write_posterior(
        tmp_path, "calibrate_a", {"in_migration": [0.02, 0.03, 0.04]}, [0.2, 0.3, 0.5],
        {"in_migration": IN_MIGRATION},
    )  # fmt: skip
    with pytest.raises(ExperimentError, match="changed"):
        run_experiment(path, resume=True, **options)


def _validate(path) -> str:
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    return result.output.strip().splitlines()[-1]


def test_a_missing_posterior_names_the_calibration_to_run(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "scenarios", project / "scenarios")
    (project / "experiments").mkdir()
    for name in ("compare_organisation_models_posterior", "calibrate_herten", "patterns"):
        shutil.copy(ROOT / "experiments" / f"{name}.yaml", project / "experiments")
    line = _validate(project / "experiments" / "compare_organisation_models_posterior.yaml")
    assert "design.posterior.herten_integration_centre: " in line
    assert "calibrate_herten/posterior.parquet does not exist" in line
    assert "run 'dewak calibrate " in line and "calibrate_herten.yaml' first" in line


def test_posterior_paths_are_checked_in_the_scenarios(tmp_path):
    (tmp_path / "scenarios").mkdir()
    shutil.copy(scenario_path("wetter_buergertreff"), tmp_path / "scenarios")
    write_posterior(tmp_path, "c", {"x": [1.0]}, [1.0], {"x": "citizens.visit_bas_per_month"})
    experiment = {
        "name": "p",
        "scenario": "../scenarios/wetter_buergertreff.yaml",
        "outcomes": ["viable"],
        "design": {"kind": "posterior", "posterior": "../results/calibration/c", "draws": 2},
        "master_seed": 1,
    }
    (tmp_path / "experiments").mkdir()
    path = tmp_path / "experiments" / "p.yaml"
    path.write_text(yaml.safe_dump(experiment))
    line = _validate(path)
    assert "design.posterior: citizens.visit_bas_per_month" in line and "visit_base" in line
    write_posterior(tmp_path, "c", {"x": [1.0]}, [1.0], {"x": VISIT_BASE})
    experiment["set"] = {VISIT_BASE: 0.1}
    path.write_text(yaml.safe_dump(experiment))
    assert "is set by the experiment and the posterior" in _validate(path)
    del experiment["set"]
    path.write_text(yaml.safe_dump(experiment))
    code = (
        "import sys; from simulator.cli import app; from typer.testing import CliRunner;"
        f"r = CliRunner().invoke(app, ['validate', {str(path)!r}]);"
        "assert r.exit_code == 0, r.output;"
        "print([m for m in ('numpy', 'pandas', 'mesa') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"  # dewak validate reads the posterior's summary only
