"""Read a calibration's posterior and draw parameter sets from it (for posterior-predictive sweeps).

A draw is a particle chosen with probability equal to its weight; each carries the dotted
scenario paths its values go to (and the base scenarios they apply to), as recorded in the
calibration's ``summary.json``. The experiment engine's ``posterior`` design (#14) is meant to
call :func:`draw` and store each run's draw id and values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.calibration.patterns import CalibrationError


@dataclass(frozen=True)
class Posterior:
    """A calibration's posterior.

    Attributes:
        name: The calibration's name.
        particles: One row per particle: one column per parameter and ``weight`` (sums to 1).
        paths: ``{parameter: dotted scenario path}``.
        scenarios: ``{parameter: base scenario stems it applies to}`` (empty tuple: all).
    """

    name: str
    particles: pd.DataFrame
    paths: dict[str, str]
    scenarios: dict[str, tuple[str, ...]]


def load_posterior(path: str | Path) -> Posterior:
    """Read ``posterior.parquet`` (or the folder holding it) and its ``summary.json``.

    Raises:
        CalibrationError: If the files are missing or do not belong together.
    """
    path = Path(path)
    file = path if path.suffix == ".parquet" else path / "posterior.parquet"
    summary_file = file.with_name("summary.json")
    if not file.is_file() or not summary_file.is_file():
        raise CalibrationError(str(file), "", "no posterior here (run dewak calibrate first)")
    particles = pd.read_parquet(file)
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    parameters = summary.get("parameters", {})
    names = [c for c in particles.columns if c != "weight"]
    if "weight" not in particles or sorted(names) != sorted(parameters):
        raise CalibrationError(str(file), "", "posterior and summary.json do not match")
    scenarios = {
        n: () if parameters[n]["scenarios"] == "all" else tuple(parameters[n]["scenarios"])
        for n in names
    }
    paths = {n: parameters[n]["path"] for n in names}
    return Posterior(summary.get("name", ""), particles, paths, scenarios)


def draw(posterior: Posterior, n: int, seed: int) -> pd.DataFrame:
    """``n`` parameter sets drawn with replacement by weight: ``draw``, ``particle``, values."""
    rng = np.random.default_rng(seed)
    weights = posterior.particles["weight"].to_numpy(dtype=float)
    chosen = rng.choice(len(weights), size=n, replace=True, p=weights / weights.sum())
    values = posterior.particles.drop(columns="weight").iloc[chosen].reset_index(drop=True)
    return pd.concat([pd.DataFrame({"draw": np.arange(n), "particle": chosen}), values], axis=1)
