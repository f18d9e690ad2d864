"""Compaction: a store's batches streamed into one sorted ``runs.parquet`` / ``annual.parquet``."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

COMPACT_CHUNK_RUNS = 1_000


def compact_files(
    files: list[Path], target: Path, sort_keys: list[str], leading: list[str], trailing: list[str]
) -> None:
    """Stream ``files`` into one sorted Parquet file, a chunk of run ids at a time.

    Schemas are unified (a column that is all-null in one batch takes its type from another);
    columns come in the order ``leading``, then the rest in first-seen order, then
    ``trailing``. Files are read one at a time and only for the chunks they overlap, so memory
    is bounded by one chunk of runs. (An Arrow dataset scan over all fragments was simpler but
    let the parent's memory grow with the number of fragments.)
    """
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        _write(files, tmp, sort_keys, leading, trailing)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)  # after a failed write (a full disk) nothing is left


def _write(files, tmp: Path, sort_keys, leading, trailing) -> None:
    if not files:
        pq.write_table(pa.schema([(k, pa.int64()) for k in sort_keys]).empty_table(), tmp)
        return
    schemas = [pq.read_schema(f) for f in files]
    schema = _ordered(pa.unify_schemas(schemas, promote_options="permissive"), leading, trailing)
    spans = [_run_id_span(f) for f in files]
    top = max(high for _, high in spans)
    with pq.ParquetWriter(tmp, schema) as writer:
        for low in range(0, top + 1, COMPACT_CHUNK_RUNS):
            high = low + COMPACT_CHUNK_RUNS
            parts = [
                _conform(_rows_between(f, low, high), schema)
                for f, (first, last) in zip(files, spans, strict=True)
                if first < high and last >= low
            ]
            chunk = pa.concat_tables(parts) if parts else schema.empty_table()
            writer.write_table(chunk.sort_by([(k, "ascending") for k in sort_keys]))


def _run_id_span(path: Path) -> tuple[int, int]:
    run_ids = pq.read_table(path, columns=["run_id"]).column(0)
    return pc.min(run_ids).as_py(), pc.max(run_ids).as_py()


def _rows_between(path: Path, low: int, high: int) -> pa.Table:
    table = pq.read_table(path)
    run_id = table.column("run_id")
    return table.filter(pc.and_(pc.greater_equal(run_id, low), pc.less(run_id, high)))


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with exactly ``schema``'s columns and types (missing columns are null)."""
    columns = [
        table.column(f.name).cast(f.type)
        if f.name in table.column_names
        else pa.nulls(len(table), f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def _ordered(schema: pa.Schema, leading: list[str], trailing: list[str]) -> pa.Schema:
    names = [n for n in leading if n in schema.names]
    names += [n for n in schema.names if n not in leading and n not in trailing]
    names += [n for n in trailing if n in schema.names]
    return pa.schema([schema.field(n) for n in names])
