"""Regression values (not external truth): both towns, seed 1, the full 30 years.

Recorded at commit 3025b23, before the architecture work of issue 16 (one-way run flow,
organisation views, instrument capabilities, age limits as parameters, memory release), which
changed none of them; re-recorded when the fiscal core of issue 13 landed (GFG, Kreisumlage, an
HSK consolidation plan, both towns starting in HSK, election swings from their own stream). A deliberate change of the model's behaviour updates these numbers in the
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
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 20564.533333333333,
        "volunteers_mean": 54.675,
        "cost_total_eur": 8716960.833333334,
        "cost_share_municipality": 0.15092316142382164,
        "cost_share_providers": 0.3129601552867224,
        "municipal_hsk_years": 16,
        "liquidity_loans_end_eur_per_capita": 3364.911490736471,
        "population_end": 55116,
        "share_65plus_end": 0.3048479570360694,
        "last_municipal_general_reserve_eur": -11460461.723431349,
    },
    "wetter_buergertreff.yaml": {
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 6354.066666666667,
        "volunteers_mean": 18.02777777777778,
        "cost_total_eur": 2107909.743589734,
        "cost_share_municipality": 0.06505486859162742,
        "cost_share_providers": 0.0,
        "municipal_hsk_years": 30,
        "liquidity_loans_end_eur_per_capita": 5038.72775620721,
        "population_end": 24496,
        "share_65plus_end": 0.30388634879163945,
        "last_municipal_general_reserve_eur": -83428675.11605182,
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
