"""An existing facility starts from its state (initial_state) and is measured after its burn-in.

The realised Bürgerhaus Herten-Süd (``herten_buergerhaus_2024.yaml``) against the same house
started cold (no ``initial_state``), on paired seeds.
"""

from __future__ import annotations

import numpy as np
import pytest

import simulator
from simulator.model import CooperationModel
from simulator.scenario import ScenarioError
from simulator.scenario.loader import load_raw, validate
from tests.conftest import scenario_path

HOUSE = scenario_path("herten_buergerhaus_2024")


def cold(raw: dict) -> dict:
    return {k: v for k, v in raw.items() if k != "initial_state"}


@pytest.fixture(scope="module")
def scenarios():
    raw = load_raw(HOUSE)
    return {"warm": validate(raw, "warm"), "cold": validate(cold(raw), "cold")}


def test_the_start_state_is_the_given_one(scenarios):
    state = scenarios["warm"].initial_state
    model = CooperationModel(scenarios["warm"], seed=1, years=1)
    c = model.citizens
    assert c.aware.mean() == pytest.approx(state.awareness_share, abs=0.02)
    assert c.visited_within(12).mean() == pytest.approx(state.visitor_share, abs=0.005)
    assert c.volunteer.sum() == state.volunteers
    assert (c.volunteer_hours[c.volunteer] > 0).all() and (
        c.volunteer_hours[~c.volunteer] == 0
    ).all()
    near = model.distance_km[c.district] < 1.0
    assert c.aware[near].mean() > c.aware[~near].mean()  # known best near the house
    assert c.aware[c.visited_within(12)].all() and c.aware[c.volunteer].all()


def test_a_warm_start_is_used_from_the_first_year(scenarios):
    first = {}
    for name, sc in scenarios.items():
        runs = [simulator.run(sc, seed=s, years=2).annual.iloc[0] for s in range(1, 7)]
        first[name] = (np.mean([r.visits for r in runs]), np.mean([r.volunteers for r in runs]))
    assert first["warm"][0] > 1.5 * first["cold"][0]
    assert first["warm"][1] > 3 * first["cold"][1]


def test_outcomes_are_measured_after_the_burn_in(scenarios):
    sc = scenarios["warm"]
    state = sc.initial_state
    result = simulator.run(sc, seed=2, years=6)
    summary, annual = result.summary, result.annual
    start = sc.time.start_year
    assert summary["open_since_year"] == state.open_since_year
    assert summary["measured_from_year"] == start + state.burn_in_years
    measured = annual[(annual.year >= summary["measured_from_year"]) & annual.facility_open]
    assert summary["visits_per_year_mean"] == pytest.approx(measured.visits.mean())
    assert summary["reach_share"] == pytest.approx(measured.reach_share.mean())


def test_a_new_facility_is_measured_from_its_first_year(scenarios):
    summary = simulator.run(scenarios["cold"], seed=2, years=2).summary
    assert summary["open_since_year"] == summary["measured_from_year"] == 2025


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("open_since_year", 2030, "after the first simulated year"), ("burn_in_years", 30, "no year")],
)
def test_an_impossible_initial_state_is_refused(field, value, message):
    raw = load_raw(HOUSE)
    raw["initial_state"][field] = value
    with pytest.raises(ScenarioError, match=message):
        validate(raw, "bad")
