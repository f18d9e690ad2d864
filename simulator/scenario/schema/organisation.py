"""Which organisation model runs the facility, and that model's own settings.

``organisation`` is a discriminated union on ``model``: each model has its own section class
with the settings it uses and their defaults (with sources), so a setting of another model
(a member capital for the municipal centre) is refused by name. Adding a model = one file in
``simulator/organisation/``, one registry line there, one section class here added to
``OrganisationSpec`` (``tests/test_code_health.py`` checks all three, its section in
``docs/ODD.md`` and in ``docs/models_and_instruments.md``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from simulator.scenario.schema.base import NonNegative, Share, Spec, field

OrganisationKey = Literal[
    "municipal",
    "single_provider",
    "provider_network",
    "citizen_association",
    "cooperative",
    "housing_company_led",
]
CostSplitKey = Literal["room_hours", "equal", "headcount"]


def tolerance(default: int, why: str):
    """The ``deficit_tolerance_months`` field with this model's default and its reason."""
    return field(
        default,
        f"Months reserves may stay negative before the facility closes; default {why}",
        "months",
        ge=0,
        le=120,
    )


def coordination(default: float, why: str):
    """The ``coordination_cost_eur_per_year`` field with this model's default and its reason."""
    return field(
        default, f"Extra cost of coordinating the members; default {why}", "EUR/year", **NonNegative
    )


def engagement(default: float, why: str):
    """The ``engagement_multiplier`` field with this model's default and its source."""
    return field(
        default,
        f"Volunteering, joining and giving relative to a municipal centre; default {why}",
        "ratio",
        ge=0,
        le=10,
    )


def initial_members(default: int, why: str):
    """The ``initial_members`` field of the models with resident members."""
    return field(
        default,
        f"Residents who are members at the start; default {why}",
        "persons",
        ge=0,
        le=100000,
    )


def lead_provider():
    """The ``lead_provider`` field of the models a provider operates."""
    return field(None, "Provider id that operates; null: the first provider", "id")


class OrganisationSettings(Spec):
    """The settings every organisation model has (each model's section sets its defaults)."""

    @model_validator(mode="before")
    @classmethod
    def _only_its_own_settings(cls, data):
        """Refuse a setting the chosen model does not have, naming the ones it has."""
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(cls.model_fields))
            if unknown:
                own = ", ".join(name for name in cls.model_fields if name != "model")
                raise ValueError(
                    f"{unknown[0]} is not a setting of the {data.get('model')} model "
                    f"(its settings: {own})"
                )
        return data

    cost_split_key: CostSplitKey = field(
        "room_hours",
        "How member providers split shared costs: booked room-hours, equal, staff headcount",
        "key",
    )
    last_resort_share: float = field(
        1.0,
        "Share of an uncovered deficit the payer of last resort takes; default all of it",
        "share",
        **Share,
    )


class MunicipalSpec(OrganisationSettings):
    """``municipal``: the municipality runs the facility and covers its deficit."""

    model: Literal["municipal"]
    deficit_tolerance_months: int = tolerance(0, "0: the town pays its own bills at once")
    coordination_cost_eur_per_year: float = coordination(0.0, "none beyond the staff")
    engagement_multiplier: float = engagement(1.0, "1, the reference level (assumption)")


class SingleProviderSpec(OrganisationSettings):
    """``single_provider``: one provider operates the facility with a municipal grant."""

    model: Literal["single_provider"]
    lead_provider: str | None = lead_provider()
    deficit_tolerance_months: int = tolerance(6, "assumption: half a budget year")
    coordination_cost_eur_per_year: float = coordination(0.0, "none (one organisation)")
    engagement_multiplier: float = engagement(
        1.0, "assumption: residents see it as the provider's service"
    )


class ProviderNetworkSpec(OrganisationSettings):
    """``provider_network``: several providers share rooms and administration."""

    model: Literal["provider_network"]
    lead_provider: str | None = lead_provider()
    deficit_tolerance_months: int = tolerance(6, "assumption: members meet twice a year")
    coordination_cost_eur_per_year: float = coordination(
        5000.0, "assumption: meetings, shared administration and booking (≈0.07 FTE)"
    )
    engagement_multiplier: float = engagement(
        1.1, "assumption: several providers bring their volunteers"
    )


class CitizenAssociationSpec(OrganisationSettings):
    """``citizen_association``: a residents' association (e.V.) runs it with volunteers."""

    model: Literal["citizen_association"]
    initial_members: int = initial_members(20, "assumption (DF §5 Treff Waschhaus >80)")
    deficit_tolerance_months: int = tolerance(3, "assumption: a small e.V. cannot carry losses")
    coordination_cost_eur_per_year: float = coordination(0.0, "none (volunteer board)")
    engagement_multiplier: float = engagement(
        1.5, "assumption, informed by Treff Waschhaus Bremen (DF §5)"
    )


class CooperativeSpec(OrganisationSettings):
    """``cooperative``: a social cooperative of citizens and providers."""

    model: Literal["cooperative"]
    initial_members: int = initial_members(20, "assumption (DF §6 co-ops 99-200 founders)")
    member_capital_eur: float = field(
        100.0,
        "Cooperative share of a citizen member; default DF §9 coop_share_price",
        "EUR",
        **NonNegative,
    )
    deficit_tolerance_months: int = tolerance(6, "assumption: half a budget year")
    coordination_cost_eur_per_year: float = coordination(
        3000.0, "assumption: statutory audit (§ 53 GenG) and general assembly"
    )
    engagement_multiplier: float = engagement(
        1.4, "assumption; DF §6 Resse: 126 of 200 attendees pledged shares"
    )


class HousingCompanyLedSpec(OrganisationSettings):
    """``housing_company_led``: the housing company runs it within its quarter management."""

    model: Literal["housing_company_led"]
    deficit_tolerance_months: int = tolerance(0, "0: the company settles its accounts at once")
    coordination_cost_eur_per_year: float = coordination(0.0, "none (its quarter management)")
    engagement_multiplier: float = engagement(
        1.1, "assumption: tenants see their landlord's offer (DF §7)"
    )


OrganisationSpec = Annotated[
    MunicipalSpec
    | SingleProviderSpec
    | ProviderNetworkSpec
    | CitizenAssociationSpec
    | CooperativeSpec
    | HousingCompanyLedSpec,
    Field(discriminator="model"),
]


def organisation_specs() -> dict[str, type[OrganisationSettings]]:
    """Every organisation model's section class, by its ``model`` key."""
    union = OrganisationSpec.__origin__
    return {m.model_fields["model"].annotation.__args__[0]: m for m in union.__args__}
