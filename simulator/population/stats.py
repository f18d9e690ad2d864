"""Head counts of the population: what the municipal budget and the records read each year-end."""

from __future__ import annotations

import numpy as np

from simulator.scenario.schema.ages import AgesSpec

BAND_YEARS = 5  # age bands of the annual table: 0-4, 5-9, ..., 85-89
TOP_BAND = 90  # the last band is 90 and over
_MIN_AGES = TOP_BAND + 1


def age_sex_counts(age: np.ndarray, female: np.ndarray) -> np.ndarray:
    """Residents by sex (row 0 men, row 1 women) and single year of age (column = age)."""
    width = max(_MIN_AGES, int(age.max()) + 1 if age.size else 0)
    counts = np.bincount(age.astype(np.intp) + female * width, minlength=2 * width)
    return counts.reshape(2, width)


def age_bands(counts: np.ndarray) -> dict[str, int]:
    """Residents per 5-year band and sex, keyed ``pop_m_00`` ... ``pop_f_90`` (90 = 90 and over)."""
    starts = np.arange(0, TOP_BAND + 1, BAND_YEARS)
    bands = np.add.reduceat(counts, starts, axis=1)
    return {
        f"pop_{sex}_{lo:02d}": int(n)
        for sex, row in zip("mf", bands, strict=True)
        for lo, n in zip(starts, row, strict=True)
    }


def population_stats(citizens, ages: AgesSpec, counts: np.ndarray | None = None) -> dict:
    """Head counts the budget and the records need, by the scenario's age limits; ``by_age`` = residents per single year of age."""
    if counts is None:
        counts = age_sex_counts(citizens.age, citizens.female)
    by_age = counts.sum(axis=0)
    n = len(citizens)
    seniors = int(by_age[ages.senior_from :].sum())
    working = int(by_age[ages.working_age_from : ages.working_age_to + 1].sum())
    return {
        "population": n,
        "working_age": working,
        "aged_80plus": int(by_age[ages.oldest_old_from :].sum()),
        "children": int(by_age[: ages.adult_from].sum()),
        "low_income": int(citizens.low_income.sum()),
        "share_65plus": seniors / n if n else 0.0,
        "old_age_dependency": seniors / working if working else 0.0,
        "by_age": by_age,
    }
