"""The ledger: every transfer of money or in-kind value, with payer, payee, purpose and amount.

Balances are derived from the transfers only, so money is conserved by construction; the
facility's reserves are its ledger balance. Contributions to the facility are grouped into the
six payer categories of the cost shares.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

CATEGORIES = (
    "municipality",
    "programmes",
    "providers",
    "housing_company",
    "citizens",
    "volunteers",
)
FACILITY = "facility"


@dataclass(frozen=True)
class Transfer:
    """One booking: ``payer`` gives ``amount_eur`` to ``payee`` for ``purpose``."""

    payer: str
    payee: str
    purpose: str
    amount_eur: float
    in_kind: bool = False


def category(account: str) -> str | None:
    """The cost-share category of an account, or None for accounts outside the six."""
    head = account.split(":", 1)[0]
    return {
        "municipality": "municipality",
        "programme": "programmes",
        "provider": "providers",
        "housing_company": "housing_company",
        "citizens": "citizens",
        "third_parties": "citizens",
        "civic_fund": "citizens",
        "volunteers": "volunteers",
    }.get(head)


class Ledger:
    """Append-only list of transfers with running balances per account."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str, str, str, float, bool]] = []
        self.balances: defaultdict[str, float] = defaultdict(float)
        self.contributions: defaultdict[str, float] = defaultdict(float)
        self.paid_by: defaultdict[str, float] = defaultdict(
            float
        )  # payer -> EUR given to the facility
        self._year_start = ({}, {})  # contributions and paid_by when the year opened

    def book(self, month_index: int, transfer: Transfer) -> None:
        """Record one transfer; zero amounts are skipped, negative ones refused."""
        amount = float(transfer.amount_eur)
        if amount == 0.0:
            return
        if not amount > 0.0:
            raise ValueError(f"transfer amounts must be positive: {transfer}")
        self.rows.append(
            (
                month_index,
                transfer.payer,
                transfer.payee,
                transfer.purpose,
                amount,
                transfer.in_kind,
            )
        )
        self.balances[transfer.payer] -= amount
        self.balances[transfer.payee] += amount
        if transfer.payee == FACILITY:
            self.paid_by[transfer.payer] += amount
            cat = category(transfer.payer)
            if cat is not None:
                self.contributions[cat] += amount

    def book_all(self, month_index: int, transfers) -> None:
        """Record several transfers decided on the same state."""
        for transfer in transfers:
            self.book(month_index, transfer)

    def close_year(self) -> tuple[dict[str, float], dict[str, float]]:
        """This year's contributions by category and payments by payer; the next year opens."""
        contributions = _diff(self.contributions, self._year_start[0])
        paid_by = _diff(self.paid_by, self._year_start[1])
        self._year_start = (dict(self.contributions), dict(self.paid_by))
        return contributions, paid_by

    def cash_paid_since(self, month_index: int, payer: str) -> float:
        """EUR ``payer`` has given the facility in cash from ``month_index`` on (newest rows first)."""
        total = 0.0
        for month, who, payee, _purpose, amount, in_kind in reversed(self.rows):
            if month < month_index:
                break
            if who == payer and payee == FACILITY and not in_kind:
                total += amount
        return total

    def cash_paid_since_by_payer(self, month_index: int) -> dict[str, float]:
        """EUR each payer has given the facility in cash from ``month_index`` on."""
        totals: defaultdict[str, float] = defaultdict(float)
        for month, who, payee, _purpose, amount, in_kind in reversed(self.rows):
            if month < month_index:
                break
            if payee == FACILITY and not in_kind:
                totals[who] += amount
        return dict(totals)

    def frame(self):
        """All transfers as a DataFrame (month_index, payer, payee, purpose, amount_eur, in_kind)."""
        import pandas as pd

        return pd.DataFrame(
            self.rows, columns=["month_index", "payer", "payee", "purpose", "amount_eur", "in_kind"]
        )


def _diff(now: dict, before: dict) -> dict:
    return {k: v - before.get(k, 0.0) for k, v in now.items()}


def cost_shares(contributions: dict[str, float]) -> dict[str, float]:
    """Each category's share of all contributions to the facility; they sum to 1 (all 0 if none)."""
    total = sum(contributions.get(c, 0.0) for c in CATEGORIES)
    if total <= 0:
        return dict.fromkeys(CATEGORIES, 0.0)
    return {c: contributions.get(c, 0.0) / total for c in CATEGORIES}
