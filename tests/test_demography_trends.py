"""Baseline demography follows the published trends (domain_facts §3) and ages the towns.

Targets (issue 2): Herten like Kreis Recklinghausen, -11.6 % 2020-2050 (30 years);
Wetter like the Ennepe-Ruhr-Kreis, -4.77 % 2024-2050 (26 years); each within 2 percentage
points, averaged over seeds; the 65+ share rises.
"""

import numpy as np
import pytest

import simulator
from tests.conftest import scenario_path

CASES = [("herten_integration_centre", 30, -11.6), ("wetter_buergertreff", 26, -4.77)]


@pytest.mark.consistency  # the in-migration rate is calibrated to the published trend
@pytest.mark.parametrize(("town", "years", "published_pct"), CASES)
def test_baseline_population_follows_published_trend(town, years, published_pct):
    scenario = simulator.load_scenario(scenario_path(town), overlays=["baseline", "org_municipal"])
    changes, ageing = [], []
    for seed in range(3):
        annual = simulator.run(scenario, seed=seed, years=years + 1).annual
        start, end = annual.iloc[0], annual.iloc[years]
        changes.append(100 * (end.population / start.population - 1))
        ageing.append(end.share_65plus - start.share_65plus)
    assert np.mean(changes) == pytest.approx(published_pct, abs=2.0)
    assert min(ageing) > 0.0


def test_shrinking_overlay_shrinks_more_than_baseline():
    base = simulator.load_scenario(scenario_path("wetter_buergertreff"), overlays=["org_municipal"])
    shrink = simulator.load_scenario(
        scenario_path("wetter_buergertreff"), overlays=["org_municipal", "shrinking"]
    )
    end = [simulator.run(s, seed=1, years=10).summary["population_end"] for s in (base, shrink)]
    assert end[1] < end[0]
