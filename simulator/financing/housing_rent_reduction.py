"""The housing company, as landlord, waives part of the rent (in kind) while it supports the facility."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class HousingRentReduction(Instrument):
    """While the housing company supports the facility and owns its rooms, it gives back a share of the rent in kind."""

    key = "housing_rent_reduction"
    category = "housing_company"

    def transfers(self, state: MonthState, rng) -> list:
        """The waived rent, booked as an in-kind contribution."""
        if not (state.housing_supports and state.housing_is_landlord):
            return []
        waived = self.spec.share_of_rent * state.cost_of("rent")
        return pay("housing_company", "rent reduction", waived, in_kind=True)
