"""Members of an association or cooperative pay a yearly fee in January."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class MembershipFees(Instrument):
    """Every member pays the yearly fee in January; low-income members pay the reduced fee."""

    key = "membership_fees"
    category = "citizens"

    def transfers(self, state: MonthState, rng) -> list:
        """January's fees, nothing in other months."""
        if state.month != 1:
            return []
        full = (state.members - state.members_low_income) * self.spec.fee_eur_per_year
        reduced = state.members_low_income * self.spec.reduced_fee_low_income_eur_per_year
        return pay("citizens", "membership fees", full + reduced)
