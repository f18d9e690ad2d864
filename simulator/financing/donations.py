"""Residents' donations (rates in citizens.giving) and a local sponsor."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class Donations(Instrument):
    """The month's donations are a Poisson draw around the residents' expected donations times the fundraising boost; a sponsor adds a twelfth of its yearly sum."""

    key = "donations"
    category = "citizens"

    def transfers(self, state: MonthState, rng) -> list:
        """Residents' donations plus sponsoring."""
        count = rng.poisson(max(0.0, state.expected_donations * self.spec.engagement_boost))
        return pay("citizens", "donations", count * state.donation_eur) + pay(
            "citizens", "sponsoring", self.spec.sponsor_eur_per_year / 12.0
        )
