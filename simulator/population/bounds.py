"""The population bound: a run stops cleanly when the town would outgrow a multiple of its start.

In-bounds demographic settings can compound without limit (30 % in-migration a year and no
moves out grew a town of 26,000 to 44 million residents and a MemoryError). The bound,
``demography.max_population_factor`` times ``town.population``, is checked before the year's
newcomers are created, so the run ends with :class:`PopulationBoundError` (a failed run with a
one-line reason) instead of exhausting memory.
"""

from __future__ import annotations


class PopulationBoundError(RuntimeError):
    """The population would exceed its bound; the run ends as failed (the message says why)."""


def check_population(size: int, scenario, year: int) -> None:
    """Raise :class:`PopulationBoundError` if ``size`` residents exceed the scenario's bound."""
    factor = scenario.demography.max_population_factor
    start = scenario.town.population
    if size > factor * start:
        raise PopulationBoundError(
            f"the population would reach {size:,} residents in {year}, more than {factor:g} x "
            f"the starting {start:,} (demography.max_population_factor); lower "
            "demography.in_migration_rate_per_year or raise demography.out_migration_scale"
        )
