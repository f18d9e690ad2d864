"""The result folder of a calibration: open it by the never-overwrite rules, lock it, write files.

Layout of ``results/calibration/<name>/``::

    manifest.json        what was run, how, with which inputs and versions; status
    history.db           pyabc's SQLite history (every finished generation; resume reads it)
    inputs/              copies of the calibration file and the pattern file
    posterior.parquet    one row per particle of the last generation: parameters, weight
    predictive.parquet   the same particles' pattern statistics, distance and weight
    generations.csv      per generation: epsilon, evaluations, acceptance rate, ESS
    summary.json         posterior medians and 90 % intervals; each pattern's fit
    summary.md           the same as Markdown, with calibrated: labels for the scenario files
    figures/             marginals.png, pairs.png, diagnostics.png, patterns.png

Every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import platform
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from simulator.calibration.patterns import CalibrationError

MANIFEST = "manifest.json"
OURS = (
    MANIFEST,
    "history.db",
    "history.db-journal",
    "inputs",
    "posterior.parquet",
    "predictive.parquet",
    "generations.csv",
    "summary.json",
    "summary.md",
    "figures",
    ".lock",
)


def check_folder(root: Path, inputs_hash: str, resume: bool, force: bool) -> dict | None:
    """Check that ``root`` may be used as asked; return the stored manifest, if any.

    A new or empty folder starts a calibration. One holding a calibration needs ``resume``
    (continue it: only if its inputs are unchanged) or ``force`` (start over). A folder that
    holds anything else is refused.

    Raises:
        CalibrationError: When the folder may not be used as asked (nothing is changed).
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise CalibrationError(str(root), "--out", "exists and is not a folder")
    manifest = read_manifest(root)
    if manifest is None:
        if root.is_dir() and any(root.iterdir()):
            raise CalibrationError(str(root), "--out", "folder exists and is not a calibration")
        return None
    if force:
        return None
    if not resume:
        state = "a finished" if manifest.get("status") == "complete" else "an unfinished"
        raise CalibrationError(
            str(root),
            "--out",
            f"holds {state} calibration; continue it with --resume or start over with --force",
        )
    if manifest.get("inputs_hash") != inputs_hash:
        raise CalibrationError(
            str(root),
            "--resume",
            "the calibration file, its patterns or scenarios changed since this calibration "
            "started; start over with --force",
        )
    return manifest


def read_manifest(root: Path) -> dict | None:
    """The folder's calibration manifest, or None if it has none."""
    path = Path(root) / MANIFEST
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (
        manifest if isinstance(manifest, dict) and manifest.get("kind") == "calibration" else None
    )


class FolderLock:
    """An exclusive lock on the folder, so two calibrations never write into it at once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._handle = None

    def __enter__(self) -> FolderLock:
        self.root.mkdir(parents=True, exist_ok=True)
        self._handle = (self.root / ".lock").open("w")
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._handle.close()
            raise CalibrationError(
                str(self.root), "--out", "another calibration is writing into this folder"
            ) from None
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()


def clear(root: Path) -> None:
    """Remove a previous calibration's files (for ``--force``); other files stay."""
    for name in OURS:
        if name == ".lock":
            continue
        path = Path(root) / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def write_text(path: Path, text: str) -> None:
    """Write a text file via a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_json(path: Path, data: Any) -> None:
    """Write JSON (indented) via a temporary file and a rename."""
    write_text(path, json.dumps(data, indent=2, default=_plain) + "\n")


def write_frame(path: Path, frame) -> None:
    """Write a DataFrame as Parquet or CSV (by suffix) via a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    if path.suffix == ".csv":
        frame.to_csv(tmp, index=False)
    else:
        frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def copy_inputs(root: Path, files: list[Path]) -> None:
    """Copy the input files into ``inputs/`` (provenance beside the hashes)."""
    folder = Path(root) / "inputs"
    folder.mkdir(exist_ok=True)
    for file in files:
        write_text(folder / Path(file).name, Path(file).read_text(encoding="utf-8"))


PACKAGES = ("dewak-simulator", "mesa", "numpy", "pandas", "pydantic", "pyabc", "scipy", "dask")


def now() -> str:
    """The current time as ISO 8601 with time zone."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def versions() -> dict:
    """Python, the packages that shape a calibration, and the source tree's git commit."""
    from simulator.provenance import git_state

    out = {"python": platform.python_version(), "git_commit": (git_state() or {}).get("commit")}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _plain(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value)}")
