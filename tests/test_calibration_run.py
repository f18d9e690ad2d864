"""``dewak calibrate`` end to end on a small town, the distance, resuming, and killing (long).

The distance uses only the fitted patterns (validation patterns never enter it); a finished
calibration writes a posterior whose weights sum to 1, a summary with intervals and pattern
fits, diagnostics, figures and a manifest; the folder is never reused unless asked; a resume
continues the history; a calibration killed with SIGKILL and resumed gives the same posterior as
one never interrupted (serial sampler, same master seed).
"""

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from simulator.calibration.patterns import load_patterns
from simulator.calibration.posterior import draw, load_posterior
from simulator.calibration.prepare import prepare
from simulator.calibration.smc import PatternDistance, pattern_targets
from simulator.cli import app
from tests.calibration_support import make_project
from tests.conftest import ROOT


def test_the_distance_reads_only_the_fitted_patterns():
    prepared = prepare(ROOT / "experiments" / "calibrate_wetter.yaml")
    distance = PatternDistance(pattern_targets(prepared.fit))
    x = {"wetter_net_migration": 0.004, "wetter_volunteers": 45.0, "wetter_utilisation": 0.3}
    x.update({p.name: 0.5 for p in prepared.validate})
    base = distance(x, {})
    # value target 0.002 ± 0.001 -> 2 sd; range [14, 40] half-width 13 -> 5/13; inside -> 0
    assert base == pytest.approx(math.hypot(2.0, 5 / 13))
    for p in prepared.validate:  # whatever a validation statistic is, the distance is the same
        assert distance({**x, p.name: -1e9}, {}) == base
        assert distance({**x, p.name: float("nan")}, {}) == base
    assert distance({**x, "wetter_utilisation": float("nan")}, {}) == math.inf
    assert set(distance.targets) == {p.name for p in prepared.fit}


def test_every_validation_pattern_is_kept_out_of_every_shipped_calibration():
    roles = {p.name: p.role for p in load_patterns(ROOT / "experiments" / "patterns.yaml").patterns}
    for path in (ROOT / "experiments").glob("calibrate_*.yaml"):
        prepared = prepare(path)
        assert all(roles[p.name] == "calibration" for p in prepared.fit), path


def _calibrate(*args):
    return CliRunner().invoke(app, ["calibrate", *map(str, args), "--no-progress"])


def test_calibrate_writes_its_results_and_resumes(tmp_path):
    path, out = make_project(tmp_path), tmp_path / "out"
    result = _calibrate(path, "--out", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    posterior = pd.read_parquet(out / "posterior.parquet")
    assert list(posterior.columns) == ["in_migration", "visit_base", "weight"]
    assert len(posterior) == 8 and posterior.weight.sum() == pytest.approx(1.0)
    assert posterior.in_migration.between(0.02, 0.05).all()
    summary = json.loads((out / "summary.json").read_text())
    stats = summary["parameters"]["visit_base"]
    assert 0.03 <= stats["q05"] <= stats["median"] <= stats["q95"] <= 0.3
    assert [p["role"] for p in summary["patterns"]] == ["calibration"] * 2 + ["validation"]
    markdown = (out / "summary.md").read_text()
    assert "| visit_base | `citizens.visit_base_per_month`" in markdown
    assert (
        "citizens.visit_base_per_month: {value: " in markdown and 'calibrated: "small, ' in markdown
    )
    overlay = yaml.safe_load((out / "calibrated" / "wetter_buergertreff.yaml").read_text())
    assert overlay["overlay"] == "small" and set(overlay["set"]) == {
        "demography.in_migration_rate_per_year",
        "citizens.visit_base_per_month",
    }
    assert overlay["set"]["citizens.visit_base_per_month"]["value"] == float(
        f"{stats['median']:.4g}"
    )
    generations = pd.read_csv(out / "generations.csv")
    assert list(generations.generation) == [-1, 0, 1]  # the prior sample, then two generations
    assert {"epsilon", "acceptance_rate", "ess"} <= set(generations.columns)
    manifest = json.loads((out / "manifest.json").read_text())
    assert (manifest["status"], manifest["stop_reason"], manifest["generations"]) == (
        "complete",
        "generations",
        2,
    )
    _check_common_manifest(manifest)
    assert {"marginals.png", "pairs.png", "diagnostics.png", "patterns.png"} <= {
        f.name for f in (out / "figures").iterdir()
    }
    # posterior draws for a posterior-predictive sweep: particles chosen by weight
    posterior = load_posterior(out)
    assert posterior.paths["visit_base"] == "citizens.visit_base_per_month"
    draws = draw(posterior, 400, seed=1)
    assert list(draws.columns) == ["draw", "particle", "in_migration", "visit_base"]
    assert draws.equals(draw(posterior, 400, seed=1))
    chosen = draws.particle.value_counts(normalize=True).reindex(range(8), fill_value=0)
    assert (chosen - posterior.particles.weight).abs().max() < 0.1
    # a stored calibration is not overwritten; --resume continues its history
    again = _calibrate(path, "--out", out, "--workers", "1")
    assert again.exit_code == 2 and "--resume" in again.output
    more = _calibrate(path, "--out", out, "--workers", "1", "--resume", "--generations", "3")
    assert more.exit_code == 0, more.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["generations"] == 3 and len(manifest["invocations"]) == 2
    # changed inputs are not resumed
    make_project(tmp_path, {"master_seed": 6})
    changed = _calibrate(path, "--out", out, "--workers", "1", "--resume")
    assert changed.exit_code == 2 and "changed" in changed.output


def _check_common_manifest(manifest: dict) -> None:
    """The one manifest schema of every result folder, kind calibration."""
    from simulator.provenance import SCHEMA

    assert (manifest["schema"], manifest["kind"], manifest["name"]) == (
        SCHEMA,
        "calibration",
        "small",
    )
    assert manifest["ended"] is not None and manifest["started"] <= manifest["ended"]
    assert {"python", "pyabc", "mesa", "numpy"} <= set(manifest["versions"])
    assert set(manifest["git"] or {"commit": 1, "dirty": 0}) == {"commit", "dirty"}
    invocation = manifest["invocations"][0]
    assert invocation["executor"] == "serial (pyabc SingleCoreSampler)"
    assert invocation["model_runs"] == manifest["model_runs"] > 0


def test_max_runs_stops_an_invocation_and_resume_continues(tmp_path):
    path, out = make_project(tmp_path, {"population_size": 5}), tmp_path / "out"
    dry = _calibrate(path, "--out", out, "--workers", "1", "--dry-run")
    assert dry.exit_code == 0 and "calibration small: 2 parameters" in dry.output
    assert not out.exists()  # a dry run checks everything and writes nothing
    first = _calibrate(path, "--out", out, "--workers", "1", "--max-runs", "1")
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert (manifest["status"], manifest["stop_reason"], manifest["generations"]) == (
        "running",
        "budget",
        1,
    )
    assert manifest["ended"] is None and manifest["invocations"][0]["max_runs"] == 1
    assert json.loads((out / "summary.json").read_text())["status"] == "unfinished"
    _calibrate(path, "--out", out, "--workers", "1", "--resume")
    manifest = json.loads((out / "manifest.json").read_text())
    assert (manifest["status"], manifest["generations"]) == ("complete", 2)
    assert [i["model_runs"] > 0 for i in manifest["invocations"]] == [True, True]


def test_calibrate_takes_the_options_every_batch_command_takes():
    import inspect

    from simulator.cli.batch import SHARED_NAMES
    from simulator.cli.calibrate import calibrate
    from simulator.cli.sweep import sweep

    own = set(inspect.signature(calibrate).parameters) - set(SHARED_NAMES)
    assert own == {"calibration", "generations"}
    shared = list(inspect.signature(sweep).parameters)[1:]
    assert list(inspect.signature(calibrate).parameters)[2:] == shared == SHARED_NAMES
    help_text = CliRunner().invoke(app, ["calibrate", "--help"]).output
    assert all(flag in help_text for flag in ("--dask-local", "--executor", "--max-runs"))


def _posterior(out) -> pd.DataFrame:
    frame = pd.read_parquet(out / "posterior.parquet")
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.mark.long
def test_a_killed_calibration_resumes_to_the_same_posterior(tmp_path):
    path = make_project(tmp_path, {"population_size": 12, "stop": {"generations": 4}})
    dewak = str(Path(sys.executable).with_name("dewak"))
    base = [dewak, "calibrate", str(path), "--workers", "1", "--no-progress"]
    subprocess.run([*base, "--out", str(tmp_path / "straight")], check=True, timeout=600)
    killed = tmp_path / "killed"
    process = subprocess.Popen([*base, "--out", str(killed)], start_new_session=True)
    deadline = time.monotonic() + 600
    while not _has_generation(killed, 1) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert json.loads((killed / "manifest.json").read_text())["status"] == "running"
    refused = subprocess.run([*base, "--out", str(killed)], capture_output=True, text=True)
    assert refused.returncode == 2 and "--resume" in refused.stderr
    subprocess.run([*base, "--out", str(killed), "--resume"], check=True, timeout=600)
    assert json.loads((killed / "manifest.json").read_text())["generations"] == 4
    pd.testing.assert_frame_equal(_posterior(killed), _posterior(tmp_path / "straight"))


def _has_generation(folder, generation: int) -> bool:
    try:
        return generation in set(pd.read_csv(folder / "generations.csv").generation)
    except (OSError, ValueError, pd.errors.EmptyDataError):
        return False
