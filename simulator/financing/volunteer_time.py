"""Volunteer time as an in-kind contribution, valued at a replacement wage."""

from __future__ import annotations

from simulator.financing.base import BringsInKind, Instrument, MonthState, ReplacesStaff, pay


class VolunteerTime(Instrument, BringsInKind, ReplacesStaff):
    """Every volunteer hour counts at the replacement wage; volunteers replace paid staff hours up to the stated share."""

    key = "volunteer_time"
    category = "volunteers"

    def transfers(self, state: MonthState, rng) -> list:
        """The month's volunteer hours as an in-kind contribution."""
        return pay("volunteers", "volunteer time", self.in_kind_cost(state), in_kind=True)

    def in_kind_cost(self, state: MonthState) -> float:
        """The volunteers' hours valued at the replacement wage (used up as work)."""
        return state.volunteer_hours * self.spec.replacement_wage_eur_per_hour

    def replaced_staff_hours(self, volunteer_hours: float, staff_hours: float) -> float:
        """Paid hours saved: volunteer hours, at most the stated share of staff hours."""
        return min(volunteer_hours, self.spec.max_staff_replacement_share * staff_hours)
