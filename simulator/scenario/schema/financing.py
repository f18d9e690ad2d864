"""Co-productive financing instruments: one spec per instrument, discriminated by ``instrument``.

Adding an instrument = one file in ``simulator/financing/``, one registry line there, one spec
class here added to ``InstrumentSpec`` (``tests/test_code_health.py`` checks all three, its
section in ``docs/ODD.md`` and in ``docs/models_and_instruments.md``). Every field has a
description and a unit; the description ends with the default's source (DF = domain_facts.md)
or ``assumption``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from simulator.scenario.schema.base import NonNegative, Share, Spec, field


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


class MembershipFeesSpec(Spec):
    """Members of an association or cooperative pay a yearly fee."""

    instrument: Literal["membership_fees"]
    fee_eur_per_year: float = field(
        24.0,
        "Fee per member; default assumption (DF §6: no level found)",
        "EUR/year",
        **NonNegative,
    )
    reduced_fee_low_income_eur_per_year: float = field(
        6.0, "Reduced fee of low-income members; default assumption", "EUR/year", **NonNegative
    )


class DonationsSpec(Spec):
    """Residents donate (rates in citizens.giving); a sponsor may add a yearly sum."""

    instrument: Literal["donations"]
    engagement_boost: float = field(
        1.0,
        "Multiplier on the expected number of donations (fundraising effort); default none",
        "ratio",
        ge=0,
        le=20,
    )
    sponsor_eur_per_year: float = field(
        0.0, "Local business sponsoring; default none", "EUR/year", **NonNegative
    )


class CrowdfundingSpec(Spec):
    """All-or-nothing campaigns; success rises with the engaged community."""

    instrument: Literal["crowdfunding"]
    goal_eur: float = field(4000.0, "Campaign goal; default DF §9 (3-5k EUR)", "EUR", **NonNegative)
    every_years: int = field(
        2, "One campaign every so many years; default assumption", "years", ge=1, le=50
    )
    campaign_month: int = field(
        10, "Month in which the campaign closes; default assumption", "month", ge=1, le=12
    )
    backing_eur: float = field(
        80.0, "Average pledge per backer; default DF §6 (79 EUR)", "EUR", **NonNegative
    )
    reach_per_engaged: float = field(
        1.0,
        "Potential backers reached per engaged resident; default assumption",
        "ratio",
        ge=0,
        le=100,
    )
    pledge_probability: float = field(
        0.35,
        "Mean chance a reached resident pledges; default assumption (DF §6: 53-57 % of "
        "campaigns succeed)",
        "share",
        **Share,
    )
    campaign_concentration: float = field(
        5.0,
        "How alike campaigns are: concentration of the Beta distribution of a campaign's pledge "
        "chance (lower: more luck); default assumption",
        "ratio",
        gt=0,
        le=1000,
    )
    max_overfunding: float = field(
        1.08,
        "A successful campaign raises at most this multiple of its goal; default DF §6 "
        "(overfunded to 108 % on average)",
        "ratio",
        ge=1,
        le=10,
    )


class UserFeesSpec(Spec):
    """Visitors pay a fee per visit; visits fall with it, most among low-income residents."""

    instrument: Literal["user_fees"]
    fee_eur_per_visit: float = field(
        2.0, "Fee per fee-charging visit; default assumption", "EUR/visit", ge=0, le=100
    )
    low_income_exempt: bool = field(False, "Low-income visitors pay nothing; default no", "flag")
    paying_share_of_visits: float = field(
        0.5, "Share of visits to fee-charging offers; default assumption", "share", **Share
    )


class RoomRentalSpec(Spec):
    """Idle room-hours rented to third parties; competes with capacity."""

    instrument: Literal["room_rental"]
    eur_per_room_hour: float = field(
        15.0, "Rental price; default assumption", "EUR/room-hour", **NonNegative
    )
    demand_room_hours_per_month: float = field(
        40.0, "Third-party demand; default assumption", "room-hours/month", **NonNegative
    )


class VolunteerTimeSpec(Spec):
    """Volunteer hours valued at a replacement wage; they replace paid hours up to a limit."""

    instrument: Literal["volunteer_time"]
    replacement_wage_eur_per_hour: float = field(
        15.0,
        "Value of one volunteer hour; default assumption (minimum wage 12.82 EUR/h 2025 plus "
        "employer costs)",
        "EUR/hour",
        **NonNegative,
    )
    max_staff_replacement_share: float = field(
        0.2,
        "Largest share of paid staff hours volunteers may replace; default assumption",
        "share",
        **Share,
    )


class CivicFundSpec(Spec):
    """An endowment (Bürgerstiftung-like) with a return and a withdrawal rule."""

    instrument: Literal["civic_fund"]
    endowment_eur: float = field(
        50000.0,
        "Capital the citizens give at the start; default assumption",
        "EUR",
        **NonNegative,
    )
    return_per_year: float = field(
        0.03,
        "Return on the capital; default assumption (DF §6: energy co-op 3 %)",
        "1/year",
        ge=-0.5,
        le=0.5,
    )
    withdrawal_share_per_year: float = field(
        0.04, "Share of capital paid out each year; default assumption", "1/year", **Share
    )
    preserve_capital: bool = field(
        False, "Pay out at most the return, so the capital never falls (§ 80 BGB)", "flag"
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
