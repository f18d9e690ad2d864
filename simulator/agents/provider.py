"""A social provider (freier Träger) that may use and co-finance the facility."""

from __future__ import annotations

import mesa

from simulator.agents.stakeholder import decision_label, logit_choice, main_reason

EUR_SCALE = 10_000.0  # utility units are per 10,000 EUR


class Provider(mesa.Agent):
    """Decides each January to join, stay in or leave the cooperation (DeWaK stakeholder analysis).

    Utility of membership relative to renting alone: money saved (rent elsewhere minus what it
    paid into the facility), reach of its target group, visibility of the facility, minus the
    autonomy it gives up; each times its preference weight. Logit choice with inertia.
    """

    def __init__(self, model, spec):
        super().__init__(model)
        self.spec = spec
        self.member = spec.member_at_start
        self.paid_last_year = 0.0

    def decide(
        self, year: int, reach: dict[str, float], visits_per_resident: float, open_: bool
    ) -> dict:
        """Choose membership for the coming year; return the stakeholder record."""
        w = self.spec.weights
        paid = self.paid_last_year if self.member else self._expected_cost()
        components = {
            "cost": w.cost * (self.spec.rent_elsewhere_eur_per_month * 12.0 - paid) / EUR_SCALE,
            "autonomy": -w.autonomy,
            "reach": w.reach * 5.0 * reach.get(self.spec.target_group, reach.get("all", 0.0)),
            "visibility": w.visibility * min(2.0, 5.0 * visits_per_resident),
        }
        utility = sum(components.values())
        was = self.member
        if open_:
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
            "reason": main_reason(components),
        }

    def _expected_cost(self) -> float:
        members = [p.spec for p in self.model.member_providers()]
        shares = self.model.organisation.cost_split([*members, self.spec])
        return shares.get(self.spec.id, 0.0) * self.model.facility.shared_cost_last_year
