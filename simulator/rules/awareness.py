"""Awareness: how residents learn of the facility and forget it again (monthly)."""

from __future__ import annotations

import numpy as np


def update_awareness(
    aware,
    attachment,
    district,
    visitor_share_by_district,
    base_chance,
    word_of_mouth,
    forgetting,
    rng,
) -> np.ndarray:
    """An unaware resident learns of the facility by outreach or from visitors in their district; an aware resident without attachment may forget it.

    ``visitor_share_by_district`` is the share of each district's residents who visited last
    month; ``base_chance`` includes outreach and the digital platform's events calendar.
    """
    u = rng.random(aware.shape[0])
    learn_chance = (base_chance + word_of_mouth * visitor_share_by_district)[district]
    forget_chance = forgetting * (1.0 - attachment)
    # Boolean algebra instead of np.where: the same result, about 3x faster on random masks.
    return (aware & (u >= forget_chance)) | (~aware & (u < learn_chance))


def initial_awareness(nearness, share: float, rng) -> np.ndarray:
    """At the start, a resident knows an existing facility with a chance proportional to how near they live, so that about the given share knows it (at most everyone)."""
    mean = float(nearness.mean()) if nearness.size else 0.0
    chance = np.clip(share * nearness / mean, 0.0, 1.0) if mean > 0 else np.zeros(nearness.shape)
    return rng.random(nearness.shape[0]) < chance
