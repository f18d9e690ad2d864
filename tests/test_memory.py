"""No finished model outlives its run: sweeps of thousands of runs in one process stay flat.

Mesa 3.3 keeps every model alive through the class attribute ``Agent._ids`` (Mesa issue 3179);
the model releases it at its horizon (``simulator.model.release_from_mesa``), and
``simulator.run`` empties the finished model so its memory returns at once.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import simulator
from simulator import runner
from simulator.model import CooperationModel
from simulator.runner import simulate

ROOT = Path(__file__).resolve().parents[1]
SMALL = {"town.population": 1500}


def scenario():
    return simulator.load_scenario(ROOT / "scenarios" / "wetter_buergertreff.yaml", [], SMALL)


def models_alive() -> int:
    gc.collect()
    return sum(isinstance(o, CooperationModel) for o in gc.get_objects())


def test_the_model_of_simulator_run_is_collected(monkeypatch):
    models = []

    def keep_a_weak_reference(*args, **kwargs):
        model = simulate(*args, **kwargs)
        models.append(weakref.ref(model))
        return model

    monkeypatch.setattr(runner, "simulate", keep_a_weak_reference)
    simulator.run(scenario(), seed=1, years=1)
    gc.collect()
    assert models and models[0]() is None, "something still holds the finished model"


def test_no_model_survives_simulator_run():
    before = models_alive()
    spec = scenario()
    for seed in range(3):
        simulator.run(spec, seed=seed, years=2)
    assert models_alive() == before


def test_a_model_stepped_by_hand_to_its_horizon_is_collected():
    model = CooperationModel(scenario(), seed=1, years=1)
    while model.running:
        model.step()
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None, "something still holds the finished model"
