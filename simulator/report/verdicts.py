"""Sentences generated from the summary numbers — never written by hand."""

from __future__ import annotations

import math

from simulator.report.i18n import Text
from simulator.report.plotting import option_label
from simulator.report.stats import Row


def verdict(row: Row, tx: Text) -> str:
    """One sentence per option: how often it lasts, the town's share of the cash, per visit."""
    name = option_label(tx, row.option)
    if row.n == 0:
        return tx("verdict_none", model=name)
    text = tx(
        "verdict_text",
        model=name,
        p=tx.pct(row.survival),
        lo=tx.pct(row.lower),
        hi=tx.pct(row.upper),
        m=tx.pct(row.cash_shares.get("municipality", 0.0)),
        eur=tx.eur(row.cost_per_visit_eur),
    )
    if not math.isnan(row.median_years_closed):
        text += tx("verdict_close", y=tx.num(row.median_years_closed, 1))
    return text


def headlines(rows: list[Row], tx: Text) -> dict:
    """Per town: the longest-lasting option, what it costs the town, and the cheapest for the town.

    Ties in survival go to the lower cost to the town. Options without successful runs take no
    part. Returns town -> list of sentences (empty for a town with fewer than two options).
    """
    out: dict = {}
    for town in dict.fromkeys(r.town for r in rows):
        mine = [r for r in rows if r.town == town and r.n > 0]
        out[town] = []
        if not mine:
            continue
        best = max(mine, key=lambda r: (r.survival, -r.town_cost_eur))
        cheap = min(mine, key=lambda r: (r.town_cost_eur, -r.survival))
        lines = []
        if len(mine) > 1:
            lines.append(
                tx("headline_best", model=option_label(tx, best.option), p=tx.pct(best.survival))
            )
        lines.append(
            tx(
                "headline_cost",
                eur=tx.eur(best.town_cost_eur),
                share=tx.maybe(best.share_of_voluntary, lambda v: tx.pct(v, 2)),
            )
        )
        if cheap is not best:
            lines.append(
                tx(
                    "headline_cheap",
                    model=option_label(tx, cheap.option),
                    eur=tx.eur(cheap.town_cost_eur),
                    p=tx.pct(cheap.survival),
                )
            )
        out[town] = lines
    return out
