"""A social cooperative of citizens and providers (Bürgergenossenschaft)."""

from __future__ import annotations

from simulator.accounting import FACILITY, Transfer
from simulator.organisation.base import OrganisationModel

MIN_MEMBERS = 3  # § 4 GenG: a cooperative needs at least three members


class Cooperative(OrganisationModel):
    """Citizens buy cooperative shares; the members' capital carries deficits.

    Operator: the cooperative's board. Decides: the general assembly; it continues while at
    least 3 members remain (§ 4 GenG). Cost split among member providers by the scenario's key.
    Deficit: covered from the members' capital (shares of ``member_capital_eur`` each, domain
    facts §6: 50-500 EUR) while capital remains; tolerance 6 months. Coordination cost:
    3,000 EUR/year (assumption: mandatory audit by a cooperative federation). Engagement
    multiplier 1.4 (assumption: members own a stake, slightly less hands-on than an e.V.).
    """

    key = "cooperative"
    operator = "cooperative board"
    decider = "general assembly"
    last_resort = "members' capital"
    has_membership = True
    default_tolerance_months = 6
    default_coordination_eur_per_year = 3000.0
    default_engagement_multiplier = 1.4

    def __init__(self, spec):
        super().__init__(spec)
        self.capital_used = 0.0

    def cover_deficit(self, shortfall: float, model) -> list[Transfer]:
        """Draw on the members' paid-in capital that has not been used yet."""
        capital = int(model.citizens.member.sum()) * self.spec.member_capital_eur
        available = max(0.0, capital - self.capital_used)
        amount = min(shortfall * self.spec.last_resort_share, available)
        self.capital_used += amount
        return [Transfer("citizens", FACILITY, "members' capital", amount)] if amount > 0 else []

    def continues(self, model) -> tuple[bool, str]:
        """The cooperative needs at least three members."""
        n = int(model.citizens.member.sum())
        if n < MIN_MEMBERS:
            return False, f"only {n} members left"
        return True, f"{n} members"
