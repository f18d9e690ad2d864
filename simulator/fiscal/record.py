"""The municipality's columns of the annual table, and the facility grant the council pledged."""

from __future__ import annotations

ACCOUNT_COLUMNS = {
    "municipal_result_eur": "result",
    "municipal_revenue_eur": "revenue",
    "municipal_voluntary_eur": "voluntary",
    "municipal_mandatory_eur": "mandatory",
    "municipal_own_mandatory_eur": "own_mandatory",
    "municipal_interest_eur": "interest",
    "municipal_expenditure_eur": "expenditure",
    "municipal_key_allocations_eur": "key_allocations",
    "municipal_tax_capacity_eur": "tax_capacity",
    "municipal_county_levy_eur": "county_levy",
    "municipal_county_levy_rate": "county_levy_rate",
    "municipal_property_tax_rate": "property_tax_rate",
    "municipal_property_tax_eur": "property_tax",
    "municipal_trade_tax_eur": "trade_tax",
    "municipal_income_tax_eur": "income_tax",
    "municipal_aid_eur": "aid",
    "municipal_savings_eur": "savings",
    "municipal_consolidation_eur": "consolidation",
}


def annual_columns(town) -> dict:
    """Every ``municipal_*`` column for the year ``town`` (a Municipality) has just closed.

    Balances are at the year's end; ``municipal_hsk``, support, grant factor, the plan's target
    year and its cut of the facility grant are what held *during* the year; the § 76 reasons are
    those the year's closed accounts met (they put the next year under HSK).
    """
    acc, during = town.last_year, town.during
    voluntary = acc.get("voluntary", 0.0)
    out = {
        "municipal_general_reserve_eur": town.general_reserve,
        "municipal_equity_eur": town.equity,
        "municipal_liquidity_loans_eur": town.liquidity_loans,
        **{column: float(acc.get(key, 0.0)) for column, key in ACCOUNT_COLUMNS.items()},
        **{
            f"municipal_{key}_eur": float(value)
            for key, value in acc.items()
            if key.startswith("voluntary_")
        },
        "facility_grant_share_of_voluntary": acc.get("facility_grants", 0.0) / voluntary
        if voluntary > 0
        else 0.0,
        "municipal_hsk_reasons": ",".join(town.hsk_reasons),
        "municipal_hsk": bool(during.get("hsk", town.hsk)),
        "municipal_support": float(during.get("support", town.support)),
        "municipal_grant_factor": float(during.get("grant_factor", town.grant_factor)),
        "municipal_hsk_plan_target_year": int(during.get("target_year") or 0),
        "municipal_hsk_plan_approvable": bool(during.get("approvable", True)),
        "municipal_hsk_plan_volume_eur": float(during.get("planned_eur", 0.0)),
        "municipal_facility_grant_cut_share": float(during.get("facility_cut", 0.0)),
        "municipal_grant_decision": str(during.get("grant_reason", "")),
    }
    return out


def planned_facility_grant(scenario) -> float:
    """The facility grant the council pledged (a fixed municipal grant), before any year's accounts."""
    if scenario is None:
        return 0.0
    return sum(
        getattr(spec, "amount_eur_per_year", 0.0)
        for spec in scenario.financing
        if spec.instrument == "municipal_grant" and getattr(spec, "mode", "") == "fixed"
    )
