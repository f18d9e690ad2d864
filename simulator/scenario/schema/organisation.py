"""Which organisation model runs the facility, and its settings."""

from __future__ import annotations

from typing import Literal

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


class OrganisationSpec(Spec):
    """The organisation model (a registered strategy) and the settings a scenario may change.

    Settings left ``null`` take the model's own default (see ``simulator/organisation/``).
    """

    model: OrganisationKey
    cost_split_key: CostSplitKey = "room_hours"
    lead_provider: str | None = field(
        None, "Provider id that operates (single_provider, provider_network)", "id"
    )
    deficit_tolerance_months: int | None = field(
        None, "Months reserves may stay negative before closure", "months", ge=0, le=120
    )
    coordination_cost_eur_per_year: float | None = field(
        None, "Extra cost of coordinating the members", "EUR/year", **NonNegative
    )
    engagement_multiplier: float | None = field(
        None, "Volunteering and giving relative to a municipal centre", "ratio", ge=0, le=10
    )
    initial_members: int = field(
        20,
        "Residents who are members at the start (association, cooperative)",
        "persons",
        ge=0,
        le=100000,
    )
    member_capital_eur: float = field(
        100.0, "Cooperative share bought by a citizen member", "EUR", **NonNegative
    )
    last_resort_share: float = field(
        1.0, "Share of an uncovered deficit the payer of last resort takes", "share", **Share
    )
