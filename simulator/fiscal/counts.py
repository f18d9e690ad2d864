"""Head counts the budget needs, from residents per single year of age."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

MAX_AGE = 120


@dataclass(frozen=True)
class Counts:
    """Residents, working-age residents, minimum-income recipients and a cumulative age table."""

    population: int
    working_age: int
    low_income: int
    cumulative: np.ndarray = field(repr=False)  # cumulative[a] = residents younger than a

    def band(self, low: int, high: int) -> int:
        """Residents aged ``low`` to ``high`` (both included)."""
        top = min(high + 1, self.cumulative.size - 1)
        bottom = min(low, top)
        return int(self.cumulative[top] - self.cumulative[bottom])

    def line(self, line) -> int:
        """The persons a spending line is counted on (its age band, or minimum-income recipients)."""
        if line.per == "low_income_resident":
            return self.low_income
        return self.band(*line.ages)


def counts_from(stats: dict, working_ages: tuple[int, int]) -> Counts:
    """Counts from a population ``stats`` dict with ``by_age`` (residents per year of age)."""
    by_age = np.asarray(stats["by_age"], dtype=np.int64)
    cumulative = np.zeros(MAX_AGE + 2, dtype=np.int64)
    ages = min(by_age.size, MAX_AGE + 1)
    cumulative[1 : ages + 1] = np.cumsum(by_age[:ages])
    cumulative[ages + 1 :] = cumulative[ages]
    counts = Counts(int(cumulative[-1]), 0, int(stats["low_income"]), cumulative)
    return Counts(counts.population, counts.band(*working_ages), counts.low_income, cumulative)
