"""The housing company runs the facility as part of its quarter management."""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.organisation.base import OrganisationModel, OrganisationView, last_resort_transfer


class HousingCompanyLed(OrganisationModel):
    """The housing company operates the meeting point, justified by its social return.

    Operator: the housing company's quarter management.
    Decides: the housing company, each January, by its stakeholder choice (the social return
    of fewer tenant changes and vacancies, domain_facts §7, against what it paid); the
    facility closes when the company withdraws.
    Cost split: member providers pay by the scenario's key if the mix has a
    ``provider_cost_share``.
    Deficit: tolerance 0 months; payer of last resort is the housing company, from what is left
    of its yearly neighbourhood budget (``neighbourhood_budget_eur_per_year`` minus the cash it
    paid this calendar year).
    Coordination cost: none (the company's quarter management does it).
    Engagement: multiplier 1.1 (assumption: tenants see it as their landlord's offer, with some
    ownership through tenant councils; domain_facts §7 Munich: staff partly engage in working
    hours).
    """

    key = "housing_company_led"
    operator = "housing company"
    decider = "housing company"
    last_resort = "housing company"

    def cover_deficit(self, shortfall: float, view: OrganisationView) -> list[Transfer]:
        """The housing company pays from its neighbourhood budget while it supports the facility."""
        company = view.housing_company
        if company is None or not company.member:
            return []
        amount = min(shortfall * self.spec.last_resort_share, company.budget_left_eur)
        return last_resort_transfer(company.account, "deficit cover (operator)", amount)

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """It goes on while the housing company stays engaged."""
        company = view.housing_company
        if company is None or not company.member:
            return False, "housing company withdrew"
        return True, "housing company stays"
