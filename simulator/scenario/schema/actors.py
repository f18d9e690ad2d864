"""Providers (freie Träger) and the housing company: institutional actors with preferences."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from simulator.scenario.schema.base import Name, NonNegative, Share, Spec, field

TargetGroup = Literal["seniors", "families", "migrants", "low_income", "youth", "all"]


class PreferenceWeights(Spec):
    """Stakeholder preference weights (DeWaK stakeholder analysis, made dynamic)."""

    cost: float = field(1.0, "Weight on money saved or spent", "utility per 10k EUR", ge=0, le=10)
    autonomy: float = field(
        0.5, "Weight on keeping one's own rooms and rules", "utility", ge=0, le=10
    )
    reach: float = field(1.0, "Weight on reaching one's target group", "utility", ge=0, le=10)
    visibility: float = field(0.5, "Weight on being visible in the quarter", "utility", ge=0, le=10)


class ProviderSpec(Spec):
    """One social provider that can use and co-finance the facility."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    name: Name = Field(min_length=1, max_length=120)
    target_group: TargetGroup
    offer_hours_per_week: float = field(
        ..., "Room-hours it books in the facility", "room-hours/week", ge=0, le=500
    )
    staff_fte: float = field(1.0, "Its staff working in the facility", "FTE", ge=0, le=50)
    rent_elsewhere_eur_per_month: float = field(
        ..., "Rent it pays for own rooms if not a member", "EUR/month", **NonNegative
    )
    budget_eur_per_year: float = field(
        ..., "Budget it can put into rooms and shared costs", "EUR/year", **NonNegative
    )
    member_at_start: bool = True
    commitment_years: int = field(
        3,
        "Years a founding member is bound before it first decides to stay or leave",
        "years",
        ge=0,
        le=30,
    )
    weights: PreferenceWeights = PreferenceWeights()
    choice_temperature: float = field(
        0.5,
        "Logit temperature of its join/stay/leave choice (assumption: with inertia, a provider "
        "whose membership pays as planned, utility about 1, leaves in about 4 % of years)",
        "utility",
        gt=0,
        le=10,
    )
    inertia: float = field(
        0.5,
        "Utility bonus for staying as it is: moving, contracts and habits (assumption, with the "
        "temperature: about 4 % of provider-years end in leaving where membership pays)",
        "utility",
        ge=0,
        le=10,
    )


class HousingCompanySpec(Spec):
    """The housing company: dwellings in the quarter, turnover and its social return."""

    name: Name = Field("housing company", min_length=1, max_length=120)
    dwellings_in_quarter: int = field(
        ..., "Its dwellings in the facility's quarter", "dwellings", ge=0, le=100000
    )
    district: Name | None = field(
        None,
        "District its dwellings are in (null: the facility's district)",
        "name",
        max_length=80,
    )
    persons_per_dwelling: float = field(
        2.0, "Residents per dwelling (its tenant households' mean size)", "persons", gt=0, le=10
    )
    full_effect_household_reach: float = field(
        0.6,
        "Share of its tenant households reached in a year at which fewer tenant changes and "
        "vacancies take their full sourced size",
        "share",
        gt=0,
        le=1,
    )
    turnover_rate_baseline: float = field(
        0.10, "Tenant changes per dwelling and year without neighbourhood work", "1/year", **Share
    )
    turnover_rate_with_work: float = field(
        0.07, "The same with an active neighbourhood facility", "1/year", **Share
    )
    vacancy_rate_baseline: float = field(
        0.04, "Vacancy without neighbourhood work", "share", **Share
    )
    vacancy_rate_with_work: float = field(
        0.035, "Vacancy with an active facility", "share", **Share
    )
    rent_eur_per_dwelling_month: float = field(
        400.0, "Average net rent of a dwelling", "EUR/month", **NonNegative
    )
    cost_per_tenant_change_eur: float = field(
        3000.0, "Cost of one tenant change", "EUR", **NonNegative
    )
    neighbourhood_budget_eur_per_year: float = field(
        20000.0, "Budget for neighbourhood work it can spend", "EUR/year", **NonNegative
    )
    is_landlord: bool = field(False, "Whether it owns the facility's rooms", "flag")
    member_at_start: bool = True
    weights: PreferenceWeights = PreferenceWeights(
        cost=1.0, autonomy=0.2, reach=0.3, visibility=0.8
    )
    social_return_weight: float = field(
        1.0, "Weight on the social return", "utility per 10k EUR", ge=0, le=10
    )
    choice_temperature: float = field(
        0.5, "Logit temperature of its support choice (assumption)", "utility", gt=0, le=10
    )
    inertia: float = field(
        2.0,
        "Utility bonus for staying as it is (assumption: a lease of its rooms and, for a "
        "municipal or Kreis company, its public mandate keep it in place)",
        "utility",
        ge=0,
        le=10,
    )
    turnover_share: float = field(
        1.0, "Weight of turnover effect vs vacancy effect", "share", **Share
    )
