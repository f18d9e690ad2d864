"""Fiscal stress test of the municipal budget and of the facility's funding (``dewak stress-test``).

Import names from here: :func:`make_plan` (check the inputs, list the runs),
:func:`run_stress_test` (run them, build the stress table), :func:`write_results` (the result
folder with tables and figures) and :func:`load_shocks`. They load lazily so the CLI's
``--help`` stays fast. Method and score: docs/stress_test.md.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "make_plan": "simulator.stress.plan",
    "StressPlan": "simulator.stress.plan",
    "run_stress_test": "simulator.stress.run",
    "StressResult": "simulator.stress.run",
    "StressRunError": "simulator.stress.run",
    "write_results": "simulator.stress.output",
    "load_shocks": "simulator.stress.schema",
    "ShockFile": "simulator.stress.schema",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'simulator.stress' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
