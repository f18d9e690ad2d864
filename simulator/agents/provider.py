"""A social provider (freier Träger) that may use and co-finance the facility."""

from __future__ import annotations

import mesa

from simulator.agents.stakeholder import decision_label, logit_choice, main_reason

EUR_SCALE = 10_000.0  # utility per 10,000 EUR for a provider without a budget
#: assumption: reaching a fifth of its target group in a year is worth one unit of utility
REACH_SCALE = 5.0


class Provider(mesa.Agent):
    """Decides each January to join, stay in or leave the cooperation (DeWaK stakeholder analysis).

    Utility of membership relative to rooms of its own: the money saved against its budget
    (rent for its own rooms minus what it paid into the facility, over its yearly budget), the
    reach of its target group in the facility (its clients reached), the facility's visibility,
    minus the autonomy it gives up; each times its preference weight. Logit choice with inertia.
    """

    def __init__(self, model, spec):
        super().__init__(model)
        self.spec = spec
        self.member = spec.member_at_start
        self.paid_last_year = 0.0

    def budget_eur(self) -> float:
        """Its yearly budget for rooms and shared costs, EUR."""
        return self.spec.budget_eur_per_year

    def utility(self, reach: dict[str, float], visits_per_resident: float) -> dict[str, float]:
        """The components of its utility of membership: cost against budget, reach, visibility, autonomy."""
        w, spec = self.spec.weights, self.spec
        paid = self.paid_last_year if self.member else self._expected_cost()
        scale = self.budget_eur() if self.budget_eur() > 0 else EUR_SCALE
        clients = reach.get(spec.target_group, reach.get("all", 0.0))
        return {
            "cost": w.cost * (spec.rent_elsewhere_eur_per_month * 12.0 - paid) / scale,
            "autonomy": -w.autonomy,
            "reach": w.reach * REACH_SCALE * clients,
            "visibility": w.visibility * min(2.0, 5.0 * visits_per_resident),
        }

    def decide(
        self, year: int, reach: dict[str, float], visits_per_resident: float, open_: bool
    ) -> dict:
        """Choose membership for the coming year; return the stakeholder record."""
        components = self.utility(reach, visits_per_resident)
        utility = sum(components.values())
        was = self.member
        bound = self.spec.member_at_start and self.model.year_index < self.spec.commitment_years
        if open_ and not bound:
            self.member = logit_choice(
                utility,
                was,
                self.spec.inertia,
                self.spec.choice_temperature,
                self.model.rng.random(),
            )
        return {
            "actor": f"provider:{self.spec.id}",
            "year": year,
            **components,
            "social_return": 0.0,
            "utility": utility,
            "decision": decision_label(was, self.member),
            "reason": f"bound as a founding member for {self.spec.commitment_years} years"
            if bound
            else main_reason(components),
            "bound": bound,
        }

    def _expected_cost(self) -> float:
        members = [p.spec for p in self.model.member_providers()]
        shares = self.model.organisation.cost_split([*members, self.spec])
        return shares.get(self.spec.id, 0.0) * self.model.facility.shared_cost_last_year
