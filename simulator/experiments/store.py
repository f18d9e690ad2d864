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
Reading the manifest and the stored runs is in :mod:`.store_reader`.
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
from simulator.experiments.errors import ExperimentError, StoreWriteError
from simulator.experiments.store_reader import StoredRuns
from simulator.experiments.storefiles import (
    FRAGMENTS,
    OUR_ENTRIES,
    STORE_KINDS,
    read_store_manifest,
    read_table,
    write_atomic,
    write_table_atomic,
)
from simulator.folders import LOCK, MANIFEST, cannot_write, inspect, temporary
from simulator.scenario.errors import ScenarioError

__all__ = [
    "FRAGMENTS",
    "LOCK",
    "MANIFEST",
    "OUR_ENTRIES",
    "ResultStore",
    "read_table",
    "write_atomic",
    "write_table_atomic",
]


class ResultStore(StoredRuns):
    """One batch's result folder; open it with :meth:`open`.

    Reading (the manifest, the stored runs) comes from :class:`StoredRuns`; this class opens,
    locks and writes.

    Args:
        root: The result folder.
    """

    def __init__(self, root: Path):
        super().__init__(root)
        self._lock_file = None

    @classmethod
    def open(
        cls, root: Path, inputs_hash: str, resume: bool | None, force: bool, kind="experiment"
    ) -> ResultStore:
        """Open ``root`` for a batch, enforcing the never-overwrite rules.

        A new or empty folder starts a batch. A finished one needs ``force`` (start over) or
        ``resume`` (nothing left to do); an unfinished one needs ``resume`` (continue, only if
        the experiment and its scenario files are unchanged: same ``inputs_hash``) or
        ``force``. ``resume=None`` continues when the inputs are unchanged and refuses
        otherwise. Only a store of the same ``kind`` (manifest ``kind``) is used: a file, a
        link, a foreign folder, a folder a running batch holds or a store of another kind is
        refused before anything is written, even with ``force``
        (:func:`simulator.folders.inspect`). A damaged manifest or batch is refused in one line
        saying what to do; ``force`` starts such a store over.

        Raises:
            ExperimentError: When the folder may not be used as asked.
        """
        try:
            inspect(root, STORE_KINDS[kind])
        except ScenarioError as err:
            raise ExperimentError(err.file, err.field_path, err.message) from None
        store = cls(root)
        store._lock()
        try:
            store._prepare(inputs_hash, resume, force)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, inputs_hash: str, resume: bool | None, force: bool) -> None:
        """Start over (force), or check the stored batch may be continued as asked."""
        if force:
            self._wipe()
        else:
            manifest = self._stored_manifest()
            if manifest is not None:
                self._check_reuse(manifest, inputs_hash, resume)
                self.check_batches()
        self.fragments.mkdir(parents=True, exist_ok=True)
        self._remove_partial_batches()

    def _stored_manifest(self) -> dict | None:
        """The manifest; a store with runs but no readable manifest is damaged."""
        manifest = read_store_manifest(self.root)
        ours = [p.name for p in self.root.iterdir() if not temporary(p.name)]
        if manifest is None and ours:
            raise ExperimentError(
                str(self.root / MANIFEST),
                "(document)",
                "is missing but the folder holds stored runs; use --force to start over, "
                "or --out for another folder",
            )
        return manifest

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

    def _check_reuse(self, manifest: dict, inputs_hash: str, resume) -> None:
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
            hint = (
                "--resume (nothing left to run) or --force to start over"
                if finished
                else ("--resume to continue or --force to start over")
            )
            raise ExperimentError(str(self.root), "--out", f"holds {what}; use {hint}")
        if manifest.get("inputs_hash") != inputs_hash:
            raise ExperimentError(
                str(self.root),
                "inputs_hash",
                "the experiment or its scenario files changed since this sweep started; "
                "use --force to start over or --out for a new folder",
            )

    def _wipe(self) -> None:
        """Delete everything in the folder but the lock we hold (it was checked to be ours)."""
        if not self.root.is_dir():
            return
        for path in self.root.iterdir():
            if path.name == LOCK:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()

    def _lock(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock_file = FileLock(self.root / LOCK)
            self._lock_file.acquire(timeout=0)
        except Timeout:
            self._lock_file = None
            raise ExperimentError(
                str(self.root), "--out", "another batch is writing here"
            ) from None
        except OSError as exc:
            self._lock_file = None
            raise ExperimentError(
                str(self.root), "--out", cannot_write(self.root, exc).message
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

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        """Write the manifest atomically."""
        with self.writing():
            write_atomic(self.root / MANIFEST, json.dumps(manifest, indent=2, default=str) + "\n")

    def write_samples(self, table: pa.Table) -> None:
        """Write ``samples.parquet`` atomically."""
        with self.writing():
            write_table_atomic(table, self.root / "samples.parquet")

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Turn a failed write (a full disk, a read-only folder) into :class:`StoreWriteError`."""
        try:
            yield
        except OSError as exc:
            raise StoreWriteError(self.root, exc) from None

    # -- fragments ----------------------------------------------------------------------

    def write_batch(self, rows: list[dict[str, Any]], annual: list[pa.Table]) -> None:
        """Commit a batch of finished runs in one atomic rename (a failed write leaves nothing)."""
        token = uuid.uuid4().hex[:12]
        tmp = self.fragments / f".tmp-{token}"
        with self.writing():
            tmp.mkdir()
        try:
            if annual:
                table = pa.concat_tables(annual, promote_options="permissive")
                pq.write_table(table, tmp / "annual.parquet")
            pq.write_table(pa.Table.from_pylist(rows), tmp / "runs.parquet")
            first = min(row["run_id"] for row in rows)
            os.rename(tmp, self.fragments / f"batch-{first:09d}-{token}")
        except OSError as exc:
            raise StoreWriteError(self.root, exc) from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # -- compaction ---------------------------------------------------------------------

    def compact(self, run_columns: list[str], trailing: list[str]) -> None:
        """Merge all batches into ``runs.parquet`` and ``annual.parquet``, sorted by run."""
        batches = self.batch_dirs()
        runs = [b / "runs.parquet" for b in batches]
        annual = [b / "annual.parquet" for b in batches if (b / "annual.parquet").exists()]
        with self.writing():
            compact_files(runs, self.root / "runs.parquet", ["run_id"], run_columns, trailing)
            compact_files(annual, self.root / "annual.parquet", ["run_id", "year"], ["run_id"], [])

    def remove_fragments(self) -> None:
        """Delete the fragments once the compacted tables and manifest are in place."""
        shutil.rmtree(self.fragments, ignore_errors=True)
