"""Global sensitivity indices with SALib: Sobol' (variance-based) and Morris (elementary effects).

:func:`sobol_indices` and :func:`morris_indices` work on plain arrays (tested on functions whose
answer is known); :func:`analyse_sweep` applies them to a finished sweep: it averages the
replications of each sample point, measures the noise the seeds leave, and builds the tables
that :func:`write_sensitivity` stores.

Both designs are made of blocks: a Sobol' (Saltelli) design of ``D`` inputs has one block of
``D + 2`` points per base sample (``2D + 2`` with second-order terms), a Morris design one
trajectory of ``D + 1`` points. A point whose runs all failed (or whose outcome is empty) would
break its block, so such blocks are left out whole, which keeps the estimators valid on the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simulator.analysis import AnalysisError
from simulator.analysis.results import SweepData, point_means

#: Bootstrap resamples for the confidence intervals. assumption: SALib's default is 100; 1000
#: gives stable 95 % intervals and costs well under a second for designs of this size.
NUM_RESAMPLES = 1000
CONF_LEVEL = 0.95
#: Seed of the bootstrap, so the intervals are reproducible.
BOOTSTRAP_SEED = 0
METHODS = ("sobol", "morris")


def complete_blocks(y: np.ndarray, block: int) -> np.ndarray:
    """Boolean mask keeping the rows of every block of ``block`` rows that has no NaN."""
    if len(y) % block:
        raise AnalysisError("design", "blocks", f"{len(y)} points are not blocks of {block}")
    whole = np.isfinite(y).reshape(-1, block).all(axis=1)
    return np.repeat(whole, block)


def sobol_indices(
    problem: dict, y: np.ndarray, second_order: bool = False, seed: int = BOOTSTRAP_SEED
) -> pd.DataFrame:
    """First-order and total Sobol' indices with 95 % bootstrap intervals.

    Args:
        problem: SALib problem (``num_vars``, ``names``, ``bounds``) of the Saltelli design.
        y: One value per design point, in design order (NaN: point unusable).
        second_order: Whether the design was drawn with second-order terms.
        seed: Bootstrap seed.

    Returns:
        One row per input: ``input, S1, S1_conf, ST, ST_conf`` (``*_conf``: half-width).
    """
    from SALib.analyze import sobol

    d = problem["num_vars"]
    keep = complete_blocks(np.asarray(y, float), 2 * d + 2 if second_order else d + 2)
    y_used = np.asarray(y, float)[keep]
    if len(y_used) == 0:
        raise AnalysisError("design", "outcome", "no complete block of the design has values")
    si = sobol.analyze(
        problem,
        y_used,
        calc_second_order=second_order,
        num_resamples=NUM_RESAMPLES,
        conf_level=CONF_LEVEL,
        seed=seed,
    )
    keys = ["S1", "S1_conf", "ST", "ST_conf"]
    table = pd.DataFrame({"input": problem["names"], **{k: si[k] for k in keys}})
    return table


def morris_indices(
    problem: dict, x: np.ndarray, y: np.ndarray, levels: int, seed: int = BOOTSTRAP_SEED
) -> pd.DataFrame:
    """Morris screening: mean absolute elementary effect (mu*) and its spread (sigma).

    Args:
        problem: SALib problem; with unit bounds, effects are per full range of each input.
        x: The Morris design, one row per point, in trajectory order.
        y: One value per point (NaN: point unusable; its trajectory is left out).
        levels: Grid levels the design was drawn with.
        seed: Bootstrap seed for the interval of mu*.

    Returns:
        One row per input: ``input, mu, mu_star, mu_star_conf, sigma``.
    """
    from SALib.analyze import morris

    keep = complete_blocks(np.asarray(y, float), problem["num_vars"] + 1)
    if not keep.any():
        raise AnalysisError("design", "outcome", "no complete trajectory has values")
    si = morris.analyze(
        problem,
        np.asarray(x, float)[keep],
        np.asarray(y, float)[keep],
        num_resamples=NUM_RESAMPLES,
        conf_level=CONF_LEVEL,
        num_levels=levels,
        seed=seed,
    )
    keys = ["mu", "mu_star", "mu_star_conf", "sigma"]
    return pd.DataFrame({"input": problem["names"], **{k: np.asarray(si[k]) for k in keys}})


@dataclass
class SensitivityResult:
    """Indices, noise and captions of one sensitivity analysis.

    Attributes:
        method: ``sobol`` or ``morris``.
        indices: One row per outcome and input.
        noise: One row per outcome: what the replications leave unexplained.
        captions: One plain-language sentence per outcome.
        notes: Outcomes left out, and why.
    """

    method: str
    indices: pd.DataFrame
    noise: pd.DataFrame
    captions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def analyse_sweep(data: SweepData, method: str, outcomes: list[str]) -> SensitivityResult:
    """Average replications per point and compute the indices of each outcome."""
    check_outcomes(data, outcomes)
    problem = _problem(data, method)
    index_tables, noise_rows, captions, notes = [], [], {}, []
    for outcome in outcomes:
        means, noise = point_means(data, outcome)
        noise_rows.append({"outcome": outcome, **noise})
        if not noise["total_var"] > 0:
            notes.append(f"{outcome}: the same value in every run, nothing to apportion")
            continue
        table = _indices(data, method, problem, means)
        roles = {i.name: i.role for i in data.inputs}
        table.insert(0, "outcome", outcome)
        table.insert(2, "role", table["input"].map(roles))
        index_tables.append(table)
        captions[outcome] = caption(method, outcome, table, noise)
    if not index_tables:
        raise AnalysisError(str(data.root), "--outcome", "; ".join(notes) or "no outcome")
    indices = pd.concat(index_tables, ignore_index=True)
    indices.insert(0, "method", method)
    return SensitivityResult(method, indices, pd.DataFrame(noise_rows), captions, notes)


def check_outcomes(data: SweepData, outcomes: list[str]) -> None:
    """Refuse outcome names that are not numeric columns of the runs."""
    from simulator.experiments.suggest import did_you_mean

    known = data.outcome_names()
    for name in outcomes:
        if name not in known:
            raise AnalysisError(
                str(data.root),
                "--outcome",
                f"{name!r} is not a numeric outcome of these runs{did_you_mean(name, known)} "
                f"(choose from: {', '.join(known)})",
            )


def _problem(data: SweepData, method: str) -> dict:
    if method == "sobol":
        if data.design != "sobol":
            raise AnalysisError(str(data.root), "design.kind", "Sobol' indices need a sobol design")
        return data.manifest["design"]["salib_problem"]
    if method == "morris":
        if data.design != "morris":
            raise AnalysisError(str(data.root), "design", "Morris needs a Morris design")
        names = data.input_names
        return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    raise AnalysisError(str(data.root), "--method", f"must be one of {', '.join(METHODS)}")


def _indices(data: SweepData, method: str, problem: dict, means: np.ndarray) -> pd.DataFrame:
    if method == "sobol":
        return sobol_indices(problem, means, bool(data.options.get("second_order")))
    x = data.unit[data.input_names].to_numpy()
    return morris_indices(problem, x, means, int(data.options["levels"]))


def caption(method: str, outcome: str, table: pd.DataFrame, noise: dict) -> str:
    """One sentence: which inputs drive the outcome most, and how much is seed noise."""
    key = "ST" if method == "sobol" else "mu_star"
    ranked = table.sort_values(key, ascending=False)
    top = ranked.head(3)
    if method == "sobol":
        parts = [f"{r.input} (total index {r.ST:.2f})" for r in top.itertuples()]
        lead = f"{outcome}: most of its variation comes from "
    else:
        parts = [f"{r.input} (mu* {r.mu_star:.3g})" for r in top.itertuples()]
        lead = f"{outcome}: the inputs with the largest effects are "
    text = lead + _join(parts) + "."
    share = noise.get("noise_share_means", float("nan"))
    if np.isfinite(share):
        text += (
            f" Seeds cause {noise['noise_share_runs'] * 100:.0f} % of the run-to-run variance"
            f" and {share * 100:.0f} % of the variance left after averaging the replications."
        )
    return text


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def analysis_manifest(result: SensitivityResult, context: dict) -> dict:
    """The analysis folder's manifest (the common schema, kind ``sensitivity``)."""
    from simulator.provenance import new_manifest, now

    manifest = new_manifest(
        "sensitivity",
        str(context.get("experiment")),
        method=result.method,
        sweep=context.get("sweep"),
        sweep_inputs_hash=context.get("inputs_hash"),
        outcomes=context.get("outcomes"),
        design=context.get("design"),
        design_options=context.get("design_options"),
    )
    return {**manifest, "status": "complete", "ended": now()}


def write_sensitivity(result: SensitivityResult, folder: Path, context: dict) -> list[Path]:
    """Write tables (CSV + Parquet), the bar chart (PNG + SVG) and ``summary.json``."""
    from simulator.analysis.output import SENSITIVITY, replace_folder
    from simulator.analysis.plots import sensitivity_chart

    def write(tmp: Path) -> None:
        for name, table in (("indices", result.indices), ("noise", result.noise)):
            table.to_csv(tmp / f"{name}.csv", index=False)
            table.to_parquet(tmp / f"{name}.parquet", index=False)
        figure = sensitivity_chart(result.indices, result.method, result.captions)
        for suffix in ("png", "svg"):
            figure.savefig(tmp / f"indices.{suffix}", dpi=150, bbox_inches="tight")
        summary = {**context, "method": result.method, "captions": result.captions}
        summary["notes"] = result.notes
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
        manifest = analysis_manifest(result, context)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str) + "\n")

    return replace_folder(folder, write, SENSITIVITY)
