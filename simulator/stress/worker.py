"""The function a worker runs for one stress-test run: the scenario with its shocks, one seed.

Tasks travel as :class:`simulator.experiments.worker.RunTask`; their ``overrides`` hold
``(dotted path, JSON text)`` pairs so that a list of shocks stays hashable and picklable.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

#: ``module:function`` of :func:`run_stress_task`, as the executors expect it.
RUNNER = "simulator.stress.worker:run_stress_task"


def encode(overrides: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """``{path: value}`` as sorted ``(path, JSON text)`` pairs (hashable, picklable)."""
    return tuple(
        sorted((k, json.dumps(v, sort_keys=True, default=str)) for k, v in overrides.items())
    )


def decode(pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The inverse of :func:`encode`."""
    return {path: json.loads(text) for path, text in pairs}


@lru_cache(maxsize=64)
def build(scenario_file: str, overlays: tuple[str, ...], overrides: tuple[tuple[str, str], ...]):
    """Load the scenario of a task (cached: the replications of a shock share it)."""
    from simulator.scenario import load_scenario

    return load_scenario(scenario_file, overlays=overlays, overrides=decode(overrides))


def run_stress_task(task) -> tuple[dict[str, Any], Any, str]:
    """Run one task through ``simulator.run``; return (summary, annual table, scenario hash)."""
    import simulator
    from simulator.scenario import scenario_hash

    scenario = build(task.scenario_file, task.overlays, task.overrides)
    result = simulator.run(scenario, seed=task.seed, years=task.years)
    return dict(result.summary), result.annual, scenario_hash(scenario)
