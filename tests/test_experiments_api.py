"""The Python API from a notebook and from a script; experiments outside the project; the lock.

``simulator.sweep`` returns the runs and annual tables; re-running the same cell continues or
reads the stored batch; a script without a ``__main__`` guard is refused before anything is
recorded; workers that cannot run anything never leave a complete store behind.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml
from test_experiments_support import TOY_EXPERIMENT, make_project
from typer.testing import CliRunner

import simulator
from simulator.cli import app
from simulator.experiments import ExperimentError
from simulator.experiments.store import ResultStore
from simulator.experiments.toy import TOY_RUNNER
from tests.conftest import ROOT, scenario_path

ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def test_sweep_returns_the_tables_and_a_second_call_reads_them(tmp_path):
    path = make_project(tmp_path)
    first = simulator.sweep(
        path, out=tmp_path / "out", runner=TOY_RUNNER, executor="serial", progress=False
    )
    assert first.complete and len(first.runs) == 24 and len(first.annual) == 24 * 5
    assert isinstance(first.runs, pd.DataFrame) and first.failed.empty
    again = simulator.sweep(
        path, out=tmp_path / "out", runner=TOY_RUNNER, executor="serial", progress=False
    )
    pd.testing.assert_frame_equal(first.runs, again.runs)
    invocations = again.manifest["invocations"]
    assert [i["runs_executed"] for i in invocations] == [24, 0]


def test_an_unfinished_sweep_is_continued_by_the_next_call(tmp_path):
    path = make_project(tmp_path)
    common = dict(out=tmp_path / "out", runner=TOY_RUNNER, executor="serial", progress=False)
    part = simulator.sweep(path, max_runs=5, **common)
    assert not part.complete and len(part.runs) == 5  # what is stored so far
    whole = simulator.sweep(path, **common)
    assert whole.complete and len(whole.runs) == 24


def test_a_folder_of_another_experiment_is_refused_with_what_to_do(tmp_path):
    path = make_project(tmp_path)
    common = dict(out=tmp_path / "out", runner=TOY_RUNNER, executor="serial", progress=False)
    simulator.sweep(path, **common)
    changed = make_project(tmp_path, {**TOY_EXPERIMENT, "master_seed": 8}, name="other.yaml")
    with pytest.raises(ExperimentError, match="another experiment.*force=True.*out="):
        simulator.sweep(changed, **common)
    assert simulator.sweep(changed, force=True, **common).complete


def test_results_convert_to_ema_workbench_experiments_and_outcomes(tmp_path):
    from ema_workbench.analysis import feature_scoring

    path = make_project(tmp_path)
    result = simulator.sweep(
        path, out=tmp_path / "o", runner=TOY_RUNNER, executor="serial", progress=False
    )
    x, y = result.to_ema()
    assert list(x.columns) == ["base_scenario", "org", "grant_eur"]  # not "scenario": EMA drops it
    assert x["org"].dtype == "category" and len(x) == 24
    assert set(y) == {"viable", "years_open"} and len(y["years_open"]) == 24
    scores = feature_scoring.get_feature_scores_all(x, {"years_open": y["years_open"]})
    assert set(scores.index) == {"base_scenario", "org", "grant_eur"}


def run_script(tmp_path: Path, body: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Run ``body`` as a script with ``SWEEP`` (a pool sweep of the toy project) defined."""
    path, out = make_project(tmp_path), tmp_path / "out"
    script = tmp_path / "script.py"
    sweep = (
        f"simulator.sweep({str(path)!r}, out={str(out)!r}, executor='pool', workers=2, "
        "runner=TOY_RUNNER, progress=False)"
    )
    header = "import simulator\nfrom simulator.experiments.toy import TOY_RUNNER\n"
    script.write_text(header + textwrap.dedent(body).replace("SWEEP", sweep))
    command = [sys.executable, str(script)]
    done = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=300)
    return done, out


def test_a_script_without_main_guard_is_refused_before_anything_is_recorded(tmp_path):
    done, out = run_script(tmp_path, 'result = SWEEP\nprint("finished")\n')
    assert done.returncode != 0 and "finished" not in done.stdout
    assert "script.py: line 3:" in done.stderr and 'if __name__ == "__main__":' in done.stderr
    assert not out.exists()


def test_the_same_script_with_a_guard_runs(tmp_path):
    body = """
    if __name__ == "__main__":
        result = SWEEP
        print(len(result.runs), result.failed.shape[0])
    """
    done, _ = run_script(tmp_path, body)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["24", "0"]


def test_workers_that_cannot_start_never_leave_a_complete_store(tmp_path):
    body = """
    import multiprocessing
    from multiprocessing import resource_tracker

    if __name__ == "__main__":
        resource_tracker.ensure_running()  # the tracker starts normally ...
        multiprocessing.set_executable("/bin/false")  # ... every worker dies at once
        SWEEP
    """
    done, out = run_script(tmp_path, body)
    assert done.returncode != 0 and "InfrastructureError" in done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "running"
    assert not list((out / "fragments").glob("batch-*"))  # no run recorded as failed


def test_a_second_batch_on_the_same_folder_is_refused_at_once(tmp_path):
    path = make_project(tmp_path)
    out = tmp_path / "out"
    with ResultStore.locked(out):
        with pytest.raises(ExperimentError, match="another batch is writing here"):
            simulator.run_experiment(path, out=out, runner=TOY_RUNNER, executor="serial")


def test_an_experiment_outside_the_project_runs_from_anywhere(tmp_path, monkeypatch):
    elsewhere = tmp_path / "my_repo" / "experiments"
    elsewhere.mkdir(parents=True)
    experiment = {
        "name": "outside",
        "scenario": os.path.relpath(scenario_path("wetter_buergertreff"), elsewhere),
        "levers": [{"name": "demography", "overlays": ["baseline", "ageing"]}],
        "set": {"town.population": 3000},
        "outcomes": ["viable"],
        "design": {"kind": "full_factorial"},
        "master_seed": 2,
        "years": 1,
    }
    path = elsewhere / "outside.yaml"
    path.write_text(yaml.safe_dump(experiment))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "results_here"
    dry = CliRunner().invoke(app, ["sweep", str(path), "--dry-run", "--out", str(out)])
    assert dry.exit_code == 0 and f"results: {out}" in dry.output
    assert "every run: town.population=3000" in dry.output
    result = CliRunner().invoke(app, ["sweep", str(path), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(out / "runs.parquet")) == 2


def test_dry_run_names_the_default_folder():
    path = ROOT / "experiments" / "financing_mix_lhs.yaml"
    dry = CliRunner().invoke(app, ["sweep", str(path), "--dry-run"])
    assert dry.exit_code == 0 and "results: results/experiments/financing_mix_lhs" in dry.output
