"""Result folders: safe names, readable manifests, and which existing folder a writer may replace.

Every writer of results (``dewak run``, ``sweep``, ``sensitivity``, ``stress-test``,
``discover``, ``report``; :func:`simulator.atomic.publish_folder` and the results store under
them) asks :func:`inspect` before it creates or replaces anything:

- the folder's own name must be a name (not empty, ``.`` or ``..``) of at most 255 bytes;
- a file, a symbolic link or a folder inside a file is never used, not even with ``--force``;
- an existing folder is one of its kind when its ``manifest.json`` names that kind
  (:mod:`simulator.provenance`) and every entry is one the kind writes (or one the manifest
  lists under ``outputs``), or, with a missing or damaged manifest, when every entry is one
  the kind writes; anything else is a foreign folder, refused;
- a folder whose lock (``.lock``, held by a running batch) is taken is never replaced.

Refusals are :class:`ScenarioError` (one line ``PATH: --out: message``, exit code 2).
"""

from __future__ import annotations

import errno
import fnmatch
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.scenario.errors import ScenarioError

MANIFEST = "manifest.json"
LOCK = ".lock"
#: Longest file or folder name most filesystems accept (ext4, xfs, btrfs, tmpfs: 255 bytes).
MAX_NAME_BYTES = 255
#: Hidden names our writers leave while they work (temporary files and folders, the lock).
TEMPORARY = (LOCK, ".*.tmp", ".tmp-*", ".*-tmp-*", ".*.tmp-*", ".*-old-*", ".*.old-*", ".outputs-*")


@dataclass(frozen=True)
class ResultKind:
    """What a writer produces, so that an earlier result of the same kind can be recognised.

    Attributes:
        label: How messages name it (``run result``, ``sweep``).
        kinds: Manifest ``kind`` values of this kind (empty: it writes no manifest).
        files: Names of the entries it writes into its folder.
    """

    label: str
    kinds: tuple[str, ...]
    files: frozenset[str]

    def owns(self, name: str, manifest: dict | None = None) -> bool:
        """True if an entry of this name is one this kind (or its manifest's outputs) wrote."""
        outputs = (manifest or {}).get("outputs") or []
        listed = {Path(str(n)).name for n in outputs if isinstance(n, str)}
        return name in self.files or name in listed or temporary(name)


@dataclass(frozen=True)
class Existing:
    """An existing folder of the right kind (see :func:`inspect`).

    Attributes:
        path: The folder.
        manifest: Its manifest; None when it has none or it is damaged.
        damaged: Why the manifest could not be read ('' if it could).
        empty: True when the folder holds nothing (or only our temporary entries).
    """

    path: Path
    manifest: dict[str, Any] | None
    damaged: str
    empty: bool


def temporary(name: str) -> bool:
    """True for the hidden names our writers use while they work (see :data:`TEMPORARY`)."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in TEMPORARY)


def check_name(path: str | Path, option: str = "--out") -> Path:
    """``path`` as a Path, refused if its last part is not a usable folder or file name."""
    path = Path(path)
    name = path.name
    if "\x00" in str(path):
        raise ScenarioError(str(path).replace("\x00", "\\x00"), option, "contains a NUL character")
    if name in ("", ".", "..") or str(path).endswith(("/.", "/..")):
        raise ScenarioError(str(path), option, "name a folder, not '.' or '..'")
    too_long = [p for p in path.parts if len(os.fsencode(p)) > MAX_NAME_BYTES]
    if too_long:
        raise ScenarioError(
            f"{str(path)[:60]}...",
            option,
            f"a name of {len(os.fsencode(too_long[0]))} bytes; at most {MAX_NAME_BYTES} are allowed",
        )
    return path


def inspect(path: str | Path, kind: ResultKind, option: str = "--out") -> Existing | None:
    """Check that ``path`` may hold a result of ``kind``: None if it does not exist yet.

    Raises:
        ScenarioError: For a bad name, a file, a symbolic link, a path through a file, a
            folder of another kind or with foreign entries, or one a running batch holds.
    """
    path = check_name(path, option)
    _check_parents(path, option)
    if path.is_symlink():
        raise ScenarioError(str(path), option, "is a symbolic link; give the folder itself")
    if not path.exists():
        return None
    if not path.is_dir():
        raise ScenarioError(str(path), option, f"is a file, not a {kind.label} folder")
    entries = _entries(path, option)
    if lock_held(path):
        raise ScenarioError(str(path), option, "another batch is writing here (it holds the lock)")
    manifest, damaged = _manifest_state(path)
    if manifest is not None and kind.kinds and manifest.get("kind") not in kind.kinds:
        other = manifest.get("kind", "unknown")
        raise ScenarioError(
            str(path), option, f"holds a result of another kind ({other}), not a {kind.label}"
        )
    foreign = sorted(name for name in entries if not kind.owns(name, manifest))
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise ScenarioError(
            str(path),
            option,
            f"holds files that are not a {kind.label} ({shown}); nothing is replaced: choose "
            "another folder",
        )
    return Existing(path, manifest, damaged, all(temporary(n) for n in entries))


def read_manifest(folder: str | Path) -> dict[str, Any] | None:
    """A folder's ``manifest.json`` (None if it has none).

    Raises:
        ScenarioError: If it is damaged (not JSON, not an object); the message says what to do.
    """
    manifest, damaged = _manifest_state(Path(folder))
    if damaged:
        raise ScenarioError(
            str(Path(folder) / MANIFEST),
            "(document)",
            f"the manifest is damaged ({damaged}); use --force to start this result over, "
            "or --out for another folder",
        )
    return manifest


def lock_held(folder: Path) -> bool:
    """True if another process holds the folder's ``.lock`` (checked without creating it)."""
    path = Path(folder) / LOCK
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: filelock's own refusal applies
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        return exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def cannot_write(path: str | Path, exc: OSError, option: str = "--out") -> ScenarioError:
    """The one-line error for a folder or file that cannot be created or written."""
    reason = exc.strerror or str(exc)
    return ScenarioError(str(path), option, f"cannot write here: {reason}")


def _check_parents(path: Path, option: str) -> None:
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise ScenarioError(str(path), option, f"{parent} is a file, not a folder")
            return


def _entries(path: Path, option: str) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(path)]
    except OSError as exc:
        raise ScenarioError(str(path), option, f"cannot read the folder: {exc.strerror}") from None


def _manifest_state(folder: Path) -> tuple[dict[str, Any] | None, str]:
    """(manifest, '') if readable; (None, '') if absent; (None, why) if damaged."""
    path = folder / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None, ""
    if not path.is_file() or path.is_symlink():
        return None, "not a regular file"
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        return None, f"not JSON: {str(exc)[:80]}"
    if not isinstance(data, dict):
        return None, "not a JSON object"
    return data, ""
