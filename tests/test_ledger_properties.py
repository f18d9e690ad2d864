"""Under every organisation model and random financing mixes, every transfer lands in the ledger.

Hypothesis draws a town, a model, a mix (any subset of the twelve instruments with random
parameters) and a seed, runs two years and checks: the facility's reserves are its ledger net;
all balances sum to zero; every booking is positive; the contributions by payer category are
the ledger's; the shares of cost lie in [0, 1] and sum to 1; no actor-year pays beyond its budget
(the one budget rule: random mixes, models, cost-split keys and last-resort shares); a civic
fund's ledger balance is its capital.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import organisation
from simulator.accounting import CATEGORIES, FACILITY, category
from simulator.runner import simulate
from simulator.scenario.loader import load_raw, validate
from tests.conftest import TOWNS, scenario_path
from tests.money_checks import check_within_budgets

YEARS = 2
EUR = 1e-6  # assumption: float rounding of sums of a few thousand bookings below 1e6 EUR

share = st.floats(0.0, 1.0)
eur = st.floats(0.0, 60000.0)
INSTRUMENTS = {
    "municipal_grant": st.fixed_dictionaries(
        {
            "mode": st.sampled_from(["fixed", "deficit_cover", "per_capita", "per_visit"]),
            "amount_eur_per_year": eur,
            "eur_per_capita_year": st.floats(0.0, 5.0),
            "eur_per_visit": st.floats(0.0, 10.0),
            "deficit_share": share,
            "cap_eur_per_year": st.none() | eur,
            "years": st.none() | st.integers(0, 3),
        }
    ),
    "programme_grant": st.fixed_dictionaries(
        {
            "share_of_eligible_cost": share,
            "eligible": st.sampled_from(["staff", "staff_and_materials", "all_operating"]),
            "cap_eur_per_year": eur,
            "start_year_offset": st.integers(0, 2),
            "years": st.integers(0, 3),
            "cofinancing_share": st.floats(0.0, 2.0),
        }
    ),
    "provider_cost_share": st.fixed_dictionaries(
        {"covers": st.sampled_from(["rent", "rent_and_running", "all_costs"]), "share": share}
    ),
    "housing_rent_reduction": st.fixed_dictionaries(
        {"share_of_rent": share, "min_return_ratio": st.floats(0.0, 3.0)}
    ),
    "housing_cash_support": st.fixed_dictionaries(
        {"eur_per_year": eur, "min_return_ratio": st.floats(0.0, 3.0)}
    ),
    "membership_fees": st.fixed_dictionaries(
        {
            "fee_eur_per_year": st.floats(0, 100),
            "reduced_fee_low_income_eur_per_year": st.floats(0, 50),
        }
    ),
    "donations": st.fixed_dictionaries(
        {"engagement_boost": st.floats(0.0, 5.0), "sponsor_eur_per_year": st.floats(0, 5000)}
    ),
    "crowdfunding": st.fixed_dictionaries(
        {
            "goal_eur": st.floats(0, 8000),
            "every_years": st.integers(1, 3),
            "campaign_month": st.integers(1, 12),
            "pledge_probability": share,
            "reach_per_engaged": st.floats(0.0, 5.0),
        }
    ),
    "user_fees": st.fixed_dictionaries(
        {
            "fee_eur_per_visit": st.floats(0.0, 10.0),
            "low_income_exempt": st.booleans(),
            "paying_share_of_visits": share,
        }
    ),
    "room_rental": st.fixed_dictionaries(
        {"eur_per_room_hour": st.floats(0, 40), "demand_room_hours_per_month": st.floats(0, 200)}
    ),
    "volunteer_time": st.fixed_dictionaries(
        {"replacement_wage_eur_per_hour": st.floats(0, 30), "max_staff_replacement_share": share}
    ),
    "civic_fund": st.fixed_dictionaries(
        {
            "endowment_eur": eur,
            "return_per_year": st.floats(-0.1, 0.1),
            "withdrawal_share_per_year": st.floats(0.0, 0.2),
            "preserve_capital": st.booleans(),
        }
    ),
}


@st.composite
def mixes(draw) -> list[dict]:
    keys = draw(st.lists(st.sampled_from(sorted(INSTRUMENTS)), unique=True, max_size=12))
    return [{"instrument": key, **draw(INSTRUMENTS[key])} for key in keys]


@st.composite
def cases(draw):
    town = draw(st.sampled_from(TOWNS))
    model = draw(st.sampled_from(sorted(organisation.REGISTRY)))
    raw = load_raw(scenario_path(town), overlays=[f"org_{model}"])
    raw["financing"] = draw(mixes())
    raw["organisation"]["cost_split_key"] = draw(
        st.sampled_from(["room_hours", "equal", "headcount"])
    )
    raw["organisation"]["last_resort_share"] = draw(share)
    return validate(raw, f"{town}+org_{model}+random mix"), draw(st.integers(0, 2**16))


@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(cases())
def test_every_transfer_lands_in_the_ledger_and_no_payer_exceeds_its_budget(case):
    scenario, seed = case
    model = simulate(scenario, seed=seed, years=YEARS)
    ledger = model.ledger.frame()
    assert (ledger.amount_eur > 0).all()
    net = (
        ledger.groupby("payee")
        .amount_eur.sum()
        .sub(ledger.groupby("payer").amount_eur.sum(), fill_value=0.0)
    )
    assert net.sum() == pytest.approx(0.0, abs=EUR * len(ledger))
    assert model.facility.reserves == pytest.approx(net.get(FACILITY, 0.0), abs=EUR * len(ledger))
    assert model.recorder.monthly[-1]["facility_reserves_eur"] == pytest.approx(
        net.get(FACILITY, 0.0), abs=EUR * len(ledger)
    )
    into = ledger[ledger.payee == FACILITY]
    by_category = into.groupby(into.payer.map(category)).amount_eur.sum().to_dict()
    for cat in CATEGORIES:
        assert model.ledger.contributions.get(cat, 0.0) == pytest.approx(
            by_category.get(cat, 0.0), abs=EUR * len(ledger)
        )
    summary = model.recorder.summary()
    parts = [*(f"cost_share_{c}" for c in CATEGORIES), "cost_share_reserves", "cost_share_unpaid"]
    assert all(-1e-12 <= summary[p] <= 1.0 + 1e-12 for p in parts)
    if ledger[ledger.payer == FACILITY].amount_eur.sum() > 0:
        assert sum(summary[p] for p in parts) == pytest.approx(1.0)
    check_within_budgets(scenario, ledger)
    for fund in (i for i in model.instruments if i.key == "civic_fund"):
        assert net.get("civic_fund", 0.0) == pytest.approx(fund.capital, abs=EUR * len(ledger))
