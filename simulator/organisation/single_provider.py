"""One provider runs the facility with a municipal grant (the subsidiarity default)."""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.organisation.base import (
    OrganisationModel,
    OrganisationView,
    Payer,
    last_resort_transfer,
)


class SingleProvider(OrganisationModel):
    """A single welfare provider (freier Träger) operates the facility.

    Operator: the lead provider (``organisation.lead_provider``, else the first provider).
    Decides: the lead provider, by its yearly stakeholder choice; the facility closes when it
    leaves.
    Cost split: member providers pay by the scenario's key if the mix has a
    ``provider_cost_share``; the lead provider carries the rest as operator.
    Deficit: tolerance 6 months; the lead provider covers a shortfall from what is left of its
    yearly budget (``budget_eur_per_year`` minus what it paid this calendar year), then negotiates
    a deficit grant for the rest from the municipality, which pays it times its grant factor
    (nothing below the support threshold, cut under HSK like every voluntary grant).
    Coordination cost: none (one organisation).
    Engagement: multiplier 1.0 (assumption: residents see it as the provider's service, as
    they see a municipal centre as the town's).
    """

    key = "single_provider"
    operator = "lead provider"
    decider = "lead provider"
    last_resort = "lead provider, then municipality"

    def lead(self, view: OrganisationView) -> Payer | None:
        """The operating provider: the scenario's ``lead_provider``, else the first provider."""
        if self.spec.lead_provider is not None:
            return view.providers[self.spec.lead_provider]
        return next(iter(view.providers.values()), None)

    def cover_deficit(self, shortfall: float, view: OrganisationView) -> list[Transfer]:
        """Lead provider first (within its yearly budget), then the municipality's negotiated grant."""
        lead = self.lead(view)
        left, out = shortfall * self.spec.last_resort_share, []
        if lead is not None and lead.member:
            own = min(left, lead.budget_left_eur)
            out += last_resort_transfer(lead.account, "deficit cover (operator)", own)
            left -= own
        grant = left * view.grant_factor
        return out + last_resort_transfer("municipality", "deficit grant (negotiated)", grant)

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """The facility goes on while its lead provider stays."""
        lead = self.lead(view)
        if lead is None or not lead.member:
            return False, "lead provider left"
        return True, "lead provider stays"
