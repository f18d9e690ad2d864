"""The municipal budget, budget consolidation (HSK), fiscal shocks and political support.

The budget's sections are in ``fiscal.py`` (starting status, taxes, GFG, Kreis, spending lines)
and ``consolidation.py`` (the HSK plan's measures, state aid); docs/fiscal_model.md has the
equations and their sources.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simulator.scenario.schema.base import Name, NonNegative, Share, Spec, field
from simulator.scenario.schema.consolidation import AidProgrammeSpec, HSKSpec
from simulator.scenario.schema.fiscal import (
    CountySpec,
    InitialStatusSpec,
    KeyAllocationSpec,
    PerPersonLine,
    TaxSpec,
    VoluntaryLineSpec,
)

FiscalTarget = Literal["revenues", "interest_rate", "mandatory_spending", "growth"]
FACILITY_LINE = "facility"


class FiscalShockSpec(Spec):
    """A shock to the municipal budget for a number of years (the stress test's building block).

    ``revenues``: relative change of taxes, Schlüsselzuweisungen and other revenue (-0.2 = 20 %
    lower); ``mandatory_spending``: relative change of the town's own mandatory spending and of
    the Kreis's social spending (through the Kreisumlage rate); ``interest_rate``: added
    percentage points as a fraction (0.015 = +1.5 pp); ``growth``: change of the tax growth rate
    per year (-0.01 = -1 pp), cumulating.
    """

    name: Name = Field("shock", min_length=1, max_length=80)
    target: FiscalTarget
    size: float = field(
        ..., "Size of the shock (meaning depends on target)", "fraction", ge=-1.0, le=1.0
    )
    start_year: int = field(..., "First calendar year of the shock", "year", ge=1990, le=2200)
    years: int = field(1, "Duration", "years", ge=1, le=100)


class MunicipalitySpec(Spec):
    """Municipal budget of a kreisangehörige NRW town (NKF, simplified) and its politics."""

    initial: InitialStatusSpec
    taxes: TaxSpec
    key_allocations: KeyAllocationSpec
    county: CountySpec
    own_spending: list[PerPersonLine] = Field(
        ..., min_length=1, max_length=20, description="Own mandatory spending lines"
    )
    voluntary: list[VoluntaryLineSpec] = Field(
        ..., min_length=1, max_length=20, description="Voluntary spending lines"
    )
    hsk: HSKSpec = HSKSpec()
    aid_programmes: list[AidProgrammeSpec] = Field(default_factory=list, max_length=5)
    revenue_growth_per_year: float = field(
        0.0, "Real growth of tax revenue per head", "1/year", ge=-0.1, le=0.1
    )
    tax_index: dict[int, float] = field(
        {}, "Nominal index of tax revenue by year, relative to the start year (empty: 1)", "index"
    )
    spending_growth_per_year: float = field(
        0.0, "Growth of spending and fees per head (prices, wages)", "1/year", ge=-0.1, le=0.2
    )
    interest_rate_liquidity: float = field(
        0.03, "Interest on liquidity loans", "1/year", ge=0.0, le=0.3
    )
    interest_rate_path: dict[int, float] = field(
        {}, "Interest on liquidity loans by year, interpolated (empty: the constant rate)", "1/year"
    )
    debt_relief_eur: float = field(
        0.0, "Liquidity loans taken over by the Land", "EUR", **NonNegative
    )
    debt_relief_year: int | None = field(None, "Year of the debt relief", "year", ge=1990, le=2200)
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

    @model_validator(mode="after")
    def _lines_exist(self) -> MunicipalitySpec:
        own = [line.name for line in self.own_spending]
        voluntary = [line.name for line in self.voluntary]
        if len(set(own)) != len(own) or len(set(voluntary)) != len(voluntary):
            raise ValueError("own_spending, voluntary: line names must be unique")
        if FACILITY_LINE not in voluntary:
            raise ValueError(
                f"voluntary: needs a line named {FACILITY_LINE!r} (the facility grant)"
            )
        for measure in self.hsk.measures:
            line = getattr(measure, "line", None)
            known = own if measure.measure == "savings" else voluntary
            if line is not None and line not in known:
                raise ValueError(f"hsk.measures: {measure.measure} names unknown line {line!r}")
        return self

    @property
    def general_reserve_eur(self) -> float:
        """The general reserve at the start (``initial.general_reserve_eur``)."""
        return self.initial.general_reserve_eur

    @property
    def liquidity_loans_eur(self) -> float:
        """Liquidity loans at the start (``initial.liquidity_loans_eur``)."""
        return self.initial.liquidity_loans_eur
