"""Sweeps on the toy runner: executors agree, failures are recorded, resume is exact."""

import copy
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from test_experiments_support import TOY_EXPERIMENT, comparable, make_project

from simulator.experiments import ExperimentError, run_experiment
from simulator.experiments.toy import TOY_RUNNER


def _sweep(path, out, **kwargs):
    kwargs.setdefault("executor", "serial")
    return run_experiment(path, out=out, runner=TOY_RUNNER, progress=False, **kwargs)


def _experiment(**changes):
    data = copy.deepcopy(TOY_EXPERIMENT)
    data.update(changes)
    return data


def test_serial_pool_and_dask_give_identical_results(tmp_path):
    path = make_project(tmp_path)
    serial = _sweep(path, tmp_path / "serial")
    pool = _sweep(path, tmp_path / "pool", executor="pool", workers=2)
    dask = _sweep(path, tmp_path / "dask", executor="dask", workers=2)
    for result in (serial, pool, dask):
        assert result.complete and result.done == 24 and result.exit_code == 0
    pd.testing.assert_frame_equal(comparable(serial.runs()), comparable(pool.runs()))
    pd.testing.assert_frame_equal(comparable(serial.runs()), comparable(dask.runs()))
    pd.testing.assert_frame_equal(serial.annual(), dask.annual())
    assert len(serial.annual()) == 24 * 5


def test_results_layout_and_manifest(tmp_path):
    result = _sweep(make_project(tmp_path), tmp_path / "out")
    names = sorted(p.name for p in result.out.iterdir() if not p.name.startswith("."))
    assert names == ["annual.parquet", "manifest.json", "runs.parquet", "samples.parquet"]
    manifest = json.loads((result.out / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["ended"]
    assert manifest["master_seed"] == 7 and manifest["design"]["n_runs"] == 24
    assert set(manifest["scenario_hashes"]) == {"scenarios/a.yaml", "scenarios/b.yaml"}
    assert manifest["versions"]["numpy"] and len(manifest["experiment_hash"]) == 64
    runs = result.runs()
    assert list(runs.columns[:8]) == [
        "run_id", "sample_id", "replication", "seed", "scenario", "org", "grant_eur",
        "scenario_hash",
    ]  # fmt: skip
    assert list(runs.columns[-3:]) == ["status", "error", "duration_s"]
    assert runs["seed"].is_unique and (runs["status"] == "ok").all()


def test_failing_runs_are_recorded_and_others_complete(tmp_path):
    data = _experiment(
        uncertainties=[{"name": "broken", "path": "toy.fail", "values": [False, True]}]
    )
    result = _sweep(make_project(tmp_path, data), tmp_path / "out", executor="pool", workers=2)
    runs = result.runs()
    assert result.complete and result.failed == 12 and result.exit_code == 1
    failed = runs[runs["broken"]]
    assert (failed["status"] == "failed").all() and failed["viable"].isna().all()
    assert failed["error"].str.contains("ToyModelError: run .* failed on purpose").all()
    assert (runs.loc[~runs["broken"], "status"] == "ok").all()
    assert set(result.annual()["run_id"]) == set(runs.loc[~runs["broken"], "run_id"])


def test_max_runs_then_resume_equals_one_go(tmp_path):
    path = make_project(tmp_path)
    whole = _sweep(path, tmp_path / "whole")
    part = _sweep(path, tmp_path / "part", max_runs=10, batch_size=3)
    assert not part.complete and part.done == 10 and not (part.out / "runs.parquet").exists()
    with pytest.raises(ExperimentError, match="--resume"):
        _sweep(path, tmp_path / "part")
    again = _sweep(path, tmp_path / "part", resume=True, max_runs=5, executor="pool", workers=2)
    assert again.executed == 5 and again.done == 15
    final = _sweep(path, tmp_path / "part", resume=True)
    assert final.complete and final.executed == 9
    pd.testing.assert_frame_equal(comparable(whole.runs()), comparable(final.runs()))
    pd.testing.assert_frame_equal(whole.annual(), final.annual())
    manifest = json.loads((final.out / "manifest.json").read_text())
    assert [i["runs_executed"] for i in manifest["invocations"]] == [10, 5, 9]


def test_finished_results_are_not_overwritten_without_force(tmp_path):
    path = make_project(tmp_path)
    first = _sweep(path, tmp_path / "out")
    before = (first.out / "runs.parquet").read_bytes()
    with pytest.raises(ExperimentError, match="--force"):
        _sweep(path, tmp_path / "out")
    assert (first.out / "runs.parquet").read_bytes() == before
    again = _sweep(path, tmp_path / "out", resume=True)  # nothing left to do
    assert again.complete and again.executed == 0
    forced = _sweep(path, tmp_path / "out", force=True)
    assert forced.complete and forced.executed == 24


def test_resume_refuses_a_changed_experiment(tmp_path):
    path = make_project(tmp_path)
    _sweep(path, tmp_path / "out", max_runs=4)
    make_project(tmp_path, _experiment(master_seed=8))
    with pytest.raises(ExperimentError, match="changed since this sweep started"):
        _sweep(path, tmp_path / "out", resume=True)


def test_foreign_folder_is_never_used(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("precious")
    with pytest.raises(ExperimentError, match="not a sweep result"):
        _sweep(make_project(tmp_path), tmp_path / "mine", force=True)
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "precious"


def test_invalid_options_write_nothing(tmp_path):
    path = make_project(tmp_path)
    for kwargs in ({"executor": "cloud"}, {"workers": 0}, {"scheduler": "localhost:8786"}):
        with pytest.raises(ExperimentError):
            _sweep(path, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_partial_batches_are_invisible_and_removed(tmp_path):
    path = make_project(tmp_path)
    part = _sweep(path, tmp_path / "out", max_runs=6, batch_size=2)
    stale = part.out / "fragments" / ".tmp-deadbeef"
    stale.mkdir()
    (stale / "runs.parquet").write_bytes(b"PAR1 half written")
    final = _sweep(path, tmp_path / "out", resume=True)
    assert final.complete and final.executed == 18 and not stale.exists()


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from simulator.experiments import run_experiment
    from simulator.experiments.toy import TOY_RUNNER

    if __name__ == "__main__":
        run_experiment(sys.argv[1], out=sys.argv[2], executor="pool", workers=2,
                       runner=TOY_RUNNER, progress=False, batch_size=2, resume=True)
    """
)


def _slow_experiment():
    slow = {"name": "sleep_s", "path": "toy.sleep_s", "values": [0.05]}
    return _experiment(uncertainties=[*TOY_EXPERIMENT["uncertainties"], slow], replications=4)


def kill_when(path, out, batches: int, tmp_path) -> None:
    """Start a pool sweep in its own process group; SIGKILL the group after ``batches``."""
    script = tmp_path / "sweep_script.py"
    script.write_text(KILL_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.Popen(
        [sys.executable, str(script), str(path), str(out)], start_new_session=True, env=env
    )
    deadline = time.monotonic() + 60
    try:
        while len(list((out / "fragments").glob("batch-*"))) < batches:
            assert proc.poll() is None, "the sweep ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_sigkill_then_resume_equals_uninterrupted_sweep(tmp_path):
    path = make_project(tmp_path, _slow_experiment())
    reference = _sweep(path, tmp_path / "reference", executor="pool", workers=2)
    out = tmp_path / "killed"
    kill_when(path, out, batches=3, tmp_path=tmp_path)
    assert not (out / "runs.parquet").exists()
    resumed = _sweep(path, out, resume=True, executor="pool", workers=2)
    assert resumed.complete and 0 < resumed.executed < 48
    pd.testing.assert_frame_equal(comparable(reference.runs()), comparable(resumed.runs()))
    pd.testing.assert_frame_equal(reference.annual(), resumed.annual())


@pytest.mark.long
def test_repeated_sigkills_at_random_points(tmp_path):
    import random

    path = make_project(tmp_path, _slow_experiment())
    reference = _sweep(path, tmp_path / "reference")
    out = tmp_path / "killed"
    rng = random.Random(2024)
    for target in sorted(rng.sample(range(2, 22), 4)):
        kill_when(path, out, batches=target, tmp_path=tmp_path)
    resumed = _sweep(path, out, resume=True, executor="pool", workers=2)
    pd.testing.assert_frame_equal(comparable(reference.runs()), comparable(resumed.runs()))
    pd.testing.assert_frame_equal(reference.annual(), resumed.annual())


def test_compaction_in_small_chunks_gives_the_same_tables(tmp_path, monkeypatch):
    import simulator.experiments.compaction as compaction

    path = make_project(tmp_path)
    whole = _sweep(path, tmp_path / "whole")
    monkeypatch.setattr(compaction, "COMPACT_CHUNK_RUNS", 5)
    chunked = _sweep(path, tmp_path / "chunked", executor="pool", workers=2, batch_size=4)
    pd.testing.assert_frame_equal(comparable(whole.runs()), comparable(chunked.runs()))
    pd.testing.assert_frame_equal(whole.annual(), chunked.annual())


@pytest.mark.long
def test_dask_worker_killed_mid_sweep_loses_no_run(tmp_path):
    import threading

    from dask.distributed import LocalCluster

    from simulator.experiments.executors import local_cluster

    path = make_project(tmp_path, _slow_experiment())
    reference = _sweep(path, tmp_path / "reference")
    cluster: LocalCluster = local_cluster(2)
    out = tmp_path / "dask"
    killed = []

    def kill_one_worker():
        while len(list((out / "fragments").glob("batch-*"))) < 2:
            time.sleep(0.01)
        nanny = next(iter(cluster.workers.values()))
        os.kill(nanny.process.process.pid, signal.SIGKILL)
        killed.append(nanny.process.process.pid)

    killer = threading.Thread(target=kill_one_worker, daemon=True)
    killer.start()
    try:
        result = _sweep(path, out, scheduler=cluster.scheduler_address, batch_size=2)
    finally:
        cluster.close()
    killer.join(timeout=1)
    assert killed, "the sweep finished before a worker could be killed"
    assert result.complete and result.failed == 0
    pd.testing.assert_frame_equal(comparable(reference.runs()), comparable(result.runs()))


def test_a_run_that_kills_its_worker_fails_alone(tmp_path):
    crash = {"name": "crash", "path": "toy.crash", "values": [False, True]}
    data = _experiment(uncertainties=[crash], scenarios=["../scenarios/a.yaml"], replications=1)
    data["levers"][0]["overlays"] = ["org_one", "org_two"]
    result = _sweep(make_project(tmp_path, data), tmp_path / "out", executor="pool", workers=2)
    runs = result.runs()
    assert result.complete and result.failed == 2
    assert (runs.loc[runs["crash"], "error"].str.contains("worker process died")).all()
    assert (runs.loc[~runs["crash"], "status"] == "ok").all()  # in flight too, yet not failed


def test_local_dask_cluster_listens_on_loopback_only():
    from simulator.experiments.executors import local_cluster

    cluster = local_cluster(1)
    try:
        addresses = [cluster.scheduler_address, *cluster.scheduler_info["workers"]]
        assert all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses
        assert cluster.dashboard_link is None or "127.0.0.1" in cluster.dashboard_link
    finally:
        cluster.close()
