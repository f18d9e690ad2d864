"""Demographic rules, applied once a year in January: deaths, births, ageing, moves.

Each function states its rule in one sentence; all randomness comes from the model's generator.
"""

from __future__ import annotations

import numpy as np

from simulator.population.citizens import Citizens
from simulator.population.tables import asfr, life_table, out_migration
from simulator.scenario.schema.demography import DemographySpec

CHILD_MAX_AGE = 17


def death_probability(age, female, year_index: int, spec: DemographySpec) -> np.ndarray:
    """A resident dies within the year with the German 2022/24 probability for their age and sex, times the hazard ratio, shifted by the yearly trend; certain death at the maximum age."""
    qx = life_table()
    q = qx[np.minimum(age, qx.shape[0] - 1), female.astype(np.int8)]
    q = q * spec.mortality_hazard_ratio * (1.0 + spec.mortality_trend_per_year) ** year_index
    return np.where(age >= spec.max_age, 1.0, np.clip(q, 0.0, 1.0))


def birth_probability(age, female, year_index: int, spec: DemographySpec) -> np.ndarray:
    """A woman aged 15-49 gives birth within the year by the 2023 fertility schedule scaled to the scenario's TFR."""
    rates = asfr()
    tfr = max(0.0, spec.tfr + spec.tfr_trend_per_year * year_index)
    scale = tfr / rates.sum()
    p = rates[np.minimum(age, rates.shape[0] - 1)] * scale
    return np.where(female & (age < rates.shape[0]), np.clip(p, 0.0, 1.0), 0.0)


def newborns(mothers: Citizens, girl_share: float, rng: np.random.Generator) -> Citizens:
    """A newborn is aged 0, a girl with the given share, and lives in its mother's district and circumstances."""
    babies = Citizens.empty(len(mothers))
    babies.female = rng.random(len(mothers)) < girl_share
    babies.district = mothers.district.copy()
    babies.migrant = mothers.migrant.copy()
    babies.low_income = mothers.low_income.copy()
    return babies


def move_out_probability(age, spec: DemographySpec) -> np.ndarray:
    """A resident moves out within the year by the age schedule of moves (demography_inputs §6c), scaled."""
    schedule = out_migration()
    return np.clip(
        schedule[np.minimum(age, schedule.shape[0] - 1)] * spec.out_migration_scale, 0.0, 1.0
    )


def in_movers(
    n: int, residents: Citizens, district_shares, migrant_share: float, rng: np.random.Generator
) -> Citizens:
    """In-movers have the age profile of movers, settle in districts by population share, and take the town's low-income rate."""
    ages = np.arange(out_migration().shape[0])
    counts = np.bincount(np.minimum(residents.age, ages[-1]), minlength=ages.size)
    weights = out_migration() * np.maximum(counts, 1)
    movers = Citizens.empty(n)
    movers.age = rng.choice(ages, size=n, p=weights / weights.sum()).astype(np.int16)
    movers.female = rng.random(n) < 0.5
    movers.district = rng.choice(len(district_shares), size=n, p=district_shares).astype(np.intp)
    movers.migrant = rng.random(n) < migrant_share
    movers.low_income = rng.random(n) < (residents.low_income.mean() if len(residents) else 0.0)
    movers.parent = (movers.age >= 25) & (movers.age <= 49) & (rng.random(n) < 0.45)
    return movers


def refugees(n: int, shock, district_shares, rng: np.random.Generator) -> Citizens:
    """Refugees arrive with the shock's share of children, mostly aged 18-35 as adults, and mostly on minimum income."""
    arrivals = Citizens.empty(n)
    child = rng.random(n) < shock.child_share
    arrivals.age = np.where(child, rng.integers(0, 18, n), rng.integers(18, 36, n)).astype(np.int16)
    arrivals.female = np.where(child, rng.random(n) < 0.5, rng.random(n) >= shock.adult_male_share)
    arrivals.district = rng.choice(len(district_shares), size=n, p=district_shares).astype(np.intp)
    arrivals.migrant[:] = True
    arrivals.low_income = rng.random(n) < shock.low_income_share
    arrivals.parent = (~child) & (rng.random(n) < shock.child_share)
    return arrivals


def update_low_income(low_income, spec: DemographySpec, rng: np.random.Generator) -> np.ndarray:
    """Each year some residents leave minimum income and some enter it."""
    u = rng.random(low_income.shape[0])
    return np.where(
        low_income, u >= spec.low_income_exit_per_year, u < spec.low_income_entry_per_year
    )


def update_parents(age, parent, rng: np.random.Generator, share: float = 0.45) -> np.ndarray:
    """Residents turning 25 become parents with the town's share; parents stop counting as such at 50."""
    becomes = (age == 25) & (rng.random(age.shape[0]) < share)
    return (parent | becomes) & (age < 50)
