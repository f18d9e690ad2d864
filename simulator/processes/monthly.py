"""Monthly phases: offers (4), citizens (5), money (6), viability (7)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np

from simulator.accounting import FACILITY, Transfer
from simulator.agents.facility import PAYEES, WEEKS_PER_MONTH
from simulator.financing.base import MonthState
from simulator.rules import awareness, giving, visiting, volunteering


def offers(model) -> None:
    """Phase 4: members and volunteers book room-hours; the rest is open time for visitors."""
    facility, c = model.facility, model.citizens
    capacity = facility.capacity_room_hours()
    provider_hours = (
        sum(p.spec.offer_hours_per_week for p in model.member_providers()) * WEEKS_PER_MONTH
    )
    volunteer_hours = float(c.volunteer_hours.sum()) * WEEKS_PER_MONTH
    volunteer_offers = volunteer_hours * model.spec.citizens.volunteering.offer_share_of_hours
    booked = min(
        capacity, provider_hours + volunteer_offers + facility.spec.base_booking_share * capacity
    )
    model.month_ctx = {"capacity": capacity, "booked": booked, "volunteer_hours": volunteer_hours}


def citizens(model) -> None:
    """Phase 5: awareness spreads, residents visit, volunteers join or quit, donors give."""
    c, p, ctx = model.citizens, model.spec.citizens, model.month_ctx
    platform = model.spec.facility.platform
    base = p.awareness_base_per_month + (
        platform.awareness_gain_per_month if platform.enabled else 0.0
    )
    c.aware = awareness.update_awareness(
        c.aware,
        c.attachment,
        c.district,
        model.visitor_share_by_district,
        base,
        p.word_of_mouth_per_month,
        p.forgetting_per_month,
        model.rng,
    )
    visited = _visits(model)
    multiplier = model.organisation.engagement_multiplier
    matching = 1.0 + (platform.matching_gain_share if platform.enabled else 0.0)
    join = volunteering.join_chance(
        model.engagement_rate,
        c.aware,
        c.attachment,
        p.volunteering.facility_share,
        multiplier * matching,
    )
    c.volunteer, c.volunteer_hours = volunteering.update_volunteers(
        c.volunteer,
        c.volunteer_hours,
        join,
        p.volunteering.quit_per_month,
        p.volunteering,
        model.rng,
    )
    g = p.giving
    chance = giving.donation_chance(
        c.age, c.aware, c.attachment, g.donor_probability_per_year, g.local_share, multiplier
    )
    ctx["expected_donations"] = float(chance.sum()) * g.donations_per_donor_year
    ctx["engaged"] = np.count_nonzero(c.member | c.volunteer | (c.attachment > 0.5))
    ctx["visited"] = visited


def _visits(model) -> np.ndarray:
    """Who visits this month, after fees and crowding; updates attachment and the visit counters."""
    c, p, ctx = model.citizens, model.spec.citizens, model.month_ctx
    factor = _fee_factor(model)
    chance = visiting.visit_chance(
        model.static_visit_chance, c.aware, c.attachment, p.attachment_visit_boost, factor
    )
    capacity_visits = ctx["capacity"] * model.spec.facility.persons_per_room_hour
    crowding = visiting.crowding_factor(
        float(chance.sum()) * p.visits_per_visitor_month, capacity_visits
    )
    visited = visiting.decide_visits(chance * crowding, model.rng)
    c.attachment = visiting.update_attachment(
        c.attachment, visited, p.attachment_gain, p.attachment_decay_per_month
    )
    # One more month since the last visit (counting stops at 999 = never), zero for visitors.
    months = c.months_since_visit
    c.months_since_visit = (months + (months < 999)) * ~visited
    counts = np.bincount(c.district[visited], minlength=model.n_districts)
    model.visitor_share_by_district = counts / np.maximum(model.district_sizes, 1)
    ctx["visits"] = float(np.count_nonzero(visited)) * p.visits_per_visitor_month
    low_income_visitors = np.count_nonzero(visited & c.low_income)
    ctx["visits_low_income"] = float(low_income_visitors) * p.visits_per_visitor_month
    # Visitors come to the booked offers first; only visits beyond what they hold need open rooms.
    visit_hours = ctx["visits"] / model.spec.facility.persons_per_room_hour
    ctx["booked"] = min(ctx["capacity"], max(ctx["booked"], visit_hours))
    return visited


def _fee_factor(model):
    """The fee factor of each resident; computed for the two fee groups, then spread.

    Fees depend only on the low-income flag, so the rule runs on two values instead of one per
    resident; without fees the factor is exactly 1 (a float64 one keeps the chances in float64).
    """
    p = model.spec.citizens
    regular, low_income = _fee_factor_by_group(
        model.fee_per_visit, p.fee_elasticity, p.fee_elasticity_low_income_factor
    )
    if regular == low_income:
        return regular
    return np.where(model.citizens.low_income, low_income, regular)


@cache
def _fee_factor_by_group(fees: tuple, elasticity: float, low_income_factor: float) -> tuple:
    """The visiting rule's fee factor for a regular and a low-income resident (fixed per run)."""
    groups = np.array([False, True])
    by_group = visiting.fee_factor(groups, np.array(fees), elasticity, low_income_factor)
    return by_group[0], by_group[1]


def money(model) -> None:
    """Phase 6: costs accrue, every instrument decides on the same state, then all transfers are booked."""
    facility, ctx = model.facility, model.month_ctx
    staff_hours = facility.staff_hours(model.year_index)
    replaced = sum(
        i.replaced_staff_hours(ctx["volunteer_hours"], staff_hours) for i in model.instruments
    )
    replaced = min(replaced, staff_hours)
    costs = facility.monthly_costs(
        model.month_index,
        model.year_index,
        model.month,
        replaced,
        model.organisation.coordination_eur_per_year,
    )
    state = month_state(model, costs, staff_hours)
    in_kind = sum(i.in_kind_cost(state) for i in model.instruments)
    if in_kind > 0:
        state = replace(state, costs={**costs, "volunteer_work": in_kind})
    rented = sum(i.rented_room_hours(state.idle_room_hours) for i in model.instruments)
    ctx["booked"] = min(ctx["capacity"], ctx["booked"] + rented)
    transfers = [t for i in model.instruments for t in i.transfers(state, model.rng)]
    transfers += setup_financing(model, state)
    model.ledger.book_all(model.month_index, transfers)
    for item, amount in state.costs.items():
        model.ledger.book(model.month_index, Transfer(FACILITY, payee(model, item), item, amount))
    if facility.reserves < 0:  # settlement: deficit-cover grants decide on the same shortfall
        shortfall = -facility.reserves
        covers = [t for i in model.instruments for t in i.cover_shortfall(shortfall, state)]
        model.ledger.book_all(model.month_index, covers)
    if facility.reserves < 0:  # then the organisation's payer of last resort
        model.ledger.book_all(
            model.month_index, model.organisation.cover_deficit(-facility.reserves, model)
        )
    ctx["costs"] = state.costs


def month_state(model, costs: dict, staff_hours: float) -> MonthState:
    """Snapshot of everything payers decide on this month."""
    c, ctx = model.citizens, model.month_ctx
    members = model.member_providers()
    company = model.housing_company
    return MonthState(
        year=model.year,
        month=model.month,
        year_index=model.year_index,
        costs=costs,
        reserves_eur=model.facility.reserves,
        population=len(c),
        visits=ctx["visits"],
        visits_low_income=ctx["visits_low_income"],
        members=np.count_nonzero(c.member),
        members_low_income=np.count_nonzero(c.member & c.low_income),
        volunteer_hours=ctx["volunteer_hours"],
        engaged=ctx["engaged"],
        expected_donations=ctx["expected_donations"],
        donation_eur=model.spec.citizens.giving.donation_eur,
        idle_room_hours=max(0.0, ctx["capacity"] - ctx["booked"]),
        grant_factor=model.municipality.grant_factor,
        municipality_can_cofinance=model.municipality.grant_factor > 0,
        provider_shares=model.organisation.cost_split(members),
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
