"""Plan a stress test: check every input, then build its experiment (baseline and shocks, same seeds).

Everything that can be wrong — the shock file, the scenario, overlays, ``--set`` values, a shock
outside the run's years, a shock the scenario schema refuses — is found here, before any run
starts or any file is written, and raised as a :class:`ScenarioError` naming file and field.

The stress test is an experiment on the engine (:mod:`simulator.experiments`): one factor,
``shock``, whose choices are shock sets (the baseline, an empty set, first), a full-factorial
design over it, and ``seeds: common``, so every row runs with the same seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.experiments.schema import Experiment, parse_experiment
from simulator.scenario import Scenario, ScenarioError, load_scenario
from simulator.stress.schema import (
    BASELINE,
    MAX_REPLICATIONS,
    SEED_LIMIT,
    ShockFile,
    StressShock,
    check_years,
    load_shocks,
)

#: The factor of the stress experiment, and the outcomes its indicators read.
FACTOR = "shock"
OUTCOMES = ("viable", "closure_year", "liquidity_loans_end_eur_per_capita")


@dataclass(frozen=True)
class StressPlan:
    """A checked stress test: the baseline scenario, the shocks, the seeds and the horizon.

    Attributes:
        scenario_file: Absolute path of the scenario.
        scenario: The validated baseline (overlays and ``--set`` applied, no stress shocks).
        shocks_file: Path of the shock file, as given.
        shocks: The validated shock file.
        overlays: Overlay names applied to every run.
        sets: ``--set`` overrides applied to every run.
        seeds: One seed per replication, shared by the baseline and every shock.
        years: Horizon in years.
        master_seed: The seed the run seeds come from.
        experiment: The experiment the engine runs.
    """

    scenario_file: Path
    scenario: Scenario
    shocks_file: str
    shocks: ShockFile
    overlays: tuple[str, ...]
    sets: dict[str, Any]
    seeds: tuple[int, ...]
    years: int
    master_seed: int
    experiment: Experiment

    @property
    def rows(self) -> list[str]:
        """Row names of the stress table: the baseline first, then the shocks in file order."""
        return [BASELINE, *(shock.name for shock in self.shocks.shocks)]

    @property
    def labels(self) -> dict[str, str]:
        """Readable label of each row."""
        return {BASELINE: "Baseline (no shock)", **{s.name: s.label for s in self.shocks.shocks}}

    @property
    def window(self) -> tuple[int, int]:
        """First and last year in which the peak stress score is read."""
        first = self.shocks.window_start_year
        last_year = self.scenario.time.start_year + self.years - 1
        return first, min(last_year, first + self.shocks.score_window_years - 1)

    def tasks(self) -> list:
        """One RunTask per (row, replication); run_id = row index * replications + replication."""
        from simulator.experiments.plan import SweepPlan

        plan = SweepPlan(self.experiment)
        return [plan.task(run_id) for run_id in range(self.experiment.n_runs)]

    def locate(self, run_id: int) -> tuple[str, int, int]:
        """(row name, replication, seed) of a run id."""
        n = len(self.seeds)
        return self.rows[run_id // n], run_id % n, self.seeds[run_id % n]


def run_seeds(master_seed: int, n: int) -> tuple[int, ...]:
    """``n`` stable 63-bit seeds: child ``i`` of ``numpy.random.SeedSequence(master_seed)``.

    The engine's recipe (simulator/experiments/design.py), so a seed means the same thing in a
    sweep and in a stress test.
    """
    from simulator.experiments.design import run_seeds as engine_seeds

    return tuple(int(s) for s in engine_seeds(master_seed, n))


def check_shocks(
    shocks_file: str | Path, scenarios: list[Path], overlays: tuple = (), sets: dict | None = None
) -> None:
    """Every check the stress test makes of a shock file, against each scenario given.

    Without scenarios only the file itself is checked. Imports no numpy or pandas (it is what
    ``dewak validate`` runs).
    """
    load_shocks(shocks_file)
    for scenario in scenarios:
        _checked(scenario, shocks_file, overlays, dict(sets or {}), None)


def make_plan(
    scenario_file: str | Path,
    shocks_file: str | Path,
    overlays: tuple[str, ...] = (),
    sets: dict[str, Any] | None = None,
    replications: int | None = None,
    master_seed: int | None = None,
    years: int | None = None,
) -> StressPlan:
    """Check the inputs and plan the runs; raise ScenarioError on the first problem."""
    sets = dict(sets or {})
    _check_options(replications, master_seed)
    shocks, baseline, horizon = _checked(scenario_file, shocks_file, overlays, sets, years)
    n = replications if replications is not None else shocks.replications
    seed = master_seed if master_seed is not None else shocks.master_seed
    path = Path(scenario_file).resolve()
    experiment = stress_experiment(path, shocks, tuple(overlays), sets, n, seed, horizon)
    return StressPlan(
        scenario_file=path,
        scenario=baseline,
        shocks_file=str(shocks_file),
        shocks=shocks,
        overlays=tuple(overlays),
        sets=sets,
        seeds=run_seeds(seed, n),
        years=horizon,
        master_seed=seed,
        experiment=experiment,
    )


def _check_options(replications: int | None, master_seed: int | None) -> None:
    """The command line's ``--replications`` and ``--seed`` within a shock file's bounds."""
    where = "dewak stress-test"
    if replications is not None and not 1 <= replications <= MAX_REPLICATIONS:
        raise ScenarioError(
            where, "--replications", f"must be 1 to {MAX_REPLICATIONS}, as in a shock file"
        )
    if master_seed is not None and not 0 <= master_seed < SEED_LIMIT:
        raise ScenarioError(
            where, "--seed", "must be 0 or more and below 2**63, as in a shock file"
        )


def _checked(scenario_file, shocks_file, overlays, sets: dict, years: int | None):
    """Check the shock file, the baseline and each shock on it; (shocks, baseline, horizon)."""
    shocks = load_shocks(shocks_file)
    baseline = load_scenario(scenario_file, overlays=overlays, overrides=sets)
    horizon = years if years is not None else baseline.time.years
    check_years(shocks, str(shocks_file), baseline.time.start_year, horizon)
    for i, shock in enumerate(shocks.shocks):
        shocked = {**sets, "municipality.fiscal_shocks": _own(baseline) + _changes(shock)}
        _check_applies(scenario_file, overlays, shocked, str(shocks_file), i)
    return shocks, baseline, horizon


def stress_experiment(
    scenario: Path, shocks: ShockFile, overlays: tuple, sets: dict, n: int, seed: int, years: int
) -> Experiment:
    """The stress test as an experiment: the ``shock`` factor, same seeds for every row."""
    choices = {BASELINE: [], **{s.name: _changes(s) for s in shocks.shocks}}
    data = {
        "name": shocks.stress_test,
        "description": shocks.description,
        "scenario": str(scenario),
        "overlays": list(overlays),
        "set": sets,
        "uncertainties": [{"name": FACTOR, "shocks": choices}],
        "outcomes": list(OUTCOMES),
        "design": {"kind": "full_factorial"},
        "replications": n,
        "master_seed": seed,
        "seeds": "common",
        "years": years,
    }
    return parse_experiment(data, str(scenario))


def _own(baseline: Scenario) -> list[dict]:
    return [s.model_dump(mode="json") for s in baseline.municipality.fiscal_shocks]


def _changes(shock: StressShock) -> list[dict]:
    """The shock's changes as scenario ``fiscal_shocks`` items, named after the shock."""
    out = []
    for j, change in enumerate(shock.changes):
        item = change.model_dump(mode="json")
        item["name"] = f"{shock.name}.{j}" if change.name == "shock" else change.name
        out.append(item)
    return out


def _check_applies(scenario_file, overlays, overrides: dict, shocks_file: str, index: int) -> None:
    """The shocked scenario must validate too (e.g. at most 20 fiscal shocks in all)."""
    try:
        load_scenario(scenario_file, overlays=overlays, overrides=overrides)
    except ScenarioError as err:
        raise ScenarioError(
            shocks_file, f"shocks.{index}", f"does not apply to the scenario: {err.message}"
        ) from None
