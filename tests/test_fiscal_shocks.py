"""A declared fiscal shock changes exactly what it says, for exactly its years.

Shocked and baseline runs share the seed, so everything before the shock year must be
identical; in the shock years the shocked quantity differs by exactly the shock's size. The
consolidation plan answers a shock with measures (a higher Hebesatz, savings) from the next
year on; to see the shock's own arithmetic, ``NO_MEASURES`` switches the plan's measures off.
"""

import pandas as pd
import pytest

import simulator
from simulator.fiscal.budget import shock_add, shock_factor
from simulator.scenario.schema.municipality import FiscalShockSpec
from tests.conftest import scenario_path

WETTER = scenario_path("wetter_buergertreff")
START, YEARS, SEED = 2027, 2, 11  # the shipped scenarios start in 2025
SHOCK_YEARS = list(range(START, START + YEARS))
NO_MEASURES = {"municipality.hsk.measures": []}


def shocked_pair(target: str, size: float, years: int = 5, extra: dict | None = None):
    """Annual tables of the same-seed baseline and shocked run of Wetter (no measures)."""
    shock = {"name": "test", "target": target, "size": size, "start_year": START, "years": YEARS}
    base_overrides = {**NO_MEASURES, **(extra or {})}
    shocked_overrides = {**base_overrides, "municipality.fiscal_shocks": [shock]}
    base = simulator.run(simulator.load_scenario(WETTER, overrides=base_overrides), SEED, years)
    shocked = simulator.run(
        simulator.load_scenario(WETTER, overrides=shocked_overrides), SEED, years
    )
    return base.annual.set_index("year"), shocked.annual.set_index("year")


def same_demography(base: pd.DataFrame, shocked: pd.DataFrame, years) -> None:
    """Precondition: the shock does not reach demography in these years (same seed, same people)."""
    cols = ["population", "births", "deaths", "moved_in", "moved_out", "share_65plus"]
    pd.testing.assert_frame_equal(base.loc[years, cols], shocked.loc[years, cols])


def test_same_seed_runs_are_identical_before_the_shock_year():
    base, shocked = shocked_pair("revenues", -0.3)
    pd.testing.assert_frame_equal(base.loc[: START - 1], shocked.loc[: START - 1])


def test_revenues_are_20_percent_lower_in_the_shock_years_and_equal_before():
    base, shocked = shocked_pair("revenues", -0.2)
    same_demography(base, shocked, SHOCK_YEARS)
    ratio = shocked.municipal_revenue_eur / base.municipal_revenue_eur
    assert (ratio.loc[: START - 1] == 1.0).all()
    assert ratio.loc[SHOCK_YEARS].tolist() == pytest.approx([0.8] * YEARS, rel=1e-12)
    after = START + YEARS
    same_demography(base, shocked, [after])
    assert ratio.loc[after] == pytest.approx(1.0, rel=1e-12)  # the shock is over


def test_mandatory_spending_is_10_percent_higher_in_the_shock_years():
    """Own mandatory spending +10 %; the Kreis's social spending +10 % raises its levy rate."""
    base, shocked = shocked_pair("mandatory_spending", 0.1)
    same_demography(base, shocked, SHOCK_YEARS)
    ratio = shocked.municipal_own_mandatory_eur / base.municipal_own_mandatory_eur
    assert (ratio.loc[: START - 1] == 1.0).all()
    assert ratio.loc[SHOCK_YEARS].tolist() == pytest.approx([1.1] * YEARS, rel=1e-12)
    county = simulator.load_scenario(WETTER).municipality.county
    share, last = county.social_share_of_need, county.levy_rate[max(county.levy_rate)]
    ageing = (base.municipal_county_levy_rate / last - 1 + share) / share  # Kreis social index
    expected = last * (1 - share + share * 1.1 * ageing)
    assert shocked.municipal_county_levy_rate.loc[SHOCK_YEARS].tolist() == pytest.approx(
        expected.loc[SHOCK_YEARS].tolist(), rel=1e-12
    )
    # revenue is untouched by a spending shock
    assert shocked.municipal_revenue_eur.loc[SHOCK_YEARS].tolist() == pytest.approx(
        base.municipal_revenue_eur.loc[SHOCK_YEARS].tolist(), rel=1e-12
    )


def test_interest_rate_is_higher_by_the_shock_in_exactly_its_years():
    base, shocked = shocked_pair("interest_rate", 0.03)
    rate0 = simulator.load_scenario(WETTER).municipality.interest_rate_liquidity  # no path
    for table, extra in ((base, 0.0), (shocked, 0.03)):
        loans_at_start = table.municipal_liquidity_loans_eur.shift(1)  # no debt relief in Wetter
        rate = (table.municipal_interest_eur / loans_at_start).dropna()
        expected = [rate0 + (extra if year in SHOCK_YEARS else 0.0) for year in rate.index]
        assert rate.tolist() == pytest.approx(expected, rel=1e-9)


def test_growth_shock_lowers_the_revenue_level_for_good():
    # the income-tax share is proportional to the growth index
    base, shocked = shocked_pair("growth", -0.01, years=6)
    same_demography(base, shocked, list(range(START, 2031)))
    ratio = (shocked.municipal_income_tax_eur / base.municipal_income_tax_eur).loc[:2030]
    expected = [1.0, 1.0, 0.99, 0.99**2, 0.99**2, 0.99**2]  # 2025..2030
    assert ratio.tolist() == pytest.approx(expected, rel=1e-12)


# --- the pure helpers ------------------------------------------------------------------------


def spec(target, size, start=2030, years=3, name="s"):
    return FiscalShockSpec(name=name, target=target, size=size, start_year=start, years=years)


def test_shock_factor_applies_exactly_in_its_years():
    shocks = [spec("revenues", -0.2)]
    factors = {year: shock_factor(shocks, "revenues", year) for year in range(2028, 2035)}
    assert factors == {2028: 1.0, 2029: 1.0, 2030: 0.8, 2031: 0.8, 2032: 0.8, 2033: 1.0, 2034: 1.0}
    assert shock_factor(shocks, "mandatory_spending", 2030) == 1.0


def test_overlapping_shocks_multiply_and_add():
    shocks = [spec("revenues", -0.1), spec("revenues", -0.2, start=2031), spec("growth", -0.01)]
    shocks.append(spec("growth", -0.02, start=2032))
    assert shock_factor(shocks, "revenues", 2031) == pytest.approx(0.9 * 0.8)
    assert shock_add(shocks, "growth", 2032) == pytest.approx(-0.03)
    assert shock_add(shocks, "growth", 2034) == pytest.approx(-0.02)
    assert shock_add(shocks, "interest_rate", 2032) == 0.0
