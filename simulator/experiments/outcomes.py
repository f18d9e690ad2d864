"""The model's outcome names, known without running (or importing) the model.

These are the keys of a run's summary (``simulator.run(...).summary``, built in
:mod:`simulator.records`). ``dewak validate`` checks an experiment's outcomes against them, and
must not import numpy or pandas, so they are written here; ``tests/test_experiments_checks.py``
keeps this tuple equal to the keys a real run reports.
"""

from __future__ import annotations

#: Payer categories of the cost shares (simulator/accounting.py CATEGORIES).
_PAYERS = ("municipality", "programmes", "providers", "housing_company", "citizens", "volunteers")

_CASH_PAYERS = _PAYERS[:-1]  # volunteers give time, not money
_PHASES = ("setup", "operation", "renewal")

OUTCOME_NAMES: tuple[str, ...] = (
    "viable",
    "closure_year",
    "closure_reason",
    "closure_step",
    "years_open",
    "open_since_year",
    "measured_from_year",
    "utilisation_mean",
    "open_hours_per_week_mean",
    "visits_per_year_mean",
    "volunteers_mean",
    "reach_share",
    "cost_total_eur",
    *(f"cost_share_{payer}" for payer in _PAYERS),
    "cost_share_reserves",
    "cost_share_unpaid",
    *(f"cost_{phase}_eur" for phase in _PHASES),
    *(f"setup_share_{payer}" for payer in _PAYERS),
    *(f"cash_eur_per_year_{payer}" for payer in _CASH_PAYERS),
    *(f"cash_share_{payer}" for payer in _CASH_PAYERS),
    *(f"in_kind_eur_per_year_{payer}" for payer in _PAYERS),
    "unpaid_bills_end_eur",
    "municipal_cost_per_visit_eur",
    "min_reserves_eur",
    "max_reserves_eur",
    "rescue_eur",
    "municipal_hsk_years",
    "provider_leave_decisions",
    "provider_member_decisions",
    "liquidity_loans_end_eur_per_capita",
    "population_start",
    "population_end",
    "share_65plus_start",
    "share_65plus_end",
)
