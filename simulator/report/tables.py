"""``summary.csv`` and ``summary.xlsx``: the summary as tables for municipal staff.

One row per town × option (organisation model and any further lever values): runs, share open
at the end with its 95 % range, years open, room use, € per year per payer (cash) and
volunteers' time (in kind) beside, each cash payer's share of all cash, the town's cost per
year and its share of the town's voluntary spending, the town's cost per visit. Column names
are the same in both languages (machine-readable); the xlsx has a second sheet that explains
every column in the report's language.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.stats import Row, payers

CSV_FILE = "summary.csv"
XLSX_FILE = "summary.xlsx"
#: Explanations of the fixed columns (English, German); payer columns are explained generically.
COLUMNS = {
    "town": ("Base scenario (town)", "Basisszenario (Stadt)"),
    "model": ("Organisation model", "Organisationsmodell"),
    "runs": ("Simulated courses", "Simulierte Verläufe"),
    "open_at_end_share": ("Share still open in the last year", "Anteil am Ende noch offen"),
    "open_at_end_low": ("95 % range, lower end", "95-%-Bereich, untere Grenze"),
    "open_at_end_high": ("95 % range, upper end", "95-%-Bereich, obere Grenze"),
    "years_open_median": ("Years open (median)", "Jahre offen (Median)"),
    "room_use_mean": ("Room use (mean share of room-hours)", "Raumauslastung (mittlerer Anteil)"),
    "town_eur_per_year": (
        "Town's cash per year while open (€)",
        "Geld der Stadt pro Jahr, solange offen (€)",
    ),
    "town_share_of_voluntary_spending": (
        "Grant as share of the town's voluntary spending",
        "Zuschuss als Anteil der freiwilligen Ausgaben",
    ),
    "town_eur_per_visit_median": (
        "Town's cost per visit (median, €)",
        "Kosten der Stadt je Besuch (Median, €)",
    ),
}


def summary_frame(sweep: Sweep, rows: list[Row]) -> pd.DataFrame:
    """The summary as a table with machine-readable column names (see module docstring)."""
    records = []
    for row in rows:
        record = {"town": row.town if row.town is not None else _only_town(sweep)}
        record["model"] = str(row.model).removeprefix("org_") if row.model is not None else ""
        record.update({column: value for column, value in row.option.levers})
        record.update(
            {
                "runs": row.n,
                "open_at_end_share": row.survival,
                "open_at_end_low": row.lower,
                "open_at_end_high": row.upper,
                "years_open_median": row.median_years_open,
                "room_use_mean": row.mean_utilisation,
                "town_eur_per_year": row.town_cost_eur,
                "town_share_of_voluntary_spending": row.share_of_voluntary,
                "town_eur_per_visit_median": row.cost_per_visit_eur,
            }
        )
        record.update({f"cash_{p}_eur_per_year": row.cash_eur.get(p) for p in payers("cash")})
        record.update({f"cash_share_{p}": row.cash_shares.get(p) for p in payers("cash")})
        record.update(
            {f"in_kind_{p}_eur_per_year": row.in_kind_eur.get(p) for p in payers("in_kind")}
        )
        records.append(record)
    return pd.DataFrame(records)


def _only_town(sweep: Sweep) -> str:
    return str(sweep.ok["scenario"].iloc[0]) if len(sweep.ok) else ""


def explain(column: str, tx: Text) -> str:
    """What a column of the summary table means, in ``tx``'s language."""
    i = 0 if tx.lang == "en" else 1
    if column in COLUMNS:
        return COLUMNS[column][i]
    for prefix, en, de in (
        ("cash_share_", "Share of all cash paid by: {}", "Anteil am gesamten Geld von: {}"),
        (
            "cash_",
            "Cash per year while open (€) from: {}",
            "Geld pro Jahr, solange offen (€), von: {}",
        ),
        (
            "in_kind_",
            "In kind per year while open (€) from: {}",
            "Sachleistung pro Jahr, solange offen (€), von: {}",
        ),
    ):
        if column.startswith(prefix):
            payer = column.removeprefix(prefix).removesuffix("_eur_per_year")
            return (en, de)[i].format(tx.name(payer))
    return tx("lever_choice") + ": " + tx.name(column)


def write_tables(frame: pd.DataFrame, folder: Path, tx: Text) -> tuple[Path, Path]:
    """Write ``summary.csv`` (UTF-8, comma, point decimals) and ``summary.xlsx`` into ``folder``."""
    csv = folder / CSV_FILE
    frame.to_csv(csv, index=False, float_format="%.10g")
    xlsx = folder / XLSX_FILE
    legend = pd.DataFrame(
        {"column": frame.columns, "meaning": [explain(c, tx) for c in frame.columns]}
    )
    with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="summary", index=False)
        legend.to_excel(writer, sheet_name="columns", index=False)
        _style(writer.book["summary"], frame)
        writer.book["columns"].column_dimensions["A"].width = 36
        writer.book["columns"].column_dimensions["B"].width = 70
    return csv, xlsx


def _style(sheet, frame: pd.DataFrame) -> None:
    """Number formats by column kind, a frozen header row, readable widths."""
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    for j, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(j)
        sheet.column_dimensions[letter].width = max(12, min(34, len(column) + 2))
        if "share" in column or column.startswith(("open_at_end", "room_use")):
            fmt = "0.0%"
        elif "eur" in column:
            fmt = "#,##0"
        else:
            continue
        for cell in sheet[letter][1:]:
            cell.number_format = fmt
