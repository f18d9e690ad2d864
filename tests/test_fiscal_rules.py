"""The budget's rules on their own: GFG, Kreisumlage, spending by age band (docs/fiscal_model.md).

Each rule is checked against the law or the source it restates (MF = municipal_finance_nrw.md),
and each mechanism with a pair of inputs that differ in its cause only.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import simulator
from simulator.fiscal import revenue
from simulator.fiscal.accounts import BudgetRules, YearState
from simulator.fiscal.counts import counts_from
from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.schema.fiscal import KeyAllocationSpec
from tests.conftest import TOWNS, scenario_path

SCALE = KeyAllocationSpec(base_amount_eur=1.0).main_scale


# --- GFG (MF §1) ------------------------------------------------------------------------------


@pytest.mark.parametrize(("residents", "weight"), [(61_500, 1.072), (27_000, 1.005)])
def test_main_weight_matches_the_derived_herten_and_wetter_values(residents, weight):
    """MF §1b derives ≈107.2 % (Herten) and ≈100.5 % (Wetter) from the old Hauptansatzstaffel."""
    assert revenue.main_weight(residents, SCALE) == pytest.approx(weight)


def test_main_weight_is_flat_outside_the_scale_and_rounded_up():
    assert revenue.main_weight(10_000, SCALE) == 1.0
    assert revenue.main_weight(10**6, SCALE) == SCALE[-1][1]
    assert revenue.main_weight(25_001, SCALE) == pytest.approx(1.001)  # 1.0000022 rounded up


@given(st.floats(0, 1e9), st.floats(0, 1e9))
def test_key_allocations_are_90_percent_of_the_gap_and_never_negative(need, capacity):
    paid = revenue.key_allocations(need, capacity, 0.9)
    assert paid == pytest.approx(0.9 * max(0.0, need - capacity))
    assert paid >= 0.0


def test_at_year_interpolates_and_is_flat_outside():
    path = {2012: 8.42, 2016: 10.0}
    assert revenue.at_year(path, 2010, 0.0) == 8.42
    assert revenue.at_year(path, 2014, 0.0) == pytest.approx(9.21)
    assert revenue.at_year(path, 2030, 0.0) == 10.0
    assert revenue.at_year({}, 2030, 1.5) == 1.5


# --- one year's accounts on a town's start population -------------------------------------------


def town_accounts(town: str, overrides: dict | None = None, by_age=None, **state):
    """Accounts of a shipped town's first year without measures (a stylised population)."""
    scenario = simulator.load_scenario(scenario_path(town), overrides=overrides or {})
    spec = scenario.municipality
    if by_age is None:
        by_age = np.full(90, 300)
    stats = {"by_age": np.asarray(by_age), "low_income": int(0.1 * np.sum(by_age))}
    counts = counts_from(stats, (scenario.ages.working_age_from, scenario.ages.working_age_to))
    start = scenario.time.start_year
    levels = state.pop("levels", tuple(0.0 for _ in spec.hsk.measures))
    year_state = YearState(state.pop("year", start), counts, 1e8, 1.0, 50_000.0, levels)
    rules = BudgetRules(spec, start)
    return rules, rules.accounts(year_state, shocked=False, with_aid=False)


@pytest.mark.parametrize("town", TOWNS)
def test_county_levy_is_the_rate_times_tax_capacity_plus_key_allocations(town):
    _, acc = town_accounts(town)
    base = acc["tax_capacity"] + acc["key_allocations"]
    assert acc["county_levy"] == pytest.approx(acc["county_levy_rate"] * base)
    assert acc["key_allocations"] == pytest.approx(
        0.9 * max(0.0, acc["key_need"] - acc["tax_capacity"])
    )


@pytest.mark.parametrize("town", TOWNS)
def test_a_hebesatz_above_the_fictive_one_is_kept_in_full(town):
    """MF §1a: tax capacity counts the Grundsteuer at the fiktiver Hebesatz, so a higher own
    rate raises revenue by the whole increase and changes neither the key allocations nor the
    Kreisumlage."""
    scenario = simulator.load_scenario(scenario_path(town))
    step = next(
        i for i, m in enumerate(scenario.municipality.hsk.measures) if m.measure == "property_tax"
    )
    levels = [0.0] * len(scenario.municipality.hsk.measures)
    _, low = town_accounts(town)
    levels[step] = 100.0
    _, high = town_accounts(town, levels=tuple(levels))
    base = scenario.municipality.taxes.property_tax_base_eur
    assert high["revenue"] - low["revenue"] == pytest.approx(base)  # 100 points = the base
    for key in ("key_allocations", "county_levy", "tax_capacity"):
        assert high[key] == low[key]


def base_counts(by_age, rules):
    stats = {"by_age": np.asarray(by_age), "low_income": int(0.1 * np.sum(by_age))}
    return counts_from(stats, (AgesSpec().working_age_from, AgesSpec().working_age_to))


def base_levels(rules):
    return tuple(0.0 for _ in rules.spec.hsk.measures)


@pytest.mark.parametrize("town", TOWNS)
def test_the_kreis_rate_rises_with_its_ageing_after_the_last_observed_rate(town):
    """Paired: the same year once with more residents 80+; the observed rate itself is data."""
    scenario = simulator.load_scenario(scenario_path(town))
    rates = scenario.municipality.county.levy_rate
    last = max(rates)
    later = max(last, scenario.time.start_year) + 1
    young, old = np.full(90, 300), np.full(90, 300)
    old[80:90] = 600
    rules, reference = town_accounts(town, by_age=young, year=later)  # sets the reference
    assert reference["county_levy_rate"] == pytest.approx(rates[last])

    def rate(by_age, year):
        state = YearState(year, base_counts(by_age, rules), 1e8, 1.0, 0.0, base_levels(rules))
        return rules.accounts(state, shocked=False)["county_levy_rate"]

    assert rate(old, later) > rate(young, later)
    assert rate(old, last) == pytest.approx(rates[last])


@pytest.mark.parametrize("town", TOWNS)
def test_own_spending_lines_count_only_their_age_band(town):
    """Paired: 100 more five-year-olds raise the Kita line by 100 x its rate and nothing else
    among the age-banded lines but those covering age 5."""
    children = np.full(90, 300)
    _, base = town_accounts(town)
    children[5] += 100
    _, more = town_accounts(town, by_age=children)
    spec = simulator.load_scenario(scenario_path(town)).municipality
    for line in spec.own_spending:
        if line.per != "resident":
            continue
        covers = line.ages[0] <= 5 <= line.ages[1]
        diff = more[f"own_{line.name}"] - base[f"own_{line.name}"]
        assert diff == pytest.approx(100 * line.eur_per_person_year if covers else 0.0)


def test_counts_from_by_age():
    by_age = np.arange(10)  # 0 residents aged 0, 1 aged 1, ...
    counts = counts_from({"by_age": by_age, "low_income": 3}, (2, 4))
    assert counts.population == 45
    assert counts.working_age == 2 + 3 + 4
    assert counts.band(8, 120) == 8 + 9
    assert counts.band(50, 60) == 0


def test_both_towns_have_the_same_budget_structure():
    """Same logic in both towns: the same lines and measures in the same order; only numbers differ."""
    herten, wetter = (simulator.load_scenario(scenario_path(t)).municipality for t in TOWNS)

    def shape(spec):
        return (
            [(line.name, line.ages, line.per) for line in spec.own_spending],
            [line.name for line in spec.voluntary],
            [(m.measure, getattr(m, "line", None)) for m in spec.hsk.measures],
            [(line.name, line.ages, line.per) for line in spec.county.social_spending],
        )

    assert shape(herten) == shape(wetter)
    assert herten.key_allocations.base_amount_eur == wetter.key_allocations.base_amount_eur
