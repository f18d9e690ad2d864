"""Taxes, tax capacity and Schlüsselzuweisungen (GFG NRW, MF §1a).

Schlüsselzuweisung = 90 % x max(0, Ausgangsmesszahl - Steuerkraftmesszahl) (GFG § 7). The
Ausgangsmesszahl is the Gesamtansatz (Hauptansatz: residents x Hauptansatzstaffel; plus the
Soziallastenansatz: Bedarfsgemeinschaften x weight) times the Grundbetrag (§ 8), which follows
the GFG mass. The Steuerkraftmesszahl counts the Realsteuern at the fiktive Hebesätze, the
income- and sales-tax shares, less the Gewerbesteuerumlage (§ 9): a Hebesatz above the fiktive
one is kept in full.
"""

from __future__ import annotations

import math


def at_year(path: dict[int, float], year: int, default: float) -> float:
    """A value from a ``{year: value}`` path: linear between years, flat outside (default if empty)."""
    if not path:
        return default
    years = sorted(path)
    if year <= years[0]:
        return path[years[0]]
    for before, after in zip(years, years[1:], strict=False):
        if year <= after:
            share = (year - before) / (after - before)
            return path[before] + share * (path[after] - path[before])
    return path[years[-1]]


def main_weight(population: float, scale: list[tuple[float, float]]) -> float:
    """Hauptansatzstaffel: the weight of a town's residents, linear between steps, rounded up to 0.1 %."""
    points = sorted(scale)
    weight = at_year({int(p): w for p, w in points}, int(population), points[0][1])
    return math.ceil(weight * 1000 - 1e-9) / 1000


def need_units(population: int, low_income: int, gfg) -> float:
    """Gesamtansatz: Hauptansatz plus Soziallastenansatz (Ansatz units)."""
    households = low_income / gfg.persons_per_benefit_household
    return population * main_weight(population, gfg.main_scale) + (
        gfg.social_weight_per_household * households
    )


def key_allocations(need_eur: float, capacity_eur: float, share: float) -> float:
    """Schlüsselzuweisungen: ``share`` of the gap between need and tax capacity, never negative."""
    return share * max(0.0, need_eur - capacity_eur)
