"""The one-way run flow: the model closes every year itself and records what users read.

A model stepped by hand to its horizon (as the app does) has the same tables as
``simulator.run``, the municipal accounts of its last year included; the annual table counts the
residents by 5-year age band and sex at each year-end.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import simulator
from simulator.model import CooperationModel

ROOT = Path(__file__).resolve().parents[1]
YEARS = 3
SMALL = {"town.population": 3000}
BANDS = [f"pop_{sex}_{lo:02d}" for sex in "mf" for lo in range(0, 95, 5)]


@pytest.fixture(scope="module")
def scenario():
    return simulator.load_scenario(ROOT / "scenarios" / "wetter_buergertreff.yaml", [], SMALL)


def test_model_stepped_by_hand_closes_its_last_year(scenario):
    model = CooperationModel(scenario, seed=3, years=YEARS)
    while model.running:
        model.step()
    annual = pd.DataFrame(model.recorder.annual)
    assert list(annual["year"]) == [scenario.time.start_year + i for i in range(YEARS)]
    municipal = [c for c in annual.columns if c.startswith("municipal_")]
    assert "municipal_general_reserve_eur" in municipal
    assert annual[municipal].notna().all().all(), "the last year lacks its municipal accounts"
    result = simulator.run(scenario, seed=3, years=YEARS)
    pd.testing.assert_frame_equal(annual, result.annual)


def test_age_bands_sum_to_the_population(scenario):
    annual = simulator.run(scenario, seed=1, years=YEARS).annual
    assert list(annual.columns[annual.columns.str.startswith("pop_")]) == BANDS
    assert (annual[BANDS].sum(axis=1) == annual["population"]).all()
    assert (annual[BANDS] >= 0).all().all()
    # the oldest band holds the 90-year-olds and older; the youngest the newborns to four
    assert annual["pop_f_90"].iloc[-1] > 0 and annual["pop_m_00"].iloc[-1] > 0


def test_age_bands_follow_the_residents_ages():
    from simulator.population.citizens import Citizens
    from simulator.population.stats import age_bands, age_sex_counts, population_stats
    from simulator.scenario.schema.ages import AgesSpec

    c = Citizens.empty(6)
    c.age[:] = [0, 4, 5, 64, 90, 104]
    c.female[:] = [False, False, True, True, True, False]
    counts = age_sex_counts(c.age, c.female)
    bands = age_bands(counts)
    assert bands["pop_m_00"] == 2 and bands["pop_f_05"] == 1 and bands["pop_f_60"] == 1
    assert bands["pop_f_90"] == 1 and bands["pop_m_90"] == 1 and sum(bands.values()) == 6
    stats = population_stats(c, AgesSpec(), counts)
    assert stats["by_age"][90] == 1 and stats["by_age"].sum() == 6
    assert stats["working_age"] == 1 and stats["children"] == 3 and stats["aged_80plus"] == 2


def test_reach_falls_to_zero_a_year_after_closure():
    """Nobody can have visited a facility that has been closed for twelve months."""
    scenario = simulator.load_scenario(
        ROOT / "scenarios" / "herten_integration_centre.yaml",
        overlays=["org_municipal"],
        overrides={"municipality.support_threshold": 1.0},  # the council withdraws at once
    )
    result = simulator.run(scenario, seed=1, years=5)
    closed = result.summary["closure_year"]
    assert closed is not None and closed < 2028
    later = result.annual[result.annual.year > closed]
    reach = later.filter(like="reach_")
    assert len(later) > 0 and (reach == 0).all().all(), reach
