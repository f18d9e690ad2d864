"""Fiscal stress test of the municipal budget and of the facility's funding (``dewak stress-test``).

The stress test is an experiment on the engine (:mod:`simulator.experiments`): one factor of
shock sets, the same seeds for every row, stored and resumable like a sweep. Import names from
here: :func:`make_plan` (check the inputs, build the experiment), :func:`run_stress_test` (run
it, then the stress table, figures and sentences beside the stored runs), :func:`write_results`
(those outputs again) and :func:`load_shocks`. They load lazily so the CLI's ``--help`` stays
fast. Method and score: docs/stress_test.md.
"""

from __future__ import annotations

from simulator.lazy import lazy_exports

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
__getattr__ = lazy_exports(__name__, _EXPORTS)
