"""Which organisation model runs the facility, and its settings.

Adding a model = one file in ``simulator/organisation/``, one registry line there, its key in
``OrganisationKey`` here (``tests/test_code_health.py`` checks all three, its section in
``docs/ODD.md`` and in ``docs/models_and_instruments.md``).
"""

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

    model: OrganisationKey = field(..., "Registered organisation model", "key")
    cost_split_key: CostSplitKey = field(
        "room_hours",
        "How member providers split shared costs: booked room-hours, equal, staff headcount",
        "key",
    )
    lead_provider: str | None = field(
        None, "Provider id that operates (single_provider, provider_network); null: the first", "id"
    )
    deficit_tolerance_months: int | None = field(
        None,
        "Months reserves may stay negative before closure; null: the model's default",
        "months",
        ge=0,
        le=120,
    )
    coordination_cost_eur_per_year: float | None = field(
        None,
        "Extra cost of coordinating the members; null: the model's default",
        "EUR/year",
        **NonNegative,
    )
    engagement_multiplier: float | None = field(
        None,
        "Volunteering, joining and giving relative to a municipal centre; null: the model's default",
        "ratio",
        ge=0,
        le=10,
    )
    initial_members: int = field(
        20,
        "Residents who are members at the start (association, cooperative); default assumption "
        "(DF §5 Treff Waschhaus >80, DF §6 co-ops 99-200)",
        "persons",
        ge=0,
        le=100000,
    )
    member_capital_eur: float = field(
        100.0,
        "Cooperative share of a citizen member; default DF §9 coop_share_price",
        "EUR",
        **NonNegative,
    )
    last_resort_share: float = field(
        1.0,
        "Share of an uncovered deficit the payer of last resort takes; default all of it",
        "share",
        **Share,
    )
