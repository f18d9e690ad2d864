"""The municipality runs the facility itself and covers its deficit."""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.organisation.base import OrganisationModel, OrganisationView, last_resort_transfer


class Municipal(OrganisationModel):
    """Classic municipal community centre (the reference case).

    Operator: the municipality, with its own staff.
    Decides: the council, each January: it closes the centre when political support falls below
    its threshold (``municipality.support_threshold``).
    Cost split: none needed; member providers book rooms and pay only if the mix has a
    ``provider_cost_share`` (then by the scenario's key).
    Deficit: tolerance 0 months; payer of last resort is the municipality, which covers any
    shortfall in full (times ``last_resort_share``) while the council supports the centre —
    even when HSK cuts its grants, because it must pay its own bills.
    Coordination cost: none beyond the staff.
    Engagement: multiplier 1.0, the reference level (assumption: residents give least time and
    money to a service run by the town hall; the other models are stated relative to it).
    """

    key = "municipal"
    operator = "municipality"
    decider = "council"
    last_resort = "municipality"

    def cover_deficit(self, shortfall: float, view: OrganisationView) -> list[Transfer]:
        """The municipality tops up the reserve while the council supports the centre."""
        if view.grant_factor <= 0:
            return []
        amount = shortfall * self.spec.last_resort_share
        return last_resort_transfer("municipality", "deficit cover (operator)", amount)

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """The council keeps its centre while support is above the threshold."""
        if view.grant_factor <= 0:
            return False, "council support below threshold"
        return True, "council supports it"
