"""Regression values (not external truth): the shipped scenarios, seed 1, the full 30 years.

Recorded after issue 13's fiscal core (GFG, Kreisumlage, an HSK consolidation plan, both towns
starting in HSK) and issue 14's use and actor mechanisms (use from offers, staff and volunteers;
coordination of volunteers; the housing company's return from its tenants; providers' utility
against their budget and commitment years; age-specific minimum-income transitions; no parent
flag at birth); they changed every use, money and demographic value. The realised Bürgerhaus
(``herten_buergerhaus_2024.yaml``, an existing facility) is recorded too. A deliberate change of
the model's behaviour updates these numbers in the same commit and says why; anything else that
moves them is a bug.
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
        "visits_per_year_mean": 21215.666666666668,
        "volunteers_mean": 60.205555555555556,
        "cost_total_eur": 9446748.333333334,
        "cost_share_municipality": 0.15953778511342667,
        "cost_share_providers": 0.26813519721670953,
        "municipal_hsk_years": 12,
        "liquidity_loans_end_eur_per_capita": 3147.2537853533936,
        "population_end": 54059,
        "share_65plus_end": 0.31506317171978765,
        "last_municipal_general_reserve_eur": 3862607.6175808907,
    },
    "wetter_buergertreff.yaml": {
        "viable": False,
        "closure_year": 2039,
        "years_open": 14.416666666666666,
        "visits_per_year_mean": 1375.0666666666666,
        "volunteers_mean": 3.6184971098265897,
        "cost_total_eur": 554234.538461537,
        "cost_share_municipality": 0.2004399643223195,
        "cost_share_providers": 0.0,
        "municipal_hsk_years": 30,
        "liquidity_loans_end_eur_per_capita": 4814.593998555904,
        "population_end": 24435,
        "share_65plus_end": 0.30791896869244934,
        "last_municipal_general_reserve_eur": -77644604.35471351,
    },
    "herten_buergerhaus_2024.yaml": {
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 21091.0,
        "volunteers_mean": 50.38988095238095,
        "cost_total_eur": 7837364.999999962,
        "cost_share_municipality": 0.47479286724556125,
        "cost_share_providers": 0.0,
        "municipal_hsk_years": 12,
        "liquidity_loans_end_eur_per_capita": 3162.42001124531,
        "population_end": 54059,
        "share_65plus_end": 0.31506317171978765,
        "last_municipal_general_reserve_eur": 3042736.6120898128,
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
