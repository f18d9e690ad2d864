"""Several providers share rooms and administration under a lead provider (Herten's centre)."""

from __future__ import annotations

from simulator.accounting import FACILITY, Transfer
from simulator.organisation.base import OrganisationModel

MIN_MEMBERS = 2


class ProviderNetwork(OrganisationModel):
    """A network (Trägerverbund) of providers runs a shared centre.

    Operator: the lead provider on behalf of the members. Decides: each member provider for
    itself each January (join, stay, leave); the network continues while at least two members
    remain. Cost split: by the scenario's key — room-hours booked, equal, or staff headcount.
    Deficit: members cover it by the same key, each up to its monthly budget; tolerance
    6 months. Coordination cost: 5,000 EUR/year (assumption: network meetings, shared admin).
    Engagement multiplier 1.1 (assumption: several providers bring their own volunteers).
    """

    key = "provider_network"
    operator = "lead provider for the network"
    decider = "each member provider"
    last_resort = "member providers by key"
    default_tolerance_months = 6
    default_coordination_eur_per_year = 5000.0
    default_engagement_multiplier = 1.1

    def cover_deficit(self, shortfall: float, model) -> list[Transfer]:
        """Members pay the shortfall by the cost-split key, each within its monthly budget."""
        members = model.member_providers()
        out = []
        for provider_id, share in self.cost_split(members).items():
            budget = model.provider(provider_id).spec.budget_eur_per_year / 12.0
            amount = min(shortfall * self.spec.last_resort_share * share, budget)
            out.append(
                Transfer(f"provider:{provider_id}", FACILITY, "deficit cover (members)", amount)
            )
        return [t for t in out if t.amount_eur > 0]

    def continues(self, model) -> tuple[bool, str]:
        """The network needs at least two members."""
        n = len(model.member_providers())
        if n < MIN_MEMBERS:
            return False, f"only {n} member provider(s) left"
        return True, f"{n} member providers"
