"""The consolidation plan (simulator/fiscal/plan.py): measures in priority order, sized to the gap.

The facility's grant is one line in the order: it is cut only when the measures before it are
used up; a larger gap never draws less from any measure; what a smaller gap no longer needs is
released last line first.
"""

from __future__ import annotations

import mesa
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import simulator
from simulator.agents.municipality import Municipality
from simulator.fiscal.plan import ConsolidationPlan, allocate, volume
from simulator.scenario.schema.municipality import MunicipalitySpec
from tests.conftest import scenario_path
from tests.fiscal_specs import minimal_budget

HERTEN = simulator.load_scenario(scenario_path("herten_integration_centre")).municipality
# EUR per unit of each measure, a stylised Herten: savings on 40 M / 60 M EUR lines, 12.8 k EUR
# per Hebesatz point, voluntary lines of 1.8, 3.7, 0.05, 2.5 and 1.8 M EUR
UNITS = [40e6, 60e6, 1.8e6, 3.7e6, 12_800.0, 50_000.0, 2.5e6, 1.8e6]
FACILITY = next(
    i for i, m in enumerate(HERTEN.hsk.measures) if getattr(m, "line", "") == "facility"
)


def plan() -> ConsolidationPlan:
    p = ConsolidationPlan(HERTEN)
    p.adopt(2025, 2034)
    return p


def before_facility_capacity(p: ConsolidationPlan, years: int = 1) -> float:
    """EUR the measures before the facility's line can give within ``years``."""
    levels = [min(c, s * years) for c, s in zip(p.caps, p.yearly, strict=True)]
    return volume(levels[:FACILITY], UNITS[:FACILITY])


def test_measures_are_drawn_in_priority_order():
    units = [1000.0, 1000.0, 1000.0]
    assert allocate(3000.0, units, [0.0] * 3, [2.0, 2.0, 2.0]) == (2.0, 1.0, 0.0)
    assert allocate(1e4, units[:2], [0.5, 0.0], [2.0, 2.0]) == (2.0, 2.0)  # capped
    assert allocate(0.5, units, [0.0] * 3, [2.0] * 3) == (0.0, 0.0, 0.0)  # below a euro


@given(st.floats(0, 5e7), st.floats(0, 5e7))
def test_a_larger_need_never_draws_less_from_any_measure(small, extra):
    p = ConsolidationPlan(HERTEN)
    caps = p.caps
    low = allocate(small, UNITS, [0.0] * len(UNITS), caps)
    high = allocate(small + extra, UNITS, [0.0] * len(UNITS), caps)
    assert all(h >= lo - 1e-12 for h, lo in zip(high, low, strict=True))
    # continuous: the volume follows the need until the capacity ends (no jumps)
    total = volume(caps, UNITS)
    assert volume(high, UNITS) == pytest.approx(min(small + extra, total), abs=2.0)


@pytest.mark.parametrize("share", [0.5, 0.99, 1.01, 1.5])
def test_the_facility_grant_is_cut_only_when_the_measures_before_it_are_used_up(share):
    """Outside HSK (balance at once): a need below the first year's reach of the earlier
    measures leaves the grant alone; a need beyond it cuts the grant."""
    p = plan()
    reach = before_facility_capacity(p)
    p.plan_year(2025, UNITS, lambda year, with_aid: share * reach, hsk=False)
    assert (p.facility_cut > 0) == (share > 1.0)
    if p.facility_cut:
        assert "facility grant" in p.facility_reason and "budget 2025" in p.facility_reason


def test_under_hsk_the_need_is_closed_in_equal_steps_to_the_target_year():
    p = plan()
    p.plan_year(2025, UNITS, lambda year, with_aid: 10e6, hsk=True)
    assert p.planned_eur == pytest.approx(10e6 / 10)  # ten years 2025..2034
    assert volume(p.levels, UNITS) == pytest.approx(1e6)
    assert p.approvable


def test_a_need_beyond_every_measure_is_not_approvable_but_the_plan_still_acts():
    p = plan()
    total = volume(p.caps, UNITS)
    p.plan_year(2025, UNITS, lambda year, with_aid: 2 * total, hsk=True)
    assert not p.approvable
    assert volume(p.levels, UNITS) == pytest.approx(2 * total / 10)


def test_a_smaller_need_is_released_last_line_first():
    """Under HSK along the plan's path (a ninth of the way in the first of nine years left),
    outside HSK at once; the facility's grant, the last line reached, is restored first."""
    p = plan()
    big = before_facility_capacity(p) + 20_000.0  # reaches into the facility's line
    p.plan_year(2025, UNITS, lambda year, with_aid: big, hsk=False)
    assert p.facility_cut == pytest.approx(20_000.0 / UNITS[FACILITY])
    p.plan_year(2026, UNITS, lambda year, with_aid: 0.0, hsk=True)
    assert volume(p.levels, UNITS) == pytest.approx(big * (1 - 1 / 9))
    assert p.facility_cut == 0
    small = 0.5 * volume(p.levels, UNITS)
    p.plan_year(2027, UNITS, lambda year, with_aid: small, hsk=False)
    assert volume(p.levels, UNITS) == pytest.approx(small)


def test_an_aid_programme_adds_its_two_conditions():
    spec = simulator.load_scenario(
        scenario_path("herten_integration_centre").parent / "hindcast" / "herten_hindcast_2012.yaml"
    ).municipality
    p = ConsolidationPlan(spec)
    p.adopt(2012, 2021)
    years = {(c.year, c.with_aid) for c in p.conditions()}
    assert years == {(2021, True), (2018, True), (2021, False)}


# --- the HSK status with a plan, on constructed paths (docs: "leaving HSK") -------------------


def town(**extra) -> Municipality:
    spec = MunicipalitySpec(**minimal_budget(100_000.0, **extra))
    return Municipality(mesa.Model(rng=1), spec, start_year=2025)


def close_years(municipality, results):
    status = []
    for year, result in enumerate(results, start=2025):
        by_age = np.zeros(121, dtype=np.int64)
        by_age[30] = max(0, result)
        municipality.budget_year(year, {"by_age": by_age, "low_income": max(0, -result)}, 0.0)
        status.append(municipality.hsk)
    return status


def test_an_aid_programme_keeps_the_plan_until_its_year_without_aid():
    aid = {
        "name": "pact",
        "payments_eur": {2025: 0.0},
        "balance_with_aid_year": 2026,
        "balance_without_aid_year": 2028,
    }
    initial = {**minimal_budget()["initial"], "hsk": True, "hsk_since_year": 2025}
    municipality = town(aid_programmes=[aid], initial=initial)
    assert close_years(municipality, [500, 500, 500, 500, 500]) == [
        True,
        True,
        True,
        False,  # closing 2028, the year of balance without aid: free
        False,
    ]
