"""Budget consolidation (HSK, § 76 GO NRW) as data: the plan's measures in priority order, and aid.

Once in HSK the town adopts a plan that reaches balance within the approved period (at most ten
years, § 76 (2) GO NRW, MF §5a). The plan draws on its measures in the order listed here, each up
to its sourced size: savings on own lines (staff by attrition, services), Grundsteuer B rises, cuts of named voluntary
lines (the facility grant is the line ``facility``). State-aid programmes (Stärkungspakt-like,
MF §5b, DF §2b) pay by year and set the years by which the plan must balance with and without
the aid. The rules are in simulator/fiscal/plan.py and docs/fiscal_model.md.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from simulator.scenario.schema.base import Share, Spec, field
from simulator.scenario.schema.fiscal import LineName


class SavingsSpec(Spec):
    """Savings on an own-spending line (staff by attrition, services), built up year by year."""

    measure: Literal["savings"]
    line: str = Field(..., description="The own-spending line that is saved on")
    max_share: float = field(..., "Largest saving, share of the line", "share", **Share)
    max_share_per_year: float = field(
        ..., "Largest additional saving per year", "share/year", **Share
    )


class PropertyTaxSpec(Spec):
    """Grundsteuer B increase: the Hebesatz rises step by step up to a ceiling."""

    measure: Literal["property_tax"]
    max_rate_points: float = field(
        ..., "Highest Hebesatz the council will set", "% points", ge=0.0, le=3000.0
    )
    max_points_per_year: float = field(
        ..., "Largest increase in one year", "% points/year", ge=0.0, le=3000.0
    )


class VoluntaryCutSpec(Spec):
    """Cut of one named voluntary line, at once, by up to a share of it."""

    measure: Literal["voluntary_cut"]
    line: str = Field(..., description="The voluntary line that is cut")
    max_share: float = field(..., "Largest cut, share of the line", "share", **Share)


MeasureSpec = Annotated[
    SavingsSpec | PropertyTaxSpec | VoluntaryCutSpec, Field(discriminator="measure")
]


class HSKSpec(Spec):
    """The consolidation plan: period, target surplus, when it ends, measures in priority order."""

    max_plan_years: int = field(
        10,
        "Balance at the latest this many years after the first plan year (§ 76 (2))",
        "years",
        ge=1,
        le=30,
    )
    balance_margin_share: float = field(
        0.005, "Surplus the plan aims at, share of revenue", "share", ge=0.0, le=0.1
    )
    held_years: int = field(
        2,
        "Consecutive balanced years that end the HSK (balance reached and held)",
        "years",
        ge=1,
        le=10,
    )
    measures: list[MeasureSpec] = Field(
        default_factory=list, max_length=20, description="Measures in priority order"
    )

    @model_validator(mode="after")
    def _one_each(self) -> HSKSpec:
        keys = [(m.measure, getattr(m, "line", "")) for m in self.measures]
        if len(set(keys)) != len(keys):
            raise ValueError("measures: each measure (on each line) at most once")
        return self


class AidProgrammeSpec(Spec):
    """A state-aid programme tied to a consolidation plan (Stärkungspakt-like)."""

    name: str = LineName
    payments_eur: dict[int, float] = field(..., "Payment by year", "EUR/year", min_length=1)
    balance_with_aid_year: int = field(
        ..., "The plan must balance with the aid from this year", "year", ge=1990, le=2200
    )
    balance_without_aid_year: int = field(
        ...,
        "... and without it from this year; the plan runs at least to here",
        "year",
        ge=1990,
        le=2200,
    )

    @model_validator(mode="after")
    def _order(self) -> AidProgrammeSpec:
        if self.balance_without_aid_year < self.balance_with_aid_year:
            raise ValueError("balance_without_aid_year must not precede balance_with_aid_year")
        if any(v < 0 for v in self.payments_eur.values()):
            raise ValueError("payments_eur: payments are not negative")
        return self
