"""Checks of the money that several test modules share."""

from __future__ import annotations

import pandas as pd

from simulator.accounting import FACILITY


def check_within_budgets(spec, ledger: pd.DataFrame) -> None:
    """The ledger invariant of the one budget rule (set-up and in-kind value are outside it)."""
    budgets = {f"provider:{p.id}": p.budget_eur_per_year for p in spec.providers}
    if spec.housing_company is not None:
        budgets["housing_company"] = spec.housing_company.neighbourhood_budget_eur_per_year
    cash = ledger[(ledger["payee"] == FACILITY) & ~ledger["in_kind"] & (ledger["phase"] != "setup")]
    cash = cash[cash["payer"].isin(budgets)]
    per_year = cash.groupby([cash["month_index"] // 12, "payer"])["amount_eur"].sum()
    for (year, payer), amount in per_year.items():
        assert amount <= budgets[payer] * (1 + 1e-12) + 1e-6, (year, payer, amount)
