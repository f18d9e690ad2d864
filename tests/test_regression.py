"""Regression values (not external truth): the shipped scenarios, seed 1, the full 30 years.

Recorded after issue 13's fiscal core (GFG, Kreisumlage, an HSK consolidation plan, both towns
starting in HSK) and issue 14's use and actor mechanisms (use from offers, staff and volunteers;
coordination of volunteers; the housing company's return from its tenants; providers' utility
against their budget and commitment years; age-specific minimum-income transitions; no parent
flag at birth); they changed every use, money and demographic value. Re-recorded after issue
12's money (one budget rule, rescue sequence, reserve policy, closure only on a material unfunded
deficit, governance apart from the financing mix): Herten's visits −6 %, Wetter closes 2038. The realised Bürgerhaus
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
        "visits_per_year_mean": 19975.8,
        "volunteers_mean": 56.93611111111111,
        "cost_total_eur": 9047749.432372171,
        "cost_share_municipality": 0.14988697383239025,
        "cost_share_providers": 0.24786985396874614,
        "municipal_hsk_years": 12,
        "liquidity_loans_end_eur_per_capita": 3143.858917705419,
        "population_end": 54059,
        "share_65plus_end": 0.31506317171978765,
        "last_municipal_general_reserve_eur": 4046130.7677627504,
    },
    "wetter_buergertreff.yaml": {
        "viable": False,
        "closure_year": 2038,
        "years_open": 13.833333333333334,
        "visits_per_year_mean": 1455.0,
        "volunteers_mean": 3.7710843373493974,
        "cost_total_eur": 535306.1382962478,
        "cost_share_municipality": 0.19746666161780616,
        "cost_share_providers": 0.0030803670581774044,
        "municipal_hsk_years": 30,
        "liquidity_loans_end_eur_per_capita": 4814.246106663357,
        "population_end": 24435,
        "share_65plus_end": 0.30791896869244934,
        "last_municipal_general_reserve_eur": -77636103.61631912,
    },
    "herten_buergerhaus_2024.yaml": {
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 21091.0,
        "volunteers_mean": 50.38988095238095,
        "cost_total_eur": 7837364.999999962,
        "cost_share_municipality": 0.4747928672455613,
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
