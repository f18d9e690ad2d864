"""The files of a results store: its kinds, and reading and writing its tables safely.

Every read of a store's Parquet files goes through :func:`read_parquet`, so a damaged file
(truncated by a full disk, copied half, edited) is reported in one line naming the file and
what to do, never as a traceback. Files are written to a temporary name and renamed into place;
a failed write removes its temporary file.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from simulator.experiments.errors import ExperimentError
from simulator.folders import LOCK, MANIFEST, ResultKind, read_manifest
from simulator.scenario.errors import ScenarioError

FRAGMENTS = "fragments"
#: What the engine itself writes into a store.
OUR_ENTRIES = (MANIFEST, "samples.parquet", "runs.parquet", "annual.parquet", FRAGMENTS)
#: What analyses write beside the runs (the stress test's outputs, and the folders of
#: ``dewak sensitivity``, ``discover`` and ``report``). The manifest lists the stress outputs
#: too; this list recognises them when the manifest is damaged.
DERIVED = (
    "stress_test.csv",
    "stress_test.parquet",
    "stress_runs.parquet",
    "stress_scores.parquet",
    "stress_reserve_fan.png",
    "stress_reserve_fan.svg",
    "stress_survival.png",
    "stress_survival.svg",
    "summary.json",
    "shocks.yaml",
    "sensitivity",
    "discovery",
    "report",
)
_FILES = frozenset({*OUR_ENTRIES, *DERIVED, LOCK})
#: The kinds of store, by manifest ``kind``: ``--force`` replaces only a store of its own kind.
STORE_KINDS = {
    "experiment": ResultKind("sweep result", ("experiment",), _FILES),
    "stress_test": ResultKind("stress test result", ("stress_test",), _FILES),
}


def read_store_manifest(root: Path) -> dict | None:
    """A store's manifest (None if it has none); a damaged one is an :class:`ExperimentError`."""
    try:
        return read_manifest(root)
    except ScenarioError as err:
        raise ExperimentError(err.file, err.field_path, err.message) from None


def damaged(path: Path, exc: Exception, remedy: str) -> ExperimentError:
    """The one-line error for a store file that cannot be read."""
    reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0][:120] or type(exc).__name__
    return ExperimentError(
        str(path), "(file)", f"is damaged and cannot be read ({reason}); {remedy}"
    )


FORCE_REMEDY = "run the batch again with --force (the stored runs are lost) or use another --out"


def batch_remedy(batch: Path) -> str:
    """What to do about a damaged batch: delete it; its runs run again on ``--resume``."""
    return f"delete the folder {batch} and continue with --resume (its runs run again)"


def read_parquet(path: Path, columns: list[str] | None = None, remedy: str = FORCE_REMEDY):
    """A Parquet file of a store as an Arrow table.

    Raises:
        ExperimentError: If the file is damaged (one line, naming it and ``remedy``).
    """
    try:
        return pq.read_table(path, columns=columns)
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise damaged(path, exc, remedy) from None


def check_parquet(path: Path, remedy: str = FORCE_REMEDY) -> None:
    """Raise the one-line error if ``path`` is not a readable Parquet file (reads its footer)."""
    try:
        pq.read_metadata(path)
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise damaged(path, exc, remedy) from None


def read_table(root: Path, name: str) -> pa.Table | None:
    """``runs`` or ``annual`` of a store: the compacted file, or its committed fragments."""
    compacted = Path(root) / f"{name}.parquet"
    if compacted.is_file():
        return read_parquet(compacted)
    parts = sorted((Path(root) / FRAGMENTS).glob(f"batch-*/{name}.parquet"))
    if not parts:
        return None
    tables = [read_parquet(p, remedy=batch_remedy(p.parent)) for p in parts]
    table = pa.concat_tables(tables, promote_options="permissive")
    keys = ["run_id", "year"] if "year" in table.column_names else ["run_id"]
    return table.sort_by([(k, "ascending") for k in keys])


def write_atomic(path: Path, text: str) -> None:
    """Write a text file via a temporary file and ``os.replace`` (no temporary file left)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(text)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write a Parquet file via a temporary file and ``os.replace`` (no temporary file left)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
