"""Figure 4: the facility grant in the town's budget — its share of voluntary spending, and when the town's consolidation plan cuts it.

Issue #11 item 7: the years under budget consolidation (HSK) are the town's, not the
organisation model's (a grant of some 50,000 EUR does not move a budget of 200 M EUR), so the
figure does not set them against the models. It shows, per year, what the facility's grant
weighs in the town's voluntary spending, and in how many courses the town's consolidation plan
cuts the facility's line that year — lines that lie on top of each other because the plan is
the town's. Where the plan needs savings, the grant's share of them is in the figure's data and
in a sentence of the first screen.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from simulator.report.data import GRANT_SHARE_COLUMN, Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import (
    FigureOut,
    legend_below,
    option_colours,
    option_label,
    panel_title,
    panels,
)
from simulator.report.stats import select

#: The consolidation plan's cut of the facility line, its volume, the grant paid
#: (docs/fiscal_model.md, section 7); a budget without a plan has only the HSK flag and the
#: grant factor.
CUT_COLUMN = "municipal_facility_grant_cut_share"
PLAN_COLUMN = "municipal_hsk_plan_volume_eur"
GRANT_COLUMN = "municipal_voluntary_facility_eur"


def budget_frame(sweep: Sweep) -> pd.DataFrame:
    """Per annual row: whether the town's plan cuts the facility line, and the grant's shares."""
    a = sweep.annual
    if CUT_COLUMN in a:
        cut = a[CUT_COLUMN] > 0
    elif {"municipal_hsk", "municipal_grant_factor"} <= set(a):
        factor = a["municipal_grant_factor"]
        cut = a["municipal_hsk"].astype(bool) & (factor > 0) & (factor < 1)
    else:
        cut = pd.Series(False, index=a.index)
    grant = a[GRANT_COLUMN] if GRANT_COLUMN in a else a.get("cash_municipality_eur", 0.0)
    plan = a[PLAN_COLUMN] if PLAN_COLUMN in a else pd.Series(np.nan, index=a.index)
    share = a[GRANT_SHARE_COLUMN] if GRANT_SHARE_COLUMN in a else np.nan
    return a.assign(
        plan_cuts_grant=cut,
        grant_share_of_voluntary=share,
        grant_share_of_plan=(grant / plan).where(plan > 0),
    )


def budget_table(sweep: Sweep) -> pd.DataFrame:
    """Per town, option and year: median grant share (open years), share of courses cut."""
    frame = budget_frame(sweep)
    rows = []
    for town in sweep.towns:
        for option in sweep.options:
            part = select(frame, sweep, town=town, option=option)
            if part.empty:
                continue
            open_part = part[part["facility_open"].astype(bool)]
            by_year = pd.DataFrame(
                {
                    "voluntary": open_part.groupby("year")["grant_share_of_voluntary"].median(),
                    "cut": part.groupby("year")["plan_cuts_grant"].mean(),
                    "of_plan": open_part.groupby("year")["grant_share_of_plan"].median(),
                }
            )
            by_year = by_year.reset_index().assign(town=town, option=option, model=option.model)
            rows.append(by_year)
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def budget_figure(sweep: Sweep, tx: Text) -> FigureOut:
    """Figure 4: per town, the grant's share of voluntary spending (top), years the plan cuts it (bottom)."""
    table = budget_table(sweep)
    colours = option_colours(sweep)
    fig, axes = panels(2, len(sweep.towns), sharey="row", width_in=6.0)
    for j, town in enumerate(sweep.towns):
        top, bottom = axes[0, j], axes[1, j]
        for option in sweep.options:
            part = table[(table["option"] == option) & _is(table["town"], town)]
            if part.empty:
                continue
            style = {"color": colours[option], "lw": 1.8, "label": option_label(tx, option)}
            top.plot(part["year"], part["voluntary"], **style)
            bottom.plot(part["year"], part["cut"], **{**style, "label": None})
        top.set_title(panel_title(tx, town))
        for ax in (top, bottom):
            ax.set_xlim(sweep.first_year, sweep.last_year)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}")
        bottom.set_xlabel(tx("year"))
        top.yaxis.set_major_formatter(tx.axis_pct(1))
        bottom.yaxis.set_major_formatter(tx.axis_pct())
    axes[1, 0].set_ylim(-0.02, 1.02)
    axes[0, 0].set_ylabel(tx("f_budget_y_share"))
    axes[1, 0].set_ylabel(tx("f_budget_y_cut"))
    legend_below(fig, axes)
    return FigureOut("fig4_municipal_burden", tx("f_budget_title"), tx("f_budget_cap"), fig, table)


def budget_sentences(sweep: Sweep, tx: Text) -> dict:
    """Per town: how often the town's plan cuts the grant (alike under every option) and its share of the plan."""
    frame = budget_frame(sweep)
    out = {}
    for town in sweep.towns:
        part = select(frame, sweep, town=town)
        if part.empty:
            continue
        by_option = [select(part, sweep, option=o)["plan_cuts_grant"].mean() for o in sweep.options]
        by_option = [v for v in by_option if not np.isnan(v)]
        spread = max(by_option) - min(by_option) if by_option else 0.0
        key = "budget_cut_alike" if spread <= 0.05 else "budget_cut_differs"
        lines = [tx(key, p=tx.pct(float(part["plan_cuts_grant"].mean())))]
        of_plan = part.loc[part["facility_open"].astype(bool), "grant_share_of_plan"].mean()
        if not np.isnan(of_plan):
            lines.append(tx("budget_of_plan", q=tx.pct(float(of_plan), 2)))
        out[town] = lines
    return out


def _is(column: pd.Series, value) -> pd.Series:
    return column.isna() if value is None else column.eq(value)
