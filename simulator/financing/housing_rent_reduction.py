"""The housing company, as landlord, waives part of the rent (in kind) while its social return justifies it."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class HousingRentReduction(Instrument):
    """While the housing company supports the facility and owns its rooms, it gives back a share of the rent in kind; from the second year on only if last year's social return was at least the required ratio of the yearly waived rent.

    The facility still pays the full rent to the housing company (its landlord); the waived part
    comes back as an in-kind contribution, so the company's cost shows in the cost shares.
    """

    key = "housing_rent_reduction"
    category = "housing_company"

    def transfers(self, state: MonthState, rng) -> list:
        """The waived rent, booked as an in-kind contribution, or nothing."""
        if not (state.housing_supports and state.housing_is_landlord):
            return []
        waived = self.spec.share_of_rent * state.cost_of("rent")
        justified = state.year_index == 0 or (
            state.housing_social_return_eur_per_year >= self.spec.min_return_ratio * waived * 12.0
        )
        return pay("housing_company", "rent reduction", waived, in_kind=True) if justified else []
