"""Refuse a multi-process batch started from a script's top level without a ``__main__`` guard.

Worker processes are *spawned*: each starts a fresh interpreter that imports the script that
started the batch (as ``__mp_main__``), so that anything defined there can be sent to it. A
script that starts a batch at its top level, outside ``if __name__ == "__main__":``, would start
it again in every worker; the workers die, and every run would be recorded as failed. So before
anything is recorded, :func:`check_main_guard` finds the line of the script that started the
batch and refuses unless it lies inside such a guard. Notebooks and ``python -c`` are safe (the
workers do not import them); so are serial runs and remote Dask clusters.
"""

from __future__ import annotations

import ast
import multiprocessing
import sys
from functools import lru_cache
from pathlib import Path

from simulator.experiments.errors import ExperimentError
from simulator.experiments.options import BatchOptions

ADVICE = (
    "a batch on worker processes must be started under 'if __name__ == \"__main__\":' "
    "(every worker imports this script again); put the call there, or use executor='serial'"
)


def check_main_guard(options: BatchOptions) -> None:
    """Raise ExperimentError when worker processes would re-run the batch that starts them.

    Raises:
        ExperimentError: Naming the script and the line of the unguarded call.
    """
    if not options.spawns_processes:
        return
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise ExperimentError("__mp_main__", "", ADVICE)  # we are a worker importing the script
    found = _script_frame()
    if found is None:
        return
    script, line = found
    if not _guarded(script, line):
        raise ExperimentError(script, f"line {line}", ADVICE)


def _script_frame() -> tuple[str, int] | None:
    """``(file, line)`` of the main script's top-level statement now running, if any."""
    main = sys.modules.get("__main__")
    main_file = getattr(main, "__file__", None)
    if main_file is None:  # interactive, notebook, python -c: workers do not import it
        return None
    target = str(Path(main_file).resolve())
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "<module>" and frame.f_globals.get("__name__") == "__main__":
            if str(Path(code.co_filename).resolve()) == target:
                return target, frame.f_lineno
        frame = frame.f_back
    return None


def _guarded(script: str, line: int) -> bool:
    """True if ``line`` of ``script`` lies inside a top-level ``if __name__ == "__main__":``."""
    for start, end in _guard_spans(script):
        if start <= line <= end:
            return True
    return False


@lru_cache(maxsize=8)
def _guard_spans(script: str) -> tuple[tuple[int, int], ...]:
    try:
        tree = ast.parse(Path(script).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return ((0, 10**9),)  # cannot tell: do not refuse
    return tuple(
        (node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
        for node in tree.body
        if isinstance(node, ast.If) and _is_main_test(node.test)
    )


def _is_main_test(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    texts = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and texts == ["__main__"]
