"""The Kämmerer's projection: the consolidation a plan condition needs, what a measure gives.

The projection is last year's result without measures and aid (a shock that hit last year is
taken to last), plus what is already scheduled: the aid programmes' payments and the interest a
debt relief saves (and the equity it restores). No growth is counted on (a prudent plan), there is no demographic forecast
and no foresight of shocks.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.fiscal.accounts import BudgetRules, YearState
from simulator.fiscal.revenue import at_year


def measure_units(rules: BudgetRules, bare: YearState) -> list[float]:
    """EUR a year one unit of each measure gives at this year's bases (no shocks, no measures)."""
    full = rules.accounts(bare, shocked=False, with_aid=False)
    out = []
    for m in rules.spec.hsk.measures:
        if m.measure == "savings":
            out.append(full[f"own_{m.line}"])
        elif m.measure == "property_tax":
            out.append(rules.spec.taxes.property_tax_base_eur / 100.0)
        else:
            out.append(full[f"voluntary_{m.line}"])
    return out


def need_function(
    rules: BudgetRules,
    bare: YearState,
    margin_eur: float,
    equity_eur: float,
    balancing_eur: float = 0.0,
    shocked: bool = True,
) -> Callable[[int, bool], float]:
    """``need(year, with_aid)``: consolidation (EUR) the budget of ``year`` needs.

    Balance plus the margin, less what the Ausgleichsrücklage ``balancing_eur`` may cover (the
    fiktiver Haushaltsausgleich, MF §5a; 0 under HSK, whose plan must balance); while equity is
    negative, also a tenth of the deficit not covered by equity each year (an over-indebted
    town's plan must rebuild its equity, MF §5a). ``bare`` is the last closed year's state
    without measures, loans as they are now; ``shocked``: that year's shocks are in the base
    (False for a plan drawn before any year is closed).
    """
    spec = rules.spec
    base = rules.accounts(bare, shocked=shocked, with_aid=False)["result"]
    relief_year = spec.debt_relief_year
    years = spec.hsk.max_plan_years

    def need(year: int, with_aid: bool) -> float:
        expected, equity = base, equity_eur
        if relief_year is not None and bare.year < relief_year <= year:
            relief = min(bare.loans_eur, spec.debt_relief_eur)
            rate = at_year(spec.interest_rate_path, year, spec.interest_rate_liquidity)
            expected, equity = expected + rate * relief, equity + relief
        aid = rules.aid(year) if with_aid else 0.0
        rebuild = max(0.0, -equity) / years
        return max(0.0, margin_eur + rebuild - (expected + aid) - balancing_eur)

    return need
