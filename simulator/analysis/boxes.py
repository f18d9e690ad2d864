"""PRIM boxes: choosing one on the trajectory, dropping limits that do not matter, describing it.

A box is EMA Workbench's limits table: one column per input, row 0 the lower and row 1 the
upper limit of a range, or the same set of kept choices in both rows of a categorical input.

What EMA Workbench's ``PrimBox`` does, it does here: the statistics of a box on the trajectory
come from ``PrimBox.select`` (:func:`prim_box_stats`; a test shows they equal our own counting).
Two steps stay hand-written because EMA 2.5 has no equivalent: choosing the box with the largest
coverage among those dense enough (``Prim``'s own threshold keeps the *last* box above it, the
smallest, or none), and dropping a single insignificant *side* of a range (``drop_restriction``
always frees both sides, which would also drop a significant one). The pruned box is then not
on EMA's trajectory, so its statistics are counted by :func:`box_stats`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.analysis.results import InputInfo

#: Limits whose quasi-p-value exceeds this are dropped when the box stays dense enough without
#: them. source: Bryant & Lempert (2010), doi:10.1016/j.techfore.2009.08.002, use 0.05.
QP_ALPHA = 0.05
#: PRIM's input name for the base scenario (PRIM drops a column named ``scenario``).
SCENARIO_ALIAS = "base_scenario"


def choose_box(trajectory: pd.DataFrame, threshold: float) -> int | None:
    """Position of the box with the largest coverage whose density reaches ``threshold``."""
    dense = trajectory.reset_index(drop=True)
    dense = dense[dense["density"] >= threshold - 1e-12]
    if dense.empty:
        return None
    best = dense.sort_values(["coverage", "density"], ascending=False, kind="stable")
    return int(best.index[0])


def in_box(x: pd.DataFrame, box: pd.DataFrame) -> np.ndarray:
    """Which rows of ``x`` lie inside ``box``."""
    inside = np.ones(len(x), dtype=bool)
    for column in box.columns:
        low, high = box[column].iloc[0], box[column].iloc[1]
        if isinstance(low, set):
            inside &= x[column].isin(low).to_numpy()
        else:
            values = x[column].to_numpy(dtype=float)
            inside &= (values >= low) & (values <= high)
    return inside


def prim_box_stats(prim_box, i: int) -> dict[str, float]:
    """Coverage, density, mass, runs and cases of box ``i`` of EMA's trajectory (its PrimBox)."""
    prim_box.select(i)
    row = prim_box.peeling_trajectory.iloc[i]
    return {
        "coverage": float(prim_box.coverage),
        "density": float(prim_box.density),
        "mass": float(prim_box.mass),
        "box_runs": int(row["n"]),
        "box_cases": int(row["k"]),
    }


def box_stats(x: pd.DataFrame, y: np.ndarray, box: pd.DataFrame) -> dict[str, float]:
    """Coverage, density and mass of a box, and its runs and cases."""
    inside = in_box(x, box)
    n, k = int(inside.sum()), int(y[inside].sum())
    return {
        "coverage": k / int(y.sum()),
        "density": k / n if n else 0.0,
        "mass": n / len(y),
        "box_runs": n,
        "box_cases": k,
    }


def prune(x, y, box: pd.DataFrame, init: pd.DataFrame, qp: dict, threshold: float):
    """Drop limits that are not significant (quasi-p > 0.05) while the density stays high.

    Peeling often nibbles a little off inputs that do not matter; such a limit has a large
    quasi-p-value (Bryant & Lempert 2010: a one-sided binomial test of the box's density
    against the box without that limit). Limits are tried least significant first and dropped
    if the box's density stays at or above ``threshold``.

    Returns:
        ``(box, dropped)``: the pruned box and the dropped limits as ``(input, side, qp)``.
    """
    box = box.copy()
    sides = [(dim, side, p) for dim, pair in qp.items() for side, p in enumerate(pair) if p >= 0]
    dropped = []
    for dim, side, p in sorted(sides, key=lambda item: -item[2]):
        if p <= QP_ALPHA:
            break
        trial = box.copy()
        rows = [0, 1] if isinstance(box[dim].iloc[0], set) else [side]
        for row in rows:
            trial.iloc[row, trial.columns.get_loc(dim)] = init[dim].iloc[row]
        if box_stats(x, y, trial)["density"] >= threshold - 1e-12:
            box = trial
            dropped.append((dim, "both" if len(rows) == 2 else ("low", "high")[side], float(p)))
    return box, dropped


def box_limits(
    box: pd.DataFrame, init: pd.DataFrame, inputs: tuple[InputInfo, ...], qp: dict
) -> pd.DataFrame:
    """One row per input the box restricts: its range (numbers) or its values (choices).

    Rows come most significant first: ``qp`` is the larger quasi-p-value of the input's limits,
    ``significant`` whether it is at most 0.05.
    """
    rows = []
    for info in inputs:
        column = SCENARIO_ALIAS if info.name == "scenario" else info.name
        if column not in box.columns:
            continue
        row = _limit_row(info, box[column], init[column])
        if row is not None:
            pair = [_qp(p) for p in qp.get(column, [-1, -1])]
            worst = np.nanmax(pair) if np.isfinite(pair).any() else np.nan
            row |= {"qp_low": pair[0], "qp_high": pair[1], "qp": worst}
            rows.append(row | {"significant": not worst > QP_ALPHA})
    if not rows:
        return empty_limits()
    return pd.DataFrame(rows).sort_values("qp", kind="stable", na_position="first")


def _limit_row(info: InputInfo, limits: pd.Series, full: pd.Series) -> dict | None:
    low, high = limits.iloc[0], limits.iloc[1]
    row = {"input": info.name, "role": info.role, "unit": info.unit}
    if isinstance(low, set):
        if low == full.iloc[0]:
            return None
        order = list(info.choices) if info.choices else sorted(full.iloc[0], key=str)
        kept = [v for v in order if v in low]
        row |= {"kind": "choice", "low": np.nan, "high": np.nan, "restricted": "choice"}
        return row | {"values": ", ".join(map(str, kept)), "all_values": ", ".join(map(str, order))}
    full_low, full_high = full.iloc[0], full.iloc[1]
    if low <= full_low and high >= full_high:
        return None
    row |= {"kind": "range", "low": float(low), "high": float(high), "values": ""}
    row |= {"full_low": float(full_low), "full_high": float(full_high)}
    both = low > full_low and high < full_high
    return row | {"restricted": "both" if both else ("low" if low > full_low else "high")}


def _qp(value: float) -> float:
    return float(value) if value is not None and value >= 0 else np.nan


def empty_limits() -> pd.DataFrame:
    """The limits table of no box."""
    columns = ["input", "role", "unit", "kind", "low", "high", "values", "restricted", "qp"]
    columns += ["significant"]
    return pd.DataFrame(columns=columns)
