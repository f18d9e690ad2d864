"""The municipality runs the facility itself and covers its deficit."""

from __future__ import annotations

from simulator.accounting import FACILITY, Transfer
from simulator.organisation.base import OrganisationModel


class Municipal(OrganisationModel):
    """Classic municipal community centre.

    Operator: the municipality. Decides: the council, each January — it closes the centre when
    political support falls below the threshold. Cost split: none (no member providers pay;
    providers may still book rooms). Deficit: covered in full by the municipality at once
    (tolerance 0 months) while the council supports it. Coordination cost: none beyond staff.
    Engagement: the reference level (multiplier 1.0, assumption: residents give least to a
    service run by the town hall).
    """

    key = "municipal"
    operator = "municipality"
    decider = "council"
    last_resort = "municipality"
    default_tolerance_months = 0
    default_engagement_multiplier = 1.0

    def cover_deficit(self, shortfall: float, model) -> list[Transfer]:
        """The municipality tops up the reserve while the council supports the centre."""
        if model.municipality.grant_factor <= 0:
            return []
        return [
            Transfer(
                "municipality",
                FACILITY,
                "deficit cover (operator)",
                shortfall * self.spec.last_resort_share,
            )
        ]

    def continues(self, model) -> tuple[bool, str]:
        """The council keeps its centre while support is above the threshold."""
        if model.municipality.grant_factor <= 0:
            return False, "council support below threshold"
        return True, "council supports it"
