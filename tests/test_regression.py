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
        "visits_per_year_mean": 20667.533333333333,
        "volunteers_mean": 56.57222222222222,
        "cost_total_eur": 8744943.333333334,
        "cost_share_municipality": 0.1655422709540004,
        "cost_share_providers": 0.29599731970821064,
        "municipal_hsk_years": 14,
        "liquidity_loans_end_eur_per_capita": 2805.464399394467,
        "population_end": 54059,
        "share_65plus_end": 0.31506317171978765,
        "last_municipal_general_reserve_eur": 18739400.033134423,
    },
    "wetter_buergertreff.yaml": {
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 1278.2,
        "volunteers_mean": 2.7666666666666666,
        "cost_total_eur": 911894.871794878,
        "cost_share_municipality": 0.23167433582243754,
        "cost_share_providers": 0.0,
        "municipal_hsk_years": 9,
        "liquidity_loans_end_eur_per_capita": 2081.3611084070462,
        "population_end": 24435,
        "share_65plus_end": 0.30791896869244934,
        "last_municipal_general_reserve_eur": 9141941.316073801,
    },
    "herten_buergerhaus_2024.yaml": {
        "viable": True,
        "closure_year": None,
        "years_open": 30.0,
        "visits_per_year_mean": 21253.071428571428,
        "volunteers_mean": 50.31845238095238,
        "cost_total_eur": 7876949.999999965,
        "cost_share_municipality": 0.4726734332451024,
        "cost_share_providers": 0.0,
        "municipal_hsk_years": 14,
        "liquidity_loans_end_eur_per_capita": 2805.464399394467,
        "population_end": 54059,
        "share_65plus_end": 0.31506317171978765,
        "last_municipal_general_reserve_eur": 18739400.033134423,
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
