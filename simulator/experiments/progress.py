"""A progress bar for sweeps: runs done, runs failed, elapsed time and time left."""

from __future__ import annotations

from contextlib import contextmanager


class _Quiet:
    """Stands in for the bar when progress is off."""

    def advance(self, failed: bool) -> None:
        """Count one finished run."""


class _Bar:
    """Wraps a rich progress task with a failed-runs counter."""

    def __init__(self, progress, task_id, failed: int):
        self.progress = progress
        self.task_id = task_id
        self.failed = failed

    def advance(self, failed: bool) -> None:
        """Count one finished run (and whether it failed)."""
        self.failed += int(failed)
        self.progress.update(self.task_id, advance=1, failed=self.failed)


@contextmanager
def make_progress(enabled: bool, total: int, completed: int, failed: int, description: str):
    """A context manager yielding an object with ``advance(failed)``; a rich bar on stderr."""
    if not enabled:
        yield _Quiet()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("runs, [red]{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task_id = progress.add_task(description, total=total, completed=completed, failed=failed)
        yield _Bar(progress, task_id, failed)
