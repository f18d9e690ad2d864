"""Synthesise the initial population from known marginals (microsynthesis with humanleague).

The marginals are the town's age-sex structure per district (the Kreis table, reweighted to the
town's 65+ share and shifted per district), the migrant share per district and the low-income
share by age band. ``humanleague.ipf`` fits the joint table to every marginal (iterative
proportional fitting); the fitted table is integerised by largest remainders so the total is
exact, and the fit report records the remaining absolute error against each marginal (at most a
few persons). ``humanleague.qisi`` would match the marginals exactly but takes ~2 s for a town
of 60,000; IPF takes under a millisecond. Single ages within a band and the parent flag are drawn from the model's
generator.
"""

from __future__ import annotations

import humanleague
import numpy as np

from simulator.population.citizens import Citizens
from simulator.population.tables import age_table
from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.schema.town import TownSpec


def integerise(weights: np.ndarray, total: int) -> np.ndarray:
    """Round non-negative weights to integers summing to ``total`` (largest remainder)."""
    weights = np.clip(np.asarray(weights, float), 0.0, None)
    exact = weights / weights.sum() * total if weights.sum() > 0 else np.zeros_like(weights)
    counts = np.floor(exact).astype(np.int64)
    short = total - counts.sum()
    order = np.argsort(-(exact - counts), axis=None, kind="stable")[:short]
    counts.flat[order] += 1
    return counts


def district_age_sex(town: TownSpec, senior_from: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expected residents[district, band, sex] with the town's 65+ share and district shifts."""
    lo, hi, persons = age_table(town.age_table)
    dist = persons / persons.sum()
    senior = lo >= senior_from
    base = dist[senior].sum()
    target = town.share_65plus if town.share_65plus is not None else base
    out = []
    for d in town.districts:
        share = float(np.clip(target + d.senior_shift, 0.01, 0.99))
        scaled = dist.copy()
        scaled[senior] *= share / base
        scaled[~senior] *= (1.0 - share) / (1.0 - base)
        scaled[:, 0] *= town.male_share / scaled[:, 0].sum()
        scaled[:, 1] *= (1.0 - town.male_share) / scaled[:, 1].sum()
        out.append(scaled * d.population_share * town.population)
    return lo, hi, np.array(out)


def synthesise(town: TownSpec, ages: AgesSpec, rng: np.random.Generator) -> tuple[Citizens, dict]:
    """Return the initial residents and a fit report (max absolute error per marginal)."""
    lo, hi, expected = district_age_sex(town, ages.senior_from)
    n_d, n_b, _ = expected.shape
    age_sex = integerise(expected, town.population)
    district_total = age_sex.sum(axis=(1, 2))
    migrant = np.array(
        [
            integerise([1 - m, m], int(t))
            for t, m in zip(district_total, _district_migrant_shares(town), strict=True)
        ]
    )
    band_total = age_sex.sum(axis=(0, 2))
    li_share = np.where(
        lo >= ages.senior_from, town.low_income_share_65plus, town.low_income_share_under65
    )
    low_income = np.array(
        [integerise([1 - s, s], int(t)) for t, s in zip(band_total, li_share, strict=True)]
    )
    seed = np.ones((n_d, n_b, 2, 2, 2))
    marginals = [age_sex.astype(float), migrant.astype(float), low_income.astype(float)]
    fitted, _stats = humanleague.ipf(
        seed, [np.array([0, 1, 2]), np.array([0, 3]), np.array([1, 4])], marginals
    )
    pop = integerise(np.asarray(fitted), town.population)
    report = {
        "age_sex_by_district": int(np.abs(pop.sum(axis=(3, 4)) - age_sex).max()),
        "migrant_by_district": int(np.abs(pop.sum(axis=(1, 2, 4)) - migrant).max()),
        "low_income_by_age": int(np.abs(pop.sum(axis=(0, 2, 3)) - low_income).max()),
        "population": int(pop.sum()),
    }
    return _expand(pop, lo, hi, town, ages, rng), report


def _district_migrant_shares(town: TownSpec) -> list[float]:
    return [float(np.clip(town.migrant_share + d.migrant_shift, 0.0, 1.0)) for d in town.districts]


def _expand(pop, lo, hi, town: TownSpec, ages: AgesSpec, rng) -> Citizens:
    """Turn cell counts into one row per resident, with single ages drawn within bands."""
    cells = np.argwhere(pop > 0)
    repeats = pop[tuple(cells.T)]
    rows = np.repeat(cells, repeats, axis=0)
    citizens = Citizens.empty(rows.shape[0])
    band = rows[:, 1]
    citizens.age = rng.integers(lo[band], hi[band] + 1).astype(np.int16)
    citizens.district = rows[:, 0].astype(np.intp)
    citizens.female = rows[:, 2] == 1
    citizens.migrant = rows[:, 3] == 1
    citizens.low_income = rows[:, 4] == 1
    of_age = (citizens.age >= ages.parent_from) & (citizens.age <= ages.parent_to)
    citizens.parent = of_age & (rng.random(len(citizens)) < town.parent_share_25_49)
    order = rng.permutation(len(citizens))  # no ordering artefacts from the cell layout
    citizens.keep(order)
    return citizens
