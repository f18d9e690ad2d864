"""Pydantic schema of a scenario, one module per section."""

from simulator.scenario.schema.scenario import Scenario

__all__ = ["Scenario"]
