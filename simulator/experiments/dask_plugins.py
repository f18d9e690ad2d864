"""Dask worker plugins of the engine (imported only where Dask is used)."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from simulator.experiments.orphans import watch_parent


class ParentWatch(WorkerPlugin):
    """Runs :func:`~simulator.experiments.orphans.watch_parent` in every LocalCluster worker.

    Dask calls ``setup`` in each worker process, also in workers that replace dead ones, so a
    worker ends when the batch process that started the cluster is gone.
    """

    name = "dewak-parent-watch"
    idempotent = True

    def setup(self, worker) -> None:
        """Start the watch in this worker's process."""
        watch_parent()
