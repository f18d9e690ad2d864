"""Volunteering: who gives time to the facility, how much, and who stops (monthly)."""

from __future__ import annotations

import numpy as np

from simulator.scenario.schema.citizens import VolunteeringSpec

#: The age groups of the German Freiwilligensurvey (FWS 2019, DF §6) whose rates the scenario
#: gives (``rate_14_29`` ... ``rate_65plus``); the survey asks residents aged 14 and over.
FWS_AGE_GROUPS_FROM = (14, 30, 50, 65)


def engagement_rate(age, spec: VolunteeringSpec) -> np.ndarray:
    """A resident's general engagement rate follows the FWS 2019 rate of their age group; under 14 it is zero."""
    youngest, from_30, from_50, from_65 = FWS_AGE_GROUPS_FROM
    return np.select(
        [age < youngest, age < from_30, age < from_50, age < from_65],
        [0.0, spec.rate_14_29, spec.rate_30_49, spec.rate_50_64],
        default=spec.rate_65plus,
    ).astype(np.float32)


def join_chance(rate, aware, attachment, facility_share: float, multiplier: float) -> np.ndarray:
    """An aware resident starts volunteering here with their engagement rate times this facility's share, more so when attached and when the organisation gives ownership."""
    monthly = rate * facility_share * multiplier * (0.5 + attachment) / 12.0
    return np.clip(monthly, 0.0, 1.0) * aware  # zero for the unaware (faster than np.where)


def update_volunteers(volunteer, hours, join, quit_per_month: float, spec: VolunteeringSpec, rng):
    """Volunteers stop with a monthly chance; new ones join with their chance and an FWS time class."""
    u = rng.random(volunteer.shape[0])
    stays = volunteer & (u >= quit_per_month)
    joins = ~volunteer & (u < join)
    new = np.flatnonzero(joins)
    hours = hours * stays  # leavers' hours drop to zero
    if new.size:  # (drawing zero time classes would change nothing)
        hours[new] = time_classes(new.size, spec, rng)
    return stays | joins, hours


def time_classes(n: int, spec: VolunteeringSpec, rng) -> np.ndarray:
    """A volunteer's weekly hours are those of an FWS time class, drawn with the survey's shares."""
    classes = rng.choice(len(spec.hours_per_week), size=n, p=spec.hours_probabilities)
    return np.asarray(spec.hours_per_week, np.float32)[classes]


def coordination_coverage(
    coordination_hours: float, volunteers: int, need_per_volunteer: float
) -> float:
    """The share of the volunteers' need for coordination that staff, an agency and the volunteers themselves meet (1 when nobody is there to coordinate but someone would)."""
    needed = volunteers * need_per_volunteer
    if needed <= 0:
        return 1.0 if coordination_hours > 0 else 0.0
    return min(1.0, coordination_hours / needed)


def recruitment_factor(coverage: float, uncoordinated_share: float) -> float:
    """Recruitment falls from its full level to the uncoordinated share as coordination coverage falls to zero."""
    return uncoordinated_share + (1.0 - uncoordinated_share) * coverage


def coordinated_quit_chance(
    quit_per_month: float, coverage: float, uncoordinated_ratio: float
) -> float:
    """Volunteers quit more often when coordination is missing: up to the uncoordinated ratio times the base chance."""
    return min(1.0, quit_per_month * (1.0 + (uncoordinated_ratio - 1.0) * (1.0 - coverage)))
