"""Age limits are scenario parameters (``ages``), validated and read by the rules and counts."""

from __future__ import annotations

from pathlib import Path

import pytest

import simulator
from simulator.scenario import ScenarioError

ROOT = Path(__file__).resolve().parents[1]
WETTER = ROOT / "scenarios" / "wetter_buergertreff.yaml"
SMALL = {"town.population": 3000}


def test_an_unordered_age_range_is_refused_naming_the_field():
    with pytest.raises(ScenarioError) as err:
        simulator.load_scenario(WETTER, [], {"ages.working_age_from": 70})
    assert "ages" in str(err.value) and "working_age_from" in str(err.value)


def test_an_age_outside_the_bounds_is_refused():
    with pytest.raises(ScenarioError, match="ages.adult_from"):
        simulator.load_scenario(WETTER, [], {"ages.adult_from": 200})


def test_the_senior_age_sets_the_share_of_seniors():
    """Paired seeds: a later senior age counts fewer seniors; nothing else of the start changes."""
    base = simulator.load_scenario(WETTER, [], SMALL)
    later = simulator.load_scenario(WETTER, [], {**SMALL, "ages.senior_from": 70})
    a = simulator.run(base, seed=2, years=1).summary
    b = simulator.run(later, seed=2, years=1).summary
    assert b["share_65plus_start"] < a["share_65plus_start"]
    assert b["population_start"] == a["population_start"]


def test_the_age_of_majority_decides_who_may_be_a_founding_member():
    """With majority at 30 every founding member of the association is 30 or older."""
    from simulator.model import CooperationModel

    late = simulator.load_scenario(WETTER, [], {**SMALL, "ages.adult_from": 30})
    c = CooperationModel(late, seed=4, years=1).citizens
    assert c.member.sum() > 0 and (c.age[c.member] >= 30).all()
