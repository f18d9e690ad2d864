"""The results store of one experiment: append-only fragments, then compacted tables.

The one store of every batch (sweeps, sensitivity designs, stress tests). Layout of its folder
(``results/experiments/<name>/``, ``results/stress/<scenario>/``, or ``--out``)::

    manifest.json        what was run, how, with which versions; status running|complete
    samples.parquet      one row per sample point (factor values and unit coordinates)
    fragments/batch-*/   runs.parquet + annual.parquet of a batch of finished runs
    runs.parquet         one row per run (after compaction)
    annual.parquet       annual series of every run, tidy, with run_id (after compaction)

plus whatever an analysis derives from them and lists under ``outputs`` in the manifest (the
stress table and figures). A batch is written into ``fragments/.tmp-*`` and renamed into place
in one ``os.rename``: a batch is either wholly visible or not at all, so a crash (even SIGKILL)
can lose only runs that were not yet written, and ``--resume`` re-runs exactly those. A lock
file (``filelock``) keeps two batches from writing into the same folder at once.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock, Timeout

from simulator.experiments.compaction import compact_files
from simulator.experiments.errors import ExperimentError

FRAGMENTS = "fragments"
MANIFEST = "manifest.json"
OUR_ENTRIES = ("manifest.json", "samples.parquet", "runs.parquet", "annual.parquet", FRAGMENTS)
LOCK = ".lock"


class ResultStore:
    """One sweep's result folder; open it with :meth:`open`.

    Args:
        root: The result folder.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.fragments = self.root / FRAGMENTS
        self._lock_file = None

    @classmethod
    def open(cls, root: Path, inputs_hash: str, resume: bool | None, force: bool) -> ResultStore:
        """Open ``root`` for a batch, enforcing the never-overwrite rules.

        A new or empty folder starts a batch. A finished one needs ``force`` (start over) or
        ``resume`` (nothing left to do); an unfinished one needs ``resume`` (continue, only if
        the experiment and its scenario files are unchanged: same ``inputs_hash``) or
        ``force``. ``resume=None`` continues when the inputs are unchanged and refuses
        otherwise. A folder that is not a result store is refused.

        Raises:
            ExperimentError: When the folder may not be used as asked.
        """
        store = cls(root)
        store._lock()
        manifest = store.read_manifest()
        if manifest is None and store._has_foreign_files():
            store.close()
            raise ExperimentError(str(root), "--out", "folder exists and is not a sweep result")
        if manifest is not None:
            try:
                store._check_reuse(manifest, inputs_hash, resume, force)
            except ExperimentError:
                store.close()
                raise
        store.fragments.mkdir(parents=True, exist_ok=True)
        store._remove_partial_batches()
        return store

    @classmethod
    @contextmanager
    def locked(cls, root: Path) -> Iterator[ResultStore]:
        """The store of ``root``, locked for the duration (e.g. to add derived outputs)."""
        store = cls(root)
        store._lock()
        try:
            yield store
        finally:
            store.close()

    def _check_reuse(self, manifest: dict, inputs_hash: str, resume, force: bool) -> None:
        if force:
            self._wipe(manifest)
            return
        finished = manifest.get("status") == "complete"
        if resume is None and manifest.get("inputs_hash") != inputs_hash:
            raise ExperimentError(
                str(self.root),
                "--out",
                "holds the results of another experiment (or of changed inputs); "
                "pass force=True to start over, or out= for another folder",
            )
        if resume is False:
            what = "a finished sweep" if finished else "an unfinished sweep"
            hint = "--force to start over" if finished else "--resume to continue or --force"
            raise ExperimentError(str(self.root), "--out", f"holds {what}; use {hint}")
        if manifest.get("inputs_hash") != inputs_hash:
            raise ExperimentError(
                str(self.root),
                "inputs_hash",
                "the experiment or its scenario files changed since this sweep started; "
                "use --force to start over or --out for a new folder",
            )

    def _has_foreign_files(self) -> bool:
        if not self.root.exists():
            return False
        return any(p.name not in (*OUR_ENTRIES, LOCK) for p in self.root.iterdir())

    def _wipe(self, manifest: dict) -> None:
        outputs = [Path(name).name for name in manifest.get("outputs", [])]
        for name in (*OUR_ENTRIES, *outputs):
            path = self.root / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def _lock(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock_file = FileLock(self.root / LOCK)
        try:
            self._lock_file.acquire(timeout=0)
        except Timeout:
            self._lock_file = None
            raise ExperimentError(
                str(self.root), "--out", "another batch is writing here"
            ) from None

    def close(self) -> None:
        """Release the folder's lock."""
        if self._lock_file is not None:
            self._lock_file.release()
            self._lock_file = None

    def _remove_partial_batches(self) -> None:
        for path in self.fragments.glob(".tmp-*"):
            shutil.rmtree(path, ignore_errors=True)

    # -- manifest -----------------------------------------------------------------------

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest, or None if there is none yet."""
        path = self.root / MANIFEST
        return json.loads(path.read_text()) if path.exists() else None

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Write the manifest atomically."""
        write_atomic(self.root / MANIFEST, json.dumps(manifest, indent=2, default=str) + "\n")

    @property
    def complete(self) -> bool:
        """True once the sweep has been compacted and marked complete."""
        manifest = self.read_manifest()
        return bool(manifest) and manifest.get("status") == "complete"

    # -- fragments ----------------------------------------------------------------------

    def batch_dirs(self) -> list[Path]:
        """Committed batches, in name order."""
        return sorted(p for p in self.fragments.glob("batch-*") if p.is_dir())

    def run_files(self) -> list[Path]:
        """Files holding committed runs.

        The compacted ``runs.parquet`` if it exists (it is only ever written complete), else
        the runs file of every committed batch.
        """
        compacted = self.root / "runs.parquet"
        if compacted.exists():
            return [compacted]
        return [batch / "runs.parquet" for batch in self.batch_dirs()]

    def done_run_ids(self) -> set[int]:
        """Run ids of every committed run (ok or failed)."""
        done: set[int] = set()
        for path in self.run_files():
            done.update(pq.read_table(path, columns=["run_id"]).column(0).to_pylist())
        return done

    def count_failed(self) -> int:
        """Number of committed runs whose status is ``failed``."""
        failed = 0
        for path in self.run_files():
            status = pq.read_table(path, columns=["status"]).column(0)
            failed += sum(1 for value in status.to_pylist() if value == "failed")
        return failed

    def write_batch(self, rows: list[dict[str, Any]], annual: list[pa.Table]) -> None:
        """Commit a batch of finished runs in one atomic rename."""
        token = uuid.uuid4().hex[:12]
        tmp = self.fragments / f".tmp-{token}"
        tmp.mkdir()
        if annual:
            pq.write_table(
                pa.concat_tables(annual, promote_options="permissive"), tmp / "annual.parquet"
            )
        pq.write_table(pa.Table.from_pylist(rows), tmp / "runs.parquet")
        first = min(row["run_id"] for row in rows)
        os.rename(tmp, self.fragments / f"batch-{first:09d}-{token}")

    # -- compaction ---------------------------------------------------------------------

    def compact(self, run_columns: list[str], trailing: list[str]) -> None:
        """Merge all batches into ``runs.parquet`` and ``annual.parquet``, sorted by run."""
        batches = self.batch_dirs()
        runs = [b / "runs.parquet" for b in batches]
        annual = [b / "annual.parquet" for b in batches if (b / "annual.parquet").exists()]
        compact_files(runs, self.root / "runs.parquet", ["run_id"], run_columns, trailing)
        compact_files(annual, self.root / "annual.parquet", ["run_id", "year"], ["run_id"], [])

    def remove_fragments(self) -> None:
        """Delete the fragments once the compacted tables and manifest are in place."""
        shutil.rmtree(self.fragments, ignore_errors=True)


def read_table(root: Path, name: str) -> pa.Table | None:
    """``runs`` or ``annual`` of a store: the compacted file, or its committed fragments."""
    compacted = Path(root) / f"{name}.parquet"
    if compacted.is_file():
        return pq.read_table(compacted)
    parts = sorted((Path(root) / FRAGMENTS).glob(f"batch-*/{name}.parquet"))
    if not parts:
        return None
    table = pa.concat_tables([pq.read_table(p) for p in parts], promote_options="permissive")
    keys = ["run_id", "year"] if "year" in table.column_names else ["run_id"]
    return table.sort_by([(k, "ascending") for k in keys])


def write_atomic(path: Path, text: str) -> None:
    """Write a text file via a temporary file and ``os.replace``."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file via a temporary file and ``os.replace``."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
