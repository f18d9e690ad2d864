"""The § 76 (1) GO NRW budget-consolidation (HSK) rule on constructed budget paths.

The law (domain_facts §2b): an HSK is required if the general reserve falls by more than a
quarter within one year, or by more than a twentieth in each of two consecutive years, or if
equity is used up (negative). "More than" means the threshold itself does not trigger.
"""

import mesa
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.agents.municipality import Municipality
from simulator.fiscal.budget import (
    REASON_EQUITY,
    REASON_QUARTER,
    REASON_TWENTIETH,
    book_result,
    hsk_triggers,
)
from simulator.scenario.schema.municipality import MunicipalitySpec
from tests.fiscal_specs import minimal_budget

# --- the pure rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "fires"),
    [(749.0, True), (749.99, True), (750.0, False), (750.01, False), (900.0, False)],
)
def test_quarter_fires_only_above_one_quarter(now, fires):
    reasons = hsk_triggers(1000.0, 1000.0, now, equity_now=now)
    assert (REASON_QUARTER in reasons) is fires


@pytest.mark.parametrize(
    ("last", "now", "fires"),
    [
        (940.0, 892.99, True),  # 6 % then 5.001 %
        (940.0, 893.0, False),  # 6 % then exactly 1/20: not "more than"
        (940.0, 893.01, False),  # 6 % then just below 1/20
        (950.0, 900.0, False),  # exactly 1/20 first, then 5.26 %
        (949.99, 900.0, True),  # just above 1/20 twice
        (1000.0, 900.0, False),  # one year only (10 %)
    ],
)
def test_twentieth_needs_more_than_a_twentieth_in_both_years(last, now, fires):
    reasons = hsk_triggers(1000.0, last, now, equity_now=now)
    assert (REASON_TWENTIETH in reasons) is fires


def test_twentieth_does_not_count_years_that_are_not_consecutive():
    # 1000 -> 940 (6 %), 940 -> 940 (0 %), 940 -> 883.6 (6 %): never twice in a row
    path = [1000.0, 1000.0, 940.0, 940.0, 883.6]
    fired = [hsk_triggers(*path[i : i + 3], equity_now=path[i + 2]) for i in range(3)]
    assert all(REASON_TWENTIETH not in reasons for reasons in fired)


@pytest.mark.parametrize(
    ("equity", "fires"), [(-0.01, True), (-1e9, True), (0.0, False), (1.0, False)]
)
def test_negative_equity_fires_below_zero_only(equity, fires):
    reasons = hsk_triggers(10.0, 10.0, 10.0, equity_now=equity)
    assert (REASON_EQUITY in reasons) is fires


def test_no_condition_no_reason():
    assert hsk_triggers(1000.0, 960.0, 920.0, equity_now=920.0) == []  # 4 %, 4.2 %... below


@given(st.floats(0, 1e9), st.floats(0, 1e9), st.floats(0, 1e9), st.floats(0, 1e9))
def test_a_reserve_that_does_not_fall_never_triggers_the_reserve_conditions(a, b, c, equity):
    before, last, now = sorted([a, b, c])  # rising path
    assert hsk_triggers(before, last, now, equity) == []


@given(
    st.integers(1, 10**6), st.integers(1, 10**6), st.integers(-(10**6), 10**6), st.integers(-5, 5)
)
def test_rule_matches_the_law_in_exact_arithmetic(before, last, now, equity):
    """The law restated with whole euros and integer arithmetic (no rounding anywhere)."""
    reasons = hsk_triggers(float(before), float(last), float(now), float(equity))
    assert (REASON_QUARTER in reasons) == (4 * (last - now) > last)
    twice = 20 * (before - last) > before and 20 * (last - now) > last
    assert (REASON_TWENTIETH in reasons) == twice
    assert (REASON_EQUITY in reasons) == (equity < 0)


# --- the rule inside the municipality's budget year, on constructed paths --------------------


def town(general=100_000.0, balancing=0.0) -> Municipality:
    """A municipality whose yearly result is exactly what the constructed path says.

    Revenue is 1 EUR per resident and spending 1 EUR per minimum-income recipient, with nothing
    else in the budget (no taxes, no Schlüsselzuweisungen, no Kreisumlage, no measures), so
    handing it ``surplus`` residents and ``deficit`` recipients books exactly that result. The
    paths are in whole euros (the law's fractions scaled by 100) so the arithmetic is exact.
    """
    spec = MunicipalitySpec(**minimal_budget(general, balancing))
    return Municipality(mesa.Model(rng=1), spec, start_year=2025)


def budget_path(municipality: Municipality, results: list[float]) -> list[tuple[bool, list[str]]]:
    """Book the yearly results; return (HSK status for next year, § 76 reasons) per year."""
    out = []
    for year, result in enumerate(results, start=2025):
        by_age = np.zeros(121, dtype=np.int64)
        by_age[30] = max(0, result)
        stats = {"by_age": by_age, "low_income": max(0, -result)}
        accounts = municipality.budget_year(year, stats, facility_grants_eur=0.0)
        assert accounts["result"] == result
        out.append((municipality.hsk, list(municipality.hsk_reasons)))
    return out


def test_budget_year_quarter_path():
    assert budget_path(town(), [-25_001]) == [(True, [REASON_QUARTER])]
    assert budget_path(town(), [-25_000]) == [(False, [])]


def test_budget_year_twentieth_path():
    assert budget_path(town(), [-6000, -4701]) == [(False, []), (True, [REASON_TWENTIETH])]
    assert budget_path(town(), [-6000, -4700]) == [(False, []), (False, [])]
    assert budget_path(town(), [-6000, -4699]) == [(False, []), (False, [])]


def test_budget_year_negative_equity_path():
    assert budget_path(town(general=0.0), [-1]) == [(True, [REASON_EQUITY])]
    assert budget_path(town(general=0.0), [0]) == [(False, [])]


def test_balancing_reserve_absorbs_a_deficit_before_the_general_reserve():
    municipality = town(general=100_000.0, balancing=30_000.0)
    assert budget_path(municipality, [-25_100]) == [(False, [])]
    assert municipality.general_reserve == 100_000.0
    assert municipality.balancing_reserve == pytest.approx(4_900.0)


def test_hsk_lasts_until_balance_is_reached_and_held():
    """§ 76 (2): out of HSK only once the plan's balance is reached and held (two years)."""
    path = budget_path(town(), [-25_100, -1000, 500, -1000, 500, 500, -1000])
    assert [hsk for hsk, _ in path] == [True, True, True, True, True, False, False]


# --- booking results into the reserves (NKF) --------------------------------------------------


def test_surplus_first_closes_an_uncovered_deficit():
    assert book_result(-100.0, 0.0, 60.0) == (-40.0, 0.0)


def test_balancing_reserve_is_capped_at_a_third_of_equity():
    general, balancing = book_result(100.0, 0.0, 50.0)
    assert balancing == pytest.approx(50.0)  # a third of 150
    general, balancing = book_result(100.0, 40.0, 50.0)
    assert balancing == pytest.approx(190.0 / 3)
    assert general == pytest.approx(190.0 - 190.0 / 3)


@given(st.floats(-1e9, 1e9), st.floats(0, 1e9), st.floats(-1e9, 1e9))
def test_booking_changes_equity_by_exactly_the_result(general, balancing, result):
    new_general, new_balancing = book_result(general, balancing, result)
    assert new_general + new_balancing == pytest.approx(general + balancing + result, abs=1e-3)
    assert new_balancing >= -1e-6
