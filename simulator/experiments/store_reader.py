"""Reading a results store: its manifest and the runs its batches hold.

:class:`StoredRuns` reads; :class:`simulator.experiments.store.ResultStore` adds opening,
locking and writing. The layout of the folder is described in :mod:`simulator.experiments.store`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.experiments.errors import ExperimentError
from simulator.experiments.storefiles import (
    FORCE_REMEDY,
    FRAGMENTS,
    batch_remedy,
    check_parquet,
    read_parquet,
    read_store_manifest,
)


class StoredRuns:
    """What a result folder holds: its manifest and committed runs (reading only).

    Args:
        root: The result folder.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self.fragments = self.root / FRAGMENTS

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest, or None if there is none yet (a damaged one: ExperimentError)."""
        return read_store_manifest(self.root)

    @property
    def complete(self) -> bool:
        """True once the batch has been compacted and marked complete."""
        manifest = self.read_manifest()
        return bool(manifest) and manifest.get("status") == "complete"

    def batch_dirs(self) -> list[Path]:
        """Committed batches, in name order."""
        return sorted(p for p in self.fragments.glob("batch-*") if p.is_dir())

    def run_files(self) -> list[Path]:
        """Files holding committed runs.

        The compacted ``runs.parquet`` if it exists (it is only ever written complete), else
        the runs file of every committed batch.
        """
        compacted = self.root / "runs.parquet"
        if compacted.exists():
            return [compacted]
        return [batch / "runs.parquet" for batch in self.batch_dirs()]

    def done_run_ids(self) -> set[int]:
        """Run ids of every committed run (ok or failed).

        Raises:
            ExperimentError: A damaged file, or a run stored twice (a batch folder copied by
                hand): one line naming the files and what to do.
        """
        where: dict[int, Path] = {}
        for path in self.run_files():
            ids = self._column(path, "run_id")
            for run_id in ids:
                if run_id in where:
                    raise ExperimentError(
                        str(self.root),
                        FRAGMENTS,
                        f"run {run_id} is stored twice ({where[run_id].parent.name} and "
                        f"{path.parent.name}); delete one of the two folders from {self.fragments},"
                        " then continue with --resume",
                    )
                where[run_id] = path
        return set(where)

    def check_batches(self) -> None:
        """Check every stored file can be read and no run is stored twice (before a resume)."""
        self.done_run_ids()
        for batch in self.batch_dirs():
            if (batch / "annual.parquet").exists():
                check_parquet(batch / "annual.parquet", batch_remedy(batch))
        if (self.root / "annual.parquet").exists():
            check_parquet(self.root / "annual.parquet")

    def count_failed(self) -> int:
        """Number of committed runs whose status is ``failed``."""
        return sum(
            value == "failed" for path in self.run_files() for value in self._column(path, "status")
        )

    def _column(self, path: Path, name: str) -> list:
        remedy = FORCE_REMEDY if path.parent == self.root else batch_remedy(path.parent)
        return read_parquet(path, [name], remedy).column(0).to_pylist()
