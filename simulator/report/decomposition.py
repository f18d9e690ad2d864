"""Organisation or money? How much of the differences between courses each lever accounts for.

When an experiment crosses the organisation model with exactly one further listed lever (the
flagship's financing mix), the report splits the spread of the years a facility stays open, per
town, into the part the model accounts for, the part the second lever accounts for, their
interplay and the rest (chance and the uncertain conditions): a two-way analysis of variance
(statsmodels ``ols`` and ``anova_lm`` with type II sums of squares; on a balanced full factorial
the parts add up to the whole). Each part is its sum of squares over the total (eta squared).
Beside it, the share still open at the end for every model × lever value, with the means over
each row and column, so the reader sees which effect is which.
"""

from __future__ import annotations

import math

import pandas as pd

from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import model_label, second_lever
from simulator.report.stats import select

OUTCOME = "years_open"
PARTS = ("model", "lever", "both", "rest")


def variance_shares(runs: pd.DataFrame, model: str, lever: str, outcome: str = OUTCOME) -> dict:
    """Eta squared of the model, the lever, their interplay and the rest for one outcome."""
    from statsmodels.formula.api import ols
    from statsmodels.stats.anova import anova_lm

    data = pd.DataFrame(
        {
            "y": runs[outcome].astype(float),
            "a": runs[model].astype(str),
            "b": runs[lever].astype(str),
        }
    )
    if data["y"].var() == 0 or data["a"].nunique() < 2 or data["b"].nunique() < 2:
        return dict.fromkeys(PARTS, math.nan)
    table = anova_lm(ols("y ~ C(a) * C(b)", data=data).fit(), typ=2)
    squares = table["sum_sq"]
    total = float(squares.sum())
    return {
        "model": squares["C(a)"] / total,
        "lever": squares["C(b)"] / total,
        "both": squares["C(a):C(b)"] / total,
        "rest": squares["Residual"] / total,
    }


def decomposition(sweep: Sweep, tx: Text) -> list[dict]:
    """Per town: the sentence with the four parts and the table of shares still open."""
    lever = second_lever(sweep)
    if lever is None:
        return []
    out = []
    for town in sweep.towns:
        runs = select(sweep.ok, sweep, town=town)
        if runs.empty:
            continue
        shares = variance_shares(runs, sweep.model_col, lever)
        values = sweep.choices(lever) or sorted(runs[lever].unique())
        values = [v for v in values if v in set(runs[lever])]
        open_share = runs.pivot_table("viable", sweep.model_col, lever, aggfunc="mean")
        rows = []
        for model in [m for m in sweep.models if m in open_share.index]:
            cells = [tx.pct(open_share.loc[model, v]) for v in values]
            mean = runs.loc[runs[sweep.model_col] == model, "viable"].mean()
            rows.append({"label": model_label(tx, model), "cells": cells, "mean": tx.pct(mean)})
        column_means = [tx.pct(runs.loc[runs[lever] == v, "viable"].mean()) for v in values]
        out.append(
            {
                "town": tx.name(town) if town is not None else "",
                "sentence": _sentence(tx, shares, lever),
                "heads": [tx.name(v) for v in values],
                "rows": rows,
                "column_means": column_means,
                "overall": tx.pct(runs["viable"].mean()),
                "shares": shares,
            }
        )
    return out


def _sentence(tx: Text, shares: dict, lever: str) -> str:
    if any(math.isnan(v) for v in shares.values()):
        return tx("decomp_none")
    pct = {part: tx.pct(max(0.0, value)) for part, value in shares.items()}
    name = tx.name(lever)
    if tx.lang == "en":  # inside an English sentence a lever's display name is not capitalised
        name = name[:1].lower() + name[1:]
    return tx(
        "decomp_text",
        lever=name,
        model=pct["model"],
        lever_part=pct["lever"],
        both=pct["both"],
        rest=pct["rest"],
    )
