"""Turning worker outcomes into rows and batches for the results store."""

from __future__ import annotations

import json
import time
from typing import Any

import pyarrow as pa

from simulator.experiments.columns import RESERVED, SCENARIO_HASH
from simulator.experiments.schema import Experiment
from simulator.experiments.store import ResultStore
from simulator.experiments.suggest import did_you_mean
from simulator.experiments.worker import RunOutcome


def run_row(identity: dict[str, Any], experiment: Experiment, outcome: RunOutcome) -> dict:
    """One row of ``runs.parquet``: identity, scenario hash, outcomes, status, error, time.

    Every named outcome gets a column (empty for failed runs); any further summary values the
    model reports are kept too. Values that are not scalars are stored as JSON text. A run
    whose summary lacks a named outcome is recorded as failed, naming it: a misspelt outcome
    never becomes a silently empty column.
    """
    row = dict(identity)
    row[SCENARIO_HASH] = outcome.scenario_hash
    names = [o.name for o in experiment.outcomes]
    for name in names:
        row[name] = None
    for key, value in outcome.summary.items():
        if key not in RESERVED and key not in identity:
            row[key] = scalar(value)
    status, error = outcome.status, outcome.error
    missing = [n for n in names if n not in outcome.summary]
    if status == "ok" and missing:
        hint = did_you_mean(missing[0], outcome.summary)
        status, error = "failed", f"OutcomeError: the run reports no outcome {missing[0]!r}{hint}"
    row.update(status=status, error=error, duration_s=float(outcome.duration_s))
    return row


def scalar(value: Any) -> Any:
    """A value fit for a Parquet cell: numpy scalars unwrapped, containers as JSON text."""
    if hasattr(value, "item") and getattr(value, "ndim", 0) == 0:
        return value.item()
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=str, sort_keys=True)
    return value


def annual_table(run_id: int, annual: Any) -> pa.Table | None:
    """A run's annual DataFrame as an Arrow table with a leading ``run_id`` column."""
    if annual is None or len(annual) == 0:
        return None
    frame = annual.reset_index() if annual.index.name is not None else annual
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if "run_id" in table.column_names:
        table = table.drop_columns(["run_id"])
    return table.add_column(0, "run_id", pa.array([run_id] * len(frame), pa.int64()))


class BatchWriter:
    """Collects finished runs and commits them to the store in small atomic batches.

    Args:
        store: The result store.
        batch_size: Runs per batch.
        batch_seconds: Longest time a finished run waits before its batch is written.
    """

    def __init__(self, store: ResultStore, batch_size: int, batch_seconds: float):
        self.store = store
        self.batch_size = max(1, batch_size)
        self.batch_seconds = batch_seconds
        self.rows: list[dict] = []
        self.annual: list[pa.Table] = []
        self.executed = 0
        self._last_flush = time.monotonic()

    def add(self, row: dict, outcome: RunOutcome) -> None:
        """Add one finished run; write the batch when it is full or old enough."""
        self.rows.append(row)
        table = annual_table(outcome.run_id, outcome.annual) if row["status"] == "ok" else None
        if table is not None:
            self.annual.append(table)
        self.executed += 1
        full = len(self.rows) >= self.batch_size
        if full or time.monotonic() - self._last_flush >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Write whatever is waiting as one batch."""
        if self.rows:
            self.store.write_batch(self.rows, self.annual)
        self.rows, self.annual = [], []
        self._last_flush = time.monotonic()
