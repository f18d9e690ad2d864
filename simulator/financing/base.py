"""What every financing instrument sees (the month's state) and the shape of an instrument.

The money phase (``simulator/processes/money.py``) runs in two rounds, both decide-then-apply:

1. every instrument's :meth:`Instrument.transfers` decides on the same :class:`MonthState`,
   then all transfers and the month's costs are booked;
2. if the reserves are negative, every instrument's :meth:`Instrument.cover_shortfall` decides
   on the same shortfall (a municipal grant in ``deficit_cover`` mode), then the organisation
   model's payer of last resort covers what is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulator.accounting import FACILITY, Transfer


@dataclass(frozen=True)
class MonthState:
    """The state all payers decide on in one month (decide-then-apply); money in EUR."""

    year: int
    month: int  # 1..12
    year_index: int  # years since the start
    costs: dict[str, float]  # this month's cost items, EUR
    reserves_eur: float  # the facility's reserves before this month's transfers
    population: int  # residents of the town
    visits: float  # visits this month
    visits_low_income: float = 0.0  # of which by low-income residents
    members: int = 0  # residents who are members (association, cooperative)
    members_low_income: int = 0
    volunteer_hours: float = 0.0  # this month's volunteer hours
    engaged: int = 0  # members + volunteers + attached residents
    expected_donations: float = 0.0  # residents' expected donations this month (before boosts)
    donation_eur: float = 35.0  # amount per donation
    idle_room_hours: float = 0.0  # room-hours nobody booked this month
    grant_factor: float = 1.0  # municipality's decision: 0 stopped, <1 cut under HSK
    municipality_can_cofinance: bool = True
    provider_shares: dict[str, float] = field(default_factory=dict)  # member id -> cost-split share
    provider_budgets: dict[str, float] = field(default_factory=dict)  # member id -> EUR per month
    housing_supports: bool = False  # the housing company supports the facility this year
    housing_is_landlord: bool = False  # the housing company owns the facility's rooms
    housing_social_return_eur_per_year: float = 0.0  # its social return booked last January
    staff_hours: float = 0.0  # paid staff hours this month before volunteers replace some

    @property
    def total_cost(self) -> float:
        """All of this month's costs."""
        return sum(self.costs.values())

    def cost_of(self, *items: str) -> float:
        """The sum of the named cost items."""
        return sum(self.costs.get(i, 0.0) for i in items)


class Instrument:
    """A financing instrument: given this month's state, return the transfers it makes.

    Subclasses set ``key`` (the registry key and the scenario's ``instrument`` value) and
    ``category`` (the payer category of its money in the cost shares) and implement
    :meth:`transfers`. The optional hooks let an instrument act on demand, capacity, staff
    and deficits; the defaults do nothing.
    """

    key = ""
    category = ""  # payer category it belongs to (simulator.accounting.CATEGORIES)

    def __init__(self, spec):
        self.spec = spec

    def transfers(self, state: MonthState, rng: np.random.Generator) -> list[Transfer]:
        """Return this month's transfers (to or from the facility)."""
        raise NotImplementedError

    def cover_shortfall(self, shortfall_eur: float, state: MonthState) -> list[Transfer]:
        """Transfers towards negative reserves after the month's booking (deficit cover only)."""
        return []

    def fee_per_visit(self, low_income: bool) -> float:
        """Fee a visitor pays per visit under this instrument (user fees only)."""
        return 0.0

    def rented_room_hours(self, idle_room_hours: float) -> float:
        """Room-hours this instrument takes from capacity this month (room rental only)."""
        return 0.0

    def in_kind_cost(self, state: MonthState) -> float:
        """Value of in-kind work this instrument brings that the facility uses up this month."""
        return 0.0

    def replaced_staff_hours(self, volunteer_hours: float, staff_hours: float) -> float:
        """Paid staff hours volunteers replace this month (volunteer time only)."""
        return 0.0


def pay(payer: str, purpose: str, amount: float, in_kind: bool = False) -> list[Transfer]:
    """One transfer to the facility, or none if the amount is not positive."""
    return [Transfer(payer, FACILITY, purpose, float(amount), in_kind)] if amount > 0 else []
