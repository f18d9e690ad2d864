"""Pure budget rules of the municipality: the HSK trigger and fiscal shocks.

§ 76 (1) GO NRW requires a budget-consolidation concept (Haushaltssicherungskonzept, HSK) when
(1) the general reserve (allgemeine Rücklage) falls by more than a quarter within one year, or
(2) it falls by more than a twentieth in each of two consecutive years, or
(3) the equity is used up (a deficit not covered by equity) — domain_facts §2b.

The law applies these tests when the budget is drawn up (planned figures); the simulator
applies them to each year's closed accounts, and the HSK then governs the following year.
"""

from __future__ import annotations

REASON_QUARTER = "reserve_down_over_quarter"
REASON_TWENTIETH = "reserve_down_over_twentieth_twice"
REASON_EQUITY = "negative_equity"

#: The balancing reserve (Ausgleichsrücklage) may hold at most a third of equity (NKFWG 2012,
#: domain_facts §2b).
BALANCING_RESERVE_CAP_SHARE_OF_EQUITY = 1.0 / 3.0


def book_result(general: float, balancing: float, result: float) -> tuple[float, float]:
    """Book a year's result into (general reserve, balancing reserve); return both.

    A deficit uses up the balancing reserve first, then the general reserve (which may turn
    negative: a deficit not covered by equity). A surplus first closes such an uncovered
    deficit, then fills the balancing reserve up to a third of equity; the rest goes to the
    general reserve.
    """
    if result < 0:
        from_balancing = min(balancing, -result)
        return general - (-result - from_balancing), balancing - from_balancing
    to_general = min(result, max(0.0, -general))
    rest = result - to_general
    room = max(
        0.0, BALANCING_RESERVE_CAP_SHARE_OF_EQUITY * (general + balancing + result) - balancing
    )
    to_balancing = min(rest, room)
    return general + to_general + (rest - to_balancing), balancing + to_balancing


def drop_share(before: float, after: float) -> float:
    """Relative fall of the general reserve from ``before`` to ``after`` (0 if it did not fall)."""
    if before <= 0:
        return 0.0
    return max(0.0, (before - after) / before)


def hsk_triggers(
    reserve_two_years_ago: float, reserve_last_year: float, reserve_now: float, equity_now: float
) -> list[str]:
    """Which of the three § 76 GO NRW conditions hold at this year-end (empty list: none)."""
    reasons = []
    this_year = drop_share(reserve_last_year, reserve_now)
    last_year = drop_share(reserve_two_years_ago, reserve_last_year)
    if this_year > 0.25:
        reasons.append(REASON_QUARTER)
    if this_year > 0.05 and last_year > 0.05:
        reasons.append(REASON_TWENTIETH)
    if equity_now < 0:
        reasons.append(REASON_EQUITY)
    return reasons


def shock_factor(shocks, target: str, year: int) -> float:
    """Multiplier (revenues, mandatory spending) from the shocks active in ``year``."""
    factor = 1.0
    for shock in shocks:
        if shock.target == target and shock.start_year <= year < shock.start_year + shock.years:
            factor *= 1.0 + shock.size
    return factor


def shock_add(shocks, target: str, year: int) -> float:
    """Additive change (interest rate, growth) from the shocks active in ``year``."""
    return sum(
        shock.size
        for shock in shocks
        if shock.target == target and shock.start_year <= year < shock.start_year + shock.years
    )
