"""A cheap stand-in for the model, to test and benchmark the sweep machinery on its own.

``run_experiment(..., runner=TOY_RUNNER)`` runs this instead of the real model. It reads no
scenario file: its result is a pure function of the run's seed, overlays and value patches,
shaped like a real run (a summary with the standard outcome names and an annual table). Value
patches steer it: ``toy.fail`` (true: the run raises), ``toy.crash`` (true: the worker process
kills itself, as the out-of-memory killer would), ``toy.sleep_s`` (wait that long) and
``toy.work`` (burn that many million floating-point operations of CPU).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from typing import Any

import numpy as np
import pandas as pd

from simulator.experiments.worker import RunTask

TOY_RUNNER = "simulator.experiments.toy:run_toy"


class ToyModelError(RuntimeError):
    """Raised on purpose by a toy run with ``toy.fail`` set."""


def run_toy(task: RunTask) -> tuple[dict[str, Any], pd.DataFrame, str]:
    """Run the toy model for one task; same task, same result."""
    params = dict(task.overrides)
    if params.get("toy.crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if params.get("toy.fail"):
        raise ToyModelError(f"run {task.run_id} failed on purpose (toy.fail)")
    if params.get("toy.sleep_s"):
        time.sleep(float(params["toy.sleep_s"]))
    burn_cpu(float(params.get("toy.work", 0.0)))
    key = json.dumps([task.scenario_file, task.overlays, sorted(params.items(), key=str)])
    digest = hashlib.sha256(key.encode()).hexdigest()
    rng = np.random.default_rng([task.seed, int(digest[:8], 16)])
    annual = _annual(rng, task.years or 10, _numeric_sum(params))
    return _summary(annual), annual, digest


def burn_cpu(mflop: float) -> float:
    """Do about ``mflop`` million floating-point operations (deterministic busy work)."""
    total = 0.0
    for _ in range(int(mflop)):
        x = np.linspace(0.0, 1.0, 250_000)
        total += float(np.sum(np.sin(x) * x))
    return total


def _numeric_sum(params: dict[str, Any]) -> float:
    return sum(
        float(v) for k, v in params.items() if isinstance(v, int | float) and "toy." not in k
    )


def _annual(rng: np.random.Generator, years: int, shift: float) -> pd.DataFrame:
    shocks = rng.normal(shift * 0.01, 1.0, years)
    reserves = 50_000 + np.cumsum(shocks) * 20_000
    population = 27_000 * np.cumprod(1 + rng.normal(-0.002, 0.003, years))
    return pd.DataFrame(
        {
            "year": np.arange(2025, 2025 + years, dtype=np.int64),
            "population": population,
            "share_65plus": np.clip(0.22 + np.cumsum(rng.normal(0.002, 0.001, years)), 0, 1),
            "visits": rng.poisson(8_000, years).astype(np.int64),
            "utilisation": rng.uniform(0.2, 0.9, years),
            "facility_reserves_eur": reserves,
            "facility_open": np.minimum.accumulate(reserves > 0),
        }
    )


def _summary(annual: pd.DataFrame) -> dict[str, Any]:
    open_years = int(annual["facility_open"].sum())
    closed = open_years < len(annual)
    return {
        "viable": not closed,
        "closure_year": int(annual["year"].iloc[open_years]) if closed else None,
        "years_open": open_years,
        "utilisation_mean": float(annual["utilisation"].mean()),
        "visits_per_year_mean": float(annual["visits"].mean()),
        "cost_total_eur": float(abs(annual["facility_reserves_eur"]).sum()),
        "population_start": float(annual["population"].iloc[0]),
        "population_end": float(annual["population"].iloc[-1]),
    }


def check_toy(experiment: Any) -> dict[str, str]:
    """The toy accepts every path and overlay; its 'scenario hashes' hash the file names.

    Files the design reads (a posterior) are checked and hashed as for the real model.
    """
    from simulator.experiments.checks import project_root

    root = project_root(experiment)
    experiment.design.check_inputs(experiment)
    hashes = {
        str(path.relative_to(root)): hashlib.sha256(path.name.encode()).hexdigest()
        for path in experiment.resolve_scenarios()
    }
    for path in experiment.design.files(experiment):
        hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes
