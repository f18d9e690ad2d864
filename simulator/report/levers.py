"""Levers in the report: which become options compared side by side, and tables per value band.

A lever with listed values (an overlay per organisation model, staff levels 0.5 / 1.0) becomes
part of an :class:`Option` together with the organisation model, so every table row and every
line of a figure is one combination. A lever drawn from a range (a Latin hypercube over grant
levels), or one that would make more than :data:`MAX_OPTIONS` combinations, is shown instead in a
table per value band: runs, share still open at the end and the town's cost per year for each
third of its range (or each listed value).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from simulator.report.data import Sweep

#: At most this many options (model × listed lever values) are compared side by side.
MAX_OPTIONS = 24
#: A lever drawn from a range is cut into this many equally filled bands.
BANDS = 3


@dataclass(frozen=True)
class Option:
    """One policy option compared in the report: an organisation model and any further levers.

    Attributes:
        model: The organisation model's value in the runs (None when the sweep does not vary it).
        levers: ``(column, value)`` of every further listed lever the sweep varies, in order.
    """

    model: object = None
    levers: tuple = ()


def split_levers(params: list[dict], ok: pd.DataFrame, model_col) -> tuple[list[str], list[str]]:
    """Varied levers: listed ones that stay within MAX_OPTIONS combinations, and the rest."""
    listed, ranged = [], []
    count = ok[model_col].nunique() if model_col in ok else 1
    for param in params:
        name = param["name"]
        if name == model_col or name not in ok or ok[name].nunique() < 2:
            continue
        n = ok[name].nunique()
        if (param.get("values") or param.get("overlays")) and count * n <= MAX_OPTIONS:
            listed.append(name)
            count *= n
        else:
            ranged.append(name)
    return listed, ranged


def options(sweep: Sweep) -> list[Option]:
    """Every combination of model and listed lever values present among the ok runs."""
    if not sweep.levers:
        return [Option(model) for model in sweep.models]
    cols = [c for c in (sweep.model_col, *sweep.levers) if c is not None]
    present = set(map(tuple, sweep.ok[cols].drop_duplicates().itertuples(index=False)))
    grid: list[list] = [sweep.models] if sweep.model_col else [[None]]
    grid += [_ordered(sweep, c) for c in sweep.levers]
    out = []
    for combo in product(*grid):
        key = combo if sweep.model_col else combo[1:]
        if tuple(key) in present:
            out.append(Option(combo[0], tuple(zip(sweep.levers, combo[1:], strict=True))))
    return out


def _ordered(sweep: Sweep, column: str) -> list:
    present = list(pd.unique(sweep.ok[column]))
    listed = [c for c in sweep.choices(column) if c in present]
    return listed + [v for v in present if v not in listed]


def bands(sweep: Sweep, column: str) -> tuple[pd.Series, dict]:
    """Each ok run's band of a lever, and each band's label.

    Returns:
        The band number per run (in order), and band number -> ``(low, high)`` for a lever drawn
        from a range (thirds of its runs) or ``(value,)`` for a listed one.
    """
    values = sweep.ok[column]
    if pd.api.types.is_numeric_dtype(values) and values.nunique() > BANDS:
        codes, edges = pd.qcut(values, BANDS, labels=False, retbins=True, duplicates="drop")
        return codes.astype(int), {i: (edges[i], edges[i + 1]) for i in range(len(edges) - 1)}
    order = _ordered(sweep, column)
    return values.map(order.index), {i: (v,) for i, v in enumerate(order)}


def band_table(sweep: Sweep, column: str, town_cost: pd.Series) -> pd.DataFrame:
    """Per town and band of a lever: runs, share still open at the end, town's € per year.

    Args:
        sweep: The sweep.
        column: The lever.
        town_cost: Each ok run's cash from the town per year while open, indexed by run id.
    """
    codes, labels = bands(sweep, column)
    frame = pd.DataFrame(
        {
            "town": sweep.ok[sweep.town_col] if sweep.town_col else "",
            "code": codes,
            "viable": sweep.ok["viable"].astype(bool),
            "town_eur": town_cost.reindex(sweep.ok["run_id"]).to_numpy(),
        }
    )
    table = frame.groupby(["town", "code"], sort=True).agg(
        runs=("viable", "size"), open_share=("viable", "mean"), town_eur=("town_eur", "mean")
    )
    table = table.reset_index()
    table["band"] = table["code"].map(labels)
    return table
