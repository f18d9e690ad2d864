"""What one run says about the municipal budget and the facility: HSK, reserves, grant, score.

Reads a run's annual table (``simulator.run(...).annual``). The HSK columns mean: a row's
``municipal_hsk`` is the status *during* that year (decided in January on last year's
accounts); its ``municipal_hsk_reasons`` are the § 76 conditions that year's closed accounts
met, which put the following year under HSK. So the trigger of the first HSK year is read
from the row of the year before.
"""

from __future__ import annotations

import pandas as pd

from simulator.stress import score as fsms

SCORE_COLUMNS = [*fsms.WEIGHTS, "stress_score"]


def yearly_scores(annual: pd.DataFrame, start_reserve_eur: float, start_loans_eur: float):
    """The stress score of each year and its six parts (columns ``year`` and SCORE_COLUMNS)."""
    rows = []
    reserves = [start_reserve_eur, start_reserve_eur, *annual.municipal_general_reserve_eur]
    loans = [start_loans_eur, *annual.municipal_liquidity_loans_eur]
    revenue = annual.municipal_revenue_eur.tolist()
    result = annual.municipal_result_eur.tolist()
    new_loans = [after - before for before, after in zip(loans, loans[1:], strict=False)]
    first = annual.iloc[0]
    mandatory_share_start = first.municipal_mandatory_eur / first.municipal_revenue_eur
    for t, row in enumerate(annual.itertuples(index=False)):
        lookback = slice(max(0, t - fsms.LOOKBACK_YEARS + 1), t + 1)
        parts = {
            "reserve_level": fsms.reserve_level_points(
                row.municipal_equity_eur, row.municipal_expenditure_eur
            ),
            "reserve_decline": fsms.reserve_decline_points(*reserves[t : t + 3]),
            "operating_deficits": fsms.operating_deficit_points(
                result[lookback], revenue[lookback]
            ),
            "liquidity": fsms.liquidity_points(
                row.municipal_liquidity_loans_eur, row.municipal_revenue_eur
            ),
            "short_term_borrowing": fsms.borrowing_points(new_loans[lookback], revenue[lookback]),
            "fixed_costs": fsms.fixed_cost_points(
                row.municipal_interest_eur,
                row.municipal_mandatory_eur,
                row.municipal_revenue_eur,
                mandatory_share_start,
            ),
        }
        rows.append({"year": row.year, **parts, "stress_score": sum(parts.values())})
    return pd.DataFrame(rows, columns=["year", *SCORE_COLUMNS])


def hsk_indicators(annual: pd.DataFrame) -> dict:
    """First HSK year, the § 76 condition(s) that triggered it, and years under HSK."""
    under = annual[annual.municipal_hsk.astype(bool)]
    if under.empty:
        return {"hsk_ever": False, "hsk_first_year": None, "hsk_trigger": "", "hsk_years": 0}
    first = int(under.year.iloc[0])
    before = annual[annual.year == first - 1]
    trigger = str(before.municipal_hsk_reasons.iloc[0]) if len(before) else ""
    return {
        "hsk_ever": True,
        "hsk_first_year": first,
        "hsk_trigger": trigger,
        "hsk_years": len(under),
    }


def grant_indicators(annual: pd.DataFrame) -> dict:
    """Whether, when and how long the council cut or stopped the facility grant while it was open.

    Also the municipality's total payments to the facility over the run (all municipal
    financing instruments, from the ledger's yearly income by payer).
    """
    cut = annual[(annual.municipal_grant_factor < 1.0) & annual.facility_open.astype(bool)]
    return {
        "grant_cut": not cut.empty,
        "grant_cut_first_year": int(cut.year.iloc[0]) if len(cut) else None,
        "grant_cut_years": len(cut),
        "grant_stopped": bool((cut.municipal_grant_factor == 0.0).any()),
        "municipal_funding_eur": float(annual.get("income_municipality_eur", pd.Series()).sum()),
    }


def run_indicators(
    annual: pd.DataFrame, summary: dict, scores: pd.DataFrame, window: tuple[int, int]
) -> dict:
    """One run's row of the runs table: HSK, reserves, liquidity, grant, survival and score."""
    last = annual.iloc[-1]
    in_window = scores[(scores.year >= window[0]) & (scores.year <= window[1])]
    peak = in_window.loc[in_window.stress_score.idxmax()] if len(in_window) else scores.iloc[-1]
    return {
        **hsk_indicators(annual),
        "general_reserve_end_eur": float(last.municipal_general_reserve_eur),
        "equity_end_eur": float(last.municipal_equity_eur),
        "equity_min_eur": float(annual.municipal_equity_eur.min()),
        "negative_equity": bool((annual.municipal_equity_eur < 0).any()),
        "liquidity_loans_end_eur_per_capita": float(summary["liquidity_loans_end_eur_per_capita"]),
        **grant_indicators(annual),
        "viable": bool(summary["viable"]),
        "closure_year": summary.get("closure_year"),
        "stress_score": float(peak.stress_score),
        "stress_score_year": int(peak.year),
        "stress_score_end": float(scores.stress_score.iloc[-1]),
    }
