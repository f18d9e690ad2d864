"""Executors: serial, a local process pool, and a Dask cluster.

Each executor is a generator that takes an iterable of :class:`RunTask` and yields a
:class:`RunOutcome` per task as runs finish (in any order). Only a small window of tasks is in
flight at a time, so neither tasks nor results pile up in the parent. Every executor sends the
same module-level function, :func:`simulator.experiments.worker.execute`, so the same task gives
the same outcome whichever executor or how many workers run it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from simulator.experiments.worker import RunOutcome, RunTask, execute


@dataclass(frozen=True)
class ExecutorSpec:
    """Which executor to use and how big.

    Attributes:
        kind: ``serial``, ``pool`` or ``dask``.
        workers: Pool size (default: one per core) or LocalCluster size.
        scheduler: Address of a running Dask scheduler (``tcp://host:port``), if any.
    """

    kind: str = "pool"
    workers: int | None = None
    scheduler: str | None = None

    def describe(self) -> str:
        """A short human-readable description for logs and the manifest."""
        if self.kind == "dask" and self.scheduler:
            return f"dask scheduler {self.scheduler}"
        if self.kind == "dask":
            return f"dask LocalCluster with {self.workers} workers on 127.0.0.1"
        if self.kind == "pool":
            return f"process pool with {self.workers or default_workers()} workers"
        return "serial"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def run_tasks(tasks: Iterable[RunTask], spec: ExecutorSpec) -> Iterator[RunOutcome]:
    """Yield one outcome per task, using the executor ``spec`` names."""
    if spec.kind == "serial":
        return (execute(task) for task in tasks)
    if spec.kind == "pool":
        return run_pool(tasks, spec.workers or default_workers())
    if spec.kind == "dask":
        return run_dask(tasks, spec.workers, spec.scheduler)
    raise ValueError(f"unknown executor {spec.kind!r}")


def run_pool(tasks: Iterable[RunTask], workers: int) -> Iterator[RunOutcome]:
    """Run tasks on a local process pool (spawned workers), a bounded window at a time.

    If a worker process dies (killed, out of memory), the pool breaks and every run in flight
    is suspect. Each suspect is then run alone in a fresh one-process pool: a run that kills
    that process too is recorded as failed; the others just finish. Then the sweep continues
    on a new pool.
    """
    source = iter(tasks)
    context = multiprocessing.get_context("spawn")
    while True:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        try:
            suspects = yield from _drain_pool(pool, source, 2 * workers)
        except BaseException:  # interrupted or closed early: drop queued runs, do not wait
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        if not suspects:
            return
        for task in sorted(suspects, key=lambda t: t.run_id):
            yield _run_alone(task, context)


def _run_alone(task: RunTask, context) -> RunOutcome:
    """Run one task in its own fresh worker process; a failed outcome if that process dies."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(execute, task).result()
        except BrokenProcessPool:
            error = "worker process died during the run (killed, or out of memory)"
            return RunOutcome(task.run_id, "failed", error=error)


def _drain_pool(pool, source: Iterator[RunTask], window: int):
    """Keep ``window`` tasks in flight until done; return the in-flight tasks if the pool broke."""
    in_flight: dict[Future, RunTask] = {}
    while True:
        while len(in_flight) < window and (task := next(source, None)) is not None:
            in_flight[pool.submit(execute, task)] = task
        if not in_flight:
            return []
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        for future in done:
            task = in_flight.pop(future)
            try:
                yield future.result()
            except BrokenProcessPool:
                return [task, *in_flight.values()]


def run_dask(
    tasks: Iterable[RunTask], workers: int | None, scheduler: str | None
) -> Iterator[RunOutcome]:
    """Run tasks on a Dask cluster: a new LocalCluster on 127.0.0.1, or ``scheduler``."""
    from dask.distributed import Client

    cluster = None if scheduler is not None else local_cluster(workers or default_workers())
    client = Client(cluster if cluster is not None else scheduler)
    try:
        yield from _drain_dask(client, iter(tasks))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def local_cluster(workers: int):
    """A Dask LocalCluster on 127.0.0.1: one single-threaded process per worker, no dashboard.

    Some Dask defaults are changed (see docs/experiments.md for clusters started by hand):

    * Nannies set ``MALLOC_TRIM_THRESHOLD_=65536`` in their workers. That turns off glibc's
      adaptive mmap threshold, so every large numpy temporary is a fresh ``mmap`` with page
      faults: array-heavy runs took 1.6-1.7x as long as in a plain process (measured here).
    * Workers sample their own stacks every 10 ms for the dashboard's profiler, which competes
      for the GIL; with it off, a 48-run sweep on 2 workers took 15-16 s instead of 16.5-17 s.
    * Housekeeping wakes up less often (event-loop tick, memory monitor, system monitor; no
      work stealing, which the scheduler's own queuing makes unnecessary here): on 2 cores
      every wake-up takes CPU from the runs; about 0.5 s less on the same sweep.
    """
    import dask
    from dask.distributed import LocalCluster

    settings = {
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.worker.memory.monitor-interval": "1s",
        "distributed.scheduler.work-stealing": False,
    }
    with dask.config.set(settings):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )


def _drain_dask(client, source: Iterator[RunTask]) -> Iterator[RunOutcome]:
    """Keep a window of futures in flight (re-sized as the cluster grows) until all are done.

    A run whose worker died too often (``KilledWorker``) is recorded as failed; any other
    error (e.g. the scheduler connection is lost) stops the sweep, so that ``--resume`` runs
    the affected runs again instead of recording them as failed.
    """
    from dask.distributed import KilledWorker, as_completed

    futures = as_completed()
    owners: dict[str, int] = {}

    def refill() -> None:
        window = max(16, 4 * sum(client.nthreads().values()))
        while futures.count() < window:
            task = next(source, None)
            if task is None:
                return
            future = client.submit(execute, task, pure=False)
            owners[future.key] = task.run_id
            futures.add(future)

    refill()
    for future in futures:
        run_id = owners.pop(future.key)
        try:
            yield future.result()
        except KilledWorker as exc:
            yield RunOutcome(run_id, "failed", error=f"KilledWorker: {exc}"[:2000])
        future.release()
        refill()
