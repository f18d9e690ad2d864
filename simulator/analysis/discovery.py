"""Scenario discovery with PRIM (EMA Workbench): under which inputs does an outcome condition hold?

PRIM peels a box of input conditions step by step, each step trading coverage (the share of all
runs where the condition holds that fall in the box) for density (the share of runs in the box
where it holds). The chosen box is the one with the largest coverage among those whose density
reaches the threshold (ties: the denser one); limits of that box that are not significant
(quasi-p-value above 0.05) are dropped while its density stays above the threshold (see
:mod:`.boxes`). Every run of the sweep is one case; failed runs and runs without a value for the
outcome are left out and counted.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.analysis import AnalysisError
from simulator.analysis.boxes import (
    SCENARIO_ALIAS,
    box_limits,
    box_stats,
    choose_box,
    empty_limits,
    prim_box_stats,
    prune,
)
from simulator.analysis.condition import Condition, parse_condition
from simulator.analysis.results import SweepData, load_sweep, outcome_values

#: PRIM's own threshold only decides whether it keeps its last box or returns a "dump box"
#: without a trajectory; any value in (0, 1) counts the runs where the condition holds as cases
#: of interest. The ``--threshold`` is applied afterwards, to choose a box on the trajectory.
KEEP_ANY_BOX = 1e-9
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
        limits: One row per restricted input of the chosen box (insignificant limits dropped).
        stats: Coverage, density, mass and counts of the chosen box (``prim_box``: before
            dropping limits) and of the whole sweep.
        sentence: The result in plain language.
        dropped: Limits dropped as not significant (input, side, quasi-p-value).
    """

    condition: Condition
    threshold: float
    trajectory: pd.DataFrame
    chosen: int | None
    limits: pd.DataFrame = field(default_factory=empty_limits)
    stats: dict = field(default_factory=dict)
    sentence: str = ""
    dropped: list[dict] = field(default_factory=list)


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
    box, box_init = _peel(x, y.astype(int))
    trajectory = box.peeling_trajectory[["coverage", "density", "mass", "res_dim", "n", "k"]]
    chosen = choose_box(trajectory, threshold)
    result = DiscoveryResult(condition, threshold, trajectory.reset_index(drop=True), chosen)
    result.stats = {"runs": int(len(y)), "cases": int(y.sum()), "left_out": int((~usable).sum())}
    result.stats["base_rate"] = float(y.mean())
    if chosen is not None:
        lims, dropped = prune(x, y, box.box_lims[chosen], box_init, box.qp[chosen], threshold)
        result.limits = box_limits(lims, box_init, data.inputs, box.qp[chosen])
        result.stats |= box_stats(x, y, lims)
        result.stats["prim_box"] = prim_box_stats(box, chosen)
        result.dropped = [{"input": d, "side": side, "qp": p} for d, side, p in dropped]
    result.sentence = sentence(result)
    return result


def _peel(x: pd.DataFrame, y: np.ndarray):
    """Run PRIM's peeling and pasting once; return its box and the initial box."""
    with warnings.catch_warnings():  # "ipyparallel not installed": irrelevant here
        warnings.filterwarnings("ignore", "ipyparallel", UserWarning)
        from ema_workbench.analysis import prim

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        algorithm = prim.Prim(
            x, y, threshold=KEEP_ANY_BOX, peel_alpha=PEEL_ALPHA, mass_min=MASS_MIN
        )
        box = algorithm.find_box()
    return box, algorithm.box_init


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


def sentence(result: DiscoveryResult) -> str:
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
    return (
        f"{_capital(what, result.condition.name)} in {_pct(stats['density'])} of runs where "
        f"{_where(result.limits)}. These runs are {_pct(stats['mass'])} of all runs and hold "
        f"{_pct(stats['coverage'])} of the runs where this happens (overall it happens in "
        f"{_pct(stats['base_rate'])})."
    )


def _capital(phrase: str, name: str) -> str:
    """Capitalise a sentence's start, unless it is a column name (which must stay as it is)."""
    return phrase if phrase.startswith(name) else phrase[0].upper() + phrase[1:]


def _where(limits: pd.DataFrame) -> str:
    """The box's limits in words: clear ones first, the others (quasi-p > 0.05) in brackets."""
    clear = [_describe(row) for row in limits.to_dict("records") if row["significant"]]
    weak = [_describe(row) for row in limits.to_dict("records") if not row["significant"]]
    if not clear and not weak:
        return "the inputs take any value"
    if not clear:
        return f"{_join(weak)} (none of these limits is statistically clear)"
    return _join(clear) + (f" (and, less clearly, {_join(weak)})" if weak else "")


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
    from simulator.analysis.output import DISCOVERY
    from simulator.atomic import check_target

    condition = parse_condition(expression)
    data = load_sweep(results_dir)
    folder = Path(out) if out is not None else data.root / "discovery" / condition.slug()
    check_target(folder, DISCOVERY, force=True)  # a bad --out is refused before the work
    result = discover(data, condition, threshold)
    return result, write_discovery(result, folder, data)


def write_discovery(result: DiscoveryResult, folder: Path, data: SweepData) -> list[Path]:
    """Write the trade-off plot, the box limits, the trajectory and ``summary.json``."""
    from simulator.analysis.output import DISCOVERY, replace_folder
    from simulator.analysis.plots import tradeoff_chart

    def write(tmp: Path) -> None:
        for name, table in (("box_limits", result.limits), ("trajectory", result.trajectory)):
            table.to_csv(tmp / f"{name}.csv", index=False)
            table.to_parquet(tmp / f"{name}.parquet", index=False)
        final = (result.stats["coverage"], result.stats["density"]) if result.dropped else None
        figure = tradeoff_chart(
            result.trajectory, result.chosen, result.threshold, result.condition, final
        )
        for suffix in ("png", "svg"):
            figure.savefig(tmp / f"tradeoff.{suffix}", dpi=150, bbox_inches="tight")
        summary = {
            "condition": result.condition.text,
            "threshold": result.threshold,
            "chosen_box": result.chosen,
            "stats": result.stats,
            "dropped_limits": result.dropped,
            "sentence": result.sentence,
            "inputs": data.input_names,
            "sweep": str(data.root),
            "experiment": data.manifest.get("name"),
        }
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")

    return replace_folder(folder, write, DISCOVERY)
