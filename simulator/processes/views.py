"""The read-only view an organisation model decides on (instruments get ``MonthState``, money.py)."""

from __future__ import annotations

from types import MappingProxyType

from simulator.organisation.base import OrganisationView, Payer


def organisation_view(model) -> OrganisationView:
    """What the organisation model may read now: members, payers and their budgets left, the grant factor.

    Budgets and what each payer gave this calendar year come from the budget rule
    (``model.budgets``), the same that every transfer to the facility passes.
    """
    budgets = model.budgets
    providers = {
        p.spec.id: Payer(
            f"provider:{p.spec.id}",
            p.member,
            budgets.budget(f"provider:{p.spec.id}"),
            budgets.paid[f"provider:{p.spec.id}"],
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
            budgets.budget("housing_company"),
            budgets.paid["housing_company"],
        ),
        grant_factor=model.municipality.grant_factor,
    )
