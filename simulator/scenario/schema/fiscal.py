"""The town's budget as data: starting status, taxes, the GFG, the Kreis, own spending by age.

A kreisangehörige NRW Gemeinde (municipal_finance_nrw.md = MF): Grundsteuer B and Gewerbesteuer
from a tax base (Messbetrag) times the town's Hebesatz; shares of income and sales tax;
Schlüsselzuweisungen by the GFG formula (MF §1); the Kreisumlage at the Kreis's rate on the
town's tax capacity plus Schlüsselzuweisungen (MF §2); the town's own mandatory spending per
resident of an age band. The equations are in docs/fiscal_model.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simulator.scenario.schema.base import Name, NonNegative, Share, Spec, field

LineName = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="Line name (a-z, 0-9, _)")
MAX_AGE = 120


class InitialStatusSpec(Spec):
    """Where the town's finances stand at the start (data with sources)."""

    hsk: bool = field(False, "Under budget consolidation (HSK) at the start", "bool")
    hsk_since_year: int | None = field(
        None, "First year of the HSK running at the start", "year", ge=1990, le=2200
    )
    hsk_target_year: int | None = field(
        None,
        "Year the running HSK plans balance (null: first HSK year + hsk.max_plan_years)",
        "year",
        ge=1990,
        le=2200,
    )
    general_reserve_eur: float = field(..., "Allgemeine Rücklage at the start", "EUR")
    balancing_reserve_eur: float = field(
        0.0, "Ausgleichsrücklage at the start", "EUR", **NonNegative
    )
    liquidity_loans_eur: float = field(
        ..., "Liquidity loans (Kassenkredite) at the start", "EUR", **NonNegative
    )
    property_tax_rate_points: float = field(
        ..., "Grundsteuer B Hebesatz at the start", "% points", ge=0.0, le=3000.0
    )
    trade_tax_rate_points: float = field(
        ..., "Gewerbesteuer Hebesatz at the start", "% points", ge=200.0, le=2000.0
    )


class TaxSpec(Spec):
    """Own taxes and tax shares (revenue = base x Hebesatz / 100 for the Realsteuern)."""

    property_tax_base_eur: float = field(
        ..., "Grundsteuer B Messbetrag (revenue per 100 Hebesatz points)", "EUR/year", **NonNegative
    )
    trade_tax_base_eur: float = field(
        ..., "Gewerbesteuer Messbetrag in the start year", "EUR/year", **NonNegative
    )
    trade_tax_levy_points: float = field(
        35.0, "Gewerbesteuerumlage (Vervielfältiger) paid on the Messbetrag", "% points", ge=0.0
    )
    income_tax_eur_per_working_age_year: float = field(
        ..., "Gemeindeanteil Einkommensteuer per working-age resident", "EUR/person/year", ge=0.0
    )
    sales_tax_eur_per_capita_year: float = field(
        0.0, "Gemeindeanteil Umsatzsteuer per resident", "EUR/person/year", **NonNegative
    )
    other_revenue_eur_per_capita_year: float = field(
        0.0,
        "Other general revenue per resident (other taxes, fees, general transfers)",
        "EUR/person/year",
        **NonNegative,
    )


class KeyAllocationSpec(Spec):
    """Schlüsselzuweisungen by the GFG formula: 90 % of the gap between need and tax capacity."""

    equalisation_share: float = field(
        0.9,
        "Share of (Ausgangsmesszahl - Steuerkraftmesszahl) paid (MF §1a, GFG § 7)",
        "share",
        **Share,
    )
    base_amount_eur: float = field(
        ..., "Grundbetrag per Ansatz unit in the start year", "EUR/unit/year", **NonNegative
    )
    mass_bn_eur: dict[int, float] = field(
        {},
        "GFG mass by year; the Grundbetrag follows it relative to the start year (empty: constant)",
        "bn EUR",
    )
    main_scale: list[tuple[float, float]] = field(
        [(25000, 1.00), (38500, 1.03), (54500, 1.06), (73500, 1.09), (95000, 1.12)],
        "Hauptansatzstaffel: (residents, weight), linear in between (MF §1b, GFG ~2011/12)",
        "persons, share",
        min_length=1,
    )
    social_weight_per_household: float = field(
        9.6,
        "Soziallastenansatz: units per SGB II Bedarfsgemeinschaft (MF §1b, GFG ~2011/12)",
        "units/household",
        **NonNegative,
    )
    persons_per_benefit_household: float = field(
        1.92,
        "Minimum-income recipients per Bedarfsgemeinschaft (DI §8a: Kreis RE 71,206 in 37,170)",
        "persons/household",
        gt=0.0,
    )
    fictive_property_tax_rate_points: float = field(
        443.0, "Fiktiver Hebesatz Grundsteuer B (MF §1b, GFG 2019, inferred)", "% points", ge=0
    )
    fictive_trade_tax_rate_points: float = field(
        418.0, "Fiktiver Hebesatz Gewerbesteuer (MF §1b, GFG 2019, inferred)", "% points", ge=0
    )


class PerPersonLine(Spec):
    """A spending line: EUR per year per resident of an age band (or per minimum-income recipient)."""

    name: str = LineName
    ages: tuple[int, int] = field(
        (0, MAX_AGE), "Age band, first and last year of age (residents only)", "years"
    )
    per: Literal["resident", "low_income_resident"] = field(
        "resident", "Counted per resident of the band, or per minimum-income recipient", "kind"
    )
    eur_per_person_year: float = field(..., "Spending per person", "EUR/person/year", ge=0.0)

    @model_validator(mode="after")
    def _band(self) -> PerPersonLine:
        low, high = self.ages
        if not 0 <= low <= high <= MAX_AGE:
            raise ValueError(f"ages: need 0 <= first <= last <= {MAX_AGE}")
        if self.per == "low_income_resident" and self.ages != (0, MAX_AGE):
            raise ValueError("ages: a line per minimum-income recipient counts all ages")
        return self


class CountySpec(Spec):
    """The Kreis: its levy rate follows its own social spending, which grows with its ageing."""

    name: Name = Field("Kreis", min_length=1, max_length=80, description="Name of the Kreis")
    levy_rate: dict[int, float] = field(
        ...,
        "Kreisumlage rate by year (observed); interpolated, after the last year it follows "
        "the Kreis's social spending per resident",
        "share",
        min_length=1,
    )
    social_share_of_need: float = field(
        ..., "Share of the levy-financed need that is social spending", "share", **Share
    )
    social_spending: list[PerPersonLine] = Field(
        ..., min_length=1, max_length=10, description="The Kreis's social spending per person"
    )

    @model_validator(mode="after")
    def _rates(self) -> CountySpec:
        if not all(0.0 <= r <= 1.0 for r in self.levy_rate.values()):
            raise ValueError("levy_rate: rates are shares between 0 and 1")
        return self


class VoluntaryLineSpec(Spec):
    """A line of voluntary spending; the line named ``facility`` is the facility's grant."""

    name: str = LineName
    eur_per_capita_year: float = field(
        0.0, "Spending per resident (the facility line: its grant instead)", "EUR/person/year", ge=0
    )
