"""Provenance: the one manifest schema of every result folder, and what goes into it.

Every result folder has a ``manifest.json`` of the same schema (:data:`SCHEMA`): ``kind``
(``run``, ``experiment`` for sweeps and sensitivity designs, ``stress_test``, ``sensitivity``
for an analysis folder, ``calibration`` for ``dewak calibrate``), ``name``, ``status``,
``started``, ``ended``, ``versions`` (Python and the packages that shape results) and ``git``
(commit and whether the tree had changes), plus the fields of its kind (docs/experiments.md lists them). :func:`new_manifest` builds the
common part; ``simulator.runner``, ``simulator.experiments.manifest`` and
``simulator.calibration.run`` add theirs.
"""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

SCHEMA = "dewak-manifest/2"
KINDS = ("run", "experiment", "stress_test", "sensitivity", "calibration")
PACKAGES = (
    "dewak-simulator",
    "mesa",
    "numpy",
    "pandas",
    "pyarrow",
    "pydantic",
    "humanleague",
    "scipy",
    "SALib",
    "dask",
    "distributed",
    "pyabc",
)
#: The source tree of this package (its git commit is recorded).
SOURCE = Path(__file__).resolve().parents[1]


def now() -> str:
    """The current time as ISO 8601 with time zone."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_manifest(kind: str, name: str, **fields: Any) -> dict[str, Any]:
    """The common part of every manifest, then ``fields`` (the kind's own)."""
    if kind not in KINDS:
        raise ValueError(f"manifest kind must be one of {KINDS}, not {kind!r}")
    common = {
        "schema": SCHEMA,
        "kind": kind,
        "name": name,
        "status": "running",
        "started": now(),
        "ended": None,
        "versions": package_versions(),
        "git": git_state(SOURCE),
    }
    return {**common, **fields}


def package_versions() -> dict[str, Any]:
    """Versions of Python and of the packages that shape results (None: not installed)."""
    versions: dict[str, Any] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(folder: Path = SOURCE) -> dict[str, Any] | None:
    """The git commit of ``folder`` and whether the tree had changes; None outside git."""
    try:
        commit = _git(folder, "rev-parse", "HEAD")
        dirty = bool(_git(folder, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": dirty}


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=10, check=True
    )
    return result.stdout.strip()
