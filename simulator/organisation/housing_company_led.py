"""The housing company runs the facility as part of its quarter management."""

from __future__ import annotations

from simulator.accounting import FACILITY, Transfer
from simulator.organisation.base import OrganisationModel


class HousingCompanyLed(OrganisationModel):
    """The housing company operates the meeting point, justified by its social return.

    Operator and decider: the housing company, each January by its stakeholder choice (social
    return of fewer tenant changes and vacancies against its cost). Cost split among member
    providers by the scenario's key. Deficit: the housing company covers it from its
    neighbourhood budget (up to a twelfth of the yearly budget a month); tolerance 0 months.
    Coordination cost: none. Engagement multiplier 1.1 (assumption: tenants see it as their
    landlord's offer, with some ownership through tenant councils).
    """

    key = "housing_company_led"
    operator = "housing company"
    decider = "housing company"
    last_resort = "housing company"
    default_tolerance_months = 0
    default_engagement_multiplier = 1.1

    def cover_deficit(self, shortfall: float, model) -> list[Transfer]:
        """The housing company pays from its neighbourhood budget while it supports the facility."""
        company = model.housing_company
        if company is None or not company.member:
            return []
        amount = min(
            shortfall * self.spec.last_resort_share,
            company.spec.neighbourhood_budget_eur_per_year / 12.0,
        )
        return (
            [Transfer("housing_company", FACILITY, "deficit cover (operator)", amount)]
            if amount > 0
            else []
        )

    def continues(self, model) -> tuple[bool, str]:
        """It goes on while the housing company stays engaged."""
        company = model.housing_company
        if company is None or not company.member:
            return False, "housing company withdrew"
        return True, "housing company stays"
