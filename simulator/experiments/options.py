"""How a batch runs and where it is stored: one options object for every batch command.

``dewak sweep``, ``dewak sensitivity`` and ``dewak stress-test`` (and their Python functions)
take the same :class:`BatchOptions`; the command line declares the options once
(:mod:`simulator.cli.batch`) and builds the object with :meth:`BatchOptions.from_cli`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from simulator.experiments.errors import ExperimentError

EXECUTORS = ("serial", "pool", "dask")
SCHEDULER_SCHEMES = ("tcp://", "tls://", "inproc://", "ws://", "wss://")


@dataclass(frozen=True)
class BatchOptions:
    """Executor, result folder and restart rules of one batch invocation.

    Attributes:
        executor: ``serial``, ``pool`` (local processes) or ``dask``.
        workers: Pool size, or the size of a Dask LocalCluster (default: one per core).
        scheduler: Address of a running Dask scheduler (``tcp://host:port``), or None.
        out: Result folder (None: the command's default).
        resume: Continue an unfinished batch in ``out``. None (the Python API's default):
            continue when ``out`` holds this very experiment, start when it is empty.
        force: Delete an existing result in ``out`` first.
        max_runs: Execute at most this many runs now (continue later with ``resume``).
        progress: Show a progress bar on stderr.
        batch_size: Finished runs per stored fragment.
        batch_seconds: Write a fragment at least this often while runs finish.
    """

    executor: str = "pool"
    workers: int | None = None
    scheduler: str | None = None
    out: Path | None = None
    resume: bool | None = False
    force: bool = False
    max_runs: int | None = None
    progress: bool = True
    batch_size: int = 25
    batch_seconds: float = 5.0

    def __post_init__(self) -> None:
        where = "options"
        if self.out is not None and not isinstance(self.out, Path):
            object.__setattr__(self, "out", Path(self.out))
        if self.scheduler is not None and self.executor != "dask":
            object.__setattr__(self, "executor", "dask")
        if self.executor not in EXECUTORS:
            raise ExperimentError(where, "--executor", f"must be one of {', '.join(EXECUTORS)}")
        if self.workers is not None and self.workers < 1:
            raise ExperimentError(where, "--workers", "must be at least 1")
        if self.max_runs is not None and self.max_runs < 0:
            raise ExperimentError(where, "--max-runs", "must not be negative")
        if self.resume and self.force:
            raise ExperimentError(where, "--resume", "use either --resume or --force, not both")
        if self.scheduler is not None and not self.scheduler.startswith(SCHEDULER_SCHEMES):
            raise ExperimentError(where, "--scheduler", "expected an address like tcp://host:8786")

    def with_(self, **changes: Any) -> BatchOptions:
        """A copy with some fields changed (and checked again)."""
        return replace(self, **changes)

    @property
    def spawns_processes(self) -> bool:
        """True when this machine starts worker processes (pool, or a Dask LocalCluster)."""
        return self.executor == "pool" or (self.executor == "dask" and self.scheduler is None)

    def describe(self) -> str:
        """A short human-readable description for logs and the manifest."""
        if self.executor == "dask" and self.scheduler:
            return f"dask scheduler {self.scheduler}"
        if self.executor == "dask":
            return (
                f"dask LocalCluster with {self.workers or default_workers()} workers on 127.0.0.1"
            )
        if self.executor == "pool":
            return f"process pool with {self.workers or default_workers()} workers"
        return "serial"

    @classmethod
    def from_cli(
        cls,
        executor: str | None = None,
        workers: int | None = None,
        dask_local: int | None = None,
        scheduler: str | None = None,
        **rest: Any,
    ) -> BatchOptions:
        """The options from the command line's ``--executor/--workers/--dask-local/--scheduler``.

        ``--workers 1`` alone means serial; ``--dask-local N`` a LocalCluster of N workers.
        Conflicting options are invalid input (an ExperimentError naming the option).
        """
        where = "options"
        if dask_local is not None and scheduler is not None:
            raise ExperimentError(
                where, "--dask-local", "use either --dask-local or --scheduler, not both"
            )
        if workers is not None and (dask_local is not None or scheduler is not None):
            raise ExperimentError(
                where,
                "--workers",
                "use one of --workers, --dask-local or --scheduler (--workers is for the local pool)",
            )
        if dask_local is not None and dask_local < 1:
            raise ExperimentError(where, "--dask-local", "must be at least 1")
        kind = "dask" if dask_local is not None or scheduler is not None else None
        if executor is not None and kind is not None and executor != kind:
            raise ExperimentError(where, "--executor", "--dask-local and --scheduler run on dask")
        if kind is None:
            kind = executor or ("serial" if workers == 1 else "pool")
        size = dask_local if dask_local is not None else workers
        return cls(executor=kind, workers=size, scheduler=scheduler, **rest)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
