"""Publish a result folder in one step: fill a hidden temporary folder, then move it into place.

A reader sees either the complete new folder or (after an error, a full disk or a kill) the
earlier one, never half a result; a failed write removes its temporary folder. On Linux an
existing folder is swapped out atomically (``renameat2(RENAME_EXCHANGE)``); elsewhere by two
renames that put the earlier folder back if the second fails.

Hand-written on purpose: the maintained helpers (``atomicwrites``, now unmaintained;
``tempfile`` plus ``os.replace``) replace single *files*; none swaps a whole *folder* atomically
(``os.replace`` cannot replace a non-empty directory), so this module does it with the kernel's
``RENAME_EXCHANGE`` and a careful two-rename fallback.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from simulator.folders import ResultKind, cannot_write, inspect
from simulator.scenario.errors import ScenarioError


def publish_folder(
    out_dir: str | Path, fill: Callable[[Path], None], kind: ResultKind, force: bool = False
) -> Path:
    """Call ``fill(tmp)`` on a temporary folder beside ``out_dir``, then move it to ``out_dir``.

    Only a missing or empty folder, or (with ``force``) one holding a result of ``kind`` that no
    running batch holds, is replaced (:func:`simulator.folders.inspect`); never a file, a
    symbolic link or a folder with anything else in it.

    Raises:
        ScenarioError: ``out_dir`` may not be used, or cannot be created (nothing is written).
        OSError: Writing failed (a full disk); the earlier result is unchanged, nothing is left.
    """
    out_dir = Path(out_dir)
    check_target(out_dir, kind, force)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise cannot_write(out_dir, exc) from None
    try:
        fill(tmp)
        _fsync_folder(tmp)
        _publish(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def check_target(out_dir: str | Path, kind: ResultKind, force: bool = False) -> None:
    """Refuse ``out_dir`` unless :func:`publish_folder` may write it (checks only, writes nothing).

    Raises:
        ScenarioError: A bad name, a file, a symbolic link, a foreign folder, a folder a running
            batch holds, an existing result without ``force``, or a place that is not writable.
    """
    existing = inspect(out_dir, kind)
    if existing is not None and not existing.empty and not force:
        raise ScenarioError(
            str(out_dir), "--out", f"holds a {kind.label}; use --force to replace it"
        )
    writable(out_dir)


def writable(path: str | Path) -> None:
    """Refuse ``path`` if the nearest existing folder above it cannot be written to."""
    path = Path(path)
    for folder in path.parents:
        if folder.is_dir():
            if not os.access(folder, os.W_OK):
                raise ScenarioError(str(path), "--out", f"cannot write in {folder} (read-only)")
            return


def _publish(tmp: Path, out_dir: Path) -> None:
    """Move the finished folder to ``out_dir``; an existing result is swapped out in one step."""
    if not out_dir.exists():
        os.replace(tmp, out_dir)
    elif _exchange(tmp, out_dir):
        shutil.rmtree(tmp, ignore_errors=True)  # it now holds the earlier result
    else:  # no atomic exchange: two renames; the earlier result stays in a hidden folder between
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
        os.replace(out_dir, old / "previous")
        try:
            os.replace(tmp, out_dir)
        except BaseException:
            os.replace(old / "previous", out_dir)  # put the earlier result back
            shutil.rmtree(old, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(out_dir.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _fsync_folder(folder: Path) -> None:
    """Flush every file below ``folder`` and the folder itself to disk."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
