"""Scenarios: schema, loading with overlays and overrides, and the input error type."""

from simulator.scenario.errors import ScenarioError
from simulator.scenario.loader import (
    apply_patch,
    check_path,
    load_scenario,
    parse_override,
    scenario_hash,
    validate,
)
from simulator.scenario.schema import Scenario

__all__ = [
    "Scenario",
    "ScenarioError",
    "apply_patch",
    "check_path",
    "load_scenario",
    "parse_override",
    "scenario_hash",
    "validate",
]
