"""Regression values (not external truth): both towns, seed 1, the full 30 years.

Recorded at commit 3025b23, before the architecture work of issue 16 (one-way run flow,
organisation views, instrument capabilities, age limits as parameters, memory release), which
changed none of them. A deliberate change of the model's behaviour updates these numbers in the
same commit and says why; anything else that moves them is a bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import simulator

ROOT = Path(__file__).resolve().parents[1]
REL = 1e-9  # the same seed gives the same floats; a tolerance only for summation order
EXPECTED = {
    "herten_integration_centre.yaml": {
        "viable": False,
        "closure_year": 2045,
        "years_open": 20.916666666666668,
        "visits_per_year_mean": 19349.14285714286,
        "volunteers_mean": 53.28286852589641,
        "cost_total_eur": 6255313.333333334,
        "cost_share_municipality": 0.17540480181718573,
        "cost_share_providers": 0.26839832345223397,
        "municipal_hsk_years": 12,
        "liquidity_loans_end_eur_per_capita": 2715.861824150349,
        "population_end": 55116,
        "share_65plus_end": 0.3048479570360694,
        "last_municipal_general_reserve_eur": 20415931.165174145,
    },
    "wetter_buergertreff.yaml": {
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 6326.466666666666,
        "volunteers_mean": 18.3,
        "cost_total_eur": 2051847.2435897344,
        "cost_share_municipality": 0.10276887413988632,
        "cost_share_providers": 0.0,
        "municipal_hsk_years": 7,
        "liquidity_loans_end_eur_per_capita": 1869.2037025950347,
        "population_end": 24496,
        "share_65plus_end": 0.30388634879163945,
        "last_municipal_general_reserve_eur": 14211986.101232015,
    },
}


@pytest.mark.parametrize("town", sorted(EXPECTED))
def test_shipped_scenarios_give_the_recorded_results(town):
    result = simulator.run(simulator.load_scenario(ROOT / "scenarios" / town), seed=1)
    got = dict(result.summary)
    got["last_municipal_general_reserve_eur"] = result.annual["municipal_general_reserve_eur"].iloc[
        -1
    ]
    for name, want in EXPECTED[town].items():
        if isinstance(want, float):
            assert got[name] == pytest.approx(want, rel=REL), name
        else:
            assert got[name] == want, name
