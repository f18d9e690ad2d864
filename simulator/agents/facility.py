"""The facility: capacity in room-hours, costs in three phases, reserves, open or closed.

Its *current state* — opening hours, paid staff, floor area and rooms, extra offers bought with
a surplus — starts as the scenario plans it and changes only by the operator's decisions in the
rescue sequence (``simulator/processes/rescue.py``): cuts when money is short, restorations and
extra offers when reserves exceed their cap. Every phase that needs open hours, staff or rooms
reads them here.
"""

from __future__ import annotations

from dataclasses import dataclass

import mesa

WEEKS_PER_MONTH = 52.0 / 12.0
PAYEES = {
    "rent": "landlord",
    "running": "suppliers",
    "staff": "staff",
    "materials": "suppliers",
    "platform": "suppliers",
    "coordination": "staff",
    "offers": "suppliers",
    "renewal": "suppliers",
    "setup": "suppliers",
    "volunteer_work": "volunteers",
}
ONE_OFF = ("setup", "renewal")  # cost items outside the monthly operating cost
IN_KIND = ("volunteer_work",)
#: The operator's levers, in the order it cuts them (restored in reverse, rooms excepted).
LEVERS = ("extra_offers", "open_hours", "staff", "floor_area")


@dataclass
class Levels:
    """The facility's current service level relative to the scenario's plan (1 = as planned)."""

    open_hours: float = 1.0  # share of the planned opening hours
    staff: float = 1.0  # share of the planned paid staff
    floor_area: float = 1.0  # share of the planned floor area and rooms kept
    extra_offers_eur_per_month: float = 0.0  # offers bought with reserves above the cap


class Facility(mesa.Agent):
    """Rooms, opening hours, staff and running costs; its levels change by the operator's decisions."""

    def __init__(self, model, spec, viability=None):
        super().__init__(model)
        self.spec = spec
        self.viability = viability  # the scenario's viability section (cuts, reserves)
        self.open = True
        self.levels = Levels()
        self.material_months = 0  # consecutive months with a material unfunded deficit
        self.monthly_cash_cost = 0.0  # this month's operating cost in cash (phase 6), EUR
        self.flow_this_year = 0.0  # regular money in less cost without renewal, this year, EUR
        self.closure_year: int | None = None
        self.closure_reason = ""
        self.closure_step = ""  # "money" (the rescue sequence failed) or "decider"
        self.rescue_steps = ""  # what the rescue sequence did the last time it was needed
        self.rescues: list[tuple[int, str, float]] = []  # rescue grants: year, actor, EUR
        # Last year's use and money, set at each year-end (phase 9), read the next January.
        self.visits_last_year = 0.0
        self.reach_last_year: dict[str, float] = {}  # target group (and "all") -> share reached
        self.shared_cost_last_year = 0.0  # what member providers paid in, EUR

    @property
    def reserves(self) -> float:
        """Reserves are the facility's ledger balance."""
        return self.model.ledger.balances["facility"]

    # --- current state ----------------------------------------------------------------------
    @property
    def opening_hours_per_week(self) -> float:
        """Opening hours now (the plan, less the operator's cuts)."""
        return self.spec.opening_hours_per_week * self.levels.open_hours

    @property
    def rooms(self) -> float:
        """Bookable rooms now (fewer once the operator gave up floor area)."""
        return self.spec.rooms * self.levels.floor_area

    @property
    def floor_area_m2(self) -> float:
        """Floor area now, m²."""
        return self.spec.floor_area_m2 * self.levels.floor_area

    @property
    def extra_offer_hours_per_week(self) -> float:
        """Hours of extra offers a week bought with reserves above the cap."""
        rate = self.viability.reserves.offer_cost_eur_per_hour if self.viability else 35.0
        return self.levels.extra_offers_eur_per_month / (rate * WEEKS_PER_MONTH)

    def capacity_room_hours(self) -> float:
        """Room-hours available this month: rooms x opening hours, plus the platform's booking gain."""
        platform = self.spec.platform
        gain = platform.capacity_gain_share if platform.enabled else 0.0
        return self.rooms * self.opening_hours_per_week * WEEKS_PER_MONTH * (1.0 + gain)

    def planned_staff_fte(self, year_index: int) -> float:
        """Paid staff the scenario plans this year (none after a time-limited post ends)."""
        ends = self.spec.staff_years
        return self.spec.staff_fte if ends is None or year_index < ends else 0.0

    def staff_fte(self, year_index: int) -> float:
        """Paid staff this year, after the operator's cuts."""
        return self.planned_staff_fte(year_index) * self.levels.staff

    @property
    def staff_fte_contracted(self) -> float:
        """Paid staff on contract now while the post is funded (the plan, less the operator's cuts).

        Read by the use phases (4-5) every month, with :attr:`opening_hours_per_week`.
        """
        return self.spec.staff_fte * self.levels.staff

    def staff_hours_per_week(self, year_index: int) -> float:
        """Paid staff hours in a week this year."""
        return self.staff_fte(year_index) * self.spec.staff_hours_per_fte_week

    def staff_hours(self, year_index: int) -> float:
        """Paid staff hours in a month."""
        return self.staff_hours_per_week(year_index) * WEEKS_PER_MONTH

    # --- costs ------------------------------------------------------------------------------
    def monthly_costs(
        self,
        month_index: int,
        year_index: int,
        month: int,
        replaced_hours: float,
        coordination_per_year: float,
    ) -> dict[str, float]:
        """This month's cost items, EUR (operation every month, setup once, renewal every N years)."""
        s, area = self.spec, self.floor_area_m2
        staff_hours = self.staff_hours(year_index)
        paid_share = 1.0 - (replaced_hours / staff_hours if staff_hours > 0 else 0.0)
        hours_share = self.viability.cuts.running_cost_hours_share if self.viability else 0.0
        running = area * s.running_cost_eur_per_m2_month
        costs = {
            "rent": area * s.rent_eur_per_m2_month,
            "running": running * (1.0 - hours_share * (1.0 - self.levels.open_hours)),
            "staff": self.staff_fte(year_index) * s.staff_cost_eur_per_fte_year / 12.0 * paid_share,
            "materials": s.materials_eur_per_year / 12.0,
            "platform": s.platform.cost_eur_per_year / 12.0 if s.platform.enabled else 0.0,
            "coordination": coordination_per_year / 12.0,
        }
        if self.levels.extra_offers_eur_per_month > 0:
            costs["offers"] = self.levels.extra_offers_eur_per_month
        if month_index == 0:
            costs["setup"] = s.setup_cost_eur + (
                s.platform.setup_eur if s.platform.enabled else 0.0
            )
        if month == 1 and year_index > 0 and year_index % s.renewal_interval_years == 0:
            costs["renewal"] = area * s.renewal_cost_eur_per_m2
        return costs

    def close_year(self, visits: float, reach: dict[str, float], paid_by: dict[str, float]) -> None:
        """Keep this year's visits, reach and the providers' payments for next January's decisions."""
        self.visits_last_year = visits
        self.reach_last_year = reach
        self.shared_cost_last_year = sum(v for k, v in paid_by.items() if k.startswith("provider:"))

    def close(self, year: int, reason: str, step: str = "decider") -> None:
        """Close the facility for good, naming the reason and the step that failed."""
        if self.open:
            self.open, self.closure_year, self.closure_reason = False, year, reason
            self.closure_step = step
