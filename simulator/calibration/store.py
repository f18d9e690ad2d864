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
    calibrated/          per base scenario an overlay: the posterior medians, calibrated: labels
    figures/             marginals.png, pairs.png, diagnostics.png, patterns.png

The manifest has the schema of every result folder (:mod:`simulator.provenance`, kind
``calibration``).

Every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from simulator.calibration.patterns import CalibrationError
from simulator.provenance import SCHEMA

MANIFEST = "manifest.json"
LOCK = ".lock"
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
    "calibrated",
    "figures",
    LOCK,
)


def check_folder(root: Path, inputs_hash: str, resume: bool | None, force: bool) -> dict | None:
    """Check that ``root`` may be used as asked; return the manifest to continue, if any.

    A new or empty folder starts a calibration. One holding a calibration needs ``resume``
    (continue it: only if its inputs are unchanged) or ``force`` (start over); ``resume=None``
    (the Python default) continues when the inputs are unchanged and refuses otherwise. A
    folder that holds anything else is refused, even with ``force``.

    Raises:
        CalibrationError: When the folder may not be used as asked (nothing is changed).
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise CalibrationError(str(root), "--out", "exists and is not a folder")
    manifest = read_manifest(root)
    if manifest is None:
        if root.is_dir() and any(p.name != LOCK for p in root.iterdir()):
            raise CalibrationError(str(root), "--out", "folder exists and is not a calibration")
        return None
    if force:
        return None
    if resume is False:
        state = "a finished" if manifest.get("status") == "complete" else "an unfinished"
        raise CalibrationError(
            str(root),
            "--out",
            f"holds {state} calibration; continue it with --resume or start over with --force",
        )
    if manifest.get("schema") != SCHEMA:
        raise CalibrationError(
            str(root), "--resume", "written by an older version; start over with --force"
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
    """An exclusive lock on the folder (``filelock``), so two calibrations never write into it."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = FileLock(self.root / LOCK)

    def __enter__(self) -> FolderLock:
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise CalibrationError(
                str(self.root), "--out", "another calibration is writing into this folder"
            ) from None
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


def clear(root: Path) -> None:
    """Remove a previous calibration's files (for ``--force``); other files stay."""
    for name in OURS:
        if name == LOCK:
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


def _plain(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value)}")
