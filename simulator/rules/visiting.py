"""Visiting: who comes to the facility this month, and how it binds them (monthly)."""

from __future__ import annotations

import numpy as np

from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.schema.citizens import NeedSpec

NEVER = 999  # months since the last visit of a resident who never visited


def target_groups(age, parent, migrant, low_income, ages: AgesSpec) -> dict[str, np.ndarray]:
    """A resident belongs to every target group that fits: seniors (65+), families (parents and children younger than youth), migrants, low-income, youth (10-24); the limits are ``ages``."""
    return {
        "seniors": age >= ages.senior_from,
        "families": parent | (age < ages.youth_from),
        "migrants": migrant,
        "low_income": low_income,
        "youth": (age >= ages.youth_from) & (age <= ages.youth_to),
    }


def need(groups: dict[str, np.ndarray], spec: NeedSpec) -> np.ndarray:
    """A resident's need for the facility is the highest need of the target groups they belong to."""
    out = np.full(next(iter(groups.values())).shape[0], spec.other, dtype=np.float32)
    for name, member in groups.items():
        np.maximum(out, np.where(member, getattr(spec, name), 0.0), out=out)
    return out


def reach_chance(need_weight, distance_km, decay_km: float, base_per_month: float) -> np.ndarray:
    """Before awareness and crowding, the monthly visit chance is the base rate times need, falling exponentially with distance."""
    return (base_per_month * need_weight * np.exp(-distance_km / decay_km)).astype(np.float32)


def fee_factor(
    low_income, fee_eur: float, elasticity: float, low_income_factor: float
) -> np.ndarray:
    """A fee per visit lowers the visit chance linearly, and low-income residents react the most."""
    sensitivity = np.where(low_income, elasticity * low_income_factor, elasticity)
    return np.clip(1.0 - sensitivity * fee_eur, 0.0, 1.0)


def visit_chance(static_chance, aware, attachment, attachment_boost: float, factor) -> np.ndarray:
    """An aware resident's chance rises with attachment; ``factor`` carries fees and crowding."""
    # ``* aware`` zeroes the unaware (much faster than np.where on float arrays).
    return static_chance * (1.0 + attachment_boost * attachment) * factor * aware


def crowding_factor(expected_visits: float, visit_capacity: float) -> float:
    """When expected visits exceed what the rooms can take, every visit chance shrinks in proportion."""
    if expected_visits <= visit_capacity or expected_visits <= 0:
        return 1.0
    return visit_capacity / expected_visits


def decide_visits(chance, rng) -> np.ndarray:
    """A resident visits this month with their chance."""
    return rng.random(chance.shape[0]) < chance


def update_attachment(attachment, visited, gain: float, decay: float) -> np.ndarray:
    """A visit strengthens a resident's bond with the facility; without visits it fades."""
    out = (attachment * (1.0 - decay)).astype(np.float32)
    i = np.flatnonzero(visited)  # visitors are few: update only them (faster than np.where)
    out[i] = attachment[i] + gain * (1.0 - attachment[i])
    return out


def months_since_visit(months, visited) -> np.ndarray:
    """A month passes: zero for this month's visitors, one more for everyone else (999 = never, where counting stops)."""
    later = months + (months < NEVER)
    return later if visited is None else later * ~visited
