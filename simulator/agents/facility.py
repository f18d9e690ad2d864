"""The facility: capacity in room-hours, costs in three phases, reserves, open or closed."""

from __future__ import annotations

import mesa

WEEKS_PER_MONTH = 52.0 / 12.0
PAYEES = {
    "rent": "landlord",
    "running": "suppliers",
    "staff": "staff",
    "materials": "suppliers",
    "platform": "suppliers",
    "coordination": "staff",
    "renewal": "suppliers",
    "setup": "suppliers",
    "volunteer_work": "volunteers",
}


class Facility(mesa.Agent):
    """Rooms, opening hours, staff and running costs; closes when reserves stay negative too long."""

    def __init__(self, model, spec):
        super().__init__(model)
        self.spec = spec
        self.open = True
        self.months_negative = 0
        self.closure_year: int | None = None
        self.closure_reason = ""
        # Current operation, read by the use phases (4-5) every month; a cost cut lowers them.
        self.opening_hours_per_week = spec.opening_hours_per_week  # the building's open hours
        self.staff_fte_contracted = spec.staff_fte  # paid staff while the post is funded
        # Last year's use and money, set at each year-end (phase 9), read the next January.
        self.visits_last_year = 0.0
        self.reach_last_year: dict[str, float] = {}  # target group (and "all") -> share reached
        self.shared_cost_last_year = 0.0  # what member providers paid in, EUR

    @property
    def reserves(self) -> float:
        """Reserves are the facility's ledger balance."""
        return self.model.ledger.balances["facility"]

    def capacity_room_hours(self) -> float:
        """Room-hours available this month: rooms x opening hours, plus the platform's booking gain."""
        platform = self.spec.platform
        gain = platform.capacity_gain_share if platform.enabled else 0.0
        return self.spec.rooms * self.opening_hours_per_week * WEEKS_PER_MONTH * (1.0 + gain)

    def staff_fte(self, year_index: int) -> float:
        """Paid staff this year (none after a time-limited post ends)."""
        ends = self.spec.staff_years
        return self.staff_fte_contracted if ends is None or year_index < ends else 0.0

    def staff_hours_per_week(self, year_index: int) -> float:
        """Paid staff hours in a week this year."""
        return self.staff_fte(year_index) * self.spec.staff_hours_per_fte_week

    def staff_hours(self, year_index: int) -> float:
        """Paid staff hours in a month."""
        return self.staff_hours_per_week(year_index) * WEEKS_PER_MONTH

    def monthly_costs(
        self,
        month_index: int,
        year_index: int,
        month: int,
        replaced_hours: float,
        coordination_per_year: float,
    ) -> dict[str, float]:
        """This month's cost items, EUR (operation every month, setup once, renewal every N years)."""
        s = self.spec
        staff_hours = self.staff_hours(year_index)
        paid_share = 1.0 - (replaced_hours / staff_hours if staff_hours > 0 else 0.0)
        costs = {
            "rent": s.floor_area_m2 * s.rent_eur_per_m2_month,
            "running": s.floor_area_m2 * s.running_cost_eur_per_m2_month,
            "staff": self.staff_fte(year_index) * s.staff_cost_eur_per_fte_year / 12.0 * paid_share,
            "materials": s.materials_eur_per_year / 12.0,
            "platform": s.platform.cost_eur_per_year / 12.0 if s.platform.enabled else 0.0,
            "coordination": coordination_per_year / 12.0,
        }
        if month_index == 0:
            costs["setup"] = s.setup_cost_eur + (
                s.platform.setup_eur if s.platform.enabled else 0.0
            )
        if month == 1 and year_index > 0 and year_index % s.renewal_interval_years == 0:
            costs["renewal"] = s.floor_area_m2 * s.renewal_cost_eur_per_m2
        return costs

    def close_year(self, visits: float, reach: dict[str, float], paid_by: dict[str, float]) -> None:
        """Keep this year's visits, reach and the providers' payments for next January's decisions."""
        self.visits_last_year = visits
        self.reach_last_year = reach
        self.shared_cost_last_year = sum(v for k, v in paid_by.items() if k.startswith("provider:"))

    def check_viability(self, year: int, tolerance_months: int) -> None:
        """Count months with negative reserves; close once they exceed the tolerance."""
        if not self.open:
            return
        self.months_negative = self.months_negative + 1 if self.reserves < -0.005 else 0
        if self.months_negative > tolerance_months:
            self.close(year, f"reserves negative for {self.months_negative} months")

    def close(self, year: int, reason: str) -> None:
        """Close the facility for good."""
        if self.open:
            self.open, self.closure_year, self.closure_reason = False, year, reason
