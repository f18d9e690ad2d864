"""Writing an analysis folder atomically: all of its files appear at once, or none do."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path


def replace_folder(folder: Path, write: Callable[[Path], None]) -> list[Path]:
    """Let ``write`` fill a temporary sibling folder, then put it in place of ``folder``.

    An analysis folder is derived from the sweep's runs (which are never touched), so a new
    analysis replaces the previous one. A crash leaves either the old or the new folder, plus at
    most a hidden ``.tmp-*`` sibling.

    Returns:
        The files written, in name order.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    tmp = folder.with_name(f".{folder.name}.tmp-{token}")
    tmp.mkdir()
    try:
        write(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = folder.with_name(f".{folder.name}.old-{token}")
    if folder.exists():
        os.rename(folder, old)
    os.rename(tmp, folder)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(folder.iterdir())
