"""The first day: a new facility opens (a cold start), or an existing one starts from its known state."""

from __future__ import annotations

import numpy as np

from simulator.processes import yearly
from simulator.rules import awareness, volunteering


def open_new(model) -> None:
    """A new facility: residents know it with the scenario's initial share; founders join."""
    c = model.citizens
    c.aware = model.rng.random(len(c)) < model.spec.citizens.awareness_initial_share
    if model.organisation.has_membership:
        yearly.seed_members(model, model.spec.organisation.initial_members)


def warm_start(model, state) -> None:
    """An existing facility (``initial_state``): who knows it, has visited, volunteers and is a member.

    Awareness falls with distance like visits; the year's visitors are drawn among the aware by
    their visit chance and last came 0-11 months ago, bound by one visit; volunteers among the
    aware by their engagement rate, with FWS time classes; members as founders are.
    """
    c, p, rng = model.citizens, model.spec.citizens, model.rng
    near = np.exp(-model.distance_km / p.distance_decay_km)[c.district]
    c.aware = awareness.initial_awareness(near, state.awareness_share, rng)
    visitors = weighted_sample(
        model.static_visit_chance * c.aware, round(state.visitor_share * len(c)), rng
    )
    c.months_since_visit[visitors] = rng.integers(0, 12, visitors.size)
    c.attachment[visitors] = p.attachment_gain  # assumption: the bond of one visit
    helpers = weighted_sample(model.engagement_rate * c.aware, state.volunteers, rng)
    c.volunteer[helpers] = True
    c.volunteer_hours[helpers] = volunteering.time_classes(helpers.size, p.volunteering, rng)
    if model.organisation.has_membership:
        members = state.members
        yearly.seed_members(
            model, model.spec.organisation.initial_members if members is None else members
        )


def weighted_sample(weights: np.ndarray, k: int, rng) -> np.ndarray:
    """Indices of ``k`` residents drawn without replacement with chances proportional to ``weights`` (Efraimidis-Spirakis keys; fewer if fewer have weight)."""
    candidates = np.flatnonzero(weights > 0)
    k = min(int(k), candidates.size)
    if k <= 0:
        return np.empty(0, np.intp)
    keys = np.log(rng.random(candidates.size)) / weights[candidates]
    return candidates[np.argpartition(-keys, k - 1)[:k]]
