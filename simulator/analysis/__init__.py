"""Analysis of finished sweeps: sensitivity (SALib Sobol / Morris) and scenario discovery (PRIM).

Import names from here; they load lazily so the CLI's ``--help`` stays fast:

- :func:`run_sensitivity` — run an experiment's design on the experiment engine, then
  compute Sobol or Morris indices and write them beside the sweep's results;
- :func:`sobol_indices`, :func:`morris_indices` — the index computations on plain arrays;
- :func:`run_discovery`, :func:`parse_condition` — PRIM over a sweep's inputs for a condition
  such as ``not viable`` or ``cost_share_municipality > 0.5``;
- :func:`load_sweep` — a finished sweep's runs, inputs and unit coordinates;
- :class:`AnalysisError` — invalid analysis input (the CLI exits 2).
"""

from __future__ import annotations

from simulator.lazy import lazy_exports
from simulator.scenario.errors import ScenarioError


class AnalysisError(ScenarioError):
    """Invalid analysis input; ``str(err)`` is ``WHERE: FIELD: message`` (the CLI exits 2)."""


_EXPORTS = {
    "run_sensitivity": "simulator.analysis.workflow",
    "SensitivityRun": "simulator.analysis.workflow",
    "sobol_indices": "simulator.analysis.sensitivity",
    "morris_indices": "simulator.analysis.sensitivity",
    "analyse_sweep": "simulator.analysis.sensitivity",
    "point_means": "simulator.analysis.results",
    "load_sweep": "simulator.analysis.results",
    "SweepData": "simulator.analysis.results",
    "morris_experiment": "simulator.analysis.morris",
    "parse_condition": "simulator.analysis.condition",
    "Condition": "simulator.analysis.condition",
    "run_discovery": "simulator.analysis.discovery",
    "discover": "simulator.analysis.discovery",
}

__all__ = sorted([*_EXPORTS, "AnalysisError"])
__getattr__ = lazy_exports(__name__, _EXPORTS)
