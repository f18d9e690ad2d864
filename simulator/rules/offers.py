"""Offers: what staff, volunteers and providers put on in a month, and how it draws residents (monthly).

The facility-level rules of phase 4: staffed open hours, volunteer-led groups, the offer match of
each combination of target groups and the number of visits the offers can take. The visiting
rules (``visiting.py``) use the match and the capacity; the volunteering rules
(``volunteering.py``) use the coordination hours.
"""

from __future__ import annotations

import numpy as np

#: The target groups, in the order of their bit in a resident's group code (``group_codes``).
GROUPS = ("seniors", "families", "migrants", "low_income", "youth")


def open_hours(
    building_hours: float, staff_open_hours: float, volunteer_open_hours: float
) -> float:
    """The house is open to visitors for as many hours as staff and volunteers keep it open, at most its building hours."""
    return max(0.0, min(building_hours, staff_open_hours + volunteer_open_hours))


def volunteer_hours_as(volunteer_hours: float, share: float, volunteers_per_hour: float) -> float:
    """Hours of an activity the volunteers run: their hours spent on it over the volunteers each hour needs."""
    return volunteer_hours * share / volunteers_per_hour


def provider_hours_by_group(targets, hours) -> tuple[np.ndarray, float]:
    """Member providers' weekly hours for each target group (``GROUPS`` order), and for everyone ("all")."""
    by_group = np.zeros(len(GROUPS))
    general = 0.0
    for target, h in zip(targets, hours, strict=True):
        if target == "all":
            general += h
        else:
            by_group[GROUPS.index(target)] += h
    return by_group, general


def group_codes(groups: dict[str, np.ndarray]) -> np.ndarray:
    """A resident's target groups as one code: bit k is set when they belong to ``GROUPS[k]``."""
    code = np.zeros(next(iter(groups.values())).shape[0], np.uint8)
    for bit, name in enumerate(GROUPS):
        code |= groups[name].astype(np.uint8) << bit
    return code


def match_by_code(
    targeted_hours, general_hours: float, targeted_weight: float, half_hours: float
) -> np.ndarray:
    """A resident's offer match rises with the hours relevant to them: every hour open to all, plus their own groups' hours counted with the targeted weight; half the full match at ``half_hours``.

    Returns the match for each of the 32 group codes (index = code).
    """
    bits = (np.arange(2 ** len(GROUPS))[:, None] >> np.arange(len(GROUPS))) & 1
    relevant = general_hours + targeted_weight * bits @ np.asarray(targeted_hours, float)
    return (relevant / (relevant + half_hours)).astype(np.float32)


def visit_capacity(offered_room_hours: float, capacity_room_hours: float, persons: float) -> float:
    """Visits the month's offers can take: the offered room-hours, at most the rooms' capacity, times the persons one room-hour takes."""
    return max(0.0, min(offered_room_hours, capacity_room_hours)) * persons
