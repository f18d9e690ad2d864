"""Several providers share rooms and administration under a lead provider (Herten's centre)."""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.organisation.base import OrganisationModel, OrganisationView, last_resort_transfer

MIN_MEMBERS = 2  # a network needs at least two members


class ProviderNetwork(OrganisationModel):
    """A network (Trägerverbund) of providers runs a shared centre.

    Operator: the lead provider on behalf of the members.
    Decides: each member provider for itself each January (join, stay, leave, by its
    stakeholder utility: money saved against renting alone, reach, visibility, autonomy); the
    network continues while at least two members remain.
    Cost split: by the scenario's key — room-hours booked, equal, or staff headcount.
    Deficit: tolerance 6 months; payer of last resort is the members, by the same key, each
    within what is left of its yearly budget after its cost share.
    Coordination cost: 5,000 EUR/year (assumption: network meetings, shared administration
    and booking, about 0.07 FTE of a coordinator).
    Engagement: multiplier 1.1 (assumption: several providers bring their own volunteers and
    networks into the house).
    """

    key = "provider_network"
    operator = "lead provider for the network"
    decider = "each member provider"
    last_resort = "member providers by key"

    def cover_deficit(self, shortfall: float, view: OrganisationView) -> list[Transfer]:
        """Members pay the shortfall by the cost-split key, each within what is left of its yearly budget."""
        out = []
        for provider_id, share in self.cost_split(view.member_providers).items():
            payer = view.providers[provider_id]
            amount = min(shortfall * self.spec.last_resort_share * share, payer.budget_left_eur)
            out += last_resort_transfer(payer.account, "deficit cover (members)", amount)
        return out

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """The network needs at least two members."""
        n = len(view.member_providers)
        if n < MIN_MEMBERS:
            return False, f"only {n} member provider(s) left"
        return True, f"{n} member providers"
