"""What a worker does with one run: build its scenario from patches, run it, never raise.

:func:`execute` is the module-level function every executor (serial, process pool, Dask) sends
to its workers. It imports the runner named in the task, times it, and turns any exception into
a failed outcome with its error text, so one bad run never stops a sweep.
"""

from __future__ import annotations

import importlib
import os
import time
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from simulator.experiments.patches import Overlay, Patch, SetValue, build_scenario

#: The real model: the base scenario with the task's patches, then ``simulator.run``.
DEFAULT_RUNNER = "simulator.experiments.worker:run_scenario"


@dataclass(frozen=True)
class RunTask:
    """Everything a worker needs for one run (small and picklable).

    Attributes:
        run_id: Stable id of the run in the experiment's runs table.
        seed: The run's seed.
        scenario_file: Absolute path of the base scenario.
        patches: Patches applied to it (overlays first, then the rest in order).
        years: Horizon in years, or None for the scenario's own horizon.
        runner: ``module:function`` called as ``runner(task) -> (summary, annual, hash)``.
    """

    run_id: int
    seed: int
    scenario_file: str
    patches: tuple[Patch, ...] = ()
    years: int | None = None
    runner: str = DEFAULT_RUNNER

    @classmethod
    def build(
        cls,
        run_id: int,
        seed: int,
        scenario_file: str,
        overlays: tuple[str, ...] = (),
        overrides: tuple[tuple[str, Any], ...] | dict[str, Any] = (),
        years: int | None = None,
        runner: str = DEFAULT_RUNNER,
    ) -> RunTask:
        """A task from overlay names and ``(dotted path, value)`` pairs (overlays first)."""
        pairs = overrides.items() if isinstance(overrides, dict) else overrides
        patches = (*(Overlay(n) for n in overlays), *(SetValue(p, v) for p, v in pairs))
        return cls(run_id, seed, str(scenario_file), patches, years, runner)

    @property
    def overlays(self) -> tuple[str, ...]:
        """Names of the overlays among the patches, in order."""
        return tuple(p.name for p in self.patches if isinstance(p, Overlay))

    @property
    def overrides(self) -> tuple[tuple[str, Any], ...]:
        """``(dotted path, value)`` of the value patches, in order (for runners that read them)."""
        return tuple((p.path, p.value) for p in self.patches if isinstance(p, SetValue))


@dataclass
class RunOutcome:
    """What comes back from a worker for one run.

    Attributes:
        run_id: The task's run id.
        status: ``ok`` or ``failed``.
        summary: Outcome values by name (empty when failed).
        annual: The run's annual table (a pandas DataFrame), or None when failed.
        scenario_hash: sha256 of the run's scenario (None if it could not be built).
        error: Error text when failed, else None.
        duration_s: Wall time of building and running, in seconds.
    """

    run_id: int
    status: str
    summary: dict[str, Any] = field(default_factory=dict)
    annual: Any = None
    scenario_hash: str | None = None
    error: str | None = None
    duration_s: float = 0.0


def execute(task: RunTask) -> RunOutcome:
    """Run one task and return its outcome; exceptions become a failed outcome."""
    start = time.perf_counter()
    try:
        summary, annual, scenario_hash = resolve(task.runner)(task)
        status, error = "ok", None
    except Exception as exc:  # noqa: BLE001 - a failing run is recorded, not raised
        summary, annual, scenario_hash = {}, None, None
        status, error = "failed", _error_text(exc)
    duration = time.perf_counter() - start
    return RunOutcome(task.run_id, status, summary, annual, scenario_hash, error, duration)


def ready() -> int:
    """Do nothing and return the worker's process id: proves a worker can run a task at all."""
    return os.getpid()


@lru_cache(maxsize=16)
def resolve(dotted: str):
    """Import ``module:attribute`` (the runner named in a task)."""
    module, _, attribute = dotted.partition(":")
    return getattr(importlib.import_module(module), attribute)


def _error_text(exc: BaseException) -> str:
    """``Type: message`` plus the innermost frame, short enough for a table cell."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {frames[-1].filename}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"[:2000]


def run_scenario(task: RunTask) -> tuple[dict[str, Any], Any, str]:
    """The default runner: the real model on the task's patched scenario and seed."""
    import simulator
    from simulator.scenario import scenario_hash

    scenario = build_scenario(task.scenario_file, task.patches)
    result = simulator.run(scenario, seed=task.seed, years=task.years)
    return dict(result.summary), result.annual, scenario_hash(scenario)
