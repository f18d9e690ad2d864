"""Demographic rules, applied once a year in January: deaths, births, ageing, moves.

Each function states its rule in one sentence; all randomness comes from the model's generator.
Rules are pure functions over arrays: the demographic tables come in as arguments
(``simulator/population/tables.py`` reads them), and newcomers come out as columns that
``simulator/population/dynamics.py`` adds to the population.
"""

from __future__ import annotations

import numpy as np

from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.schema.demography import DemographySpec

Columns = dict[str, np.ndarray]  # newcomers: one array per resident attribute (age, female, ...)
REFUGEE_ADULT_TO = (
    35  # assumption: adult refugees arrive aged up to 35 (DI §6a: mostly young adults)
)


def death_probability(age, female, year_index: int, spec: DemographySpec, qx) -> np.ndarray:
    """A resident dies within the year with the German 2022/24 probability for their age and sex, times the hazard ratio, shifted by the yearly trend; certain death at the maximum age.

    ``qx[age, sex]`` is the life table (sex 0 male, 1 female).
    """
    q = qx[np.minimum(age, qx.shape[0] - 1), female.astype(np.int8)]
    q = q * spec.mortality_hazard_ratio * (1.0 + spec.mortality_trend_per_year) ** year_index
    return np.where(age >= spec.max_age, 1.0, np.clip(q, 0.0, 1.0))


def birth_probability(age, female, year_index: int, spec: DemographySpec, rates) -> np.ndarray:
    """A woman aged 15-49 gives birth within the year by the 2023 fertility schedule scaled to the scenario's TFR.

    ``rates[age]`` is the fertility schedule (births per woman and year, zero outside 15-49).
    """
    tfr = max(0.0, spec.tfr + spec.tfr_trend_per_year * year_index)
    scale = tfr / rates.sum()
    p = rates[np.minimum(age, rates.shape[0] - 1)] * scale
    return np.where(female & (age < rates.shape[0]), np.clip(p, 0.0, 1.0), 0.0)


def newborns(
    district, migrant, low_income, tenant, girl_share: float, rng: np.random.Generator
) -> Columns:
    """A newborn is aged 0, a girl with the given share, and lives in its mother's district, dwelling and circumstances (one entry per mother)."""
    n = len(district)
    return {
        "age": np.zeros(n, np.int16),
        "female": rng.random(n) < girl_share,
        "district": district.copy(),
        "migrant": migrant.copy(),
        "low_income": low_income.copy(),
        "tenant": tenant.copy(),
    }


def tenancy(district, tenant_share_by_district, rng: np.random.Generator) -> np.ndarray:
    """A resident who settles in a district rents from the housing company with the share of that district's residents its dwellings house."""
    return rng.random(district.shape[0]) < tenant_share_by_district[district]


def move_out_probability(age, spec: DemographySpec, schedule) -> np.ndarray:
    """A resident moves out within the year by the age schedule of moves (demography_inputs §6c), scaled.

    ``schedule[age]`` is the yearly probability of moving out.
    """
    return np.clip(
        schedule[np.minimum(age, schedule.shape[0] - 1)] * spec.out_migration_scale, 0.0, 1.0
    )


def in_movers(
    n: int,
    resident_age,
    resident_low_income,
    schedule,
    district_shares,
    migrant_share: float,
    parent_share: float,
    ages: AgesSpec,
    rng: np.random.Generator,
) -> Columns:
    """In-movers have the age profile of movers, settle in districts by population share, and take the town's low-income rate and parent share.

    ``schedule[age]`` is the yearly probability of moving, weighted by the residents of that age.
    """
    single_ages = np.arange(schedule.shape[0])
    counts = np.bincount(np.minimum(resident_age, single_ages[-1]), minlength=single_ages.size)
    weights = schedule * np.maximum(counts, 1)
    age = rng.choice(single_ages, size=n, p=weights / weights.sum()).astype(np.int16)
    female = rng.random(n) < 0.5
    district = rng.choice(len(district_shares), size=n, p=district_shares).astype(np.intp)
    migrant = rng.random(n) < migrant_share
    low_income_rate = resident_low_income.mean() if len(resident_low_income) else 0.0
    low_income = rng.random(n) < low_income_rate
    of_parent_age = (age >= ages.parent_from) & (age <= ages.parent_to)
    parent = of_parent_age & (rng.random(n) < parent_share)
    return {
        "age": age,
        "female": female,
        "district": district,
        "migrant": migrant,
        "low_income": low_income,
        "parent": parent,
    }


def refugees(n: int, shock, district_shares, adult_from: int, rng: np.random.Generator) -> Columns:
    """Refugees arrive with the shock's share of children, adults aged up to 35, and mostly on minimum income."""
    child = rng.random(n) < shock.child_share
    age = np.where(
        child, rng.integers(0, adult_from, n), rng.integers(adult_from, REFUGEE_ADULT_TO + 1, n)
    ).astype(np.int16)
    female = np.where(child, rng.random(n) < 0.5, rng.random(n) >= shock.adult_male_share)
    district = rng.choice(len(district_shares), size=n, p=district_shares).astype(np.intp)
    low_income = rng.random(n) < shock.low_income_share
    parent = (~child) & (rng.random(n) < shock.child_share)
    return {
        "age": age,
        "female": female,
        "district": district,
        "migrant": np.ones(n, bool),
        "low_income": low_income,
        "parent": parent,
    }


def update_low_income(
    low_income, age, spec: DemographySpec, senior_from: int, rng: np.random.Generator
) -> np.ndarray:
    """Each year some residents leave minimum income and some enter it, with the rates of their age group (under or over the senior age)."""
    u = rng.random(low_income.shape[0])
    senior = age >= senior_from
    exit_ = np.where(senior, spec.low_income_exit_per_year_65plus, spec.low_income_exit_per_year)
    entry = np.where(senior, spec.low_income_entry_per_year_65plus, spec.low_income_entry_per_year)
    return np.where(low_income, u >= exit_, u < entry)


def update_parents(
    age, parent, rng: np.random.Generator, share: float, ages: AgesSpec
) -> np.ndarray:
    """Residents turning 25 (``ages.parent_from``) become parents with the town's share; parents stop counting as such after 49 (``ages.parent_to``)."""
    becomes = (age == ages.parent_from) & (rng.random(age.shape[0]) < share)
    return (parent | becomes) & (age <= ages.parent_to)
