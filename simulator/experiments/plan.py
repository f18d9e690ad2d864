"""An experiment turned into its runs: sample points, seeds, and one task per run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.experiments.design import factors, runs_table, sample_points
from simulator.experiments.schema import Experiment
from simulator.experiments.worker import DEFAULT_RUNNER, RunTask


class SweepPlan:
    """The deterministic plan of a sweep: which run has which seed, scenario and values.

    Args:
        experiment: The experiment.
        runner: ``module:function`` each run calls (default: the real model).
    """

    def __init__(self, experiment: Experiment, runner: str = DEFAULT_RUNNER):
        self.experiment = experiment
        self.runner = runner
        self.factors = factors(experiment)
        self.points = sample_points(experiment)
        self.runs = runs_table(experiment)
        self._values = {f.name: self.points[f.name].tolist() for f in self.factors}
        self._seeds = self.runs["seed"].tolist()
        stems = [Path(s).stem for s in experiment.scenario_files]
        self._scenario_files = dict(zip(stems, experiment.resolve_scenarios(), strict=True))
        self._default_stem = stems[0]

    def point(self, run_id: int) -> dict[str, Any]:
        """The factor values of a run's sample point."""
        sample = run_id // self.experiment.replications
        return {name: _plain(column[sample]) for name, column in self._values.items()}

    def task(self, run_id: int) -> RunTask:
        """The task a worker executes for this run."""
        point = self.point(run_id)
        overlays = tuple(point[f.name] for f in self.factors if f.is_overlay)
        overrides = tuple((f.path, point[f.name]) for f in self.factors if f.path is not None)
        scenario = self._scenario_files[point.get("scenario", self._default_stem)]
        seed = self._seeds[run_id]
        years = self.experiment.years
        return RunTask(run_id, seed, str(scenario), overlays, overrides, years, self.runner)

    def identity(self, run_id: int) -> dict[str, Any]:
        """The run's leading columns: ids, seed, scenario and every factor value."""
        reps = self.experiment.replications
        point = self.point(run_id)
        row = {"run_id": run_id, "sample_id": run_id // reps, "replication": run_id % reps}
        row["seed"] = self._seeds[run_id]
        row["scenario"] = point.pop("scenario", self._default_stem)
        return {**row, **point}

    def describe(self, out: Path) -> str:
        """A few lines for ``dewak sweep --dry-run``: design, factors, outcomes, folder."""
        exp = self.experiment
        lines = [
            f"experiment {exp.name}: {exp.design.kind}, {exp.n_samples} sample points x "
            f"{exp.replications} replications = {exp.n_runs} runs (master seed "
            f"{exp.master_seed}, seeds {exp.seeds})",
        ]
        for factor in self.factors:
            what = factor.path or ("overlays" if factor.is_overlay else "base scenario")
            if factor.choices is not None:
                values = ", ".join(str(c) for c in factor.choices)
            else:
                values = f"{factor.low:g} .. {factor.high:g}" + (" (integers)" * factor.integer)
            lines.append(f"  {factor.role} {factor.name} [{what}]: {values}")
        outcomes = ", ".join(f"{o.name} ({o.direction})" for o in exp.outcomes)
        lines += [f"  outcomes: {outcomes}", f"  results: {out}"]
        return "\n".join(lines)


def _plain(value: Any) -> Any:
    """Plain Python scalars (numpy scalars unwrapped) for tasks and table rows."""
    return value.item() if hasattr(value, "item") else value
