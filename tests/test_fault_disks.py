"""Real faults (``make test-long``): a full disk, a read-only folder, a killed parent (issue #16, 9, 11).

A size-limited tmpfs is a full disk and a read-only tmpfs a read-only folder (root with mount
rights, as here and in CI; without them the full disk falls back to ``RLIMIT_FSIZE`` and the
read-only tests skip). Every command ends in one line with exit 2 (1 where runs were made and
could not all be stored), leaves no half-written file, and a sweep continues with ``--resume``
once there is room. A sweep's parent killed with SIGKILL leaves no worker process behind.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pandas as pd
import psutil
import pytest

from tests.fault_support import (
    CLI,
    SMALL,
    WETTER,
    dewak,
    grow,
    one_line_error,
    read_only,
    small_disk,
    small_sweep,
    tree,
)

pytestmark = pytest.mark.long


def no_temporary_files(folder) -> None:
    leftovers = [p for p in folder.rglob("*") if ".tmp" in p.name or "-tmp-" in p.name]
    assert not leftovers, leftovers


def test_a_full_disk_stops_a_sweep_in_one_line_and_resume_finishes(tmp_path):
    path = small_sweep(tmp_path / "exp", runs=80, years=2)
    assert dewak("sweep", path, "--out", tmp_path / "whole", "--workers", "1").returncode == 0
    with small_disk(tmp_path / "disk", 48) as (disk, limit):
        out = disk / "out"
        done = dewak("sweep", path, "--out", out, "--workers", "1", preexec=limit)
        assert done.returncode == 1, done.stderr[-2000:]
        one_line_error(done.stderr, "cannot write the results", "--resume")
        no_temporary_files(out)
        if limit is None:
            grow(disk, 50_000)
        done = dewak("sweep", path, "--out", out, "--workers", "1", "--resume")
        assert done.returncode == 0, done.stderr[-2000:]
        runs = pd.read_parquet(out / "runs.parquet").drop(columns="duration_s")
        whole = pd.read_parquet(tmp_path / "whole" / "runs.parquet").drop(columns="duration_s")
        pd.testing.assert_frame_equal(runs, whole)


def test_a_full_disk_stops_a_stress_test_in_one_line(tmp_path):
    with small_disk(tmp_path / "disk", 300) as (disk, limit):
        out = disk / "stress"
        args = ["stress-test", WETTER, *SMALL, "--replications", "2", "--years", "4"]
        done = dewak(*args, "--workers", "1", "--out", out, preexec=limit)
        assert done.returncode == 1, done.stderr[-2000:]
        one_line_error(done.stderr, "cannot write")
        no_temporary_files(out)


def test_a_full_disk_leaves_the_report_folder_as_it_was(tmp_path):
    path = small_sweep(tmp_path / "exp")
    sweep = tmp_path / "sweep"
    assert dewak("sweep", path, "--out", sweep, "--workers", "1").returncode == 0
    with small_disk(tmp_path / "disk", 150) as (disk, limit):
        (disk / "keep.txt").write_text("mine")
        before = tree(disk)
        done = dewak("report", sweep, "--out", disk / "r.html", "--no-pyramid", preexec=limit)
        assert done.returncode == 2, done.stderr[-2000:]
        one_line_error(done.stderr, "cannot write the report")
        assert tree(disk) == before


@pytest.mark.parametrize("command", ["run", "sweep", "stress-test", "report", "discover"])
def test_a_read_only_folder_is_one_line_and_nothing_is_written(tmp_path, command):
    path = small_sweep(tmp_path / "exp")
    sweep = tmp_path / "sweep"
    assert dewak("sweep", path, "--out", sweep, "--workers", "1").returncode == 0
    before = tree(sweep)
    use = pd.read_parquet(sweep / "runs.parquet")["utilisation_mean"].median()
    with read_only(tmp_path / "ro") as folder:
        out = folder / "out"
        args = {
            "run": ["run", WETTER, *SMALL, "--years", "1", "--out", out],
            "sweep": ["sweep", path, "--workers", "1", "--out", out],
            "stress-test": [
                "stress-test",
                WETTER,
                "--replications",
                "1",
                "--years",
                "3",
                "--out",
                out,
            ],
            "report": ["report", sweep, "--out", folder / "r.html", "--no-pyramid"],
            "discover": [
                "discover",
                sweep,
                "--outcome",
                f"utilisation_mean > {use:.6f}",
                "--out",
                out,
            ],
        }[command]
        done = dewak(*args)
        assert done.returncode == 2, done.stderr[-2000:]
        one_line_error(done.stderr, "--out:")
        assert list(folder.iterdir()) == []
    assert tree(sweep) == before


@pytest.mark.parametrize(
    "executor", [["--workers", "2"], ["--dask-local", "2"]], ids=["pool", "dask"]
)
def test_killing_a_sweeps_parent_leaves_no_worker_behind(tmp_path, executor):
    path = small_sweep(tmp_path / "exp", runs=200, years=10)
    command = [sys.executable, "-c", CLI, "sweep", str(path), "--out", str(tmp_path / "out")]
    parent = subprocess.Popen([*command, *executor, "--no-progress"], start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    workers: list[psutil.Process] = []
    try:
        workers = _wait_for_workers(parent.pid, 2, within=120)
        time.sleep(2)  # mid-run
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        alive = [w.pid for w in workers if _alive(w)]
        assert not alive, f"workers {alive} outlived their killed parent"
    finally:
        for proc in [*_descendants(parent.pid), *workers]:
            if _alive(proc):
                proc.kill()
        if parent.poll() is None:
            parent.kill()


def _wait_for_workers(pid: int, n: int, within: float) -> list[psutil.Process]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        workers = [p for p in _descendants(pid) if "spawn_main" in " ".join(_cmdline(p))]
        if len(workers) >= n:
            return workers
        time.sleep(0.2)
    raise AssertionError("the workers did not start")


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _cmdline(proc: psutil.Process) -> list[str]:
    try:
        return proc.cmdline()
    except psutil.Error:
        return []


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
