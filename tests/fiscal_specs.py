"""Hand-built municipal budgets for tests: only the lines a test needs, everything else zero."""

from __future__ import annotations


def minimal_budget(general: float = 100_000.0, balancing: float = 0.0, **extra) -> dict:
    """A ``MunicipalitySpec`` mapping: revenue 1 EUR per resident, spending 1 EUR per
    minimum-income recipient, no taxes, Schlüsselzuweisungen, Kreisumlage, interest or measures."""
    spec = {
        "initial": {
            "general_reserve_eur": general,
            "balancing_reserve_eur": balancing,
            "liquidity_loans_eur": 0.0,
            "property_tax_rate_points": 400.0,
            "trade_tax_rate_points": 400.0,
        },
        "taxes": {
            "property_tax_base_eur": 0.0,
            "trade_tax_base_eur": 0.0,
            "income_tax_eur_per_working_age_year": 0.0,
            "other_revenue_eur_per_capita_year": 1.0,
        },
        "key_allocations": {"base_amount_eur": 0.0},
        "county": {
            "levy_rate": {2025: 0.0},
            "social_share_of_need": 0.0,
            "social_spending": [{"name": "none", "eur_per_person_year": 0.0}],
        },
        "own_spending": [
            {"name": "deficit", "per": "low_income_resident", "eur_per_person_year": 1.0}
        ],
        "voluntary": [{"name": "facility"}],
        "interest_rate_liquidity": 0.0,
    }
    spec.update(extra)
    return spec
