"""An experiment turned into its runs: sample points, seeds, and one task per run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.experiments.columns import IDS, SCENARIO, UNIT_PREFIX
from simulator.experiments.design import points, runs_table
from simulator.experiments.factors import factors
from simulator.experiments.patches import Overlay, Patch, SetValue, describe
from simulator.experiments.schema import Experiment
from simulator.experiments.worker import DEFAULT_RUNNER, RunTask


def base_patches(experiment: Experiment) -> tuple[tuple[Patch, ...], tuple[Patch, ...]]:
    """The experiment's own overlays and ``set`` values, applied to every run."""
    overlays = tuple(Overlay(name) for name in experiment.overlays)
    values = tuple(SetValue(path, value) for path, value in experiment.sets.items())
    return overlays, values


class SweepPlan:
    """The deterministic plan of an experiment: which run has which seed, scenario and patches.

    Args:
        experiment: The experiment.
        runner: ``module:function`` each run calls (default: the real model).
    """

    def __init__(self, experiment: Experiment, runner: str = DEFAULT_RUNNER):
        self.experiment = experiment
        self.runner = runner
        self.factors = factors(experiment)
        drawn = points(experiment)
        self.unit = drawn.unit
        self._values = drawn.values
        self.runs = runs_table(experiment)
        self._seeds = self.runs["seed"].tolist()
        stems = [Path(s).stem for s in experiment.scenario_files]
        self._scenario_files = dict(zip(stems, experiment.resolve_scenarios(), strict=True))
        self._default_stem = stems[0]
        self._base = base_patches(experiment)

    @property
    def n_samples(self) -> int:
        """Number of sample points."""
        return len(self.unit)

    def point(self, run_id: int) -> dict[str, Any]:
        """The factor values of a run's sample point."""
        sample = run_id // self.experiment.replications
        return {name: _plain(column[sample]) for name, column in self._values.items()}

    def patches(self, point: dict[str, Any]) -> tuple[Patch, ...]:
        """A point's patches: overlays first (the experiment's, then the factors'), then the rest."""
        own = [f.patch(point[f.name]) for f in self.factors if f.parameter is not None]
        own = [p for p in own if p is not None]  # a posterior parameter of another scenario
        overlays, values = self._base
        first = [p for p in own if isinstance(p, Overlay)]
        rest = [p for p in own if not isinstance(p, Overlay)]
        return (*overlays, *first, *values, *rest)

    def task(self, run_id: int) -> RunTask:
        """The task a worker executes for this run."""
        point = self.point(run_id)
        scenario = self._scenario_files[point.get("scenario", self._default_stem)]
        seed = self._seeds[run_id]
        years = self.experiment.years
        return RunTask(run_id, seed, str(scenario), self.patches(point), years, self.runner)

    def identity(self, run_id: int) -> dict[str, Any]:
        """The run's leading columns: ids, seed, scenario and every factor value."""
        reps = self.experiment.replications
        point = self.point(run_id)
        ids = (run_id, run_id // reps, run_id % reps, self._seeds[run_id])
        row = dict(zip(IDS, ids, strict=True))
        row[SCENARIO] = point.pop(SCENARIO, self._default_stem)
        return {**row, **point}

    def samples_table(self):
        """One row per sample point: ``sample_id``, factor values, ``u_<factor>`` coordinates."""
        import pyarrow as pa

        table: dict[str, Any] = {"sample_id": list(range(self.n_samples))}
        table.update(self._values)
        for j, factor in enumerate(self.factors):
            table[f"{UNIT_PREFIX}{factor.name}"] = self.unit[:, j].tolist()
        return pa.table(table)

    def describe(self, out: Path) -> str:
        """A few lines for ``--dry-run``: design, factors, outcomes, folder."""
        exp = self.experiment
        lines = [
            f"experiment {exp.name}: {exp.design.kind}, {exp.n_samples} sample points x "
            f"{exp.replications} replications = {exp.n_runs} runs (master seed "
            f"{exp.master_seed}, seeds {exp.seeds})",
        ]
        for patch in (*self._base[0], *self._base[1]):
            lines.append(f"  every run: {describe(patch)}")
        for factor in self.factors:
            lines.append(f"  {factor.role} {factor.name} [{_what(factor)}]: {_values(factor)}")
        outcomes = ", ".join(f"{o.name} ({o.direction})" for o in exp.outcomes)
        lines += [f"  outcomes: {outcomes}", f"  results: {out}"]
        return "\n".join(lines)


def _what(factor) -> str:
    kind = factor.describe()["patch"]
    if kind in ("set_value", "list_item"):
        return factor.path
    names = {"overlay": "overlays", "shock_set": "fiscal shocks", "record": "posterior draw"}
    return names.get(kind, "base scenario")


def _values(factor) -> str:
    if factor.choices is not None:
        return ", ".join(str(c) for c in factor.choices)
    return f"{factor.low:g} .. {factor.high:g}" + (" (integers)" * factor.integer)


def _plain(value: Any) -> Any:
    """Plain Python scalars (numpy scalars unwrapped) for tasks and table rows."""
    return value.item() if hasattr(value, "item") else value
