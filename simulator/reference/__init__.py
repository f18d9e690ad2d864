"""The per-object reference model: one Mesa agent per resident, the citizen rules written plainly.

It exists to check the vectorised model (``tests/test_reference_model.py``: both agree
statistically over many seeds), to measure what vectorising gains (``bench/bench_reference.py``)
and to show students the "one agent, one object" view of the same rules.

    from simulator.reference import simulate_reference
    model = simulate_reference(scenario, seed=1, years=5)
    model.recorder.summary()
"""

from simulator.reference.citizen import Citizen
from simulator.reference.model import ReferenceModel, simulate_reference

__all__ = ["Citizen", "ReferenceModel", "simulate_reference"]
