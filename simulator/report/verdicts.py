"""Sentences generated from the summary numbers — never written by hand."""

from __future__ import annotations

import math

from simulator.report.i18n import Text
from simulator.report.plotting import model_label
from simulator.report.stats import Row


def verdict(row: Row, tx: Text) -> str:
    """One sentence per model: how often it survives, what share the town pays, per visit."""
    name = model_label(tx, row.model)
    if row.n == 0:
        return tx("verdict_none", model=name)
    text = tx(
        "verdict_text",
        model=name,
        p=tx.pct(row.survival),
        lo=tx.pct(row.lower),
        hi=tx.pct(row.upper),
        m=tx.pct(row.shares.get("municipality", 0.0)),
        eur=tx.eur(row.cost_per_visit_eur),
    )
    if not math.isnan(row.median_years_closed):
        text += tx("verdict_close", y=tx.num(row.median_years_closed, 1))
    return text


def headlines(rows: list[Row], tx: Text) -> list[str]:
    """Per town: the longest-lasting model and the one with the lowest municipal cost per visit.

    Ties in survival go to the lower municipal cost per visit. Models without successful runs
    take no part.
    """
    out = []
    for town in dict.fromkeys(r.town for r in rows):
        mine = [r for r in rows if r.town == town and r.n > 0]
        if len(mine) < 2:
            continue
        prefix = f"{tx.name(town)} — " if town is not None else ""
        best = max(mine, key=lambda r: (r.survival, -r.cost_per_visit_eur))
        cheap = min(mine, key=lambda r: r.cost_per_visit_eur)
        out.append(
            prefix + tx("headline_best", model=model_label(tx, best.model), p=tx.pct(best.survival))
        )
        out.append(
            prefix
            + tx(
                "headline_cheap",
                model=model_label(tx, cheap.model),
                eur=tx.eur(cheap.cost_per_visit_eur),
            )
        )
    return out
