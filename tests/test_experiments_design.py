"""Designs and seeds: counts, stratification, stability."""

import copy

import numpy as np
import pytest
from test_experiments_support import TOY_EXPERIMENT

from simulator.experiments.design import (
    factors,
    run_seeds,
    runs_table,
    salib_problem,
    sample_points,
    unit_design,
)
from simulator.experiments.schema import parse_experiment

RANGES = [
    {"name": "grant_eur", "path": "financing.grant_eur", "low": 0, "high": 50_000},
    {"name": "rate", "path": "citizens.engagement_rate", "low": 0.01, "high": 0.2},
    {"name": "years", "path": "financing.grant.years", "low": 1, "high": 5, "integer": True},
]


def _exp(**changes):
    data = copy.deepcopy(TOY_EXPERIMENT)
    data.update(changes)
    return parse_experiment(data)


def test_full_factorial_crosses_every_choice():
    exp = _exp(replications=3)
    points = sample_points(exp)
    assert len(points) == exp.n_samples == 2 * 3 * 2
    combos = set(zip(points["scenario"], points["org"], points["grant_eur"], strict=True))
    assert len(combos) == 12
    assert list(points.columns) == ["sample_id", "scenario", "org", "grant_eur"]
    assert len(runs_table(exp)) == 36


def test_latin_hypercube_is_stratified_in_every_dimension():
    exp = _exp(
        scenarios=None,
        scenario="../scenarios/a.yaml",
        levers=RANGES,
        uncertainties=[],
        design={"kind": "latin_hypercube", "samples": 40},
    )
    unit = unit_design(exp)
    assert unit.shape == (40, 3)
    for column in unit.T:  # exactly one point in each of the 40 strata
        assert sorted((column * 40).astype(int)) == list(range(40))
    points = sample_points(exp)
    assert points["grant_eur"].between(0, 50_000).all()
    assert set(points["years"]) <= {1, 2, 3, 4, 5} and points["years"].dtype.kind == "i"
    assert np.array_equal(unit, unit_design(exp))  # same master seed, same design


def test_latin_hypercube_spreads_discrete_choices_evenly():
    exp = _exp(design={"kind": "latin_hypercube", "samples": 60})
    counts = sample_points(exp)["org"].value_counts()
    assert sorted(counts) == [20, 20, 20]


@pytest.mark.parametrize(("second_order", "per_base"), [(False, 3 + 2), (True, 2 * 3 + 2)])
def test_sobol_sample_counts(second_order, per_base):
    design = {"kind": "sobol", "samples": 16, "second_order": second_order}
    exp = _exp(scenarios=None, scenario="a.yaml", levers=RANGES, uncertainties=[], design=design)
    assert exp.n_samples == 16 * per_base
    assert len(sample_points(exp)) == 16 * per_base
    problem = salib_problem(exp)
    assert problem["names"] == ["grant_eur", "rate", "years"]
    assert problem["bounds"][0] == [0.0, 50_000.0]


def test_factor_order_and_roles():
    names = [(f.name, f.role) for f in factors(_exp())]
    assert names == [("scenario", "scenario"), ("org", "lever"), ("grant_eur", "uncertainty")]


def test_seeds_are_distinct_stable_and_63_bit():
    seeds = run_seeds(12345, 5_000)
    assert len(set(seeds.tolist())) == 5_000
    assert (seeds >= 0).all()
    assert np.array_equal(seeds, run_seeds(12345, 5_000))
    assert np.array_equal(run_seeds(12345, 10), seeds[:10])  # child i does not depend on n
    assert not np.array_equal(run_seeds(12346, 10), seeds[:10])


def test_runs_table_ids_and_seeds():
    exp = _exp(replications=3)
    runs = runs_table(exp)
    assert runs["run_id"].tolist() == list(range(36))
    assert runs["sample_id"].tolist() == [i // 3 for i in range(36)]
    assert runs["replication"].tolist() == [i % 3 for i in range(36)]
    assert runs["seed"].is_unique


def test_common_random_numbers_share_seeds_across_points():
    runs = runs_table(_exp(replications=3, seeds="common"))
    by_rep = runs.groupby("replication")["seed"].nunique()
    assert (by_rep == 1).all() and runs["seed"].nunique() == 3
