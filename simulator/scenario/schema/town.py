"""Time frame, town and districts (the socio-spatial frame of a scenario)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simulator.scenario.schema.base import Name, NonNegative, Share, Spec, field

AGE_TABLES = Literal["kreis_recklinghausen_2020", "ennepe_ruhr_kreis_2020", "nrw_2020"]


#: Longest horizon of a run; experiments, stress tests and ``--years`` use the same bound.
MAX_YEARS = 100


class TimeSpec(Spec):
    """When the simulation starts and how long it runs (one step = one month)."""

    start_year: int = field(2025, "First simulated calendar year", "year", ge=1990, le=2100)
    years: int = field(30, "Horizon", "years", ge=1, le=MAX_YEARS)


class DistrictSpec(Spec):
    """One district of the town, with its distance to the facility."""

    name: Name = Field(min_length=1, max_length=80, description="District name")
    population_share: float = field(
        ..., "Share of the town's residents living here", "share", **Share
    )
    distance_km: float = field(
        ..., "Distance from the district centre to the facility", "km", **NonNegative
    )
    migrant_shift: float = field(
        0.0, "Migrant share here minus the town mean", "share points", ge=-0.5, le=0.5
    )
    senior_shift: float = field(
        0.0, "65+ share here minus the town mean", "share points", ge=-0.3, le=0.3
    )


class TownSpec(Spec):
    """The town: size, structure and districts; the initial population is synthesised from it."""

    name: Name = Field(min_length=1, max_length=80, description="Town name")
    population: int = field(..., "Residents at the start", "persons", ge=100, le=5_000_000)
    age_table: AGE_TABLES = Field(
        ..., description="Age-sex structure (simulator/data/age_structure.csv) used as marginal"
    )
    share_65plus: float | None = field(
        None,
        "Target 65+ share at the start (reweights the age table); null keeps it",
        "share",
        **Share,
    )
    male_share: float = field(0.487, "Share of men", "share", ge=0.3, le=0.7)
    migrant_share: float = field(0.25, "Share with migration background", "share", **Share)
    low_income_share_under65: float = field(
        0.15, "Share of under-65s on minimum income (SGB II)", "share", **Share
    )
    low_income_share_65plus: float = field(
        0.05, "Share of 65+ on minimum income (Grundsicherung im Alter)", "share", **Share
    )
    parent_share_25_49: float = field(
        0.45, "Share of 25-49-year-olds living with minor children", "share", **Share
    )
    districts: list[DistrictSpec] = Field(..., min_length=1, max_length=50)

    @model_validator(mode="after")
    def _district_shares_sum_to_one(self) -> TownSpec:
        total = sum(d.population_share for d in self.districts)
        if abs(total - 1.0) > 0.01:
            raise ValueError(f"districts: population shares sum to {total:.3f}, not 1")
        names = [d.name for d in self.districts]
        if len(set(names)) != len(names):
            raise ValueError("districts: names must be unique")
        return self
