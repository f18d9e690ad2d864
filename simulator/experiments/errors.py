"""The error of bad experiment input, and of batch runs that could not be carried out."""

from __future__ import annotations

from simulator.scenario.errors import ScenarioError


class ExperimentError(ScenarioError):
    """Invalid experiment file or batch option; ``str(err)`` is ``FILE: FIELD.PATH: message``."""


class InfrastructureError(RuntimeError):
    """Workers could not run anything (they died before a run started, or were unreachable).

    Runs hit by it are not recorded, so the store is never marked complete because of it; fix
    the cause and continue with ``--resume``.
    """
