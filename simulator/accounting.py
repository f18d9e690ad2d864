"""The ledger: every transfer of money or in-kind value, with payer, payee, purpose and amount.

Balances are derived from the transfers only, so money is conserved by construction; the
facility's reserves are its ledger balance. Money into the facility counts for one of six payer
categories, as cash or in kind, and for one of three phases of the facility's cost (set-up,
operation, renewal; DESIGN.md); money out of it is its cost, by phase and kind.

:class:`Budgets` is the one budget rule: every cash transfer to the facility from a payer with a
yearly budget passes through it, and none makes the payer give more in a calendar year than that
budget.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

CATEGORIES = (
    "municipality",
    "programmes",
    "providers",
    "housing_company",
    "citizens",
    "volunteers",
)
PHASES = ("setup", "operation", "renewal")
KINDS = ("cash", "in_kind")
FACILITY = "facility"


@dataclass(frozen=True)
class Transfer:
    """One booking: ``payer`` gives ``amount_eur`` to ``payee`` for ``purpose``.

    ``in_kind`` marks value given as work or forgone rent, not money; ``phase`` is the phase of
    the facility's cost it belongs to (``setup``, ``operation`` or ``renewal``).
    """

    payer: str
    payee: str
    purpose: str
    amount_eur: float
    in_kind: bool = False
    phase: str = "operation"


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
    """Append-only list of transfers with running balances and tallies of the facility's money."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str, str, str, float, bool, str]] = []
        self.balances: defaultdict[str, float] = defaultdict(float)
        self.contributions: defaultdict[str, float] = defaultdict(float)  # category -> EUR
        self.paid_by: defaultdict[str, float] = defaultdict(float)  # payer -> EUR to the facility
        # ("in", category, kind, phase) or ("out", "", kind, phase) -> EUR, since the start
        self.flows: defaultdict[tuple[str, str, str, str], float] = defaultdict(float)
        self._year_start: tuple[dict, dict, dict] = ({}, {}, {})

    def book(self, month_index: int, transfer: Transfer) -> None:
        """Record one transfer; zero amounts are skipped, negative ones refused."""
        amount = float(transfer.amount_eur)
        if amount == 0.0:
            return
        if not amount > 0.0:
            raise ValueError(f"transfer amounts must be positive: {transfer}")
        payer, payee, kind = transfer.payer, transfer.payee, KINDS[transfer.in_kind]
        self.rows.append(
            (month_index, payer, payee, transfer.purpose, amount, transfer.in_kind, transfer.phase)
        )
        self.balances[payer] -= amount
        self.balances[payee] += amount
        if payee == FACILITY:
            self.paid_by[payer] += amount
            cat = category(payer)
            if cat is not None:
                self.contributions[cat] += amount
                self.flows["in", cat, kind, transfer.phase] += amount
        elif payer == FACILITY:
            self.flows["out", "", kind, transfer.phase] += amount

    def book_all(self, month_index: int, transfers) -> None:
        """Record several transfers decided on the same state."""
        for transfer in transfers:
            self.book(month_index, transfer)

    def close_year(self) -> YearMoney:
        """This year's money into and out of the facility; the next year opens."""
        start_contributions, start_paid, start_flows = self._year_start
        year = YearMoney(
            contributions=_diff(self.contributions, start_contributions),
            paid_by=_diff(self.paid_by, start_paid),
            flows=_diff(self.flows, start_flows),
        )
        self._year_start = (dict(self.contributions), dict(self.paid_by), dict(self.flows))
        return year

    def totals(self) -> YearMoney:
        """The money into and out of the facility since the start."""
        return YearMoney(dict(self.contributions), dict(self.paid_by), dict(self.flows))

    def cash_paid_since_by_payer(self, month_index: int) -> dict[str, float]:
        """EUR each payer has given the facility in cash from ``month_index`` on."""
        totals: defaultdict[str, float] = defaultdict(float)
        for month, who, payee, _purpose, amount, in_kind, _phase in reversed(self.rows):
            if month < month_index:
                break
            if payee == FACILITY and not in_kind:
                totals[who] += amount
        return dict(totals)

    def frame(self):
        """All transfers as a DataFrame (month_index, payer, payee, purpose, amount_eur, in_kind, phase)."""
        import pandas as pd

        columns = ["month_index", "payer", "payee", "purpose", "amount_eur", "in_kind", "phase"]
        return pd.DataFrame(self.rows, columns=columns)


@dataclass(frozen=True)
class YearMoney:
    """Money into and out of the facility over a period (a year, or the run).

    ``contributions`` by payer category and ``paid_by`` by payer account count cash and in kind
    together; ``flows`` splits them by kind and phase (see :meth:`into` and :meth:`cost`).
    """

    contributions: dict
    paid_by: dict
    flows: dict

    def into(self, cat: str | None = None, kind: str | None = None, phase: str | None = None):
        """EUR given to the facility, optionally of one payer category, kind and phase."""
        return sum(
            v
            for (way, c, k, p), v in self.flows.items()
            if way == "in" and cat in (None, c) and kind in (None, k) and phase in (None, p)
        )

    def cost(self, kind: str | None = None, phase: str | None = None) -> float:
        """EUR the facility spent (its cost), optionally of one kind and phase."""
        return sum(
            v
            for (way, _c, k, p), v in self.flows.items()
            if way == "out" and kind in (None, k) and phase in (None, p)
        )


def _diff(now: dict, before: dict) -> dict:
    return {k: v - before.get(k, 0.0) for k, v in now.items()}


def cost_shares(contributions: dict[str, float]) -> dict[str, float]:
    """Each category's share of all contributions to the facility; they sum to 1 (all 0 if none)."""
    total = sum(contributions.get(c, 0.0) for c in CATEGORIES)
    if total <= 0:
        return dict.fromkeys(CATEGORIES, 0.0)
    return {c: contributions.get(c, 0.0) / total for c in CATEGORIES}


class Budgets:
    """The one budget rule: no payer gives the facility more cash in a calendar year than its budget.

    ``limits`` holds the yearly budget of each payer account that has one (providers, the
    housing company). Every batch of transfers passes through :meth:`admit` before it is
    booked: a cash transfer to the facility from a budgeted payer is cut to what is left of its
    budget this calendar year (several in one batch are served in order). In-kind value (rent
    waived, work) and set-up contributions (the investment before opening, decided with the
    set-up financing) are outside the yearly operating budgets. :meth:`new_year` opens the next
    calendar year.
    """

    def __init__(self, limits: dict[str, float]):
        self.limits = dict(limits)
        self.paid: defaultdict[str, float] = defaultdict(float)  # cash this calendar year

    def budget(self, account: str) -> float:
        """The account's yearly budget, EUR (infinite for a payer without one)."""
        return self.limits.get(account, math.inf)

    def left(self, account: str) -> float:
        """What is left of the account's budget this calendar year, EUR."""
        return max(0.0, self.budget(account) - self.paid[account])

    def admit(self, transfers) -> list[Transfer]:
        """The transfers as they may be booked: each budgeted payer's cash cut to its budget left."""
        out = []
        for t in transfers:
            if t.payer in self.limits and t.payee == FACILITY and not t.in_kind:
                if t.phase != "setup":
                    amount = min(float(t.amount_eur), self.left(t.payer))
                    if amount <= 0.0:
                        continue
                    if amount < t.amount_eur:
                        t = replace(t, amount_eur=amount)
                    self.paid[t.payer] += amount
            out.append(t)
        return out

    def new_year(self) -> None:
        """A new calendar year: every budget is whole again."""
        self.paid.clear()
