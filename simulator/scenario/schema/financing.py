"""Co-productive financing instruments: one spec per instrument, discriminated by ``instrument``.

Adding an instrument = one file in ``simulator/financing/``, one registry line there, one spec
class here added to ``InstrumentSpec`` (``tests/test_code_health.py`` checks all three, its
section in ``docs/ODD.md`` and in ``docs/models_and_instruments.md``). Every field has a
description and a unit; the description ends with the default's source (DF = domain_facts.md)
or ``assumption``. The specs of the community's instruments (citizens, volunteers) live in
:mod:`.financing_community`; this module adds them to ``InstrumentSpec`` and re-exports them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from simulator.scenario.schema.base import NonNegative, Share, Spec, field
from simulator.scenario.schema.financing_community import (
    CivicFundSpec,
    CrowdfundingSpec,
    DonationsSpec,
    MembershipFeesSpec,
    RoomRentalSpec,
    UserFeesSpec,
    VolunteerTimeSpec,
)

__all__ = [
    "CivicFundSpec",
    "CrowdfundingSpec",
    "DonationsSpec",
    "HousingCashSupportSpec",
    "HousingRentReductionSpec",
    "InstrumentSpec",
    "MembershipFeesSpec",
    "MunicipalGrantSpec",
    "ProgrammeGrantSpec",
    "ProviderCostShareSpec",
    "RoomRentalSpec",
    "UserFeesSpec",
    "VolunteerTimeSpec",
    "instrument_keys",
    "instrument_specs",
]


class MunicipalGrantSpec(Spec):
    """Municipal grant: fixed sum, deficit cover, per capita or per visit; cut under HSK."""

    instrument: Literal["municipal_grant"]
    mode: Literal["fixed", "deficit_cover", "per_capita", "per_visit"] = field(
        "fixed", "How the grant is computed (fixed, deficit_cover, per_capita, per_visit)", "mode"
    )
    amount_eur_per_year: float = field(
        0.0, "Fixed yearly sum (mode fixed); default none", "EUR/year", **NonNegative
    )
    eur_per_capita_year: float = field(
        0.0, "Per resident (mode per_capita); default none", "EUR/person/year", **NonNegative
    )
    eur_per_visit: float = field(
        0.0, "Per visit (mode per_visit); default none", "EUR/visit", **NonNegative
    )
    deficit_share: float = field(
        1.0,
        "Share of the shortfall (negative reserves after the month's other money) covered "
        "(mode deficit_cover); default: the whole gap (Fehlbedarfsfinanzierung)",
        "share",
        **Share,
    )
    cap_eur_per_year: float | None = field(
        None, "Upper limit per calendar year; default none", "EUR/year", **NonNegative
    )
    years: int | None = field(
        None, "Years the grant runs from the start (null: the whole horizon)", "years", ge=0, le=100
    )
    deficit_financing: bool = field(
        True,
        "Fehlbedarfsfinanzierung: the grant fills only the gap left by the facility's own "
        "money, so it falls by the reserves above the cap (viability.reserves); false: a fixed "
        "sum (Festbetragsfinanzierung). Default: the usual form of a municipal grant to a "
        "Träger (VV Nr. 2.2.2 zu § 44 LHO; assumption for the towns' own grants)",
        "flag",
    )


class ProgrammeGrantSpec(Spec):
    """External programme: share of eligible cost, yearly cap, limited years, co-financing."""

    instrument: Literal["programme_grant"]
    id: str = Field(
        "programme",
        pattern=r"^[a-z0-9_]+$",
        max_length=40,
        description="Name of the programme (payer 'programme:<id>'; distinct per programme)",
        json_schema_extra={"unit": "id"},
    )
    share_of_eligible_cost: float = field(
        0.5,
        "Share of eligible cost paid; default DF §5 (at most 50 % of personnel)",
        "share",
        **Share,
    )
    eligible: Literal["staff", "staff_and_materials", "all_operating"] = field(
        "staff", "Which cost items are eligible; default DF §5 (personnel)", "cost items"
    )
    cap_eur_per_year: float = field(
        40000.0,
        "Yearly cap, at most a twelfth a month; default DF §5 (40,000 EUR/yr)",
        "EUR/year",
        **NonNegative,
    )
    start_year_offset: int = field(
        0, "Years after the start when it begins; default at once", "years", ge=0, le=100
    )
    years: int = field(3, "Duration; default DF §5 (at most 3 years)", "years", ge=0, le=100)
    cofinancing_share: float = field(
        0.0,
        "Municipal co-financing required, as a share of the programme's payment; default none "
        "(DF §5 MGH: 10,000 on 30,000-40,000 = 0.25-0.33)",
        "share",
        ge=0,
        le=5,
    )


class ProviderCostShareSpec(Spec):
    """Member providers pay rent and shared costs by the organisation's cost-split key."""

    instrument: Literal["provider_cost_share"]
    covers: Literal["rent", "rent_and_running", "all_costs"] = field(
        "rent_and_running", "Which costs members share; default assumption", "cost items"
    )
    share: float = field(
        1.0,
        "Share of the covered costs that members pay together; default assumption",
        "share",
        **Share,
    )


class HousingRentReductionSpec(Spec):
    """The housing company waives part of the rent (in kind), if it sees a social return."""

    instrument: Literal["housing_rent_reduction"]
    share_of_rent: float = field(
        1.0, "Share of the rent waived; default DF §5 (Munich: rent-free rooms)", "share", **Share
    )
    min_return_ratio: float = field(
        0.5,
        "Social return per EUR of waived rent needed to continue after the first year; "
        "default assumption",
        "ratio",
        ge=0,
        le=100,
    )


class HousingCashSupportSpec(Spec):
    """The housing company pays cash support while its social return justifies it."""

    instrument: Literal["housing_cash_support"]
    eur_per_year: float = field(
        10000.0,
        "Support per year; default assumption (DF §9: budget 0-100k)",
        "EUR/year",
        **NonNegative,
    )
    min_return_ratio: float = field(
        0.5,
        "Social return per EUR of support needed to continue after the first year; "
        "default assumption",
        "ratio",
        ge=0,
        le=100,
    )


InstrumentSpec = Annotated[
    MunicipalGrantSpec
    | ProgrammeGrantSpec
    | ProviderCostShareSpec
    | HousingRentReductionSpec
    | HousingCashSupportSpec
    | MembershipFeesSpec
    | DonationsSpec
    | CrowdfundingSpec
    | UserFeesSpec
    | RoomRentalSpec
    | VolunteerTimeSpec
    | CivicFundSpec,
    Field(discriminator="instrument"),
]


def instrument_specs() -> dict[str, type[Spec]]:
    """Every instrument spec class the schema knows, by its ``instrument`` key."""
    union = InstrumentSpec.__origin__
    return {m.model_fields["instrument"].annotation.__args__[0]: m for m in union.__args__}


def instrument_keys() -> list[str]:
    """Keys of every instrument the schema knows."""
    return list(instrument_specs())
