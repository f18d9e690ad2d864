"""The read-only view an organisation model decides on (instruments get ``MonthState``, money.py)."""

from __future__ import annotations

from types import MappingProxyType

from simulator.organisation.base import OrganisationView, Payer


def organisation_view(model) -> OrganisationView:
    """What the organisation model may read now: members, payers and their budgets left, the grant factor."""
    year_start = model.month_index - (model.month - 1)
    paid = model.ledger.cash_paid_since_by_payer(year_start)
    providers = {
        p.spec.id: Payer(
            f"provider:{p.spec.id}",
            p.member,
            p.spec.budget_eur_per_year,
            paid.get(f"provider:{p.spec.id}", 0.0),
        )
        for p in model.providers
    }
    company = model.housing_company
    # only models with membership have resident members (the others never seed or admit any)
    members = int(model.citizens.member.sum()) if model.organisation.has_membership else 0
    return OrganisationView(
        resident_members=members,
        member_providers=tuple(p.spec for p in model.member_providers()),
        providers=MappingProxyType(providers),
        housing_company=None
        if company is None
        else Payer(
            "housing_company",
            company.member,
            company.spec.neighbourhood_budget_eur_per_year,
            paid.get("housing_company", 0.0),
        ),
        grant_factor=model.municipality.grant_factor,
    )
