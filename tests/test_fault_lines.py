"""Faults end in one line, the right exit code, and nothing half-written (issue #16, 9-11).

Fast checks here; the same faults on real size-limited and read-only disks, and killed parents,
are in ``test_fault_disks.py`` (marked ``long``). Before: ``--out`` naming a file or a
300-character name, an unreachable ``--scheduler`` (after 30 s, with files written), a full disk
for ``sweep``, ``stress-test`` and ``report`` ended in tracebacks; ``dewak app --host 0.0.0.0``
said nothing; shock labels with terminal escape codes were printed raw; workers outlived a
killed parent.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
import yaml
from typer.testing import CliRunner

from simulator.cli import app
from tests.conftest import ROOT
from tests.fault_support import SMALL, WETTER, dewak, one_line_error, small_sweep, tree

SOBOL = ROOT / "experiments" / "sensitivity_sobol.yaml"
LONG_NAME = "a" * 300


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A finished small sweep (for report and discover)."""
    root = tmp_path_factory.mktemp("finished")
    path = small_sweep(root / "exp")
    assert dewak("sweep", path, "--out", root / "sweep", "--workers", "1").returncode == 0
    return path, root / "sweep"


def commands(finished, out: Path) -> dict[str, list]:
    path, sweep = finished
    use = pd.read_parquet(sweep / "runs.parquet")["utilisation_mean"]
    condition = f"utilisation_mean > {use.median():.6f}"  # holds in some runs: work to do
    return {
        "run": ["run", WETTER, "--years", "1", *SMALL, "--out", out],
        "sweep": ["sweep", path, "--workers", "1", "--out", out],
        "stress-test": ["stress-test", WETTER, "--replications", "1", "--years", "3", "--out", out],
        "sensitivity": ["sensitivity", SOBOL, "--workers", "1", "--out", out],
        "discover": ["discover", sweep, "--outcome", condition, "--out", out],
        "report": ["report", sweep, "--out", out.with_suffix(".html"), "--no-pyramid"],
    }


COMMANDS = ["run", "sweep", "stress-test", "sensitivity", "discover", "report"]


@pytest.mark.parametrize("command", COMMANDS)
def test_out_naming_an_existing_file_is_one_line(finished, tmp_path, command):
    out = tmp_path / "taken"
    args = commands(finished, out)[command]
    target = args[args.index("--out") + 1]
    Path(target).write_text("my notes")
    before = tree(tmp_path)
    done = dewak(*args, *(["--force"] if command != "discover" else []), cwd=tmp_path)
    assert done.returncode == 2, done.stderr[-2000:]
    one_line_error(done.stderr, "--out:")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_300_character_name_is_one_line(finished, tmp_path, command):
    out = tmp_path / LONG_NAME
    done = dewak(*commands(finished, out)[command], cwd=tmp_path)
    assert done.returncode == 2, done.stderr[-2000:]
    one_line_error(done.stderr, "--out:", "bytes; at most 255")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["sweep", "stress-test"])
def test_an_unreachable_scheduler_fails_fast_before_writing(finished, tmp_path, command):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = commands(finished, tmp_path / "out")[command]
    if "--workers" in args:
        del args[args.index("--workers") : args.index("--workers") + 2]
    started = time.monotonic()
    done = dewak(*args, "--scheduler", f"tcp://127.0.0.1:{port}", cwd=tmp_path)
    assert done.returncode == 2 and time.monotonic() - started < 25
    one_line_error(done.stderr, "--scheduler", "cannot reach")
    assert list(tmp_path.iterdir()) == []


def full_disk_after(monkeypatch, calls: int) -> None:
    """Every Parquet write after the first ``calls`` fails as on a full disk."""
    import pyarrow.parquet as pq

    original, count = pq.write_table, [0]

    def write_table(table, where, *args, **kwargs):
        count[0] += 1
        if count[0] > calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", write_table)


def test_a_full_disk_during_a_sweep_is_exit_1_and_resume_finishes(finished, tmp_path, monkeypatch):
    path, sweep = finished
    out = tmp_path / "out"
    full_disk_after(monkeypatch, 1)  # samples.parquet fits, the first batch does not
    result = CliRunner().invoke(app, ["sweep", str(path), "--workers", "1", "--out", str(out)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    one_line_error(result.stderr, "cannot write the results", "No space left", "--resume")
    assert [p.name for p in (out / "fragments").iterdir()] == []  # no half-written batch
    monkeypatch.undo()
    result = CliRunner().invoke(
        app, ["sweep", str(path), "--workers", "1", "--out", str(out), "--resume"]
    )
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "runs.parquet").drop(columns="duration_s"),
        pd.read_parquet(sweep / "runs.parquet").drop(columns="duration_s"),
    )


def test_a_full_disk_while_writing_stress_outputs_is_one_line(tmp_path, monkeypatch):
    import simulator.stress.output as output

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "stress_test.csv")

    monkeypatch.setattr(output, "draw_all", no_room)
    args = ["stress-test", str(WETTER), "--replications", "1", "--years", "3", "--workers", "1"]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "st")])
    assert result.exit_code == 1, result.output
    one_line_error(result.stderr, "No space left")
    assert (
        not list((tmp_path / "st").glob(".outputs-*"))
        and not (tmp_path / "st" / "stress_test.csv").exists()
    )


def test_a_full_disk_while_writing_the_report_changes_nothing(finished, tmp_path, monkeypatch):
    import simulator.report.build as build

    def no_room(figure, folder):
        (folder / "partial.png").write_bytes(b"x")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "save", no_room)
    out = tmp_path / "reports" / "r.html"
    result = CliRunner().invoke(
        app, ["report", str(finished[1]), "--out", str(out), "--no-pyramid"]
    )
    assert result.exit_code == 2, result.output
    one_line_error(result.stderr, "cannot write the report", "No space left")
    assert list(tmp_path.iterdir()) == []  # not even the folder it created


def test_the_report_never_replaces_a_file_that_is_not_a_report(finished, tmp_path):
    mine = tmp_path / "summary.csv"
    mine.write_text("my own table")
    done = dewak("report", finished[1], "--out", tmp_path / "r.html", "--no-pyramid")
    assert done.returncode == 2
    one_line_error(done.stderr, "summary.csv", "not part of a report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.csv"]
    assert mine.read_text() == "my own table"


@pytest.mark.parametrize("host, warned", [("0.0.0.0", True), ("192.168.1.5", True),
                                          ("127.0.0.1", False), ("localhost", False), ("::1", False)])  # fmt: skip
def test_app_warns_when_reachable_from_the_network(monkeypatch, host, warned):
    import simulator.cli.app_server as server

    monkeypatch.setattr(server.os, "execve", lambda *args: None)
    result = CliRunner().invoke(app, ["app", "--host", host])
    assert result.exit_code == 0
    assert ("reachable from the network" in result.stderr) == warned


def test_shock_labels_with_escape_codes_are_refused(tmp_path):
    text = (ROOT / "experiments" / "stress_shocks.yaml").read_text(encoding="utf-8")
    shocks = yaml.safe_load(text)
    shocks["shocks"][0]["label"] = "Revenues \x1b[2J\x1b[31m-10 %"
    path = tmp_path / "shocks.yaml"
    path.write_text(yaml.safe_dump(shocks, allow_unicode=True), encoding="utf-8")
    done = dewak("validate", path)
    assert done.returncode == 2 and "\x1b" not in done.stderr
    one_line_error(done.stderr, "shocks.0.label", "control character")


ORPHAN = """
import multiprocessing, os, sys, time
sys.path.insert(0, {root!r})
from simulator.experiments.orphans import watch_parent

def work():
    print(os.getpid(), flush=True)
    time.sleep(120)

if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    from concurrent.futures import ProcessPoolExecutor
    pool = ProcessPoolExecutor(1, mp_context=ctx, initializer=watch_parent)
    pool.submit(work)
    time.sleep(120)
"""


def test_a_pool_worker_ends_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN.format(root=str(ROOT)))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert _gone(worker, within=10), "the worker outlived its killed parent"


def _gone(pid: int, within: float) -> bool:
    """True once ``pid`` has exited (a zombie waiting for init counts as gone)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)  # do not leave it behind
    except ProcessLookupError:
        pass
    return False


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
