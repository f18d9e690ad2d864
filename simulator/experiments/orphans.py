"""Workers die with their parent: a pool worker ends itself when the batch that started it is gone.

The process pool's workers are children of the batch's process. If that process is killed with
SIGKILL, nothing tells them: they would keep running, holding hundreds of megabytes each (a
worker blocked in a run never reads its task queue, and it holds both ends of that queue's
pipe, so it sees no end of file either). :func:`watch_parent`, the pool's initializer, checks
every :data:`POLL_S` seconds whether the process that started the worker is still its parent,
and ends the worker (``os._exit``) when it is not (the orphan has been handed to init or a
subreaper). Polling rather than Linux's ``PR_SET_PDEATHSIG``, which fires when the *thread*
that started the child ends and exists only on Linux. (A Dask LocalCluster's workers need
nothing of this: Dask ends a worker process when the pipe its parent holds open closes;
``tests/test_fault_disks.py`` checks both.)
"""

from __future__ import annotations

import os
import threading

#: Seconds between checks; a worker outlives its parent by at most about this long (plus the
#: time until the worker's current bytecode lets the check's thread run).
POLL_S = 0.5
EXIT_ORPHANED = 70
_started = threading.Event()


def watch_parent(poll_s: float = POLL_S) -> None:
    """Start (once per process) a daemon thread that exits this process when its parent dies."""
    if _started.is_set() or os.name != "posix":
        return
    _started.set()
    parent = os.getppid()
    thread = threading.Thread(
        target=_watch, args=(parent, poll_s), name="dewak-parent-watch", daemon=True
    )
    thread.start()


def _watch(parent: int, poll_s: float) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(EXIT_ORPHANED)
        threading.Event().wait(poll_s)
