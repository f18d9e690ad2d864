"""A residents' association (e.V.) runs the meeting point with volunteers (Grundschöttel)."""

from __future__ import annotations

from simulator.organisation.base import OrganisationModel, OrganisationView

MIN_MEMBERS = 7  # § 56 BGB: an association should be founded by at least seven members


class CitizenAssociation(OrganisationModel):
    """Residents' association with volunteers, supported by the housing company and the town.

    Operator: the association's volunteer board.
    Decides: the members' assembly; the association goes on while it has at least 7 members
    (§ 56 BGB founding minimum).
    Cost split: by the scenario's key if member providers pay a ``provider_cost_share``
    (providers are usually guests).
    Deficit: tolerance 3 months; no payer of last resort — the association has only its own
    reserves; the housing company and the town support it through instruments in the mix.
    Coordination cost: none (volunteer board).
    Engagement: multiplier 1.5 (assumption, informed by Treff Waschhaus Bremen, domain_facts §5:
    over half of >80 members active): owning the place makes residents volunteer, join and
    give more than users of a municipal centre.
    """

    key = "citizen_association"
    operator = "residents' association"
    decider = "members' assembly"
    last_resort = ""
    has_membership = True

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """The association needs at least seven members."""
        n = view.resident_members
        if n < MIN_MEMBERS:
            return False, f"only {n} members left"
        return True, f"{n} members"
