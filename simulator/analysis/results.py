"""A finished sweep, read for analysis: its runs with decoded inputs, and per-point means.

A sweep folder (``results/experiments/<name>/``, written by :mod:`simulator.experiments`) holds
``manifest.json``, ``samples.parquet`` (one row per sample point with the unit coordinates
``u_<input>`` of the design) and ``runs.parquet`` (one row per run: ids, seed, every input
value, every outcome, status, error). Explicit-design sweeps made by :mod:`.morris` carry their
points as JSON in a ``design_point`` column; :func:`load_sweep` decodes them into one column per
input, so every analysis sees the same shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from simulator.analysis import AnalysisError

#: Lever (and runs column) of an explicit-design experiment, see :mod:`simulator.analysis.morris`.
DESIGN_POINT = "design_point"
DESIGN_POINT_PATH = "analysis.design_point"
#: Columns of ``runs.parquet`` that are neither inputs nor outcomes.
BOOKKEEPING = frozenset(
    {"run_id", "sample_id", "replication", "seed", "scenario", "scenario_hash"}
    | {"status", "error", "duration_s", DESIGN_POINT}
)


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
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("status") != "complete" or not (root / "runs.parquet").is_file():
        counts = manifest.get("counts", {})
        done = f" ({counts.get('done', '?')}/{counts.get('runs', '?')} runs)" if counts else ""
        raise AnalysisError(
            str(root), "status", f"the sweep is unfinished{done}; finish it with --resume first"
        )
    runs = pd.read_parquet(root / "runs.parquet")
    experiment = manifest.get("experiment", {})
    if _is_explicit(experiment):
        return _explicit_sweep(root, manifest, runs, experiment)
    inputs = _inputs(manifest, experiment)
    samples = pd.read_parquet(root / "samples.parquet").set_index("sample_id")
    unit = samples[[f"u_{i.name}" for i in inputs]].set_axis([i.name for i in inputs], axis=1)
    design = manifest.get("design", {})
    options = {"second_order": bool(design.get("second_order", False))}
    return SweepData(root, manifest, runs, inputs, unit, design.get("kind", "unknown"), options)


def _inputs(manifest: dict, experiment: dict) -> tuple[InputInfo, ...]:
    """Inputs in design order: base scenario (when several), levers, uncertainties."""
    names = manifest.get("design", {}).get("salib_problem", {}).get("names", [])
    params = {}
    for role, section in (("lever", "levers"), ("uncertainty", "uncertainties")):
        for p in experiment.get(section) or []:
            choices = p.get("values") or p.get("overlays")
            params[p["name"]] = InputInfo(p["name"], role, p.get("unit", ""), _tuple(choices))
    if experiment.get("scenarios"):
        stems = tuple(Path(s).stem for s in experiment["scenarios"])
        params["scenario"] = InputInfo("scenario", "scenario", "", stems)
    return tuple(params[name] for name in names if name in params)


def _tuple(values: list | None) -> tuple | None:
    return tuple(values) if values is not None else None


def _is_explicit(experiment: dict) -> bool:
    levers = experiment.get("levers", [])
    return len(levers) == 1 and levers[0].get("path") == DESIGN_POINT_PATH


def _explicit_sweep(root: Path, manifest: dict, runs: pd.DataFrame, experiment: dict) -> SweepData:
    """Decode the JSON design points of an explicit-design sweep into input columns."""
    meta = json.loads(experiment.get("description") or "{}")
    inputs = tuple(
        InputInfo(f["name"], f["role"], f.get("unit", ""), _tuple(f.get("choices")))
        for f in meta.get("factors", [])
    )
    points = [json.loads(text) for text in experiment["levers"][0]["values"]]
    names = [i.name for i in inputs]
    unit = pd.DataFrame([p["u"] for p in points], columns=names)
    unit.index.name = "sample_id"
    values = pd.DataFrame([p["values"] for p in points], columns=names)
    runs = runs.drop(columns=[c for c in names if c in runs.columns])
    runs = runs.join(values, on="sample_id")
    options = {k: meta[k] for k in ("levels", "trajectories", "source") if k in meta}
    return SweepData(root, manifest, runs, inputs, unit, meta.get("method", "explicit"), options)


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
