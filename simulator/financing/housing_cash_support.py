"""The housing company pays cash support while its social return justifies it."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class HousingCashSupport(Instrument):
    """The housing company pays a twelfth of its yearly support each month while it supports the facility; from the second year on only if last year's social return was at least the required ratio of the support.

    The social return (fewer tenant changes and vacancies, domain_facts §7) is booked by the
    housing company each January from last year's visits (``simulator/agents/housing_company.py``).
    """

    key = "housing_cash_support"
    category = "housing_company"

    def transfers(self, state: MonthState, rng) -> list:
        """This month's support, or nothing."""
        spec = self.spec
        if not state.housing_supports:
            return []
        justified = state.year_index == 0 or (
            state.housing_social_return_eur_per_year >= spec.min_return_ratio * spec.eur_per_year
        )
        return pay("housing_company", "cash support", spec.eur_per_year / 12.0) if justified else []
