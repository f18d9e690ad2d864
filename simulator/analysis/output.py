"""Writing an analysis folder atomically: all of its files appear at once, or none do.

An analysis folder is derived from a sweep's runs (which are never touched), so a new analysis
replaces the previous one, but only a folder that holds an analysis of the same kind
(:func:`simulator.folders.inspect`): never a file, a link or a folder with other files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simulator.atomic import publish_folder
from simulator.folders import ResultKind

#: ``<sweep>/sensitivity/`` (``dewak sensitivity``).
SENSITIVITY = ResultKind(
    "sensitivity analysis",
    ("sensitivity",),
    frozenset(
        {"indices.csv", "indices.parquet", "noise.csv", "noise.parquet", "indices.png"}
        | {"indices.svg", "summary.json", "manifest.json"}
    ),
)
#: ``<sweep>/discovery/<condition>/`` or ``--out`` (``dewak discover``).
DISCOVERY = ResultKind(
    "scenario discovery",
    (),
    frozenset(
        {"box_limits.csv", "box_limits.parquet", "trajectory.csv", "trajectory.parquet"}
        | {"tradeoff.png", "tradeoff.svg", "summary.json"}
    ),
)


def replace_folder(folder: Path, write: Callable[[Path], None], kind: ResultKind) -> list[Path]:
    """Let ``write`` fill a temporary sibling folder, then put it in place of ``folder``.

    A crash leaves either the old or the new folder, plus at most a hidden temporary sibling
    (:func:`simulator.atomic.publish_folder`).

    Raises:
        ScenarioError: ``folder`` holds something other than an analysis of ``kind``.

    Returns:
        The files written, in name order.
    """
    folder = publish_folder(folder, write, kind, force=True)
    return sorted(folder.iterdir())
