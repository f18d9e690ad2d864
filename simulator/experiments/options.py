"""How a batch runs and where it is stored: one options object for every batch command.

``dewak sweep``, ``dewak sensitivity`` and ``dewak stress-test`` (and their Python functions)
take the same :class:`BatchOptions`; the command line declares the options once
(:mod:`simulator.cli.batch`) and builds the object with :meth:`BatchOptions.from_cli`.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from simulator.experiments.errors import ExperimentError

EXECUTORS = ("serial", "pool", "dask")
SCHEDULER_SCHEMES = ("tcp://", "tls://", "inproc://", "ws://", "wss://")
#: Runs one invocation executes without ``--yes`` (or ``--max-runs``): about 45 minutes of the
#: real model on two cores (0.55 s a run), so a mistyped design cannot occupy a machine for days.
MAX_RUNS_UNCONFIRMED = 10_000
#: Local worker processes per core at most: more only add memory (each loads the model).
MAX_WORKERS_PER_CORE = 4
#: Seconds to wait for a Dask scheduler to accept a connection before anything is written.
SCHEDULER_TIMEOUT_S = 5.0


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
        yes: Confirm a batch of more than :data:`MAX_RUNS_UNCONFIRMED` runs.
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
    yes: bool = False
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
        most = MAX_WORKERS_PER_CORE * default_workers()
        if self.workers is not None and self.scheduler is None and self.workers > most:
            flag = "--dask-local" if self.executor == "dask" else "--workers"
            raise ExperimentError(
                where,
                flag,
                f"at most {most} local worker processes ({MAX_WORKERS_PER_CORE} per core)",
            )
        if self.max_runs is not None and self.max_runs < 0:
            raise ExperimentError(where, "--max-runs", "must not be negative")
        if self.resume and self.force:
            raise ExperimentError(where, "--resume", "use either --resume or --force, not both")
        if self.scheduler is not None and not self.scheduler.startswith(SCHEDULER_SCHEMES):
            raise ExperimentError(where, "--scheduler", "expected an address like tcp://host:8786")

    def check_size(self, n_runs: int, file: str) -> None:
        """Refuse more than :data:`MAX_RUNS_UNCONFIRMED` runs unless confirmed or limited.

        Plain arithmetic, made before any point is drawn or any file written.
        """
        if self.yes or self.max_runs is not None or n_runs <= MAX_RUNS_UNCONFIRMED:
            return
        raise ExperimentError(
            file,
            "--yes",
            f"the batch has {n_runs:,} runs, more than {MAX_RUNS_UNCONFIRMED:,} without "
            "confirmation; add --yes (yes=True) to run them all, or --max-runs N to run N now "
            "and continue with --resume",
        )

    def check_scheduler(self) -> None:
        """Fail fast, before anything is written, when the Dask scheduler cannot be reached."""
        if self.scheduler is None or not self.scheduler.startswith(("tcp://", "tls://")):
            return
        try:
            parts = urlsplit(self.scheduler)
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise ExperimentError("options", "--scheduler", f"not an address: {exc}") from None
        if not host or port is None:
            raise ExperimentError(
                "options", "--scheduler", "expected an address like tcp://host:8786"
            )
        try:
            socket.create_connection((host, port), timeout=SCHEDULER_TIMEOUT_S).close()
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise ExperimentError(
                "options",
                "--scheduler",
                f"cannot reach {self.scheduler} ({reason}); start the scheduler or check the "
                "address (nothing was written)",
            ) from None

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
