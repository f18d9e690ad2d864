"""A social cooperative of citizens and providers (Bürgergenossenschaft)."""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.organisation.base import OrganisationModel, OrganisationView, last_resort_transfer

MIN_MEMBERS = 3  # § 4 GenG: a cooperative needs at least three members


class Cooperative(OrganisationModel):
    """Citizens hold cooperative shares; the members' capital carries deficits.

    Operator: the cooperative's board.
    Decides: the general assembly; it continues while at least 3 members remain (§ 4 GenG).
    Cost split: member providers pay by the scenario's key if the mix has a
    ``provider_cost_share``.
    Deficit: tolerance 6 months; payer of last resort is the members' capital: one share of
    ``member_capital_eur`` per current member (domain_facts §6: 50-500 EUR, 100 EUR typical),
    called in when reserves are negative until it is used up (capital already used is not
    returned; members who leave take their unused share with them).
    Coordination cost: 3,000 EUR/year (assumption: the statutory audit by a cooperative
    federation, § 53 GenG, and the general assembly).
    Engagement: multiplier 1.4 (assumption: members own a stake, slightly less hands-on than an
    e.V.; domain_facts §6 Resse: 126 of 200 attendees pledged shares).
    """

    key = "cooperative"
    operator = "cooperative board"
    decider = "general assembly"
    last_resort = "members' capital"
    has_membership = True

    def __init__(self, spec):
        super().__init__(spec)
        self.capital_used = 0.0

    def capital_available(self, members: int) -> float:
        """Members' capital not yet used to cover deficits, EUR."""
        return max(0.0, members * self.spec.member_capital_eur - self.capital_used)

    def cover_deficit(self, shortfall: float, view: OrganisationView) -> list[Transfer]:
        """Draw on the members' capital that has not been used yet."""
        available = self.capital_available(view.resident_members)
        amount = min(shortfall * self.spec.last_resort_share, available)
        self.capital_used += max(0.0, amount)
        return last_resort_transfer("citizens", "members' capital", amount)

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """The cooperative needs at least three members."""
        n = view.resident_members
        if n < MIN_MEMBERS:
            return False, f"only {n} members left"
        return True, f"{n} members"
