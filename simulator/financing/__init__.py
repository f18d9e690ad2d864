"""Financing instruments: a registry of strategies, one class per file.

Adding an instrument: one file here, one line in ``REGISTRY``, one spec in
``simulator/scenario/schema/financing.py`` (``tests/test_code_health.py`` checks all three and
its section in ``docs/ODD.md``).
"""

from simulator.financing.base import Capabilities, Instrument, MonthState
from simulator.financing.civic_fund import CivicFund
from simulator.financing.crowdfunding import Crowdfunding
from simulator.financing.donations import Donations
from simulator.financing.housing_cash_support import HousingCashSupport
from simulator.financing.housing_rent_reduction import HousingRentReduction
from simulator.financing.membership_fees import MembershipFees
from simulator.financing.municipal_grant import MunicipalGrant
from simulator.financing.programme_grant import ProgrammeGrant
from simulator.financing.provider_cost_share import ProviderCostShare
from simulator.financing.room_rental import RoomRental
from simulator.financing.user_fees import UserFees
from simulator.financing.volunteer_time import VolunteerTime

REGISTRY: dict[str, type[Instrument]] = {
    cls.key: cls
    for cls in (
        MunicipalGrant,
        ProgrammeGrant,
        ProviderCostShare,
        HousingRentReduction,
        HousingCashSupport,
        MembershipFees,
        Donations,
        Crowdfunding,
        UserFees,
        RoomRental,
        VolunteerTime,
        CivicFund,
    )
}


def build(spec) -> Instrument:
    """The instrument object for one scenario ``financing`` entry."""
    return REGISTRY[spec.instrument](spec)


__all__ = ["REGISTRY", "Capabilities", "Instrument", "MonthState", "build"]
