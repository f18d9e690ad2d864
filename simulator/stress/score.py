"""A fiscal stress score for a municipal budget path, adapted from the NY State Comptroller's FSMS.

The New York State Comptroller's Fiscal Stress Monitoring System (FSMS) scores local
governments on five groups of financial indicators — year-end fund balance, operating
deficits, cash position, use of short-term (cash-flow) borrowing and fixed costs — on a
100-point scale with bands: significant stress ≥ 65, moderate 55–65, susceptible 45–55, no
designation below 45 (domain_facts §2c). This module maps those groups onto the NKF budget of
the simulator. The mapping, the weights and every threshold are assumptions (the FSMS point
table itself was not among the stored sources), stated next to each number and in
docs/stress_test.md. It is not the DeWaK/RWI stress test, whose method was NOT FOUND.

Every function is pure: plain numbers in, points out.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.fiscal.budget import drop_share

#: Points of each indicator group (sum 100). assumption: reserve half the score, like the
#: weight the budget-consolidation law (§ 76 GO NRW) gives the general reserve.
WEIGHTS = {
    "reserve_level": 25.0,
    "reserve_decline": 25.0,
    "operating_deficits": 10.0,
    "liquidity": 20.0,
    "short_term_borrowing": 15.0,
    "fixed_costs": 5.0,
}

#: Bands on the 100-point scale (domain_facts §2c, NY FSMS): (lower bound, name), highest first.
BANDS = ((65.0, "significant"), (55.0, "moderate"), (45.0, "susceptible"), (0.0, "none"))

#: assumption: a deficit counts as an operating deficit above 1 % of revenue (smaller gaps
#: are within planning error).
DEFICIT_SHARE_OF_REVENUE = 0.01
#: assumption: liquidity borrowing counts in a year when loans rose by more than 1 % of revenue.
BORROWING_SHARE_OF_REVENUE = 0.01
#: Years looked back for deficits and borrowing (FSMS looks at the last three years).
LOOKBACK_YEARS = 3


def band(score: float) -> str:
    """The FSMS band of a score: significant, moderate, susceptible or none."""
    return next(name for lower, name in BANDS if score >= lower)


def steps(value: float, thresholds: Sequence[float], weight: float, higher_is_worse=True) -> float:
    """Points for ``value`` on a staircase: each threshold passed adds an equal share of ``weight``."""
    passed = sum(1 for t in thresholds if (value > t if higher_is_worse else value <= t))
    return weight * passed / len(thresholds)


def reserve_level_points(equity_eur: float, expenditure_eur: float) -> float:
    """Equity in months of spending (FSMS: fund balance / gross expenditures).

    assumption: thresholds at 20 %, 10 %, 5 % and 0 % of a year's spending; negative equity
    (balance-sheet over-indebtedness, an HSK condition) gives the full points.
    """
    cover = equity_eur / expenditure_eur if expenditure_eur > 0 else 0.0
    return steps(cover, (0.20, 0.10, 0.05, 0.0), WEIGHTS["reserve_level"], higher_is_worse=False)


def reserve_decline_points(reserve_before: float, reserve_last: float, reserve_now: float) -> float:
    """The fall of the general reserve, on the § 76 GO NRW thresholds.

    Over a quarter in one year: full points; over a twentieth in this and the previous year:
    three quarters; over a twentieth this year: half; any fall: a quarter. A reserve that is
    already used up (zero or below) and falls further gets the full points.
    """
    weight = WEIGHTS["reserve_decline"]
    if reserve_last <= 0:
        return weight if reserve_now < reserve_last else 0.0
    now = drop_share(reserve_last, reserve_now)
    before = drop_share(reserve_before, reserve_last)
    if now > 0.25:
        return weight
    if now > 0.05 and before > 0.05:
        return 0.75 * weight
    if now > 0.05:
        return 0.5 * weight
    return 0.25 * weight if now > 0 else 0.0


def operating_deficit_points(results_eur: Sequence[float], revenues_eur: Sequence[float]) -> float:
    """A third of the points for each of the last three years with a deficit over 1 % of revenue."""
    pairs = list(zip(results_eur, revenues_eur, strict=True))[-LOOKBACK_YEARS:]
    count = sum(1 for res, rev in pairs if res < -DEFICIT_SHARE_OF_REVENUE * rev)
    return WEIGHTS["operating_deficits"] * count / LOOKBACK_YEARS


def liquidity_points(liquidity_loans_eur: float, revenue_eur: float) -> float:
    """Liquidity loans as a share of a year's revenue (FSMS: cash position).

    assumption: thresholds 5 % (≈ the 100 EUR per resident above which NRW counts liquidity
    loans as excessive, domain_facts §2a/§2b), 25 %, 50 % (NRW mean 1,245 EUR per resident in
    2011 against ≈2,500-3,000 EUR revenue per resident) and 100 % (a full year's revenue; Herten
    2021: 264 M EUR against ≈200 M EUR, domain_facts §4a).
    """
    share = liquidity_loans_eur / revenue_eur if revenue_eur > 0 else 1.0
    return steps(share, (0.05, 0.25, 0.50, 1.00), WEIGHTS["liquidity"])


def borrowing_points(new_loans_eur: Sequence[float], revenues_eur: Sequence[float]) -> float:
    """A third of the points for each of the last three years with new liquidity borrowing (> 1 % of revenue)."""
    pairs = list(zip(new_loans_eur, revenues_eur, strict=True))[-LOOKBACK_YEARS:]
    count = sum(1 for new, rev in pairs if new > BORROWING_SHARE_OF_REVENUE * rev)
    return WEIGHTS["short_term_borrowing"] * count / LOOKBACK_YEARS


def fixed_cost_points(
    interest_eur: float, mandatory_eur: float, revenue_eur: float, mandatory_share_start: float
) -> float:
    """Interest and mandatory spending per euro of revenue (FSMS: fixed costs), half the points each.

    Interest: assumption 2.5 % and 5 % of revenue (Herten 2012: ≈10 %, domain_facts §4a).
    Mandatory spending: compared with the town's own first year, because towns book different
    things as mandatory (Wetter's care costs sit in the Kreisumlage); assumption: 5 % and 10 %
    above the first-year share.
    """
    half = WEIGHTS["fixed_costs"] / 2
    if revenue_eur <= 0:
        return 2 * half
    interest = steps(interest_eur / revenue_eur, (0.025, 0.05), half)
    rise = (mandatory_eur / revenue_eur) / mandatory_share_start - 1 if mandatory_share_start else 0
    return interest + steps(rise, (0.05, 0.10), half)
