"""The yearly demographic update of the whole population (process step 1, January).

Order: deaths, births, ageing, moves out, moves in, shocks, minimum-income transitions. Returns
the counts so that births - deaths + moves in - moves out = population change can be checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from simulator.population.bounds import check_population
from simulator.population.citizens import Citizens
from simulator.population.tables import asfr, life_table, out_migration
from simulator.rules import demography as rules
from simulator.scenario.schema import Scenario


@dataclass(frozen=True)
class Flows:
    """A year's demographic flows (all zero in the first year: the start population is given)."""

    births: int = 0
    deaths: int = 0
    moved_in: int = 0
    moved_out: int = 0


def demography_year(
    citizens: Citizens, scenario: Scenario, year: int, rng: np.random.Generator
) -> Flows:
    """Apply one year of demography to ``citizens`` in place; return the flows."""
    spec = scenario.demography
    year_index = year - scenario.time.start_year
    start = len(citizens)
    c = citizens
    dies = rng.random(start) < rules.death_probability(
        c.age, c.female, year_index, spec, life_table()
    )
    mothers = ~dies & (
        rng.random(start) < rules.birth_probability(c.age, c.female, year_index, spec, asfr())
    )
    babies = Citizens.joining(
        rules.newborns(
            c.district[mothers],
            c.migrant[mothers],
            c.low_income[mothers],
            c.tenant[mothers],
            spec.girl_share_at_birth,
            rng,
        )
    )
    citizens.keep(~dies)
    citizens.extend(babies)
    citizens.age = np.minimum(citizens.age + 1, 32000).astype(np.int16)
    citizens.age[len(citizens) - len(babies) :] = 0
    leaves = rng.random(len(citizens)) < rules.move_out_probability(
        citizens.age, spec, out_migration()
    )
    citizens.keep(~leaves)
    shares = district_shares(scenario)
    n_in = int(rng.poisson(in_movers_expected(spec, start)))
    n_refugees = refugee_arrivals(spec, year, start)
    check_population(len(citizens) + n_in + sum(n for _, n in n_refugees), scenario, year)
    citizens.extend(in_movers(n_in, citizens, shares, scenario, rng))
    for shock, n in n_refugees:
        citizens.extend(refugees(n, shock, shares, scenario, rng))
    citizens.low_income = rules.update_low_income(
        citizens.low_income, citizens.age, spec, scenario.ages.senior_from, rng
    )
    citizens.parent = rules.update_parents(
        citizens.age, citizens.parent, rng, scenario.town.parent_share_25_49, scenario.ages
    )
    moved_in = n_in + sum(n for _, n in n_refugees)
    return Flows(
        births=len(babies), deaths=int(dies.sum()), moved_in=moved_in, moved_out=int(leaves.sum())
    )


def in_movers(
    n: int, residents: Citizens, shares, scenario: Scenario, rng: np.random.Generator
) -> Citizens:
    """The year's in-movers (rule: ``rules.demography.in_movers``) as new residents."""
    columns = rules.in_movers(
        n,
        residents.age,
        residents.low_income,
        out_migration(),
        shares,
        scenario.demography.in_migrant_migrant_share,
        scenario.town.parent_share_25_49,
        scenario.ages,
        rng,
    )
    columns["tenant"] = rules.tenancy(columns["district"], tenant_shares(scenario), rng)
    return Citizens.joining(columns)


def refugees(n: int, shock, shares, scenario: Scenario, rng: np.random.Generator) -> Citizens:
    """One batch of a refugee shock (rule: ``rules.demography.refugees``) as new residents."""
    columns = rules.refugees(n, shock, shares, scenario.ages.adult_from, rng)
    columns["tenant"] = rules.tenancy(columns["district"], tenant_shares(scenario), rng)
    return Citizens.joining(columns)


def tenant_shares(scenario: Scenario) -> np.ndarray:
    """Share of each district's residents living in the housing company's dwellings (at most 1).

    Its dwellings times the persons per dwelling, over the district's residents at the start;
    zero elsewhere and without a housing company.
    """
    shares = np.zeros(len(scenario.town.districts))
    company = scenario.housing_company
    if company is None:
        return shares
    names = [d.name for d in scenario.town.districts]
    where = names.index(company.district or scenario.facility.district)
    residents = scenario.town.districts[where].population_share * scenario.town.population
    shares[where] = min(
        1.0, company.dwellings_in_quarter * company.persons_per_dwelling / residents
    )
    return shares


def in_movers_expected(spec, population: int) -> float:
    """Expected in-movers of a year: the town's rate, scaled, times January's population."""
    return spec.in_migration_rate_per_year * spec.in_migration_scale * population


def district_shares(scenario: Scenario) -> np.ndarray:
    """Where newcomers settle: the districts' population shares, normalised to sum to 1."""
    shares = np.array([d.population_share for d in scenario.town.districts])
    return shares / shares.sum()  # the schema allows a sum of 1 +- 0.01; choice() needs 1


def refugee_arrivals(spec, year: int, population: int) -> list[tuple[object, int]]:
    """Refugee shocks arrive in January batches over their months, net of those who leave again."""
    out = []
    for shock in spec.shocks:
        batches = math.ceil(shock.months / 12)
        if shock.start_year <= year < shock.start_year + batches:
            total = (
                shock.share_of_population * population * (1.0 - shock.leave_share_within_3_years)
            )
            out.append((shock, int(round(total / batches))))
    return out
