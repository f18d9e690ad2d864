"""The six organisation models: their rules on a small stand-in model, and every model in both towns.

Unit tests use a stand-in with only what the models read (ledger, month, municipality, providers,
housing company, members), so each rule is checked by hand. The run tests switch both shipped
towns to every model with its org_* overlay under every demographic and financial overlay.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import simulator
from simulator import organisation
from simulator.accounting import FACILITY, Ledger, Transfer
from simulator.scenario.schema.organisation import OrganisationSpec
from simulator.scenario.yaml_io import read_yaml
from tests.conftest import SCENARIOS, TOWNS, scenario_path

MODELS = sorted(organisation.REGISTRY)
DEMOGRAPHIC = ["baseline", "ageing", "migration_influx", "shrinking"]
FINANCIAL = ["fiscal_stress", "funding_cliff"]


def provider(pid: str, hours: float, fte: float = 1.0, budget: float = 12000.0, member=True):
    spec = SimpleNamespace(
        id=pid, offer_hours_per_week=hours, staff_fte=fte, budget_eur_per_year=budget
    )
    return SimpleNamespace(spec=spec, member=member)


def stand_in(providers=(), grant_factor=1.0, company=None, members=0, month=3):
    """The parts of CooperationModel the organisation models read."""
    ledger = Ledger()
    by_id = {p.spec.id: p for p in providers}
    return SimpleNamespace(
        ledger=ledger,
        month_index=month - 1,
        month=month,
        municipality=SimpleNamespace(grant_factor=grant_factor),
        member_providers=lambda: [p for p in providers if p.member],
        provider=lambda pid: by_id[pid],
        lead_provider=lambda: providers[0] if providers else None,
        housing_company=company,
        citizens=SimpleNamespace(member=np.arange(members + 3) < members),
    )


def build(key: str, **settings):
    return organisation.REGISTRY[key](OrganisationSpec(model=key, **settings))


def amounts(transfers) -> dict[str, float]:
    assert all(t.payee == FACILITY and t.amount_eur > 0 for t in transfers)
    return {t.payer: t.amount_eur for t in transfers}


@pytest.mark.parametrize("split", ["room_hours", "equal", "headcount"])
def test_cost_split_shares_sum_to_one(split):
    members = [provider("a", 20, 2.0), provider("b", 10, 0.5), provider("c", 0, 0.0)]
    shares = build("provider_network", cost_split_key=split).cost_split(members)
    assert sum(shares.values()) == pytest.approx(1.0)
    assert all(0 <= s <= 1 for s in shares.values())
    expected_a = {"room_hours": 20 / 30, "equal": 1 / 3, "headcount": 2.0 / 2.5}[split]
    assert shares["a"] == pytest.approx(expected_a)


def test_cost_split_without_weights_is_equal_and_without_members_empty():
    model = build("provider_network", cost_split_key="room_hours")
    assert model.cost_split([provider("a", 0), provider("b", 0)]) == {"a": 0.5, "b": 0.5}
    assert model.cost_split([]) == {}


def test_municipal_covers_everything_while_the_council_supports_it():
    model = build("municipal")
    assert amounts(model.cover_deficit(1234.0, stand_in())) == {"municipality": 1234.0}
    assert model.cover_deficit(1234.0, stand_in(grant_factor=0.0)) == []
    assert model.continues(stand_in(grant_factor=0.0))[0] is False
    assert model.tolerance_months == 0


def test_single_provider_pays_from_its_remaining_budget_then_the_town_negotiates():
    lead = provider("awo", 20, budget=12000.0)
    world = stand_in([lead], grant_factor=0.7)
    world.ledger.book(0, Transfer("provider:awo", FACILITY, "cost share", 11500.0))  # this year
    paid = amounts(build("single_provider").cover_deficit(2000.0, world))
    assert paid["provider:awo"] == pytest.approx(500.0)  # 12000 - 11500 left
    assert paid["municipality"] == pytest.approx(0.7 * 1500.0)  # the rest, cut under HSK
    lead.member = False
    assert build("single_provider").continues(world)[0] is False


def test_network_members_cover_by_key_within_what_is_left_of_their_budgets():
    a, b = provider("a", 30, budget=12000.0), provider("b", 10, budget=1000.0)
    world = stand_in([a, b])
    world.ledger.book(1, Transfer("provider:b", FACILITY, "cost share", 900.0))
    paid = amounts(build("provider_network").cover_deficit(800.0, world))
    assert paid["provider:a"] == pytest.approx(600.0)  # 0.75 x 800
    assert paid["provider:b"] == pytest.approx(100.0)  # min(0.25 x 800, 1000 - 900)
    b.member = False
    assert build("provider_network").continues(world) == (False, "only 1 member provider(s) left")


def test_last_year_payments_do_not_use_up_this_years_budget():
    a = provider("a", 10, budget=1200.0)
    world = stand_in([a], month=2)  # month_index 1: January was index 0
    world.ledger.book(-1, Transfer("provider:a", FACILITY, "cost share", 1200.0))  # December
    assert amounts(build("single_provider").cover_deficit(300.0, world))["provider:a"] == 300.0


def test_cooperative_capital_is_used_once_and_only_up_to_the_members_shares():
    model = build("cooperative", member_capital_eur=100.0)
    world = stand_in(members=10)  # 1,000 EUR of capital
    assert amounts(model.cover_deficit(700.0, world)) == {"citizens": 700.0}
    assert amounts(model.cover_deficit(700.0, world)) == {"citizens": 300.0}
    assert model.cover_deficit(700.0, world) == []
    assert model.continues(stand_in(members=2))[0] is False


def test_housing_company_covers_from_its_neighbourhood_budget_while_engaged():
    company = SimpleNamespace(
        member=True, spec=SimpleNamespace(neighbourhood_budget_eur_per_year=6000.0)
    )
    world = stand_in(company=company)
    world.ledger.book(2, Transfer("housing_company", FACILITY, "cash support", 5500.0))
    world.ledger.book(2, Transfer("housing_company", FACILITY, "rent", 9000.0, in_kind=True))
    paid = amounts(build("housing_company_led").cover_deficit(900.0, world))
    assert paid == {"housing_company": pytest.approx(500.0)}  # in-kind rent is not budget cash
    company.member = False
    assert build("housing_company_led").cover_deficit(900.0, world) == []
    assert build("housing_company_led").continues(world)[0] is False


def test_citizen_association_needs_seven_members_and_has_no_last_resort():
    model = build("citizen_association")
    assert model.cover_deficit(500.0, stand_in(members=30)) == []
    assert model.continues(stand_in(members=7))[0] is True
    assert model.continues(stand_in(members=6))[0] is False


def test_scenario_settings_override_the_model_defaults():
    model = build(
        "cooperative",
        deficit_tolerance_months=2,
        coordination_cost_eur_per_year=0.0,
        engagement_multiplier=2.0,
    )
    assert (model.tolerance_months, model.coordination_eur_per_year) == (2, 0.0)
    assert model.engagement_multiplier == 2.0


@pytest.mark.parametrize("key", MODELS)
def test_every_model_has_an_overlay_with_the_shared_instruments(key):
    doc = read_yaml(SCENARIOS / "overlays" / f"org_{key}.yaml")["set"]
    assert doc["organisation"]["model"] == key
    instruments = {i["instrument"] for i in doc["financing"]}
    # the same programme and volunteer valuation everywhere keeps the models comparable, and
    # funding_cliff (financing.programme_grant / municipal_grant) applies to every overlay
    assert {"programme_grant", "municipal_grant", "volunteer_time", "donations"} <= instruments


@pytest.mark.parametrize("overlay", DEMOGRAPHIC + FINANCIAL)
@pytest.mark.parametrize("key", MODELS)
@pytest.mark.parametrize("town", TOWNS)
def test_every_model_runs_in_both_towns_under_every_overlay(town, key, overlay):
    scenario = simulator.load_scenario(scenario_path(town), overlays=[f"org_{key}", overlay])
    assert scenario.organisation.model == key
    result = simulator.run(scenario, seed=11, years=3)
    shares = [v for k, v in result.summary.items() if k.startswith("cost_share_")]
    assert sum(shares) == pytest.approx(1.0)


@pytest.mark.parametrize("key", MODELS)
@pytest.mark.parametrize("town", TOWNS)
def test_mixes_are_sized_so_no_model_closes_in_its_first_two_years(town, key):
    """The org_* mixes are sized to the facility: a model may fail later, never at once."""
    scenario = simulator.load_scenario(scenario_path(town), overlays=[f"org_{key}"])
    for seed in (1, 2, 3):
        summary = simulator.run(scenario, seed=seed, years=2).summary
        assert summary["viable"], f"{town} {key} seed {seed}: {summary['closure_reason']}"


@pytest.mark.parametrize("key", MODELS)
def test_every_model_runs_the_full_horizon(key):
    scenario = simulator.load_scenario(scenario_path(TOWNS[0]), overlays=[f"org_{key}"])
    result = simulator.run(scenario, seed=1)
    assert len(result.annual) == scenario.time.years
    assert result.summary["years_open"] <= scenario.time.years


@pytest.mark.long
@pytest.mark.parametrize("overlay", DEMOGRAPHIC)
@pytest.mark.parametrize("key", MODELS)
@pytest.mark.parametrize("town", TOWNS)
def test_every_model_town_and_demography_runs_thirty_years(town, key, overlay):
    scenario = simulator.load_scenario(scenario_path(town), overlays=[f"org_{key}", overlay])
    result = simulator.run(scenario, seed=2)
    assert len(result.annual) == scenario.time.years == 30
    shares = [v for k, v in result.summary.items() if k.startswith("cost_share_")]
    assert sum(shares) == pytest.approx(1.0)
