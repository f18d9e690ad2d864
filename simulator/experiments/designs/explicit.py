"""Explicit points: the experiment file lists each point's factor values itself."""

from __future__ import annotations

from typing import Any


def draw(experiment, factors, rng) -> dict[str, list[Any]]:
    """The listed values, one list per factor (checked against the factors when loaded)."""
    points = experiment.design.points
    return {f.name: [point[f.name] for point in points] for f in factors}
