"""One provider runs the facility with a municipal grant (the subsidiarity default)."""

from __future__ import annotations

from simulator.accounting import FACILITY, Transfer
from simulator.organisation.base import OrganisationModel


class SingleProvider(OrganisationModel):
    """A single welfare provider (freier Träger) operates the facility.

    Operator and decider: the lead provider, which continues while it stays a member. Cost
    split: the lead provider bears the shared costs alone (other members pay by key if any).
    Deficit: the lead provider covers up to half of its monthly budget, then negotiates a
    deficit grant from the municipality, which pays only while the council supports the
    facility; tolerance 6 months. Coordination cost: none. Engagement multiplier 1.0
    (assumption: residents see it as the provider's service).
    """

    key = "single_provider"
    operator = "lead provider"
    decider = "lead provider"
    last_resort = "lead provider, then municipality"
    default_tolerance_months = 6

    def cover_deficit(self, shortfall: float, model) -> list[Transfer]:
        """Lead provider first (up to half its monthly budget), then the municipality."""
        lead = model.lead_provider()
        out, left = [], shortfall * self.spec.last_resort_share
        if lead is not None and lead.member:
            own = min(left, 0.5 * lead.spec.budget_eur_per_year / 12.0)
            out.append(
                Transfer(f"provider:{lead.spec.id}", FACILITY, "deficit cover (operator)", own)
            )
            left -= own
        if left > 0 and model.municipality.grant_factor > 0:
            out.append(Transfer("municipality", FACILITY, "deficit grant (negotiated)", left))
        return [t for t in out if t.amount_eur > 0]

    def continues(self, model) -> tuple[bool, str]:
        """The facility goes on while its lead provider stays."""
        lead = model.lead_provider()
        if lead is None or not lead.member:
            return False, "lead provider left"
        return True, "lead provider stays"
