"""Phases 4-5, the use of the facility: offers fill its rooms, residents learn of it, visit, volunteer and give."""

from __future__ import annotations

from functools import cache

import numpy as np

from simulator.agents.facility import WEEKS_PER_MONTH
from simulator.processes.flow import Offers, Use
from simulator.rules import awareness, giving, visiting, volunteering


def offers(model) -> Offers:
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
    return Offers(capacity, booked, volunteer_hours)


def citizens(model, offered: Offers) -> Use:
    """Phase 5: awareness spreads, residents visit, volunteers join or quit, donors give."""
    c, p = model.citizens, model.spec.citizens
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
    visits, visits_low_income, booked = _visits(model, offered)
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
        c.age,
        c.aware,
        c.attachment,
        g.donor_probability_per_year,
        g.local_share,
        multiplier,
        model.spec.ages.adult_from,
    )
    return Use(
        visits=visits,
        visits_low_income=visits_low_income,
        expected_donations=float(chance.sum()) * g.donations_per_donor_year,
        engaged=np.count_nonzero(c.member | c.volunteer | (c.attachment > 0.5)),
        booked_room_hours=booked,
    )


def _visits(model, offered: Offers) -> tuple[float, float, float]:
    """Who visits this month, after fees and crowding; updates attachment and the visit counters.

    Returns the visits, those by low-income residents, and the booked room-hours once visitors
    who need open rooms are counted.
    """
    c, p = model.citizens, model.spec.citizens
    factor = _fee_factor(model)
    chance = visiting.visit_chance(
        model.static_visit_chance, c.aware, c.attachment, p.attachment_visit_boost, factor
    )
    capacity = offered.capacity_room_hours
    capacity_visits = capacity * model.spec.facility.persons_per_room_hour
    crowding = visiting.crowding_factor(
        float(chance.sum()) * p.visits_per_visitor_month, capacity_visits
    )
    visited = visiting.decide_visits(chance * crowding, model.rng)
    c.attachment = visiting.update_attachment(
        c.attachment, visited, p.attachment_gain, p.attachment_decay_per_month
    )
    c.months_since_visit = visiting.months_since_visit(c.months_since_visit, visited)
    counts = np.bincount(c.district[visited], minlength=model.n_districts)
    model.visitor_share_by_district = counts / np.maximum(model.district_sizes, 1)
    visits = float(np.count_nonzero(visited)) * p.visits_per_visitor_month
    low_income_visitors = np.count_nonzero(visited & c.low_income)
    visits_low_income = float(low_income_visitors) * p.visits_per_visitor_month
    # Visitors come to the booked offers first; only visits beyond what they hold need open rooms.
    visit_hours = visits / model.spec.facility.persons_per_room_hour
    booked = min(capacity, max(offered.booked_room_hours, visit_hours))
    return visits, visits_low_income, booked


def closed_month(model) -> None:
    """A month the facility is closed: nobody visits, so every resident's last visit recedes."""
    c = model.citizens
    c.months_since_visit = visiting.months_since_visit(c.months_since_visit, None)
    model.visitor_share_by_district = np.zeros(model.n_districts)


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
