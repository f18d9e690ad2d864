"""The one place where calibration meets the experiment engine: a parameter vector becomes runs.

Everything else in :mod:`simulator.calibration` talks to the model only through this module:

* :class:`ParticleModel` — the model pyabc calls: parameter values in, pattern statistics out.
  Each call builds one :class:`~simulator.experiments.worker.RunTask` per base scenario and
  seed and runs it with :func:`~simulator.experiments.worker.execute`, the function every
  executor sends to its workers (a real model run through the scenario loader's overrides);
* :func:`probe` — one short run of a scenario, to learn its outcome names, annual columns and
  years before anything is written;
* :func:`resolve_file` and :func:`dask_client` — files named in calibration files (as experiments resolve them) and the Dask cluster.

When the experiment engine is unified (issue #14), only this module moves. It imports numpy and
the engine only inside its functions, so reading calibration files stays light.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.calibration.patterns import CalibrationError, Pattern

#: Error types of a run that mean "these values make no valid scenario": the particle is
#: rejected. Any other failure is a bug and stops the calibration.
INPUT_ERRORS = ("ScenarioError", "ExperimentError", "ValidationError")


@dataclass(frozen=True)
class ScenarioRun:
    """How one base scenario is run for every particle.

    Attributes:
        stem: The scenario's file stem (patterns and parameters name scenarios by it).
        file: Absolute path of the scenario file.
        overlays: Overlays applied to it.
        overrides: The calibration's fixed ``set`` values, as (dotted path, value) pairs.
        years: Horizon in years (None: the scenario's own).
    """

    stem: str
    file: str
    overlays: tuple[str, ...] = ()
    overrides: tuple[tuple[str, Any], ...] = ()
    years: int | None = None


@dataclass(frozen=True)
class ParticleModel:
    """Parameter values -> model runs -> one value per pattern (picklable; what pyabc calls).

    A pattern's value for a particle is the mean of its statistic over the particle's runs of
    the scenarios it applies to (``seeds_per_particle`` seeds per base scenario). The seeds
    come from the master seed and the parameter values, so a particle gives the same values
    whichever sampler or worker evaluates it.

    Attributes:
        scenarios: The base scenarios and how to run them.
        parameters: ``(name, dotted path, scenario stems or () for all, integer)`` per parameter.
        patterns: Every pattern whose statistic is computed (fitted and reported).
        master_seed: The calibration's master seed.
        seeds_per_particle: Runs per base scenario and particle.
    """

    scenarios: tuple[ScenarioRun, ...]
    parameters: tuple[tuple[str, str, tuple[str, ...], bool], ...]
    patterns: tuple[Pattern, ...]
    master_seed: int
    seeds_per_particle: int = 1

    def __call__(self, values: Mapping[str, float]) -> dict[str, float]:
        """Run the particle and return ``{pattern name: statistic}`` (NaN: invalid values)."""
        from simulator.experiments.worker import execute

        outcomes = [execute(task) for task in self.tasks(values)]
        for outcome in outcomes:
            if outcome.status != "ok" and not (outcome.error or "").startswith(INPUT_ERRORS):
                raise RuntimeError(f"a model run failed: {outcome.error}")
        if any(outcome.status != "ok" for outcome in outcomes):
            return {p.name: float("nan") for p in self.patterns}
        stems = [s.stem for s in self.scenarios for _ in range(self.seeds_per_particle)]
        runs = list(zip(stems, outcomes, strict=True))
        return {p.name: pattern_mean(p, runs) for p in self.patterns}

    def tasks(self, values: Mapping[str, float]) -> list:
        """One RunTask per base scenario and seed, with the particle's values set."""
        from simulator.experiments.worker import RunTask

        seeds = particle_seeds(self.master_seed, values, self.seeds_per_particle)
        return [
            RunTask.build(
                run_id=len(self.scenarios) * k + i,
                seed=seed,
                scenario_file=scenario.file,
                overlays=scenario.overlays,
                overrides=scenario.overrides + self.overrides_for(scenario.stem, values),
                years=scenario.years,
            )
            for i, scenario in enumerate(self.scenarios)
            for k, seed in enumerate(seeds)
        ]

    def overrides_for(self, stem: str, values: Mapping[str, float]) -> tuple:
        """The (path, value) pairs of the parameters that apply to this scenario."""
        out = []
        for name, path, stems, integer in self.parameters:
            if not stems or stem in stems:
                value = float(values[name])
                out.append((path, int(round(value)) if integer else value))
        return tuple(out)


def pattern_mean(pattern: Pattern, runs: Sequence[tuple[str, Any]]) -> float:
    """Mean of the pattern's statistic over the runs (``(stem, outcome)``) it applies to."""
    import numpy as np

    from simulator.calibration.statistics import evaluate

    values = [
        evaluate(pattern.statistic, outcome.summary, outcome.annual)
        for stem, outcome in runs
        if pattern.applies_to(stem)
    ]
    return float(np.mean(values)) if values else float("nan")


def particle_seeds(master_seed: int, values: Mapping[str, float], n: int) -> list[int]:
    """``n`` run seeds derived from the master seed and the particle's exact values."""
    import numpy as np

    bits = [int(np.float64(values[k]).view(np.uint64)) for k in sorted(values)]
    words = [master_seed, *(w for b in bits for w in (b >> 32, b & 0xFFFFFFFF))]
    return [int(s) for s in np.random.SeedSequence(words).generate_state(n, dtype=np.uint32)]


def probe(run: ScenarioRun) -> tuple[set[str], set[str], tuple[int, int]]:
    """Outcome names, annual columns and calendar years of a run of this scenario.

    One one-year run (seed 0) gives the names; the years are those the calibration's runs
    will cover.

    Raises:
        CalibrationError: If the scenario does not load or the run fails.
    """
    from simulator.experiments.patches import build_scenario
    from simulator.experiments.worker import RunTask, execute

    task = RunTask.build(0, 0, run.file, run.overlays, run.overrides, years=1)
    outcome = execute(task)
    if outcome.status != "ok":
        raise CalibrationError(run.file, "", f"a probe run failed: {outcome.error}")
    scenario = build_scenario(run.file, task.patches)
    horizon = run.years if run.years is not None else scenario.time.years
    first = scenario.time.start_year
    return set(outcome.summary), set(outcome.annual.columns), (first, first + horizon - 1)


def resolve_file(base: Path, text: str, file: str, field: str) -> Path:
    """An existing .yaml file, relative to ``base`` or absolute, as experiment files reference them."""
    from simulator.experiments.schema import ExperimentError, scenario_path

    try:
        return scenario_path(base, text, file, field)
    except ExperimentError as exc:
        raise CalibrationError(exc.file, exc.field_path, exc.message) from None


def dask_client(workers: int | None, scheduler: str | None):
    """A Dask client: of a new LocalCluster on 127.0.0.1 (returned too), or of ``scheduler``."""
    from dask.distributed import Client

    from simulator.experiments.executors import default_workers, local_cluster

    cluster = None if scheduler else local_cluster(workers or default_workers())
    return Client(cluster if cluster is not None else scheduler), cluster
