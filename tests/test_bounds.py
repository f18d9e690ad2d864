"""Resource bounds: population, runs per invocation, design sizes, horizons, option caps (issue #16, 4-5).

Before: in-bounds migration settings grew a town to 44 million residents and a MemoryError; a
1,000,000-run design ran for real; a 1,000,000 x 128 Latin hypercube passed validation and died
in ``--dry-run``; ``stress-test --replications 1000000`` started 10 million runs;
``years: 200`` passed; ``--trajectories 0`` became 10. Now each is refused in one line, or
(the population) ends the run as failed with a one-line reason.
"""

from __future__ import annotations

import copy

import pytest
import yaml

import simulator
from simulator.experiments import ExperimentError, run_experiment
from simulator.experiments.toy import TOY_RUNNER
from tests.conftest import ROOT
from tests.fault_support import SMALL, WETTER, dewak, one_line_error
from tests.test_experiments_support import TOY_EXPERIMENT, make_project

GROWTH = ["--set", "demography.in_migration_rate_per_year=0.3"]
GROWTH += ["--set", "demography.out_migration_scale=0"]


def test_runaway_growth_ends_the_run_in_one_line_with_exit_1(tmp_path):
    out = tmp_path / "run"
    done = dewak("run", WETTER, *SMALL, *GROWTH, "--out", out, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    one_line_error(done.stderr, "population would reach", "max_population_factor")
    assert "MemoryError" not in done.stderr and not out.exists()


def test_the_bound_is_a_scenario_parameter_and_fails_the_run_in_a_sweep(tmp_path):
    from simulator.population.bounds import PopulationBoundError

    bounded = {"town.population": 3000, "demography.in_migration_rate_per_year": 0.3}
    bounded |= {"demography.out_migration_scale": 0.0, "demography.max_population_factor": 2.0}
    scenario = simulator.load_scenario(WETTER, overrides=bounded)
    with pytest.raises(PopulationBoundError, match="more than 2 x the starting 3,000"):
        simulator.run(scenario, seed=0, years=8)
    spec = {
        "name": "growth",
        "scenario": str(WETTER),
        "set": bounded,
        "levers": [{"name": "rooms_lever", "path": "facility.rooms", "values": [2]}],
        "outcomes": ["viable"],
        "design": {"kind": "full_factorial"},
        "master_seed": 1,
        "years": 8,
    }
    path = tmp_path / "growth.yaml"
    path.write_text(yaml.safe_dump(spec))
    result = run_experiment(path, out=tmp_path / "out", executor="serial", progress=False)
    runs = result.runs()
    assert result.exit_code == 1 and (runs["status"] == "failed").all()
    assert runs["error"].str.startswith("PopulationBoundError: the population would reach").all()


def test_the_bound_does_not_touch_runs_that_stay_below_it():
    """Paired seeds: the bound is a guard, not a mechanism; below it, results are identical."""
    base = {"town.population": 3000}
    low = simulator.load_scenario(
        WETTER, overrides={**base, "demography.max_population_factor": 1.5}
    )
    high = simulator.load_scenario(
        WETTER, overrides={**base, "demography.max_population_factor": 100}
    )
    assert (
        simulator.run(low, seed=4, years=3).summary == simulator.run(high, seed=4, years=3).summary
    )


def test_more_than_the_run_cap_needs_confirmation_before_anything_is_made(tmp_path, monkeypatch):
    import simulator.experiments.sweep as sweep

    monkeypatch.setattr(sweep, "SweepPlan", None)  # proves nothing is drawn or allocated
    data = copy.deepcopy(TOY_EXPERIMENT) | {"replications": 1000}  # 12,000 runs
    path = make_project(tmp_path, data)
    out = tmp_path / "out"
    with pytest.raises(ExperimentError, match="12,000 runs") as caught:
        run_experiment(path, out=out, runner=TOY_RUNNER, executor="serial")
    assert caught.value.field_path == "--yes" and not out.exists()


def test_confirmed_or_limited_batches_run(tmp_path, monkeypatch):
    import simulator.experiments.options as options

    monkeypatch.setattr(options, "MAX_RUNS_UNCONFIRMED", 10)
    path = make_project(tmp_path)  # 24 runs
    kwargs = {"runner": TOY_RUNNER, "executor": "serial", "progress": False}
    with pytest.raises(ExperimentError, match="24 runs"):
        run_experiment(path, out=tmp_path / "a", **kwargs)
    assert run_experiment(path, out=tmp_path / "b", max_runs=5, **kwargs).done == 5
    assert run_experiment(path, out=tmp_path / "c", yes=True, **kwargs).complete


def test_the_cli_refuses_a_million_run_design_without_yes(tmp_path):
    paths = ["facility.rooms", "facility.staff_fte"]
    levers = [
        {"name": f"l{i}", "path": p, "values": list(range(1, 11))} for i, p in enumerate(paths)
    ]
    spec = {
        "name": "huge",
        "scenario": str(WETTER),
        "levers": levers,
        "outcomes": ["viable"],
        "design": {"kind": "full_factorial"},
        "replications": 10_000,  # 100 points x 10,000 = 1,000,000 runs
        "master_seed": 1,
    }
    path = tmp_path / "huge.yaml"
    path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "out"
    done = dewak("sweep", path, "--out", out)
    assert done.returncode == 2 and not out.exists()
    one_line_error(done.stderr, "--yes", "1,000,000 runs")


def test_a_huge_latin_hypercube_is_refused_at_validate(tmp_path):
    factors = [{"name": f"f{i}", "overlays": ["baseline", "ageing"]} for i in range(128)]
    spec = {
        "name": "cells",
        "scenario": str(WETTER),
        "levers": factors[:64],
        "uncertainties": factors[64:],
        "outcomes": ["viable"],
        "design": {"kind": "latin_hypercube", "samples": 1_000_000},
        "master_seed": 1,
    }
    path = tmp_path / "cells.yaml"
    path.write_text(yaml.safe_dump(spec))
    for command in (["validate", path], ["sweep", path, "--dry-run"]):
        done = dewak(*command, timeout=120)
        assert done.returncode == 2
        one_line_error(done.stderr, "design", "128,000,000")


def test_experiment_horizons_stay_within_the_scenarios(tmp_path):
    spec = {
        "name": "long",
        "scenario": str(WETTER),
        "levers": [{"name": "rooms_lever", "path": "facility.rooms", "values": [2]}],
        "outcomes": ["viable"],
        "design": {"kind": "full_factorial"},
        "master_seed": 1,
        "years": 200,
    }
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(spec))
    done = dewak("validate", path)
    assert done.returncode == 2
    one_line_error(done.stderr, "years", "100")


@pytest.mark.parametrize(
    "args, option",
    [
        (["stress-test", WETTER, "--replications", "1000000"], "--replications"),
        (["stress-test", WETTER, "--replications", "10001"], "--replications"),
        (["stress-test", WETTER, "--seed", str(2**63)], "--seed"),
        (["sensitivity", "SOBOL", "--method", "morris", "--trajectories", "0"], "--trajectories"),
        (["sensitivity", "SOBOL", "--method", "morris", "--trajectories", "1"], "--trajectories"),
        (["sensitivity", "SOBOL", "--method", "morris", "--levels", "0"], "--levels"),
        (["sweep", "SOBOL", "--workers", "100000"], "--workers"),
        (["sweep", "SOBOL", "--dask-local", "100000"], "--dask-local"),
    ],
)
def test_options_have_the_caps_of_the_files(tmp_path, args, option):
    args = [
        str(ROOT / "experiments" / "sensitivity_sobol.yaml") if a == "SOBOL" else a for a in args
    ]
    done = dewak(*args, "--dry-run", cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    one_line_error(done.stderr, option)
    assert list(tmp_path.iterdir()) == []
