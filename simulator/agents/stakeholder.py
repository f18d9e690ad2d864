"""The stakeholder choice shared by providers and the housing company: utility, then logit."""

from __future__ import annotations

import math


def logit_choice(
    utility_member: float, currently_member: bool, inertia: float, temperature: float, u: float
) -> bool:
    """Be a member next year with the logit probability of the utility difference, with a bonus for staying as one is."""
    bias = inertia if currently_member else -inertia
    z = (utility_member + bias) / temperature
    probability = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
    return u < probability


def decision_label(was_member: bool, is_member: bool) -> str:
    """join, stay, leave or stay_out."""
    return {(False, True): "join", (True, True): "stay", (True, False): "leave"}.get(
        (was_member, is_member), "stay_out"
    )


def main_reason(components: dict[str, float]) -> str:
    """The utility component with the largest absolute weight, in words."""
    name, value = max(components.items(), key=lambda kv: abs(kv[1]))
    return f"{name} {'for' if value >= 0 else 'against'} membership ({value:+.2f})"
