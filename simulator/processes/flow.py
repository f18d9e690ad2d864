"""The typed records the phases hand on: within a month (4 → 5 → 6 → 8) and at the year-end (9).

Data flows one way. Each phase reads the model's agents and the records handed to it and returns
its own record; the month's records become one :class:`MonthRecord`, December's twelve of them
one :class:`YearEnd`. The recorder (``simulator/records.py``) only reads these records; what a
phase needs from last year lives on the agent that owns it (the facility's visits, reach and
shared cost, each payer's payments, the municipality's accounts), set at the year-end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.accounting import YearMoney
from simulator.agents.facility import Levels
from simulator.population.dynamics import Flows  # phase 1's record


@dataclass(frozen=True)
class Offers:
    """Phase 4: the month's room-hours, what is offered in them, and how volunteers are coordinated."""

    capacity_room_hours: float
    booked_room_hours: float  # provider offers, volunteer-led groups, open rooms, regular groups
    volunteer_hours: float  # all volunteers' hours this month
    open_hours_per_week: float  # hours staff and volunteers keep the house open to visitors
    visit_capacity: float  # visits the offers and the open rooms can take this month
    coordination_coverage: float  # share of the volunteers' need for coordination that is met
    offer_hours_per_week: dict[str, float]  # by target group; "all": open to everyone
    match: np.ndarray  # offer match (0..1) of each target-group code (``rules.offers``)


@dataclass(frozen=True)
class Use:
    """Phase 5: what residents did this month: visits, engagement, expected giving."""

    visits: float
    visits_low_income: float
    expected_donations: float  # residents' expected donations this month (before boosts)
    engaged: int  # members + volunteers + attached residents
    booked_room_hours: float  # the offers' bookings, raised to the room-hours visitors need


@dataclass(frozen=True)
class Money:
    """Phase 6: the month's cost items (with in-kind work) and the bookings after room rental."""

    costs: dict[str, float]
    booked_room_hours: float


@dataclass(frozen=True)
class Decision:
    """One decision of an actor in the rescue sequence or the reserve policy, with its reason.

    ``kind``: ``last_resort``, ``rescue_grant``, ``cut_<lever>``, ``restore_<lever>``,
    ``extra_offers``, ``trim_offers``, ``grant_reduced`` or ``close``; ``amount_eur`` is the
    money it moved (a grant) or the monthly cost it changed (a cut, a restoration).
    """

    month_index: int
    year: int
    month: int
    actor: str
    kind: str
    amount_eur: float
    reason: str

    def row(self) -> dict:
        """The decisions table's row."""
        return dict(vars(self))


@dataclass(frozen=True)
class MonthRecord:
    """Phase 8: one row of the monthly table (a month the facility ends closed counts as closed)."""

    month_index: int
    year: int
    month: int
    facility_open: bool
    visits: float
    utilisation: float
    open_hours_per_week: float
    volunteers: int
    volunteer_hours: float
    members: int
    facility_reserves_eur: float
    cost_eur: float
    population: int

    def row(self) -> dict:
        """The monthly table's row (its fields in order; ``dataclasses.asdict`` is 50x slower)."""
        return dict(vars(self))


@dataclass(frozen=True)
class YearEnd:
    """Phase 9 (December): the facility's year, what each payer gave, the town's population.

    ``municipal`` holds the municipality's annual columns after it closed this budget year.
    """

    year: int
    flows: Flows
    stats: dict  # population head counts (``simulator.population.stats``), with ``by_age``
    age_bands: dict[str, int]  # residents per 5-year band and sex: pop_m_00 ... pop_f_90
    visits: float
    utilisation: float  # mean over the months the facility was open
    open_hours_per_week: float  # mean over the months the facility was open
    volunteers: float  # mean over the months the facility was open
    members: int  # resident members in December
    cost_eur: float
    reach: dict[
        str, float
    ]  # share of each target group, "all" and "tenants" who visited in 12 months
    money: YearMoney  # money into and out of the facility this year (by payer, kind, phase)
    budget_paid: dict[str, float]  # cash each budgeted payer gave this year (the budget rule)
    budgets: dict[str, float]  # each budgeted payer's yearly budget
    levels: Levels  # the facility's service level at the year's end (cuts, extra offers)
    decisions: list  # this year's Decisions
    facility_open: bool
    facility_reserves_eur: float
    member_providers: int
    housing_company_supports: bool
    housing_social_return_eur: float  # booked this year from its tenants reached
    municipal: dict = field(default_factory=dict)


def month_record(
    model, offered: Offers | None, used: Use | None, paid: Money | None
) -> MonthRecord:
    """The month's row from the phases' records (``None``: the facility was closed this month)."""
    c = model.citizens
    opened = paid is not None and model.facility.open
    capacity = offered.capacity_room_hours if opened else 0.0
    return MonthRecord(
        month_index=model.month_index,
        year=model.year,
        month=model.month,
        facility_open=opened,
        visits=used.visits if opened else 0.0,
        utilisation=paid.booked_room_hours / capacity if opened and capacity > 0 else 0.0,
        open_hours_per_week=offered.open_hours_per_week if opened else 0.0,
        volunteers=int(c.volunteer.sum()) if opened else 0,
        volunteer_hours=offered.volunteer_hours if opened else 0.0,
        members=int(c.member.sum()),
        facility_reserves_eur=model.facility.reserves,
        cost_eur=sum(paid.costs.values()) if opened else 0,
        population=len(c),
    )


def share_of(visited: np.ndarray, mask: np.ndarray) -> float:
    """Share of a target group that visited (0 for an empty group)."""
    members = np.count_nonzero(mask)
    return np.count_nonzero(visited & mask) / members if members else 0.0
