"""A finished sweep, read for analysis: its runs with their inputs, and per-point means.

A sweep folder (``results/experiments/<name>/``, written by :mod:`simulator.experiments`) holds
``manifest.json`` (with the design's factors), ``samples.parquet`` (one row per sample point
with the unit coordinates ``u_<input>`` of the design) and ``runs.parquet`` (one row per run:
ids, seed, every input value, every outcome, status, error). Every design, Morris included,
stores its inputs the same way, so every analysis sees the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.analysis import AnalysisError
from simulator.experiments.columns import RESERVED
from simulator.experiments.storefiles import read_parquet
from simulator.folders import read_manifest

#: Columns of ``runs.parquet`` that are neither inputs nor outcomes.
BOOKKEEPING = RESERVED


@dataclass(frozen=True)
class InputInfo:
    """One input (factor) of the design.

    Attributes:
        name: Column name in the runs table.
        role: ``scenario``, ``lever`` or ``uncertainty``.
        unit: Unit as written in the experiment ('' if none).
        choices: The discrete choices in order, or None for a low/high range.
    """

    name: str
    role: str
    unit: str = ""
    choices: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class SweepData:
    """A finished sweep ready for analysis.

    Attributes:
        root: The sweep's result folder.
        manifest: Its ``manifest.json``.
        runs: One row per run, with one column per input (decoded for explicit designs).
        inputs: The design's inputs in design order.
        unit: One row per sample point (index ``sample_id``), the unit coordinate of each input.
        design: ``sobol``, ``latin_hypercube``, ``full_factorial`` or ``morris``.
        options: Design options (``second_order`` for Sobol; ``levels``, ``trajectories`` for Morris).
    """

    root: Path
    manifest: dict
    runs: pd.DataFrame
    inputs: tuple[InputInfo, ...]
    unit: pd.DataFrame
    design: str
    options: dict = field(default_factory=dict)

    @property
    def input_names(self) -> list[str]:
        """Input column names in design order."""
        return [i.name for i in self.inputs]

    @property
    def n_points(self) -> int:
        """Number of sample points."""
        return len(self.unit)

    def outcome_names(self) -> list[str]:
        """Columns that hold numeric or true/false outcomes."""
        skip = BOOKKEEPING | set(self.input_names)
        return [c for c in self.runs.columns if c not in skip and is_numeric(self.runs[c])]


def load_sweep(root: str | Path) -> SweepData:
    """Read a complete sweep folder.

    Raises:
        AnalysisError: If the folder is not a sweep result or the sweep is unfinished.
    """
    root = Path(root)
    manifest_path = root / "manifest.json"
    if not manifest_path.is_file():
        raise AnalysisError(str(root), "manifest.json", "not a sweep result folder (no manifest)")
    manifest = read_manifest(root)  # damaged: one line saying what to do
    if manifest.get("status") != "complete" or not (root / "runs.parquet").is_file():
        counts = manifest.get("counts", {})
        done = f" ({counts.get('done', '?')}/{counts.get('runs', '?')} runs)" if counts else ""
        raise AnalysisError(
            str(root), "status", f"the sweep is unfinished{done}; finish it with --resume first"
        )
    runs = read_parquet(root / "runs.parquet").to_pandas()
    design = manifest.get("design", {})
    inputs = tuple(
        InputInfo(f["name"], f["role"], f.get("unit") or "", _tuple(f.get("choices")))
        for f in design.get("factors", [])
    )
    samples = read_parquet(root / "samples.parquet").to_pandas().set_index("sample_id")
    unit = samples[[f"u_{i.name}" for i in inputs]].set_axis([i.name for i in inputs], axis=1)
    options = {"second_order": bool(design.get("second_order", False))}
    options |= {k: design[k] for k in ("levels", "trajectories") if k in design}
    return SweepData(root, manifest, runs, inputs, unit, design.get("kind", "unknown"), options)


def _tuple(values: list | None) -> tuple | None:
    return tuple(values) if values is not None else None


def is_numeric(column: pd.Series) -> bool:
    """True for number or true/false columns (object columns of bools and nulls included)."""
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        return True
    if column.dtype == object:
        present = column.dropna()
        return len(present) > 0 and all(isinstance(v, bool | int | float) for v in present)
    return False


def outcome_values(runs: pd.DataFrame, name: str) -> np.ndarray:
    """An outcome as floats (true = 1), NaN for failed runs and missing values."""
    values = pd.to_numeric(runs[name], errors="coerce").astype("float64").to_numpy()
    return np.where(runs["status"].to_numpy() == "ok", values, np.nan)


def point_means(data: SweepData, outcome: str) -> tuple[np.ndarray, dict[str, float]]:
    """Average an outcome over the replications of each sample point, and measure the noise.

    Returns:
        ``(means, noise)``: ``means[i]`` is the mean over point ``i``'s usable runs (NaN if
        none); ``noise`` holds ``total_var`` (variance over all runs), ``within_var`` (mean
        variance between the replications of a point), ``noise_share_runs`` (their ratio: the
        share of run-to-run variance due to seeds) and ``noise_share_means`` (the variance the
        seeds still leave in the point means, as a share of the variance of those means).
    """
    y = outcome_values(data.runs, outcome)
    frame = pd.DataFrame({"sample_id": data.runs["sample_id"].to_numpy(), "y": y}).dropna()
    grouped = frame.groupby("sample_id")["y"]
    stats = pd.DataFrame({"mean": grouped.mean(), "var": grouped.var(ddof=1), "n": grouped.size()})
    stats = stats.reindex(range(data.n_points))
    means = stats["mean"].to_numpy()
    total_var = float(np.var(frame["y"], ddof=1)) if len(frame) > 1 else float("nan")
    repeated = stats[stats["n"] >= 2]
    within = float(repeated["var"].mean()) if len(repeated) else float("nan")
    var_means = float(np.nanvar(means, ddof=1)) if np.isfinite(means).sum() > 1 else float("nan")
    left = float((repeated["var"] / repeated["n"]).mean()) if len(repeated) else float("nan")
    noise = {
        "runs_used": int(len(frame)),
        "points_used": int(np.isfinite(means).sum()),
        "mean": float(frame["y"].mean()) if len(frame) else float("nan"),
        "total_var": total_var,
        "within_var": within,
        "noise_share_runs": _ratio(within, total_var),
        "noise_share_means": _ratio(left, var_means),
    }
    return means, noise


def _ratio(a: float, b: float) -> float:
    return a / b if np.isfinite(a) and np.isfinite(b) and b > 0 else float("nan")
