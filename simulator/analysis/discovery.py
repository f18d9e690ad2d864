"""Scenario discovery with PRIM (EMA Workbench): under which inputs does an outcome condition hold?

PRIM peels a box of input conditions step by step, each step trading coverage (the share of all
runs where the condition holds that fall in the box) for density (the share of runs in the box
where it holds). The chosen box is the one with the largest coverage among those whose density
reaches the threshold (ties: the denser one). Every run of the sweep is one case; failed runs
and runs without a value for the outcome are left out and counted.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.analysis import AnalysisError
from simulator.analysis.condition import Condition, parse_condition
from simulator.analysis.results import InputInfo, SweepData, load_sweep, outcome_values

#: PRIM drops an input column literally named ``scenario``; the base scenario goes in as this.
SCENARIO_ALIAS = "base_scenario"
#: PRIM settings. source: EMA Workbench 2.5.3 defaults (Friedman & Fisher 1999 suggest 0.05-0.1).
PEEL_ALPHA = 0.05
MASS_MIN = 0.05


@dataclass
class DiscoveryResult:
    """What PRIM found for one condition.

    Attributes:
        condition: The parsed condition.
        threshold: Minimum density of the chosen box.
        trajectory: The peeling trajectory (coverage, density, mass, restricted dimensions).
        chosen: Index of the chosen box in the trajectory, or None if none reaches the threshold.
        limits: One row per restricted input of the chosen box.
        stats: Coverage, density, mass and counts of the chosen box and of the whole sweep.
        sentence: The result in plain language.
    """

    condition: Condition
    threshold: float
    trajectory: pd.DataFrame
    chosen: int | None
    limits: pd.DataFrame
    stats: dict = field(default_factory=dict)
    sentence: str = ""


def prim_inputs(data: SweepData) -> pd.DataFrame:
    """The inputs of every run as PRIM's x: numbers stay numbers, choices become Categorical."""
    x = pd.DataFrame(index=data.runs.index)
    for info in data.inputs:
        column = data.runs[info.name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            x[info.name] = column
        else:
            categories = list(info.choices) if info.choices else sorted(column.unique(), key=str)
            x[info.name] = pd.Categorical(column, categories=categories)
    return x.rename(columns={"scenario": SCENARIO_ALIAS})


def discover(data: SweepData, condition: Condition, threshold: float = 0.8) -> DiscoveryResult:
    """Run PRIM for ``condition`` over the sweep's inputs and choose a box."""
    with warnings.catch_warnings():  # "ipyparallel not installed": irrelevant here
        warnings.filterwarnings("ignore", "ipyparallel", UserWarning)
        from ema_workbench.analysis import prim

    if not 0.0 < threshold <= 1.0:
        raise AnalysisError(str(data.root), "--threshold", "must be in (0, 1]")
    values = _condition_values(data, condition)
    usable = np.isfinite(values)
    y = condition.holds(values)[usable]
    if y.sum() == 0 or y.all():
        how = "none" if y.sum() == 0 else "all"
        raise AnalysisError(
            str(data.root),
            "--outcome",
            f"{condition.text!r} holds in {how} of the "
            f"{len(y)} usable runs: there is nothing to discover",
        )
    x = prim_inputs(data)[usable].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        algorithm = prim.Prim(x, y, threshold=threshold, peel_alpha=PEEL_ALPHA, mass_min=MASS_MIN)
        box = algorithm.find_box()
    trajectory = box.peeling_trajectory[["coverage", "density", "mass", "res_dim", "n", "k"]]
    chosen = choose_box(trajectory, threshold)
    stats = {"runs": int(len(y)), "cases": int(y.sum()), "left_out": int((~usable).sum())}
    stats["base_rate"] = float(y.mean())
    result = DiscoveryResult(
        condition, threshold, trajectory.reset_index(drop=True), chosen, _empty()
    )
    if chosen is not None:
        result.limits = box_limits(box.box_lims[chosen], algorithm.box_init, data.inputs)
        row = trajectory.iloc[chosen]
        stats.update({k: float(row[k]) for k in ("coverage", "density", "mass")})
        stats.update(box_runs=int(row["n"]), box_cases=int(row["k"]))
    result.stats = stats
    result.sentence = sentence(result, data.inputs)
    return result


def _condition_values(data: SweepData, condition: Condition) -> np.ndarray:
    known = data.outcome_names()
    if condition.name not in known:
        raise AnalysisError(
            str(data.root),
            "--outcome",
            f"{condition.name!r} is not a numeric outcome of these "
            f"runs (choose from: {', '.join(known)})",
        )
    values = outcome_values(data.runs, condition.name)
    present = values[np.isfinite(values)]
    if condition.op is None and not np.isin(present, (0.0, 1.0)).all():
        raise AnalysisError(
            str(data.root),
            "--outcome",
            f"{condition.name!r} is not true/false; compare it "
            f"with a number, e.g. '{condition.name} > {np.median(present):g}'",
        )
    return values


def choose_box(trajectory: pd.DataFrame, threshold: float) -> int | None:
    """Position of the box with the largest coverage whose density reaches ``threshold``."""
    dense = trajectory.reset_index(drop=True)
    dense = dense[dense["density"] >= threshold - 1e-12]
    if dense.empty:
        return None
    best = dense.sort_values(["coverage", "density"], ascending=False, kind="stable")
    return int(best.index[0])


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["input", "role", "unit", "kind", "low", "high", "values"])


def box_limits(
    box: pd.DataFrame, init: pd.DataFrame, inputs: tuple[InputInfo, ...]
) -> pd.DataFrame:
    """One row per input the box restricts: its range (numbers) or its values (choices)."""
    rows = []
    for info in inputs:
        column = SCENARIO_ALIAS if info.name == "scenario" else info.name
        if column not in box.columns:
            continue
        low, high = box[column].iloc[0], box[column].iloc[1]
        full_low, full_high = init[column].iloc[0], init[column].iloc[1]
        row = {"input": info.name, "role": info.role, "unit": info.unit}
        if isinstance(low, set):
            if low == full_low:
                continue
            order = list(info.choices) if info.choices else sorted(low, key=str)
            kept = [v for v in order if v in low]
            row |= {"kind": "choice", "low": np.nan, "high": np.nan}
            row |= {"values": ", ".join(map(str, kept)), "all_values": ", ".join(map(str, order))}
        else:
            if low <= full_low and high >= full_high:
                continue
            row |= {"kind": "range", "low": float(low), "high": float(high), "values": ""}
            row |= {"full_low": float(full_low), "full_high": float(full_high)}
            row["restricted"] = _which_end(low, high, full_low, full_high)
        rows.append(row)
    return pd.DataFrame(rows) if rows else _empty()


def _which_end(low: float, high: float, full_low: float, full_high: float) -> str:
    if low > full_low and high < full_high:
        return "both"
    return "low" if low > full_low else "high"


def sentence(result: DiscoveryResult, inputs: tuple[InputInfo, ...]) -> str:
    """The chosen box in plain language (or why there is none)."""
    what = result.condition.phrase()
    stats = result.stats
    if result.chosen is None:
        best = float(result.trajectory["density"].max())
        return (
            f"No box of input conditions reaches {_pct(result.threshold)} density: "
            f"{what} in {_pct(stats['base_rate'])} of runs, and at most in {_pct(best)} of "
            f"the runs of any box PRIM found."
        )
    conditions = [_describe(row) for row in result.limits.to_dict("records")]
    where = _join(conditions) if conditions else "the inputs take any value"
    return (
        f"{what[0].upper()}{what[1:]} in {_pct(stats['density'])} of runs where {where}. "
        f"These runs are {_pct(stats['mass'])} of all runs and hold {_pct(stats['coverage'])} "
        f"of the runs where this happens (overall it happens in {_pct(stats['base_rate'])})."
    )


def _describe(row: dict) -> str:
    name = row["input"]
    if row["kind"] == "choice":
        values = row["values"].split(", ")
        return f"{name} is {values[0]}" if len(values) == 1 else f"{name} is {_join(values, 'or')}"
    low, high = _value(row["low"], row["unit"]), _value(row["high"], row["unit"])
    if row["restricted"] == "both":
        return f"{name} is between {low} and {high}"
    return f"{name} is above {low}" if row["restricted"] == "low" else f"{name} is below {high}"


def _value(number: float, unit: str) -> str:
    if unit == "share":
        return f"{number * 100:.2g} %"
    text = f"{number:,.0f}" if abs(number) >= 1000 else f"{number:.3g}"
    return f"{text} {unit}" if unit else text


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def _join(parts: list[str], word: str = "and") -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def run_discovery(
    results_dir: str | Path, expression: str, threshold: float = 0.8, out: Path | None = None
) -> tuple[DiscoveryResult, list[Path]]:
    """Parse the condition, run PRIM on a finished sweep, write ``discovery/<condition>/``."""
    condition = parse_condition(expression)
    data = load_sweep(results_dir)
    result = discover(data, condition, threshold)
    folder = Path(out) if out is not None else data.root / "discovery" / condition.slug()
    return result, write_discovery(result, folder, data)


def write_discovery(result: DiscoveryResult, folder: Path, data: SweepData) -> list[Path]:
    """Write the trade-off plot, the box limits, the trajectory and ``summary.json``."""
    from simulator.analysis.output import replace_folder
    from simulator.analysis.plots import tradeoff_chart

    def write(tmp: Path) -> None:
        for name, table in (("box_limits", result.limits), ("trajectory", result.trajectory)):
            table.to_csv(tmp / f"{name}.csv", index=False)
            table.to_parquet(tmp / f"{name}.parquet", index=False)
        figure = tradeoff_chart(
            result.trajectory, result.chosen, result.threshold, result.condition
        )
        for suffix in ("png", "svg"):
            figure.savefig(tmp / f"tradeoff.{suffix}", dpi=150, bbox_inches="tight")
        summary = {
            "condition": result.condition.text,
            "threshold": result.threshold,
            "chosen_box": result.chosen,
            "stats": result.stats,
            "sentence": result.sentence,
            "inputs": data.input_names,
            "sweep": str(data.root),
            "experiment": data.manifest.get("name"),
        }
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")

    return replace_folder(folder, write)
