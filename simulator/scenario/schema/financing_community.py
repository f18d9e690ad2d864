"""Specs of the instruments whose money or time comes from the community.

Residents, visitors, renters of rooms and volunteers (payer categories ``citizens`` and
``volunteers``): membership fees, donations, crowdfunding, user fees, room rental, volunteer
time and a civic fund. :mod:`simulator.scenario.schema.financing` adds them to
``InstrumentSpec`` and re-exports them; the rules of that module's docstring hold here.
"""

from __future__ import annotations

from typing import Literal

from simulator.scenario.schema.base import NonNegative, Share, Spec, field


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
