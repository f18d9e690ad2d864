"""Phases 6-7, the money: costs accrue, instruments pay, deficits are covered, the facility closes or goes on."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from simulator.accounting import FACILITY, Transfer
from simulator.agents.facility import PAYEES
from simulator.financing.base import MonthState
from simulator.processes.flow import Money, Offers, Use
from simulator.processes.views import organisation_view


def money(model, offered: Offers, used: Use) -> Money:
    """Phase 6: costs accrue, every instrument decides on the same state, then all transfers are booked."""
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
    state = month_state(model, offered, used, costs, staff_hours)
    in_kind = sum(i.in_kind_cost(state) for i in can.brings_in_kind)
    if in_kind > 0:
        state = replace(state, costs={**costs, "volunteer_work": in_kind})
    rented = sum(i.rented_room_hours(state.idle_room_hours) for i in can.rents_rooms)
    booked = min(offered.capacity_room_hours, used.booked_room_hours + rented)
    transfers = [t for i in model.instruments for t in i.transfers(state, model.rng)]
    transfers += setup_financing(model, state)
    model.ledger.book_all(model.month_index, transfers)
    for item, amount in state.costs.items():
        model.ledger.book(model.month_index, Transfer(FACILITY, payee(model, item), item, amount))
    if facility.reserves < 0:  # settlement: deficit-cover grants decide on the same shortfall
        shortfall = -facility.reserves
        covers = [t for i in can.covers_shortfall for t in i.cover_shortfall(shortfall, state)]
        model.ledger.book_all(model.month_index, covers)
    if facility.reserves < 0:  # then the organisation's payer of last resort
        view = organisation_view(model)
        model.ledger.book_all(
            model.month_index, model.organisation.cover_deficit(-facility.reserves, view)
        )
    return Money(costs=state.costs, booked_room_hours=booked)


def month_state(model, offered: Offers, used: Use, costs: dict, staff_hours: float) -> MonthState:
    """Snapshot of everything payers decide on this month."""
    c = model.citizens
    members = model.member_providers()
    company = model.housing_company
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
        provider_budgets={p.spec.id: p.spec.budget_eur_per_year / 12.0 for p in members},
        housing_supports=company is not None and company.member,
        housing_is_landlord=company is not None and company.spec.is_landlord,
        housing_social_return_eur_per_year=company.social_return_last_year if company else 0.0,
        staff_hours=staff_hours,
    )


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
        Transfer("programme:urban_development", FACILITY, "set-up grant", grant),
        Transfer("housing_company", FACILITY, "set-up share", housing),
        Transfer("municipality", FACILITY, "set-up own share", own),
    ]
    return [t for t in out if t.amount_eur > 0]


def payee(model, item: str) -> str:
    """Who receives a cost item's money (the housing company collects rent when it is landlord)."""
    company = model.housing_company
    if item == "rent" and company is not None and company.spec.is_landlord:
        return "housing_company"
    return PAYEES.get(item, "suppliers")


def viability(model) -> None:
    """Phase 7: the facility closes when reserves stay negative beyond the model's tolerance."""
    model.facility.check_viability(model.year, model.organisation.tolerance_months)
