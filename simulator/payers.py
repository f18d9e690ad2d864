"""Who pays: the facility's money by payer, kind and phase, and the shares of its cost.

Pure functions over the ledger's tallies (``simulator.accounting.YearMoney``): the annual
table's money columns (:func:`money_columns`), the run summary's money outcomes
(:func:`money_summary`) and the shares of cost with the opening reserves used and the bills
left unpaid (:func:`shares_of_cost`). docs/models_and_instruments.md ("one month's money") and
docs/ODD.md 7.4 define them.
"""

from __future__ import annotations

from simulator.accounting import CATEGORIES, PHASES, YearMoney

CASH_PAYERS = tuple(c for c in CATEGORIES if c != "volunteers")  # volunteers give time
RUNNING = ("operation", "renewal")  # the phases after opening; set-up is financed apart


def money_columns(money: YearMoney) -> dict[str, float]:
    """A year's money by payer: cash and in kind (set-up apart), set-up, and the cost by phase.

    ``income_<payer>_eur`` (everything a payer category gave, as before), ``cash_<payer>_eur``
    and ``in_kind_<payer>_eur`` (operation and renewal), ``setup_<payer>_eur`` (the set-up
    financing), ``cost_<phase>_eur``, and the cost in cash and in kind.
    """
    return {
        **{f"income_{c}_eur": money.contributions.get(c, 0.0) for c in CATEGORIES},
        **{f"cash_{c}_eur": sum(money.into(c, "cash", p) for p in RUNNING) for c in CATEGORIES},
        **{
            f"in_kind_{c}_eur": sum(money.into(c, "in_kind", p) for p in RUNNING)
            for c in CATEGORIES
        },
        **{f"setup_{c}_eur": money.into(c, phase="setup") for c in CATEGORIES},
        **{f"cost_{p}_eur": money.cost(phase=p) for p in PHASES},
        "cost_cash_eur": money.cost(kind="cash"),
        "cost_in_kind_eur": money.cost(kind="in_kind"),
    }


def money_summary(model, years_open: float) -> dict[str, float]:
    """Who paid over the run: shares of cost, cash per year and its shares, in kind, set-up."""
    totals = model.ledger.totals()
    opening = model.spec.facility.initial_reserves_eur
    shares = shares_of_cost(totals, opening, model.facility.reserves)
    cash = {c: sum(totals.into(c, "cash", p) for p in RUNNING) for c in CASH_PAYERS}
    in_kind = {c: sum(totals.into(c, "in_kind", p) for p in RUNNING) for c in CATEGORIES}
    cash_total = sum(cash.values())
    setup = totals.cost(phase="setup")
    per_year = 1.0 / years_open if years_open > 0 else 0.0
    return {
        **{f"cost_share_{c}": shares[c] for c in CATEGORIES},
        "cost_share_reserves": shares["reserves"],
        "cost_share_unpaid": shares["unpaid"],
        **{f"cost_{p}_eur": totals.cost(phase=p) for p in PHASES},
        **{
            f"setup_share_{c}": totals.into(c, phase="setup") / setup if setup > 0 else 0.0
            for c in CATEGORIES
        },
        **{f"cash_eur_per_year_{c}": v * per_year for c, v in cash.items()},
        **{f"cash_share_{c}": v / cash_total if cash_total > 0 else 0.0 for c, v in cash.items()},
        **{f"in_kind_eur_per_year_{c}": v * per_year for c, v in in_kind.items()},
        "unpaid_bills_end_eur": max(0.0, -model.facility.reserves),
    }


def shares_of_cost(money: YearMoney, opening_eur: float, end_eur: float) -> dict[str, float]:
    """Each payer category's share of the facility's cost, the opening reserves' and the unpaid bills'.

    Money given and the opening reserves are the sources; the cost and what is left in the
    reserves at the end are the uses. Money left at the end paid no cost, so each source's part
    of the cost is its money times ``(cost - unpaid) / sources``; bills left unpaid (negative
    reserves at the end) are a share of their own, ``unpaid``, and the opening reserves one
    called ``reserves``. The six categories, ``reserves`` and ``unpaid`` sum to 1 (all 0
    without cost).
    """
    cost = money.cost()
    out = dict.fromkeys((*CATEGORIES, "reserves", "unpaid"), 0.0)
    if cost <= 0:
        return out
    unpaid = max(0.0, -end_eur)
    sources = sum(money.contributions.get(c, 0.0) for c in CATEGORIES) + max(0.0, opening_eur)
    spent = (cost - unpaid) / sources if sources > 0 else 0.0
    for c in CATEGORIES:
        out[c] = money.contributions.get(c, 0.0) * spent / cost
    out["reserves"] = max(0.0, opening_eur) * spent / cost
    out["unpaid"] = unpaid / cost
    return out
