"""The housing company: books the social return of neighbourhood work and decides its support."""

from __future__ import annotations

import mesa

from simulator.agents.stakeholder import decision_label, logit_choice, main_reason

EUR_SCALE = 10_000.0


class HousingCompany(mesa.Agent):
    """Books fewer tenant changes and vacancies among its tenants reached as social return (domain_facts §7), weighs it against its yearly contribution, and decides each January whether to keep supporting the facility."""

    def __init__(self, model, spec):
        super().__init__(model)
        self.spec = spec
        self.member = spec.member_at_start
        self.paid_last_year = 0.0
        self.setup_paid_last_year = 0.0  # its one-off share of the set-up, part of paid_last_year
        self.social_return_last_year = 0.0

    def effect(self, tenant_reach: float) -> float:
        """Share of the sourced effect reached: its tenant households reached, against the reach of the full effect.

        A household is reached when one of its residents visited in the year (residents decide
        independently, so ``1 - (1 - tenant_reach) ** persons_per_dwelling``).
        """
        s = self.spec
        households = 1.0 - (1.0 - tenant_reach) ** s.persons_per_dwelling
        return min(1.0, households / s.full_effect_household_reach)

    def book_social_return(self, tenant_reach: float) -> float:
        """Money saved this year by fewer tenant changes and vacancies among its tenants reached, EUR (DF §7)."""
        s = self.spec
        e = self.effect(tenant_reach)
        turnover = (
            (s.turnover_rate_baseline - s.turnover_rate_with_work) * e * s.dwellings_in_quarter
        )
        vacancy = (s.vacancy_rate_baseline - s.vacancy_rate_with_work) * e * s.dwellings_in_quarter
        saved = (
            s.turnover_share * turnover * s.cost_per_tenant_change_eur
            + vacancy * s.rent_eur_per_dwelling_month * 12
        )
        self.social_return_last_year = max(0.0, saved)
        return self.social_return_last_year

    def recurring_paid(self) -> float:
        """What it paid last year apart from its share of the set-up (an investment made once, not a yearly cost)."""
        return max(0.0, self.paid_last_year - self.setup_paid_last_year)

    def decide(self, year: int, visits_per_resident: float, open_: bool) -> dict:
        """Choose whether to support the facility next year; return the stakeholder record."""
        s, w = self.spec, self.spec.weights
        components = {
            "cost": -w.cost * self.recurring_paid() / EUR_SCALE,
            "autonomy": -w.autonomy,
            "reach": 0.0,
            "visibility": w.visibility * min(2.0, 5.0 * visits_per_resident),
            "social_return": s.social_return_weight * self.social_return_last_year / EUR_SCALE,
        }
        utility = sum(components.values())
        was = self.member
        if open_:
            self.member = logit_choice(
                utility, was, s.inertia, s.choice_temperature, self.model.rng.random()
            )
        return {
            "actor": "housing_company",
            "year": year,
            **components,
            "utility": utility,
            "decision": decision_label(was, self.member),
            "reason": main_reason(components),
        }
