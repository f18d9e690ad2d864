"""Phases 6-7, the money: costs accrue, instruments pay, a shortfall is rescued, the facility closes or goes on."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from simulator.accounting import FACILITY, Transfer
from simulator.agents.facility import IN_KIND, ONE_OFF, PAYEES
from simulator.financing.base import MonthState
from simulator.processes import rescue
from simulator.processes.flow import Money, Offers, Use


def money(model, offered: Offers, used: Use) -> Money:
    """Phase 6: costs accrue, every instrument decides on the same state, all transfers are booked, then the settlement.

    Every transfer to the facility passes the budget rule (``model.budgets``); the settlement
    (``rescue.settle``) takes a shortfall through the rescue sequence and a surplus through
    the reserve policy.
    """
    facility, can = model.facility, model.capabilities
    staff_hours = facility.staff_hours(model.year_index)
    replaced = sum(
        i.replaced_staff_hours(offered.volunteer_hours, staff_hours) for i in can.replaces_staff
    )
    replaced = min(replaced, staff_hours)
    costs = facility.monthly_costs(
        model.month_index,
        model.year_index,
        model.month,
        replaced,
        model.organisation.coordination_eur_per_year,
    )
    facility.monthly_cash_cost = sum(v for k, v in costs.items() if k not in ONE_OFF)
    state = month_state(model, offered, used, costs, staff_hours)
    in_kind = sum(i.in_kind_cost(state) for i in can.brings_in_kind)
    if in_kind > 0:
        state = replace(state, costs={**costs, "volunteer_work": in_kind})
    rented = sum(i.rented_room_hours(state.idle_room_hours) for i in can.rents_rooms)
    booked = min(offered.capacity_room_hours, used.booked_room_hours + rented)
    record_reductions(model, state)
    transfers = [t for i in model.instruments for t in i.transfers(state, model.rng)]
    rescue.book(model, transfers + setup_financing(model, state))
    for item, amount in state.costs.items():
        paid = Transfer(FACILITY, payee(model, item), item, amount, item in IN_KIND, phase_of(item))
        model.ledger.book(model.month_index, paid)
    rescue.settle(model, state)
    return Money(costs=state.costs, booked_room_hours=booked)


def month_state(model, offered: Offers, used: Use, costs: dict, staff_hours: float) -> MonthState:
    """Snapshot of everything payers decide on this month."""
    c = model.citizens
    members = model.member_providers()
    company = model.housing_company
    budgets = model.budgets
    return MonthState(
        year=model.year,
        month=model.month,
        year_index=model.year_index,
        costs=costs,
        reserves_eur=model.facility.reserves,
        population=len(c),
        visits=used.visits,
        visits_low_income=used.visits_low_income,
        members=np.count_nonzero(c.member),
        members_low_income=np.count_nonzero(c.member & c.low_income),
        volunteer_hours=offered.volunteer_hours,
        engaged=used.engaged,
        expected_donations=used.expected_donations,
        donation_eur=model.spec.citizens.giving.donation_eur,
        idle_room_hours=max(0.0, offered.capacity_room_hours - used.booked_room_hours),
        grant_factor=model.municipality.grant_factor,
        municipality_can_cofinance=model.municipality.grant_factor > 0,
        provider_shares=model.organisation.cost_split([p.spec for p in members]),
        provider_budgets={p.spec.id: budgets.left(f"provider:{p.spec.id}") for p in members},
        housing_supports=company is not None and company.member,
        housing_is_landlord=company is not None and company.spec.is_landlord,
        housing_social_return_eur_per_year=company.social_return_last_year if company else 0.0,
        staff_hours=staff_hours,
        reserve_excess_eur=max(0.0, model.facility.reserves - rescue.reserve_cap(model)),
    )


def record_reductions(model, state: MonthState) -> None:
    """The reserve policy's first half: funders under deficit financing reduce their grants."""
    for instrument in model.capabilities.finances_deficit:
        reduced = instrument.reduction_eur(state)
        if reduced > rescue.EUR:
            reason = (
                f"reserves {state.reserves_eur:,.0f} EUR exceed the cap by "
                f"{state.reserve_excess_eur:,.0f} EUR (Fehlbedarfsfinanzierung)"
            )
            rescue.decide(model, "municipality", "grant_reduced", reduced, reason)


def setup_financing(model, state: MonthState) -> list[Transfer]:
    """The set-up cost (first month): urban-development grant, housing company, municipality."""
    setup = state.costs.get("setup", 0.0)
    if setup <= 0:
        return []
    spec = model.spec.facility
    grant = spec.setup_grant_rate * setup
    housing = spec.setup_housing_company_share * setup if model.housing_company is not None else 0.0
    own = max(0.0, setup - grant - housing)
    out = [
        Transfer("programme:urban_development", FACILITY, "set-up grant", grant, phase="setup"),
        Transfer("housing_company", FACILITY, "set-up share", housing, phase="setup"),
        Transfer("municipality", FACILITY, "set-up own share", own, phase="setup"),
    ]
    return [t for t in out if t.amount_eur > 0]


def payee(model, item: str) -> str:
    """Who receives a cost item's money (the housing company collects rent when it is landlord)."""
    company = model.housing_company
    if item == "rent" and company is not None and company.spec.is_landlord:
        return "housing_company"
    return PAYEES.get(item, "suppliers")


def phase_of(item: str) -> str:
    """The cost phase of a cost item: set-up, renewal, or operation."""
    return item if item in ONE_OFF else "operation"


def viability(model) -> None:
    """Phase 7: the facility closes when a material unfunded deficit outlasts the model's tolerance."""
    rescue.viability(model)
