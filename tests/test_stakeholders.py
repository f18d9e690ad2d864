"""The providers' and the housing company's choices respond to their reasons (issue 14).

Unit tests of the utility components on a built model (so the agents have their specs), then
runs with paired seeds: a cause that lowers a provider's reach or raises what it pays makes
leaving more likely.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import simulator
from simulator.agents.stakeholder import logit_choice
from simulator.model import CooperationModel
from tests.conftest import scenario_path

HERTEN = scenario_path("herten_integration_centre")


@pytest.fixture(scope="module")
def model():
    return CooperationModel(simulator.load_scenario(HERTEN), seed=1, years=1)


def test_a_providers_cost_is_money_saved_against_its_budget(model):
    awo = next(p for p in model.providers if p.spec.id == "awo")
    awo.paid_last_year = 12 * awo.spec.rent_elsewhere_eur_per_month  # pays what rooms cost alone
    assert awo.utility({"low_income": 0.1}, 0.1)["cost"] == pytest.approx(0.0)
    awo.paid_last_year = 0.0
    saved = awo.utility({"low_income": 0.1}, 0.1)["cost"]
    assert saved == pytest.approx(
        awo.spec.weights.cost * 12 * awo.spec.rent_elsewhere_eur_per_month / awo.budget_eur()
    )


def test_a_providers_reach_is_its_target_groups_reach(model):
    awo = next(p for p in model.providers if p.spec.id == "awo")
    low = awo.utility({"low_income": 0.05, "all": 0.5}, 0.1)["reach"]
    high = awo.utility({"low_income": 0.20, "all": 0.0}, 0.1)["reach"]
    assert high == pytest.approx(4 * low) and high > 0


def test_inertia_and_temperature_give_the_stated_leaving_rate():
    """Assumption in the schema: a provider whose membership pays as planned (utility about 1)
    leaves in about 4 % of its free years; without inertia in about 12 %."""
    spec = simulator.load_scenario(HERTEN).providers[0]
    leave = 1 - 1 / (1 + math.exp(-(1.0 + spec.inertia) / spec.choice_temperature))
    assert leave == pytest.approx(0.047, abs=0.01)
    draws = np.random.default_rng(0).random(20000)
    stays = [logit_choice(1.0, True, spec.inertia, spec.choice_temperature, u) for u in draws]
    assert 1 - np.mean(stays) == pytest.approx(leave, abs=0.005)


def test_the_housing_companys_effect_rises_with_its_tenants_reached_up_to_the_full_effect(model):
    company = model.housing_company
    effects = [company.effect(r) for r in (0.0, 0.05, 0.1, 0.3, 0.9)]
    assert effects[0] == 0.0 and effects[-1] == 1.0
    assert all(a < b for a, b in zip(effects[:-2], effects[1:-1], strict=True))
    full = company.book_social_return(0.99)
    s = company.spec
    assert full == pytest.approx(
        (s.turnover_rate_baseline - s.turnover_rate_with_work)
        * s.dwellings_in_quarter
        * s.cost_per_tenant_change_eur
        + (s.vacancy_rate_baseline - s.vacancy_rate_with_work)
        * s.dwellings_in_quarter
        * s.rent_eur_per_dwelling_month
        * 12
    )


def test_tenants_live_in_the_companys_district_in_the_stated_number(model):
    c, s = model.citizens, model.spec.housing_company
    district = [d.name for d in model.spec.town.districts].index(model.spec.facility.district)
    assert not c.tenant[c.district != district].any()
    expected = s.dwellings_in_quarter * s.persons_per_dwelling
    assert c.tenant.sum() == pytest.approx(expected, rel=0.1)


def test_founders_are_bound_for_their_commitment_years():
    scenario = simulator.load_scenario(HERTEN)
    result = simulator.run(scenario, seed=1, years=6)
    rows = result.stakeholders[result.stakeholders.actor.str.startswith("provider:")]
    bound = rows.reason.str.startswith("bound")
    last_bound = scenario.time.start_year + scenario.providers[0].commitment_years - 1
    assert (rows[bound].decision == "stay").all()
    assert (rows[bound].year <= last_bound).all() and (rows[~bound].year > last_bound).all()
    assert bound.any() and (~bound).any()


def test_providers_leave_more_when_the_facility_reaches_fewer_of_their_clients():
    """Paired seeds: without staff the house opens less, reach falls, and more providers leave."""
    leaves = {}
    for name, overrides in {"staffed": {}, "unstaffed": {"facility.staff_fte": 0}}.items():
        scenario = simulator.load_scenario(HERTEN, ["org_municipal"], overrides)
        runs = [simulator.run(scenario, seed=s, years=15).summary for s in range(1, 7)]
        leaves[name] = sum(r["provider_leave_decisions"] for r in runs) / sum(
            r["provider_member_decisions"] for r in runs
        )
    assert leaves["unstaffed"] > leaves["staffed"], leaves
