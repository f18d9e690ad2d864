"""Helpers of the reliability tests: the CLI in a subprocess, one-line errors, small and read-only disks.

``dewak(...)`` runs the command line of *this* source tree (in this process, or in a fresh one
that imports this tree, not the installed script), so the tests also run against an older
checkout. ``small_disk`` and ``read_only`` mount a
size-limited or read-only tmpfs (root with CAP_SYS_ADMIN, as on the development machine and in CI);
without that they fall back to ``RLIMIT_FSIZE`` in the child (a full disk) or skip (read-only).
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from tests.conftest import ROOT, SCENARIOS

WETTER = SCENARIOS / "wetter_buergertreff.yaml"
SMALL = ["--set", "town.population=3000"]  # assumption: a small town keeps fault tests fast
CLI = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from simulator.cli import main; main()"


def dewak(*args, cwd: Path | None = None, timeout: float = 600, preexec=None, process=False):
    """Run ``dewak ARGS`` of this tree; returns ``returncode``, ``stdout``, ``stderr``.

    In this process (as the ``dewak`` script's ``main`` would: a stray ScenarioError is exit 2,
    any other exception a traceback on stderr and exit 1), unless ``process`` or ``preexec``
    asks for a fresh process.
    """
    if process or preexec is not None:
        return subprocess.run(
            [sys.executable, "-c", CLI, *map(str, args)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=preexec,
        )
    return _in_process([str(a) for a in args], cwd)


def _in_process(args: list[str], cwd: Path | None) -> SimpleNamespace:
    from typer.testing import CliRunner

    from simulator.cli import app
    from simulator.scenario.errors import ScenarioError

    here = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(here)
    code, stderr, error = result.exit_code, result.stderr, result.exception
    if isinstance(error, ScenarioError):
        code, stderr = 2, stderr + f"error: {error}\n"
    elif error is not None and not isinstance(error, SystemExit):
        trace = "".join(traceback.format_exception(error))
        code, stderr = 1, stderr + trace
    return SimpleNamespace(returncode=code, stdout=result.stdout, stderr=stderr)


def one_line_error(stderr: str, *parts: str) -> str:
    """Assert ``stderr`` ends in exactly one ``error: ...`` line (no traceback) holding ``parts``."""
    assert "Traceback" not in stderr, stderr[-3000:]
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr[-3000:]
    for part in parts:
        assert part in errors[0], errors[0]
    return errors[0]


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry below ``folder`` with its bytes (None for folders): to compare before/after."""
    out: dict[str, bytes | None] = {}
    for path in sorted(Path(folder).rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = None if path.is_dir() or path.is_symlink() else path.read_bytes()
    return out


def small_sweep(root: Path, runs: int = 4, years: int = 2, name: str = "small") -> Path:
    """An experiment file of the real model on a small town: ``runs`` runs."""
    root.mkdir(parents=True, exist_ok=True)
    experiment = {
        "name": name,
        "scenario": str(WETTER),
        "set": {"town.population": 3000},
        "levers": [{"name": "rooms_lever", "path": "facility.rooms", "values": [2, 3]}],
        "outcomes": ["viable", "years_open"],
        "design": {"kind": "full_factorial"},
        "replications": max(1, runs // 2),
        "master_seed": 3,
        "years": years,
    }
    path = root / f"{name}.yaml"
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))
    return path


def _mount(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
                          capture_output=True)  # fmt: skip
    return done.returncode == 0


def _umount(target: Path) -> None:
    subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@contextmanager
def small_disk(target: Path, size_kb: int):
    """A folder on a ``size_kb`` tmpfs; yields ``(folder, preexec)``.

    Without mount rights the folder is plain and ``preexec`` limits every file the child writes
    to ``size_kb`` (``RLIMIT_FSIZE``; Python ignores SIGXFSZ, so a write fails with EFBIG).
    """
    if _mount(target, f"size={size_kb}k"):
        try:
            yield target, None
        finally:
            _umount(target)
        return

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size_kb * 1024, size_kb * 1024))

    yield target, limit


def grow(target: Path, size_kb: int) -> None:
    """Give the small disk more room (remount), as a user who freed space would."""
    subprocess.run(["mount", "-o", f"remount,size={size_kb}k", str(target)], check=True)


@contextmanager
def read_only(target: Path):
    """A read-only folder (a read-only tmpfs), or skip where mounting is not allowed."""
    if not _mount(target, "ro,size=64k"):
        pytest.skip("needs root with mount rights for a read-only tmpfs")
    try:
        yield target
    finally:
        _umount(target)
