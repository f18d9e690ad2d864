"""The municipal budget, the budget-consolidation rule and political support."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from simulator.scenario.schema.base import Name, NonNegative, Share, Spec, field

FiscalTarget = Literal["revenues", "interest_rate", "mandatory_spending", "growth"]


class FiscalShockSpec(Spec):
    """A shock to the municipal budget for a number of years (the stress test's building block).

    ``revenues`` and ``mandatory_spending``: relative change (-0.2 = 20 % lower);
    ``interest_rate``: added percentage points as a fraction (0.015 = +1.5 pp);
    ``growth``: change of the revenue growth rate per year (-0.01 = -1 pp), cumulating.
    """

    name: Name = Field("shock", min_length=1, max_length=80)
    target: FiscalTarget
    size: float = field(
        ..., "Size of the shock (meaning depends on target)", "fraction", ge=-1.0, le=1.0
    )
    start_year: int = field(..., "First calendar year of the shock", "year", ge=1990, le=2200)
    years: int = field(1, "Duration", "years", ge=1, le=100)


class MunicipalitySpec(Spec):
    """Municipal budget (NKF double-entry, simplified) and the politics around the facility."""

    revenue_eur_per_working_age_year: float = field(
        ..., "Tax and fee revenue per resident aged 15-64", "EUR/person/year", **NonNegative
    )
    transfers_eur_per_capita_year: float = field(
        ..., "State transfers (Schlüsselzuweisungen) per resident", "EUR/person/year", **NonNegative
    )
    revenue_growth_per_year: float = field(
        0.0, "Real growth of revenue per head", "1/year", ge=-0.1, le=0.1
    )
    mandatory_eur_per_80plus_year: float = field(
        ..., "Mandatory care spending per resident aged 80+", "EUR/person/year", **NonNegative
    )
    mandatory_eur_per_child_year: float = field(
        ...,
        "Mandatory child-care and youth spending per resident aged 0-17",
        "EUR/person/year",
        **NonNegative,
    )
    mandatory_eur_per_low_income_year: float = field(
        ...,
        "Mandatory social-assistance spending per low-income resident",
        "EUR/person/year",
        **NonNegative,
    )
    fixed_spending_eur_per_capita_year: float = field(
        ...,
        "Administration, infrastructure, Kreisumlage per resident",
        "EUR/person/year",
        **NonNegative,
    )
    voluntary_share_of_revenue: float = field(
        0.05, "Voluntary services as a share of revenue", "share", ge=0.0, le=0.3
    )
    general_reserve_eur: float = field(..., "Allgemeine Rücklage at the start", "EUR")
    balancing_reserve_eur: float = field(
        0.0, "Ausgleichsrücklage at the start", "EUR", **NonNegative
    )
    liquidity_loans_eur: float = field(
        ..., "Liquidity loans (Kassenkredite) at the start", "EUR", **NonNegative
    )
    interest_rate_liquidity: float = field(
        0.03, "Interest on liquidity loans", "1/year", ge=0.0, le=0.3
    )
    debt_relief_eur: float = field(
        0.0, "Liquidity loans taken over by the Land", "EUR", **NonNegative
    )
    debt_relief_year: int | None = field(None, "Year of the debt relief", "year", ge=1990, le=2200)
    hsk_voluntary_cut_share: float = field(
        0.3, "Cut of voluntary spending (facility grant included) under HSK", "share", **Share
    )
    hsk_consolidation_per_year: float = field(
        0.01,
        "Consolidation built up per HSK year (tax rises, savings), share of revenue; it cumulates and stays",
        "share",
        ge=0.0,
        le=0.2,
    )
    political_support_initial: float = field(
        0.7, "Council support for the facility at the start", "0..1", **Share
    )
    support_threshold: float = field(
        0.35, "Below this support the council stops the facility grant", "0..1", **Share
    )
    support_gain_per_visit_rate: float = field(
        2.0,
        "Support gain per unit of yearly visits per resident",
        "1/(visits per resident)",
        ge=0.0,
        le=50.0,
    )
    support_loss_under_hsk: float = field(
        0.08, "Support lost per year under HSK", "per year", **Share
    )
    support_drift_to: float = field(
        0.55, "Support drifts towards this level each year", "0..1", **Share
    )
    support_drift_rate: float = field(0.2, "Speed of that drift", "1/year", **Share)
    election_interval_years: int = field(5, "Years between council elections", "years", ge=1, le=10)
    first_election_year: int = field(
        2025, "Year of the first council election", "year", ge=1990, le=2200
    )
    election_swing_sd: float = field(
        0.12, "Standard deviation of the support swing at elections", "0..1", ge=0.0, le=1.0
    )
    fiscal_shocks: list[FiscalShockSpec] = Field(default_factory=list, max_length=20)
