"""A run is a pure function of (scenario, seed)."""

import pandas as pd

import simulator
from tests.conftest import scenario_path


def test_same_seed_same_tables_different_seed_differs():
    scenario = simulator.load_scenario(scenario_path("wetter_buergertreff"))
    a = simulator.run(scenario, seed=11, years=4)
    b = simulator.run(scenario, seed=11, years=4)
    c = simulator.run(scenario, seed=12, years=4)
    pd.testing.assert_frame_equal(a.annual, b.annual)
    pd.testing.assert_frame_equal(a.monthly, b.monthly)
    pd.testing.assert_frame_equal(a.ledger, b.ledger)
    assert a.summary == b.summary
    assert not a.monthly.equals(c.monthly)


def test_same_seed_shares_the_demographic_path_across_organisation_models():
    """Common random numbers: demography has its own stream, so policy comparisons are paired."""
    path = scenario_path("herten_integration_centre")
    runs = [
        simulator.run(simulator.load_scenario(path, overlays=[org]), seed=4, years=6).annual
        for org in ("org_municipal", "org_cooperative")
    ]
    pd.testing.assert_series_equal(runs[0].population, runs[1].population)
    pd.testing.assert_series_equal(runs[0].births, runs[1].births)
