"""The six organisation models: their rules on a small stand-in model, and every model in both towns.

Unit tests hand each model an OrganisationView (what it may read: members, payers and their
budgets left, the grant factor), so each rule is checked by hand. The run tests switch both shipped
towns to every model with its org_* overlay (governance only, on the town's common financing
base) under every demographic, financial and financing-mix overlay.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pydantic import TypeAdapter

import simulator
from simulator import organisation
from simulator.accounting import FACILITY, Ledger, Transfer
from simulator.organisation.base import OrganisationView, Payer
from simulator.scenario import ScenarioError
from simulator.scenario.schema.organisation import OrganisationSpec
from simulator.scenario.yaml_io import read_yaml
from tests.conftest import SCENARIOS, TOWNS, scenario_path

MODELS = sorted(organisation.REGISTRY)
DEMOGRAPHIC = ["baseline", "ageing", "migration_influx", "shrinking"]
FINANCIAL = [
    "fiscal_stress",
    "funding_cliff",
    "mix_as_planned",
    "mix_deficit_cover",
    "mix_coproduction",
]


def provider(pid: str, hours: float, fte: float = 1.0, budget: float = 12000.0, member=True):
    spec = SimpleNamespace(
        id=pid, offer_hours_per_week=hours, staff_fte=fte, budget_eur_per_year=budget
    )
    return SimpleNamespace(spec=spec, member=member, paid=0.0)


def view(providers=(), grant_factor=1.0, company=None, members=0) -> OrganisationView:
    """What the organisation models read, as the money and year phases build it."""
    payers = {
        p.spec.id: Payer(f"provider:{p.spec.id}", p.member, p.spec.budget_eur_per_year, p.paid)
        for p in providers
    }
    return OrganisationView(
        resident_members=members,
        member_providers=tuple(p.spec for p in providers if p.member),
        providers=payers,
        housing_company=company,
        grant_factor=grant_factor,
    )


def build(key: str, **settings):
    spec = TypeAdapter(OrganisationSpec).validate_python({"model": key, **settings})
    return organisation.REGISTRY[key](spec)


def amounts(transfers) -> dict[str, float]:
    assert all(t.payee == FACILITY and t.amount_eur > 0 for t in transfers)
    return {t.payer: t.amount_eur for t in transfers}


@pytest.mark.parametrize("split", ["room_hours", "equal", "headcount"])
def test_cost_split_shares_sum_to_one(split):
    members = [provider("a", 20, 2.0), provider("b", 10, 0.5), provider("c", 0, 0.0)]
    shares = build("provider_network", cost_split_key=split).cost_split([m.spec for m in members])
    assert sum(shares.values()) == pytest.approx(1.0)
    assert all(0 <= s <= 1 for s in shares.values())
    expected_a = {"room_hours": 20 / 30, "equal": 1 / 3, "headcount": 2.0 / 2.5}[split]
    assert shares["a"] == pytest.approx(expected_a)


def test_cost_split_without_weights_is_equal_and_without_members_empty():
    model = build("provider_network", cost_split_key="room_hours")
    specs = [provider("a", 0).spec, provider("b", 0).spec]
    assert model.cost_split(specs) == {"a": 0.5, "b": 0.5}
    assert model.cost_split([]) == {}


def test_municipal_covers_everything_while_the_council_supports_it():
    model = build("municipal")
    assert amounts(model.cover_deficit(1234.0, view())) == {"municipality": 1234.0}
    assert model.cover_deficit(1234.0, view(grant_factor=0.0)) == []
    assert model.continues(view(grant_factor=0.0))[0] is False
    assert model.tolerance_months == 0


def test_single_provider_pays_from_its_remaining_budget_then_the_town_negotiates():
    lead = provider("awo", 20, budget=12000.0)
    lead.paid = 11500.0  # cash it gave this calendar year
    paid = amounts(build("single_provider").cover_deficit(2000.0, view([lead], grant_factor=0.7)))
    assert paid["provider:awo"] == pytest.approx(500.0)  # 12000 - 11500 left
    assert paid["municipality"] == pytest.approx(0.7 * 1500.0)  # the rest, cut under HSK
    lead.member = False
    assert build("single_provider").continues(view([lead]))[0] is False


def test_single_provider_operator_is_the_named_lead_else_the_first_provider():
    a, b = provider("a", 10), provider("b", 10, member=False)
    assert build("single_provider").continues(view([a, b]))[0] is True
    assert build("single_provider", lead_provider="b").continues(view([a, b]))[0] is False


def test_network_members_cover_by_key_within_what_is_left_of_their_budgets():
    a, b = provider("a", 30, budget=12000.0), provider("b", 10, budget=1000.0)
    b.paid = 900.0
    paid = amounts(build("provider_network").cover_deficit(800.0, view([a, b])))
    assert paid["provider:a"] == pytest.approx(600.0)  # 0.75 x 800
    assert paid["provider:b"] == pytest.approx(100.0)  # min(0.25 x 800, 1000 - 900)
    b.member = False
    assert build("provider_network").continues(view([a, b])) == (
        False,
        "only 1 member provider(s) left",
    )


def test_budgets_count_only_this_years_cash():
    """A payer's budget left is its yearly budget minus the cash it gave since January."""
    ledger = Ledger()
    ledger.book(11, Transfer("provider:a", FACILITY, "cost share", 1200.0))  # December
    ledger.book(12, Transfer("provider:a", FACILITY, "cost share", 100.0))  # January
    ledger.book(13, Transfer("housing_company", FACILITY, "rent", 9000.0, in_kind=True))
    ledger.book(13, Transfer("housing_company", FACILITY, "cash support", 5500.0))
    assert ledger.cash_paid_since_by_payer(12) == {"housing_company": 5500.0, "provider:a": 100.0}


def test_cooperative_capital_is_used_once_and_only_up_to_the_members_shares():
    model = build("cooperative", member_capital_eur=100.0)
    world = view(members=10)  # 1,000 EUR of capital
    assert amounts(model.cover_deficit(700.0, world)) == {"citizens": 700.0}
    assert amounts(model.cover_deficit(700.0, world)) == {"citizens": 300.0}
    assert model.cover_deficit(700.0, world) == []
    assert model.continues(view(members=2))[0] is False


def test_housing_company_covers_from_its_neighbourhood_budget_while_engaged():
    company = Payer("housing_company", True, 6000.0, 5500.0)  # in-kind rent is not budget cash
    paid = amounts(build("housing_company_led").cover_deficit(900.0, view(company=company)))
    assert paid == {"housing_company": pytest.approx(500.0)}
    gone = Payer("housing_company", False, 6000.0, 5500.0)
    assert build("housing_company_led").cover_deficit(900.0, view(company=gone)) == []
    assert build("housing_company_led").continues(view(company=gone))[0] is False


def test_citizen_association_needs_seven_members_and_has_no_last_resort():
    model = build("citizen_association")
    assert model.cover_deficit(500.0, view(members=30)) == []
    assert model.continues(view(members=7))[0] is True
    assert model.continues(view(members=6))[0] is False


def test_scenario_settings_override_the_model_defaults():
    model = build(
        "cooperative",
        deficit_tolerance_months=2,
        coordination_cost_eur_per_year=0.0,
        engagement_multiplier=2.0,
    )
    assert (model.tolerance_months, model.coordination_eur_per_year) == (2, 0.0)
    assert model.engagement_multiplier == 2.0


@pytest.mark.parametrize(
    ("key", "defaults"),
    [
        ("municipal", (0, 0.0, 1.0)),
        ("single_provider", (6, 0.0, 1.0)),
        ("provider_network", (6, 5000.0, 1.1)),
        ("citizen_association", (3, 0.0, 1.5)),
        ("cooperative", (6, 3000.0, 1.4)),
        ("housing_company_led", (0, 0.0, 1.1)),
    ],
)
def test_each_model_has_its_own_defaults(key, defaults):
    model = build(key)
    assert (model.tolerance_months, model.coordination_eur_per_year) == defaults[:2]
    assert model.engagement_multiplier == defaults[2]


@pytest.mark.parametrize(
    ("settings", "path", "says"),
    [
        (
            {"model": "municipal", "member_capital_eur": 50},
            "organisation.municipal.member_capital_eur",
            "not a setting of the municipal model",
        ),
        (
            {"model": "cooperative", "lead_provider": "awo"},
            "organisation.cooperative.lead_provider",
            "its settings: cost_split_key",
        ),
        ({"model": "anarchy"}, "organisation.model", "expected tags: 'municipal'"),
        (
            {"model": "cooperative", "member_capital_eur": -1},
            "organisation.cooperative.member_capital_eur",
            "greater than or equal to 0",
        ),
    ],
)
def test_a_setting_the_model_does_not_have_is_refused_by_name(settings, path, says):
    with pytest.raises(ScenarioError) as err:
        simulator.load_scenario(scenario_path(TOWNS[0]), [], {"organisation": settings})
    assert err.value.field_path == path and says in err.value.message


GOVERNANCE = {
    "organisation",  # who operates, decides and covers a gap, with the model's settings
    "housing_company.member_at_start",  # the operator takes part
    "financing[volunteer_time].max_staff_replacement_share",  # whose staff volunteers replace
}


@pytest.mark.parametrize("key", MODELS)
def test_every_model_overlay_patches_only_governance(key):
    """Issue #12 (a fair comparison): org_* overlays change who decides and who covers, not the money."""
    doc = read_yaml(SCENARIOS / "overlays" / f"org_{key}.yaml")["set"]
    assert doc["organisation"]["model"] == key
    assert set(doc) <= GOVERNANCE, set(doc) - GOVERNANCE


@pytest.mark.parametrize("town", TOWNS)
def test_every_model_runs_on_its_towns_common_financing_base(town):
    """On one town the six models share one financing list, but for whose staff volunteers replace."""
    mixes = set()
    for key in MODELS:
        scenario = simulator.load_scenario(scenario_path(town), overlays=[f"org_{key}"])
        items = [i.model_dump(exclude={"max_staff_replacement_share"}) for i in scenario.financing]
        mixes.add(repr(items))
    assert len(mixes) == 1


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
    """On its town's financing base a model may fail later, never at once."""
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
