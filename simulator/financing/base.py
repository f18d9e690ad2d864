"""What every financing instrument sees (the month's state), the shape of an instrument, and its capabilities.

Every instrument has one job, :meth:`Instrument.transfers`. An instrument that also acts on
demand, capacity, staff, in-kind cost or deficits declares it by inheriting a capability
(a small protocol with one method): :class:`ChargesFees`, :class:`RentsRooms`,
:class:`ReplacesStaff`, :class:`BringsInKind`, :class:`CoversShortfall`,
:class:`FinancesDeficit`. The model sorts its
mix once into :class:`Capabilities`, and the phases ask only the instruments that have one.

The money phase (``simulator/processes/money.py``) runs in two rounds, both decide-then-apply:

1. every instrument's :meth:`Instrument.transfers` decides on the same :class:`MonthState`,
   then all transfers and the month's costs are booked;
2. if the reserves are negative, every :class:`CoversShortfall` instrument decides on the same
   shortfall (a municipal grant in ``deficit_cover`` mode), then the organisation model's
   payer of last resort covers what is left, then the rest of the rescue sequence
   (``simulator/processes/rescue.py``).

Every transfer to the facility passes the budget rule (``simulator.accounting.Budgets``): no
payer with a yearly budget gives more than it in a calendar year, whichever instrument asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

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
    provider_budgets: dict[str, float] = field(default_factory=dict)  # member id -> budget left
    housing_supports: bool = False  # the housing company supports the facility this year
    housing_is_landlord: bool = False  # the housing company owns the facility's rooms
    housing_social_return_eur_per_year: float = 0.0  # its social return booked last January
    staff_hours: float = 0.0  # paid staff hours this month before volunteers replace some
    reserve_excess_eur: float = 0.0  # reserves above the cap (viability.reserves), EUR

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
    ``category`` (the payer category of its money in the cost shares), implement
    :meth:`transfers`, and inherit the capabilities they have (see the module docstring).
    """

    key = ""
    category = ""  # payer category it belongs to (simulator.accounting.CATEGORIES)

    def __init__(self, spec):
        self.spec = spec

    def transfers(self, state: MonthState, rng: np.random.Generator) -> list[Transfer]:
        """Return this month's transfers (to or from the facility)."""
        raise NotImplementedError


@runtime_checkable
class ChargesFees(Protocol):
    """Visitors pay per visit; the visiting rule reacts to the fee (phase 5)."""

    def fee_per_visit(self, low_income: bool) -> float:
        """Expected fee a (low-income or other) visitor pays per visit, EUR."""
        ...


@runtime_checkable
class RentsRooms(Protocol):
    """Third parties take idle room-hours (phase 6)."""

    def rented_room_hours(self, idle_room_hours: float) -> float:
        """Room-hours taken from capacity this month."""
        ...


@runtime_checkable
class ReplacesStaff(Protocol):
    """Volunteers take over paid staff hours, which lowers the staff cost (phase 6)."""

    def replaced_staff_hours(self, volunteer_hours: float, staff_hours: float) -> float:
        """Paid staff hours replaced this month."""
        ...


@runtime_checkable
class BringsInKind(Protocol):
    """In-kind work the facility uses up, booked as a cost item ``volunteer_work`` (phase 6)."""

    def in_kind_cost(self, state: MonthState) -> float:
        """Value of the in-kind work this month, EUR."""
        ...


@runtime_checkable
class FinancesDeficit(Protocol):
    """A funder under deficit financing (Fehlbedarfsfinanzierung) reduces its grant by the reserves above the cap."""

    def reduction_eur(self, state: MonthState) -> float:
        """EUR by which this month's grant is reduced (what :meth:`Instrument.transfers` leaves out)."""
        ...


@runtime_checkable
class CoversShortfall(Protocol):
    """Pays towards negative reserves after the month's booking (phase 6, settlement)."""

    def cover_shortfall(self, shortfall_eur: float, state: MonthState) -> list[Transfer]:
        """Transfers towards the shortfall, all deciding on the same one."""
        ...


@dataclass(frozen=True)
class Capabilities:
    """The instruments of a mix sorted by what they do besides transfers (in mix order)."""

    charges_fees: tuple[ChargesFees, ...] = ()
    rents_rooms: tuple[RentsRooms, ...] = ()
    replaces_staff: tuple[ReplacesStaff, ...] = ()
    brings_in_kind: tuple[BringsInKind, ...] = ()
    covers_shortfall: tuple[CoversShortfall, ...] = ()
    finances_deficit: tuple[FinancesDeficit, ...] = ()

    @classmethod
    def of(cls, instruments: list[Instrument]) -> Capabilities:
        """Sort the mix once, when the model is built."""
        return cls(
            *(
                tuple(i for i in instruments if isinstance(i, protocol))
                for protocol in (
                    ChargesFees,
                    RentsRooms,
                    ReplacesStaff,
                    BringsInKind,
                    CoversShortfall,
                    FinancesDeficit,
                )
            )
        )

    def fee_per_visit(self) -> tuple[float, float]:
        """The expected fee per visit of a regular and of a low-income visitor, EUR."""
        return (
            sum(i.fee_per_visit(False) for i in self.charges_fees),
            sum(i.fee_per_visit(True) for i in self.charges_fees),
        )


def pay(payer: str, purpose: str, amount: float, in_kind: bool = False) -> list[Transfer]:
    """One transfer to the facility, or none if the amount is not positive."""
    return [Transfer(payer, FACILITY, purpose, float(amount), in_kind)] if amount > 0 else []
