"""Executors: serial, a local process pool, and a Dask cluster.

:func:`run_tasks` takes an iterable of :class:`~simulator.experiments.worker.RunTask` and the
:class:`~simulator.experiments.options.BatchOptions`, and yields a
:class:`~simulator.experiments.worker.RunOutcome` per task as runs finish (in any order). Only a
small window of tasks is in flight at a time, so neither tasks nor results pile up in the
parent. Every executor sends the same module-level function,
:func:`simulator.experiments.worker.execute`, so the same task gives the same outcome whichever
executor or how many workers run it.

A run is recorded as failed only for a reason of its own: it raised, or it killed a fresh
worker that had just proved it can run a task. Workers that cannot run anything at all (they
die on start, as when a script without an ``if __name__ == "__main__":`` guard starts them)
raise :class:`~simulator.experiments.errors.InfrastructureError`: those runs are not recorded.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from simulator.experiments.errors import InfrastructureError
from simulator.experiments.options import BatchOptions, default_workers
from simulator.experiments.orphans import watch_parent
from simulator.experiments.worker import RunOutcome, RunTask, execute, ready

WORKER_DIED = "worker process died during the run (killed, or out of memory)"
CANNOT_START = (
    "worker processes die before running anything (nothing recorded for the runs in flight; "
    "continue with --resume once the cause is fixed)"
)


def run_tasks(tasks: Iterable[RunTask], options: BatchOptions) -> Iterator[RunOutcome]:
    """Yield one outcome per task, on the executor ``options`` names.

    Raises:
        InfrastructureError: When workers cannot run anything.
    """
    if options.executor == "serial":
        return (execute(task) for task in tasks)
    if options.executor == "pool":
        return run_pool(tasks, options.workers or default_workers())
    return run_dask(tasks, options.workers, options.scheduler)


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
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=watch_parent)
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
    """Run one task in its own fresh worker; a failed outcome if it kills that worker.

    The worker first runs :func:`~simulator.experiments.worker.ready`: a worker that dies on
    that no-op is an infrastructure problem, not the run's.
    """
    with ProcessPoolExecutor(1, mp_context=context, initializer=watch_parent) as pool:
        try:
            pool.submit(ready).result()
        except (BrokenProcessPool, OSError):  # OSError: its pipe closed as it died
            raise InfrastructureError(CANNOT_START) from None
        try:
            return pool.submit(execute, task).result()
        except BrokenProcessPool:
            return RunOutcome(task.run_id, "failed", error=WORKER_DIED)


def _drain_pool(pool, source: Iterator[RunTask], window: int):
    """Keep ``window`` tasks in flight until done; return the in-flight tasks if the pool broke."""
    in_flight: dict[Future, RunTask] = {}
    while True:
        while len(in_flight) < window and (task := next(source, None)) is not None:
            try:
                in_flight[pool.submit(execute, task)] = task
            except (BrokenProcessPool, OSError):  # a worker died while tasks were submitted
                return [task, *in_flight.values()]
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

    A run whose worker died too often (``KilledWorker``) is recorded as failed if the cluster
    can still run a no-op task; otherwise, and on any other error (e.g. the scheduler
    connection is lost), the sweep stops, so that ``--resume`` runs the affected runs again
    instead of recording them as failed.
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
            _check_cluster(client)
            yield RunOutcome(run_id, "failed", error=f"KilledWorker: {exc}"[:2000])
        future.release()
        refill()


def _check_cluster(client) -> None:
    """Raise InfrastructureError unless the cluster can still run a no-op task."""
    from dask.distributed import KilledWorker

    try:
        client.submit(ready, pure=False).result(timeout=120)
    except (KilledWorker, TimeoutError, OSError) as exc:
        raise InfrastructureError(f"the Dask workers cannot run tasks ({exc})") from None
