"""The run summary as a table in the terminal (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

SECTIONS = {
    "viability": ["viable", "closure_year", "closure_reason", "years_open", "min_reserves_eur"],
    "utilisation": ["utilisation_mean", "visits_per_year_mean", "volunteers_mean", "reach_share"],
    "cost shares": [
        "cost_total_eur",
        "cost_share_municipality",
        "cost_share_programmes",
        "cost_share_providers",
        "cost_share_housing_company",
        "cost_share_citizens",
        "cost_share_volunteers",
    ],
    "municipal burden": [
        "municipal_cost_per_visit_eur",
        "municipal_hsk_years",
        "liquidity_loans_end_eur_per_capita",
    ],
    "demography": ["population_start", "population_end", "share_65plus_start", "share_65plus_end"],
}


def fmt(name: str, value) -> str:
    """Readable value: shares as percent, money with thousands separators."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if "share" in name or name == "utilisation_mean":
            return f"{value:.1%}"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def summary_table(summary: dict, title: str = "summary") -> None:
    """Print the summary grouped by what it answers."""
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("section")
    table.add_column("outcome")
    table.add_column("value", justify="right")
    for section, names in SECTIONS.items():
        for i, name in enumerate(names):
            table.add_row(section if i == 0 else "", name, fmt(name, summary.get(name)))
    Console().print(table)
