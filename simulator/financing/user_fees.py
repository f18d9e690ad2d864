"""Visitors pay a fee per visit; the visiting rule lowers visits with it, most for low-income residents."""

from __future__ import annotations

from simulator.financing.base import ChargesFees, Instrument, MonthState, pay


class UserFees(Instrument, ChargesFees):
    """Fee-paying visits (a share of all visits, without low-income visits if they are exempt) pay the fee."""

    key = "user_fees"
    category = "citizens"

    def transfers(self, state: MonthState, rng) -> list:
        """This month's fee income."""
        spec = self.spec
        visits = state.visits - (state.visits_low_income if spec.low_income_exempt else 0.0)
        return pay(
            "citizens", "user fees", spec.fee_eur_per_visit * spec.paying_share_of_visits * visits
        )

    def fee_per_visit(self, low_income: bool) -> float:
        """Expected fee per visit that the visiting rule reacts to."""
        if low_income and self.spec.low_income_exempt:
            return 0.0
        return self.spec.fee_eur_per_visit * self.spec.paying_share_of_visits
