"""Phases 4-5, the use of the facility: offers fill its rooms, residents learn of it, visit, volunteer and give."""

from __future__ import annotations

from functools import cache

import numpy as np

from simulator.agents.facility import WEEKS_PER_MONTH
from simulator.processes.flow import Offers, Use
from simulator.rules import awareness, giving, visiting, volunteering
from simulator.rules import offers as offer_rules


def offers(model) -> Offers:
    """Phase 4: staff and volunteers open the house, providers and volunteer-led groups offer hours.

    Everything is read from the facility's current state (its open hours and staff, which a
    cost cut lowers) and from this year's member providers.
    """
    facility, c, p = model.facility, model.citizens, model.spec.citizens
    staffing = facility.spec.staffing
    staff_week = facility.staff_hours_per_week(model.year_index)
    volunteer_week = float(c.volunteer_hours.sum())
    open_week, groups_week = staffed_hours(model, staff_week, volunteer_week)
    members = model.member_providers()
    targeted, for_all = offer_rules.provider_hours_by_group(
        [m.spec.target_group for m in members], [m.spec.offer_hours_per_week for m in members]
    )
    general = open_week + groups_week + for_all
    match = offer_rules.match_by_code(
        targeted,
        general,
        p.offer_match.targeted_offer_weight,
        p.offer_match.half_match_hours_per_week,
    )
    capacity = facility.capacity_room_hours()
    offered_week = targeted.sum() + for_all + groups_week + open_week * staffing.open_rooms
    offered = offered_week * WEEKS_PER_MONTH
    return Offers(
        capacity_room_hours=capacity,
        booked_room_hours=min(capacity, offered + facility.spec.base_booking_share * capacity),
        volunteer_hours=volunteer_week * WEEKS_PER_MONTH,
        open_hours_per_week=open_week,
        visit_capacity=offer_rules.visit_capacity(
            offered, capacity, facility.spec.persons_per_room_hour
        ),
        coordination_coverage=coverage(model, staff_week, volunteer_week),
        offer_hours_per_week={
            **dict(zip(offer_rules.GROUPS, targeted.tolist(), strict=True)),
            "all": general,
        },
        match=match,
    )


def staffed_hours(model, staff_week: float, volunteer_week: float) -> tuple[float, float]:
    """Weekly hours the house is open (staff and volunteers on duty) and of volunteer-led groups."""
    v, staffing = model.spec.citizens.volunteering, model.facility.spec.staffing
    open_week = offer_rules.open_hours(
        model.facility.opening_hours_per_week,
        staff_week * staffing.open_share_of_staff_time,
        offer_rules.volunteer_hours_as(
            volunteer_week, v.open_share_of_hours, v.volunteers_per_open_hour
        ),
    )
    groups_week = offer_rules.volunteer_hours_as(
        volunteer_week, v.offer_share_of_hours, v.volunteers_per_group_hour
    )
    return open_week, groups_week


def coverage(model, staff_week: float, volunteer_week: float) -> float:
    """Share of the volunteers' need for coordination met by staff, a volunteer agency and volunteers themselves."""
    v, staffing = model.spec.citizens.volunteering, model.facility.spec.staffing
    hours = (
        staff_week * staffing.coordination_share_of_staff_time
        + staffing.volunteer_agency_hours_per_week
        + volunteer_week * v.self_coordination_share_of_hours
    )
    volunteers = np.count_nonzero(model.citizens.volunteer)
    return volunteering.coordination_coverage(
        hours, volunteers, v.coordination_hours_per_volunteer_week
    )


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
    _volunteer(model, offered.coordination_coverage)
    multiplier = model.organisation.engagement_multiplier
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


def _volunteer(model, covered: float) -> None:
    """Volunteers join (more with the organisation, matching and coordination) or quit (more without coordination)."""
    c, v = model.citizens, model.spec.citizens.volunteering
    platform = model.spec.facility.platform
    matching = 1.0 + (platform.matching_gain_share if platform.enabled else 0.0)
    recruitment = volunteering.recruitment_factor(covered, v.uncoordinated_join_share)
    join = volunteering.join_chance(
        model.engagement_rate,
        c.aware,
        c.attachment,
        v.facility_share,
        model.organisation.engagement_multiplier * matching * recruitment,
    )
    c.volunteer, c.volunteer_hours = volunteering.update_volunteers(
        c.volunteer,
        c.volunteer_hours,
        join,
        volunteering.coordinated_quit_chance(v.quit_per_month, covered, v.uncoordinated_quit_ratio),
        v,
        model.rng,
    )


def _visits(model, offered: Offers) -> tuple[float, float, float]:
    """Who visits this month, after offers, fees and crowding; updates attachment and the visit counters.

    Returns the visits, those by low-income residents, and the booked room-hours once visitors
    who need open rooms are counted.
    """
    c, p = model.citizens, model.spec.citizens
    factor = _fee_factor(model)
    offer_chance = model.static_visit_chance * offered.match[model.group_code]
    chance = visiting.visit_chance(
        offer_chance, c.aware, c.attachment, p.attachment_visit_boost, factor
    )
    crowding = visiting.crowding_factor(
        float(chance.sum()) * p.visits_per_visitor_month, offered.visit_capacity
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
    booked = min(offered.capacity_room_hours, max(offered.booked_room_hours, visit_hours))
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
