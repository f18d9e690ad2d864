"""Giving and membership: donations (monthly) and joining or leaving the association (yearly)."""

from __future__ import annotations

import numpy as np


def donation_chance(
    age, aware, attachment, donor_per_year: float, local_share: float, boost: float, adult_from: int
) -> np.ndarray:
    """An aware adult (``ages.adult_from``) donates to the facility in a month with the yearly donor rate times the local share, more when attached."""
    yearly = donor_per_year * local_share * boost * (0.5 + attachment)
    # Multiplying by the mask zeroes children and the unaware (faster than np.where).
    return np.clip(yearly, 0.0, 1.0) / 12.0 * (aware & (age >= adult_from))


def count_donations(chance, donations_per_donor: float, rng) -> int:
    """The month's number of donations: a Poisson draw with the summed chances (same mean as one draw per resident)."""
    return int(rng.poisson(float(chance.sum()) * donations_per_donor))


def update_members(
    member,
    age,
    visited_recently,
    attachment,
    join_per_year: float,
    quit_per_year: float,
    adult_from: int,
    rng,
):
    """A recent adult visitor joins the association with a chance rising with attachment; members leave with a yearly chance."""
    u = rng.random(member.shape[0])
    joins = (
        ~member & visited_recently & (age >= adult_from) & (u < join_per_year * (0.5 + attachment))
    )
    stays = member & (u >= quit_per_year)
    return stays | joins
