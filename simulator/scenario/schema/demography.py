"""Demography: mortality, fertility, migration and demographic shocks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from simulator.scenario.schema.base import NonNegative, Share, Spec, field


class MigrationShockSpec(Spec):
    """A one-off inflow of people (e.g. refugees) spread over some months."""

    kind: Literal["refugee_inflow"] = "refugee_inflow"
    start_year: int = field(..., "Calendar year the inflow starts", "year", ge=1990, le=2200)
    share_of_population: float = field(
        ...,
        "Arrivals as a share of the population at the start of the shock",
        "share",
        ge=0,
        le=0.2,
    )
    months: int = field(
        12, "Months over which arrivals come (one January batch per year)", "months", ge=1, le=60
    )
    adult_male_share: float = field(0.65, "Share of men among adult arrivals", "share", **Share)
    child_share: float = field(0.30, "Share of children (0-17) among arrivals", "share", **Share)
    low_income_share: float = field(0.8, "Share of arrivals on minimum income", "share", **Share)
    leave_share_within_3_years: float = field(
        0.25, "Share of arrivals who leave again within three years", "share", **Share
    )


class DemographySpec(Spec):
    """Cohort-component demography on individuals: deaths, births, migration."""

    mortality_hazard_ratio: float = field(
        1.10, "Multiplier on German 2022/24 death probabilities", "ratio", ge=0.5, le=2.0
    )
    mortality_trend_per_year: float = field(
        -0.01, "Yearly relative change of death probabilities", "1/year", ge=-0.05, le=0.05
    )
    tfr: float = field(
        1.50,
        "Total fertility rate (scales the 2023 ASFR shape)",
        "children per woman",
        ge=0.5,
        le=4.0,
    )
    tfr_trend_per_year: float = field(
        0.0, "Yearly change of the TFR", "children per woman per year", ge=-0.1, le=0.1
    )
    girl_share_at_birth: float = field(
        0.4865, "Share of girls among births", "share", ge=0.4, le=0.6
    )
    out_migration_scale: float = field(
        1.0, "Multiplier on the age schedule of moving out of town", "ratio", ge=0.0, le=5.0
    )
    in_migration_rate_per_year: float = field(
        0.035, "In-movers per year as a share of the population", "1/year", ge=0.0, le=0.3
    )
    in_migration_scale: float = field(
        1.0,
        "Multiplier on the in-migration rate (demographic overlays scale it)",
        "ratio",
        ge=0.0,
        le=5.0,
    )
    in_migrant_migrant_share: float = field(
        0.4, "Share with migration background among in-movers", "share", **Share
    )
    shocks: list[MigrationShockSpec] = Field(default_factory=list, max_length=20)
    max_age: int = field(105, "Age at which death is certain", "years", ge=90, le=120)
    low_income_exit_per_year: float = field(
        0.10,
        "Yearly chance a low-income resident under the senior age leaves minimum income (SGB II)",
        "1/year",
        **Share,
    )
    low_income_entry_per_year: float = field(
        0.015,
        "Yearly chance a resident under the senior age enters minimum income (SGB II)",
        "1/year",
        **NonNegative,
        le=1.0,
    )
    low_income_exit_per_year_65plus: float = field(
        0.10,
        "Yearly chance a low-income senior leaves minimum income (Grundsicherung im Alter)",
        "1/year",
        **Share,
    )
    low_income_entry_per_year_65plus: float = field(
        0.002,
        "Yearly chance a senior enters minimum income (Grundsicherung im Alter)",
        "1/year",
        **NonNegative,
        le=1.0,
    )
    max_population_factor: float = field(
        10.0,
        "Largest population as a multiple of town.population; a run that would grow beyond it "
        "stops as failed (assumption: no German town grows tenfold within the horizon; the "
        "bound stops runaway growth from in-bounds migration settings before memory runs out)",
        "ratio",
        ge=1.5,
        le=100.0,
    )
