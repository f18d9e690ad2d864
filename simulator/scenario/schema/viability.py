"""How a shortfall is rescued, when it closes the facility, and what happens to a surplus.

The section ``viability`` holds the rules of the rescue sequence (``simulator/processes/rescue.py``,
docs/ODD.md 7.3): reserves, then the payer of last resort within its budget, then one-off
rescue grants by the actors' willingness and finances, then cost cuts, and closure only when the
unfunded deficit is material; and the reserve policy: funders under deficit financing reduce
their grants above a reserve cap, the operator spends the rest of a surplus on offers. Every
default carries its source or says it is an assumption.
"""

from __future__ import annotations

from simulator.scenario.schema.base import Positive, Share, Spec, field


class RescueSpec(Spec):
    """One-off rescue grants when the regular money and the payer of last resort fall short."""

    municipality_months_of_cost: float = field(
        3.0,
        "Largest one-off rescue grant of the municipality per council term (election "
        "interval), in months of the facility's cash cost; default assumption, informed by "
        "Essen's Bürgertreff Überruhr (MF §6: a running-cost grant and 100,000 EUR of repairs "
        "to save it)",
        "months",
        ge=0,
        le=24,
    )
    support_margin: float = field(
        0.2,
        "Political support above the council's threshold at which it backs a rescue in full "
        "(less support, a proportionally smaller grant); default assumption",
        "index",
        gt=0,
        le=1,
    )
    housing_company_share_of_budget: float = field(
        0.5,
        "Share of one year's neighbourhood budget the housing company may give as rescue grants "
        "per council term (never more than its budget left in the year); default assumption",
        "share",
        **Share,
    )
    providers_share_of_budget: float = field(
        0.25,
        "Share of one year's budget a member provider may give as rescue grants per council "
        "term (never more than its budget left in the year); default assumption: a quarter, "
        "the rest serves its own offers",
        "share",
        **Share,
    )


class CutsSpec(Spec):
    """Cost cuts of the operator, in this order: extra offers, open hours, staff, rooms."""

    open_hours_floor_share: float = field(
        0.5,
        "Share of the planned opening hours below which the operator does not cut; default "
        "assumption (MF §6 Castrop-Rauxel: shorter hours instead of closure)",
        "share",
        **Share,
    )
    staff_floor_share: float = field(
        0.5,
        "Share of the planned paid staff below which the operator does not cut; default "
        "assumption (MF §6 Hagen: posts not refilled)",
        "share",
        **Share,
    )
    floor_area_floor_share: float = field(
        0.6,
        "Share of the floor area (and rooms) the operator keeps when it gives up rooms; "
        "default assumption",
        "share",
        **Share,
    )
    running_cost_hours_share: float = field(
        0.4,
        "Share of running costs that follow the opening hours (heating, cleaning, caretaker); "
        "default assumption",
        "share",
        **Share,
    )
    payback_months: float = field(
        6.0,
        "Months over which the operator plans to pay unpaid bills back through cuts; default "
        "assumption (half a budget year)",
        "months",
        ge=1,
        le=60,
    )


class ReservesSpec(Spec):
    """The reserve policy: a cap on reserves; funders reduce grants above it; surplus is spent."""

    cap_months_of_cost: float = field(
        3.0,
        "Reserve cap in months of cash cost (an operating reserve for recurring costs, "
        "§ 62 (1) Nr. 1 AO; its size is an assumption)",
        "months",
        ge=0,
        le=60,
    )
    spend_months: float = field(
        24.0,
        "Months over which the operator spends reserves above the cap (§ 55 (1) Nr. 5 AO: "
        "funds are used by the end of the second year after receipt)",
        "months",
        ge=1,
        le=120,
    )
    offer_cost_eur_per_hour: float = field(
        35.0,
        "Cost of one extra hour of offers bought with a surplus (course leader's fee and "
        "materials); default assumption",
        "EUR/hour",
        **Positive,
    )


class ViabilitySpec(Spec):
    """When a deficit closes the facility, who rescues it, how it cuts costs, what it does with a surplus."""

    material_months_of_cost: float = field(
        1.0,
        "An unfunded deficit is material from this many months of the facility's cash cost; "
        "only a material deficit that lasts beyond the organisation's tolerance closes the "
        "facility (default: one month, issue #12; assumption: smaller gaps are bills paid late)",
        "months",
        ge=0,
        le=24,
    )
    rescue: RescueSpec = RescueSpec()
    cuts: CutsSpec = CutsSpec()
    reserves: ReservesSpec = ReservesSpec()
