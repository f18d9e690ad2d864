"""Faults: interrupted writes, killed sweeps, killed Dask workers, failing runs, server addresses.

Results must survive crashes: ``write_run`` publishes a run folder in one step (an interrupted
write leaves the earlier result as it was, and no half-written folder); a sweep killed with
SIGKILL and resumed ends with the same tables as one that was never interrupted; a Dask worker
killed mid-sweep loses no run; a run that raises is recorded with its error. Servers we start
listen on 127.0.0.1. The sweep and app tests start real processes and are marked ``long``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
import yaml
from strategies import SCENARIO_DIR
from typer.testing import CliRunner

import simulator
import simulator.atomic as atomic
import simulator.runner as runner
from simulator.cli import app

WETTER = SCENARIO_DIR / "wetter_buergertreff.yaml"
DEWAK = Path(sys.executable).with_name("dewak")
SMALL = {"town.population": 3000}  # assumption: a small town keeps fault tests fast
LOOPBACK = {"127.0.0.1", "::1"}


@pytest.fixture(scope="module")
def results():
    scenario = simulator.load_scenario(WETTER, overrides=SMALL)
    return [simulator.run(scenario, seed=seed, years=1) for seed in (1, 2)]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def visible(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir())


# --- atomic result folders -----------------------------------------------------------------
def fail_on_write(monkeypatch, name: str) -> None:
    """Make writing ``name`` (a parquet file) raise, as a full disk would."""
    original = pd.DataFrame.to_parquet

    def to_parquet(self, path, *args, **kwargs):
        if Path(path).name == name:
            raise OSError(28, "No space left on device (simulated)")
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", to_parquet)


def test_failed_write_keeps_the_earlier_result(tmp_path, monkeypatch, results):
    out = tmp_path / "run"
    runner.write_run(results[0], out)
    before = snapshot(out)
    fail_on_write(monkeypatch, "monthly.parquet")
    with pytest.raises(OSError, match="simulated"):
        runner.write_run(results[1], out, force=True)
    assert snapshot(out) == before
    assert visible(tmp_path) == ["run"], "a temporary folder was left behind"
    assert pd.read_parquet(out / "annual.parquet").equals(results[0].annual)


def test_failed_first_write_leaves_no_folder(tmp_path, monkeypatch, results):
    fail_on_write(monkeypatch, "stakeholders.parquet")
    with pytest.raises(OSError):
        runner.write_run(results[0], tmp_path / "run")
    assert visible(tmp_path) == []


def test_replacing_a_result_swaps_it_whole(tmp_path, results):
    out = tmp_path / "run"
    runner.write_run(results[0], out)
    runner.write_run(results[1], out, force=True)
    assert visible(tmp_path) == ["run"]
    assert pd.read_parquet(out / "monthly.parquet").equals(results[1].monthly)


def test_without_atomic_exchange_a_failed_swap_restores_the_earlier_result(
    tmp_path, monkeypatch, results
):
    out = tmp_path / "run"
    runner.write_run(results[0], out)
    before = snapshot(out)
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)  # e.g. not Linux
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == out and ".run-tmp-" in str(src):
            raise OSError("rename failed (simulated)")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(OSError, match="simulated"):
        runner.write_run(results[1], out, force=True)
    assert snapshot(out) == before
    assert visible(tmp_path) == ["run"]


def test_unwritable_result_folder_is_exit_2_without_traceback(tmp_path):
    (tmp_path / "a_file").write_text("")
    out = tmp_path / "a_file" / "run"
    args = ["run", str(WETTER), "--years", "1", "--set", "town.population=3000", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
    assert result.stderr == f"error: {out}: --out: {tmp_path / 'a_file'} is a file, not a folder\n"
    assert visible(tmp_path) == ["a_file"]


KILL_MID_WRITE = """
import os, signal, sys
import pandas as pd
import simulator
from simulator.runner import write_run

original = pd.DataFrame.to_parquet
def to_parquet(self, path, *args, **kwargs):
    original(self, path, *args, **kwargs)
    if str(path).endswith("monthly.parquet"):
        os.kill(os.getpid(), signal.SIGKILL)  # dies with two of five files written
pd.DataFrame.to_parquet = to_parquet
scenario = simulator.load_scenario(sys.argv[1], overrides={"town.population": 3000})
write_run(simulator.run(scenario, seed=2, years=1), sys.argv[2], force=True)
"""


@pytest.mark.parametrize("earlier", [True, False], ids=["over a result", "new folder"])
def test_sigkill_mid_write_never_shows_a_half_written_folder(tmp_path, results, earlier):
    out = tmp_path / "results" / "run"
    if earlier:
        runner.write_run(results[0], out)
        before = snapshot(out)
    script = tmp_path / "kill.py"
    script.write_text(KILL_MID_WRITE)
    proc = subprocess.run([sys.executable, str(script), str(WETTER), str(out)], timeout=300)
    assert proc.returncode == -signal.SIGKILL
    names = [n for n in visible(out.parent) if not n.startswith(".")]
    if earlier:
        assert names == ["run"] and snapshot(out) == before
    else:
        assert names == []


# --- a failing run in a sweep --------------------------------------------------------------
def sweep_project(root: Path, **changes) -> Path:
    """scenarios/ (a copy) and experiments/faults.yaml: a small real-model sweep."""
    shutil.copytree(SCENARIO_DIR, root / "scenarios")
    (root / "experiments").mkdir()
    experiment = {
        "name": "faults",
        "scenario": "../scenarios/wetter_buergertreff.yaml",
        "levers": [{"name": "population", "path": "town.population", "values": [3000]}],
        "uncertainties": [{"name": "tfr", "path": "demography.tfr", "low": 1.2, "high": 1.8}],
        "outcomes": ["viable", "years_open", "utilisation_mean", "cost_share_municipality"],
        "design": {"kind": "latin_hypercube", "samples": 24},
        "replications": 2,
        "master_seed": 5,
        "years": 2,
        **changes,
    }
    path = root / "experiments" / "faults.yaml"
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))
    return path


def test_a_failing_run_is_recorded_with_its_error_and_the_others_complete(tmp_path):
    # Each value is valid alone (the sweep checks that up front); together the district shares
    # sum to 1.016, beyond the schema's tolerance, so exactly that point fails when it runs.
    shares = [
        {"name": "d0", "path": "town.districts.0.population_share", "values": [0.19, 0.198]},
        {"name": "d1", "path": "town.districts.1.population_share", "values": [0.245, 0.253]},
    ]
    path = sweep_project(
        tmp_path, levers=shares, uncertainties=[], design={"kind": "full_factorial"}
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["sweep", str(path), "--workers", "1", "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 1, result.output
    runs = pd.read_parquet(out / "runs.parquet").set_index("run_id").sort_index()
    assert len(runs) == 4 * 2 and runs.index.is_unique
    bad = (runs["d0"] == 0.198) & (runs["d1"] == 0.253)
    assert (runs.loc[bad, "status"] == "failed").all()
    assert runs.loc[bad, "error"].str.contains("population shares sum to 1.016").all()
    assert (runs.loc[~bad, "status"] == "ok").all() and runs.loc[~bad, "error"].isna().all()
    assert runs.loc[~bad, "viable"].notna().all()


# --- killed sweeps -------------------------------------------------------------------------
def comparable(out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    runs = pd.read_parquet(out / "runs.parquet").sort_values("run_id").reset_index(drop=True)
    annual = pd.read_parquet(out / "annual.parquet")
    annual = annual.sort_values(["run_id", "year"]).reset_index(drop=True)
    return runs.drop(columns=["duration_s"]), annual


def sweep(path: Path, out: Path, *options: str) -> subprocess.Popen:
    """``dewak sweep`` as a real process in its own process group."""
    argv = [str(DEWAK), "sweep", str(path), "--out", str(out), "--no-progress", *options]
    return subprocess.Popen(argv, start_new_session=True, stderr=subprocess.PIPE, text=True)


def fragments(out: Path) -> int:
    return len(list((out / "fragments").glob("batch-*"))) if out.exists() else 0


def wait_until(condition, proc: subprocess.Popen, limit_s: float = 240) -> bool:
    """Poll until ``condition()``; False if the process ended first (a guard, not a timing)."""
    end = time.monotonic() + limit_s
    while not condition():
        if proc.poll() is not None:
            return False
        assert time.monotonic() < end, "the sweep made no progress"
        time.sleep(0.02)
    return True


@pytest.mark.long
def test_sigkill_at_random_points_then_resume_equals_an_uninterrupted_sweep(tmp_path):
    path = sweep_project(tmp_path)
    reference = sweep(path, tmp_path / "reference", "--workers", "2")
    assert reference.wait(timeout=600) == 0, reference.stderr.read()
    out, rng = tmp_path / "killed", random.Random(10)
    kills = 0
    for attempt in range(4):  # startup, then after 1, 2, 3 new batches, plus a random delay
        proc = sweep(path, out, "--workers", "2", "--resume")
        seen = fragments(out)
        if wait_until(lambda seen=seen, n=attempt: fragments(out) >= seen + n, proc):
            time.sleep(rng.uniform(0.0, 1.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
    assert kills >= 2, "the sweep finished before it could be killed"
    final = sweep(path, out, "--workers", "2", "--resume")
    assert final.wait(timeout=600) == 0, final.stderr.read()
    runs, annual = comparable(out)
    assert runs["run_id"].tolist() == list(range(48)), "a run was lost or repeated"
    expected_runs, expected_annual = comparable(tmp_path / "reference")
    pd.testing.assert_frame_equal(runs, expected_runs)
    pd.testing.assert_frame_equal(annual, expected_annual)


def worker_processes(proc: subprocess.Popen) -> list[psutil.Process]:
    """The Dask worker processes (children of the sweep process, which runs the nannies)."""
    try:
        children = psutil.Process(proc.pid).children()
    except psutil.NoSuchProcess:
        return []
    return [c for c in children if "spawn_main" in " ".join(c.cmdline())]


def listening_addresses(pid: int) -> set[str]:
    """Addresses that the process ``pid`` and its descendants listen on."""
    tree = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    return {
        c.laddr.ip
        for p in tree
        for c in p.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    }


@pytest.mark.long
def test_dask_worker_killed_mid_sweep_loses_no_run(tmp_path):
    path = sweep_project(tmp_path, design={"kind": "latin_hypercube", "samples": 60})
    reference = sweep(path, tmp_path / "reference", "--workers", "2")
    assert reference.wait(timeout=600) == 0, reference.stderr.read()
    out = tmp_path / "dask"
    proc = sweep(path, out, "--dask-local", "2")
    assert wait_until(lambda: len(worker_processes(proc)) == 2, proc), proc.stderr.read()
    assert listening_addresses(proc.pid) <= LOOPBACK
    assert wait_until(lambda: fragments(out) >= 1, proc), "finished before a worker was killed"
    victim = worker_processes(proc)[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert proc.poll() is None, "the sweep had already ended when the worker was killed"
    assert proc.wait(timeout=600) == 0, proc.stderr.read()
    runs, annual = comparable(out)
    assert runs["run_id"].tolist() == list(range(120)) and (runs["status"] == "ok").all()
    expected_runs, expected_annual = comparable(tmp_path / "reference")
    pd.testing.assert_frame_equal(runs, expected_runs)
    pd.testing.assert_frame_equal(annual, expected_annual)


# --- servers listen on 127.0.0.1 -----------------------------------------------------------
def test_local_dask_cluster_listens_on_loopback_only():
    from simulator.experiments.executors import local_cluster

    cluster = local_cluster(1)
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        workers = cluster.scheduler_info["workers"]
        assert workers and all(a.startswith("tcp://127.0.0.1:") for a in workers)
        # Scheduler, workers, nannies and the scheduler's HTTP server (Dask serves one even
        # with dashboard_address=None) all listen on loopback only.
        assert listening_addresses(os.getpid()) <= LOOPBACK
    finally:
        cluster.close()


def test_app_serves_on_loopback_unless_told_otherwise():
    import inspect

    from simulator.cli.app_server import app as app_command
    from simulator.cli.app_server import solara_command

    assert inspect.signature(app_command).parameters["host"].default == "127.0.0.1"
    argv, _ = solara_command("127.0.0.1", 0, None)
    assert argv[argv.index("--host") + 1] == "127.0.0.1"


@pytest.mark.long
def test_started_app_listens_on_loopback_only(tmp_path):
    port = 20000 + os.getpid() % 20000
    proc = subprocess.Popen(
        [str(DEWAK), "app", "--port", str(port)],
        start_new_session=True,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until(lambda: listening_addresses(proc.pid), proc, limit_s=120)
        assert listening_addresses(proc.pid) <= LOOPBACK
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
