"""The stress table: one row per shock (baseline first), columns the indicators, and a verdict.

Each row summarises the replications of one shock; every shock ran with the same seeds as the
baseline, so differences between rows come from the shock, not from chance draws before it.
"""

from __future__ import annotations

import pandas as pd

from simulator.stress.schema import BASELINE
from simulator.stress.score import band

#: assumption: a facility survival probability this much below the baseline's puts the facility at risk.
SURVIVAL_DROP_AT_RISK = 0.10
#: assumption: a grant cut (or stopped) in this many more replications than in the baseline puts it at risk.
GRANT_CUT_RISE_AT_RISK = 0.25
#: assumption: over-indebtedness in at least this share of replications fails the shock.
NEGATIVE_EQUITY_FAILS = 0.5

#: Column order: what a reader needs first comes first (the report shows the first 14).
COLUMNS = [
    "shock",
    "label",
    "verdict",
    "stress_score",
    "stress_band",
    "survival_probability",
    "survival_change_pp",
    "grant_cut_share",
    "municipal_funding_change_pct",
    "hsk_first_year",
    "hsk_trigger",
    "hsk_years_mean",
    "liquidity_loans_end_eur_per_capita",
    "general_reserve_end_eur",
    "equity_end_eur",
    "equity_min_eur",
    "negative_equity_share",
    "hsk_share",
    "grant_stopped_share",
    "grant_cut_years_mean",
    "grant_cut_first_year",
]


def stress_table(runs: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Aggregate the runs table (one row per shock and replication) into the stress table."""
    base_runs = runs[runs.shock == BASELINE]
    rows = [
        _row(name, labels.get(name, name), runs[runs.shock == name], base_runs) for name in labels
    ]
    table = pd.DataFrame(rows)
    base = table.set_index("shock").loc[BASELINE]
    table["survival_change_pp"] = 100.0 * (table.survival_probability - base.survival_probability)
    table["verdict"] = [verdict(row, base) for row in table.itertuples(index=False)]
    for column in ("hsk_first_year", "grant_cut_first_year"):
        table[column] = table[column].astype("Int64")
    return table[COLUMNS]


def missing(value) -> bool:
    """True for None, NaN and pandas' NA (a year or share that does not exist)."""
    return value is None or bool(pd.isna(value))


def _row(name: str, label: str, runs: pd.DataFrame, base_runs: pd.DataFrame) -> dict:
    hsk = runs[runs.hsk_ever]
    triggers = hsk.hsk_trigger[hsk.hsk_trigger != ""]
    cut = runs[runs.grant_cut]
    score = float(runs.stress_score.median())
    return {
        "shock": name,
        "label": label,
        "hsk_share": float(runs.hsk_ever.mean()),
        "hsk_first_year": _median_year(hsk.hsk_first_year),
        "hsk_trigger": str(triggers.mode().iloc[0]) if len(triggers) else "",
        "hsk_years_mean": float(runs.hsk_years.mean()),
        "general_reserve_end_eur": float(runs.general_reserve_end_eur.median()),
        "equity_end_eur": float(runs.equity_end_eur.median()),
        "equity_min_eur": float(runs.equity_min_eur.median()),
        "negative_equity_share": float(runs.negative_equity.mean()),
        "liquidity_loans_end_eur_per_capita": float(
            runs.liquidity_loans_end_eur_per_capita.median()
        ),
        "grant_cut_share": float(runs.grant_cut.mean()),
        "grant_stopped_share": float(runs.grant_stopped.mean()),
        "grant_cut_years_mean": float(runs.grant_cut_years.mean()),
        "grant_cut_first_year": _median_year(cut.grant_cut_first_year),
        "municipal_funding_change_pct": _paired_change_pct(runs, base_runs),
        "survival_probability": float(runs.viable.mean()),
        "stress_score": score,
        "stress_band": band(score),
    }


def _paired_change_pct(runs: pd.DataFrame, base_runs: pd.DataFrame) -> float | None:
    """Median over seeds of the change in the municipality's payments to the facility, in %."""
    pairs = runs.merge(base_runs, on="replication", suffixes=("", "_base"))
    pairs = pairs[pairs.municipal_funding_eur_base > 0]
    if pairs.empty:
        return None
    change = pairs.municipal_funding_eur / pairs.municipal_funding_eur_base - 1.0
    return float(100.0 * change.median())


def _median_year(years: pd.Series):
    """Median of the years that occurred (as a whole year), or None."""
    years = years.dropna()
    return int(years.astype(float).median()) if len(years) else None


def verdict(row, base) -> str:
    """The verdict of one row against the baseline row (rules in docs/stress_test.md).

    fails: significant stress band, or negative equity in at least half of the replications;
    facility at risk: survival 10 pp or more below the baseline, or the grant cut, or stopped,
    in 25 pp more replications; strained: stress band susceptible or worse, or more or earlier
    HSK than the baseline; resilient: none of these. The baseline row is the reference.
    """
    if row.shock == BASELINE:
        return "reference"
    if row.stress_band == "significant" or row.negative_equity_share >= NEGATIVE_EQUITY_FAILS:
        return "fails"
    survival_drop = base.survival_probability - row.survival_probability
    cut_rise = max(
        row.grant_cut_share - base.grant_cut_share,
        row.grant_stopped_share - base.grant_stopped_share,
    )
    if survival_drop >= SURVIVAL_DROP_AT_RISK - 1e-9 or cut_rise >= GRANT_CUT_RISE_AT_RISK - 1e-9:
        return "facility at risk"
    more_hsk = row.hsk_years_mean >= base.hsk_years_mean + 1 or row.hsk_share > base.hsk_share
    earlier = not missing(row.hsk_first_year) and (
        missing(base.hsk_first_year) or row.hsk_first_year < base.hsk_first_year
    )
    if row.stress_band != "none" or more_hsk or earlier:
        return "strained"
    return "resilient"


def print_table(table: pd.DataFrame, title: str) -> None:
    """Print the stress table in the terminal like a bank stress test: shocks down, indicators across."""
    from rich.console import Console
    from rich.table import Table

    out = Table(title=title, header_style="bold", show_lines=False)
    for name, justify in HEADERS:
        out.add_column(name, justify=justify)
    for row in table.itertuples(index=False):
        out.add_row(*_cells(row))
    console = Console()
    if not console.is_terminal:  # a file or a pipe: do not squeeze the table into 80 columns
        console = Console(width=220)
    console.print(out)


HEADERS = [
    ("shock", "left"),
    ("HSK runs", "right"),
    ("first HSK", "right"),
    ("trigger (§ 76 (1) GO NRW)", "left"),
    ("HSK yrs", "right"),
    ("reserve end M€", "right"),
    ("min equity M€", "right"),
    ("loans €/res.", "right"),
    ("grant cut/stop", "right"),
    ("funding Δ", "right"),
    ("survival", "right"),
    ("Δ pp", "right"),
    ("score", "right"),
    ("band", "left"),
    ("verdict", "left"),
]

#: Short names of the § 76 (1) GO NRW conditions for the printed table.
TRIGGER_SHORT = {
    "reserve_down_over_quarter": "1: reserve -1/4",
    "reserve_down_over_twentieth_twice": "2: reserve -1/20 twice",
    "negative_equity": "3: equity < 0",
}


def _cells(row) -> list[str]:
    parts = [TRIGGER_SHORT.get(p, p) for p in row.hsk_trigger.split(",") if p]
    return [
        row.label,
        f"{row.hsk_share:.0%}",
        "-" if missing(row.hsk_first_year) else str(row.hsk_first_year),
        " + ".join(parts) or "-",
        f"{row.hsk_years_mean:.1f}",
        f"{row.general_reserve_end_eur / 1e6:,.1f}",
        f"{row.equity_min_eur / 1e6:,.1f}",
        f"{row.liquidity_loans_end_eur_per_capita:,.0f}",
        f"{row.grant_cut_share:.0%}/{row.grant_stopped_share:.0%}",
        "-"
        if missing(row.municipal_funding_change_pct)
        else f"{round(row.municipal_funding_change_pct):+d}%",
        f"{row.survival_probability:.0%}",
        f"{round(row.survival_change_pp):+d}",
        f"{row.stress_score:.0f}",
        row.stress_band,
        row.verdict,
    ]


#: Plain words for the § 76 (1) GO NRW conditions.
TRIGGER_WORDS = {
    "reserve_down_over_quarter": "general reserve down by more than a quarter in a year",
    "reserve_down_over_twentieth_twice": "general reserve down by more than a twentieth two years running",
    "negative_equity": "equity used up",
}


def sentence(row) -> str:
    """One plain-language sentence about a row of the stress table."""
    if missing(row.hsk_first_year):
        hsk = "no budget consolidation (HSK)"
    else:
        words = " and ".join(TRIGGER_WORDS.get(p, p) for p in row.hsk_trigger.split(",") if p)
        hsk = (
            f"budget consolidation (HSK) from {row.hsk_first_year} in {row.hsk_share:.0%} of runs"
            + (f" ({words})" if words else "")
            + f", {row.hsk_years_mean:.1f} years on average"
        )
    change = (
        "" if row.shock == BASELINE else f" ({round(row.survival_change_pp):+d} points vs baseline)"
    )
    return (
        f"{row.label}: {row.verdict}. Fiscal stress score {row.stress_score:.0f} "
        f"({row.stress_band}); {hsk}; facility grant cut in {row.grant_cut_share:.0%} and "
        f"stopped in {row.grant_stopped_share:.0%} of runs{_funding(row)}; "
        f"facility open at the horizon in {row.survival_probability:.0%} of runs{change}."
    )


def _funding(row) -> str:
    change = row.municipal_funding_change_pct
    if row.shock == BASELINE or missing(change):
        return ""
    return (
        f", municipal funding of the facility {round(change):+d} % against the same-seed baseline"
    )
