"""Levers, uncertainties and outcomes share one namespace without the store's columns (issue #16, 2-3).

Before: a lever named ``viable`` put its values into the ``viable`` column, and a sweep whose
facilities all closed reported "survives in 100 % of futures"; ``outcomes: [viable, status,
seed]`` ran everything and then broke the store. Now such names are refused at ``dewak
validate`` (exit 2, one line naming the field, with a suggestion). The reserved names come from
one place (``simulator/experiments/columns.py``), checked here against what a sweep writes.
"""

from __future__ import annotations

import copy

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.experiments import ExperimentError, parse_experiment, run_experiment
from simulator.experiments.outcomes import OUTCOME_NAMES
from simulator.experiments.toy import TOY_RUNNER
from tests.fault_support import WETTER, dewak, one_line_error
from tests.test_experiments_support import TOY_EXPERIMENT, make_project

try:  # the one list of the store's own columns
    from simulator.experiments.columns import RESERVED
except ImportError:  # before it existed: the names the store wrote
    RESERVED = frozenset(
        {"run_id", "sample_id", "replication", "seed", "scenario", "scenario_hash"}
        | {"status", "error", "duration_s"}
    )


def experiment(tmp_path, **changes):
    data = {
        "name": "names",
        "scenario": str(WETTER),
        "levers": [{"name": "reserves", "path": "facility.initial_reserves_eur", "values": [1, 2]}],
        "outcomes": ["years_open"],
        "design": {"kind": "full_factorial"},
        "master_seed": 1,
        "years": 1,
        **changes,
    }
    path = tmp_path / "names.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_a_lever_named_like_an_unlisted_outcome_is_refused_at_validate(tmp_path):
    lever = {"name": "viable", "path": "facility.initial_reserves_eur", "values": [-1e12, -1e11]}
    path = experiment(tmp_path, levers=[lever])
    done = dewak("validate", path)
    assert done.returncode == 2
    one_line_error(done.stderr, "levers.0.name", "'viable' is an outcome", "'viable_lever'")
    out = tmp_path / "out"
    done = dewak("sweep", path, "--out", out, "--workers", "1")
    assert done.returncode == 2 and not out.exists()


def test_store_columns_as_outcomes_are_refused_at_validate(tmp_path):
    path = experiment(tmp_path, outcomes=["viable", "status", "seed"])
    done = dewak("validate", path)
    assert done.returncode == 2
    one_line_error(done.stderr, "outcomes.1", "'status'")


SECTIONS = st.sampled_from(["levers", "uncertainties"])


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(RESERVED | set(OUTCOME_NAMES))), section=SECTIONS)
def test_no_factor_may_take_a_store_column_or_an_outcome_name(name, section):
    """Property: every store column and every model outcome is refused as a factor name."""
    data = copy.deepcopy(TOY_EXPERIMENT)
    param = {"name": name, "path": "facility.rooms", "values": [1, 2]}
    data["levers"], data["uncertainties"] = [], []
    data[section] = [param]
    data["outcomes"] = ["years_open" if name != "years_open" else "viable"]
    with pytest.raises(ExperimentError) as caught:
        parse_experiment(data, "x.yaml")
    assert caught.value.field_path == f"{section}.0.name", str(caught.value)


@settings(max_examples=20, deadline=None)
@given(name=st.sampled_from(sorted(RESERVED)))
def test_no_outcome_may_take_a_store_column_name(name):
    data = copy.deepcopy(TOY_EXPERIMENT)
    data["outcomes"] = ["viable", name]
    with pytest.raises(ExperimentError) as caught:
        parse_experiment(data, "x.yaml")
    assert caught.value.field_path == "outcomes.1", str(caught.value)


def test_a_unit_coordinate_name_of_another_factor_is_refused():
    data = copy.deepcopy(TOY_EXPERIMENT)
    data["uncertainties"].append({"name": "u_org", "path": "financing.other", "values": [1, 2]})
    with pytest.raises(ExperimentError, match="unit coordinate"):
        parse_experiment(data, "x.yaml")


def test_reserved_names_are_exactly_the_columns_the_store_writes(tmp_path):
    """The namespace rule is derived from the store: a toy sweep's columns minus its factors,
    outcomes and summary keys are the reserved names, and samples.parquet adds only u_*."""
    path = make_project(tmp_path)
    result = run_experiment(path, out=tmp_path / "out", runner=TOY_RUNNER, executor="serial")
    runs = pd.read_parquet(result.out / "runs.parquet")
    factors = {"org", "grant_eur"}
    summary = {"viable", "closure_year", "years_open", "utilisation_mean", "visits_per_year_mean"}
    summary |= {"cost_total_eur", "population_start", "population_end"}
    assert set(runs.columns) - factors - summary == RESERVED
    samples = pd.read_parquet(result.out / "samples.parquet")
    assert set(samples.columns) == {"sample_id", "scenario", *factors} | {
        f"u_{f}" for f in ("scenario", *factors)
    }
