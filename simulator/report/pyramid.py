"""Figure 7: population pyramids at start and horizon, one per demographic scenario.

Read from the stored annual table, never re-simulated: every annual row holds the residents per
5-year age band and sex (``pop_m_00, pop_m_05, ..., pop_m_90`` and ``pop_f_00 ... pop_f_90``;
band lower bound in two digits, ``90`` = 90 and over). For each (town, demographic scenario)
the figure shows one stored run, the lowest run id among its successful runs: its first
annual row as the outline, its last as bars. A sweep stored without these columns gets a note
instead of the figure. The bands of each row are checked against its ``population``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import FigureOut, legend_below, panel_title, panels
from simulator.report.stats import select

BAND_YEARS = 5
TOP_BAND_AGE = 90  # everyone aged 90 and over shares the top band
BANDS = tuple(range(0, TOP_BAND_AGE + 1, BAND_YEARS))
SEXES = (("m", "men"), ("f", "women"))
#: The annual columns the figure reads.
BAND_COLUMNS = tuple(f"pop_{s}_{band:02d}" for s, _ in SEXES for band in BANDS)

#: Texts of this figure (English, German), kept here until report/i18n.py takes them.
TEXTS = {
    "caption": (
        "Outline: residents in {start}; filled bars: in {end}. Men left, women right; one "
        "stored run per demographic scenario (run {runs}); a wider top means an older town.",
        "Umriss: Einwohner {start}; gefüllte Balken: {end}. Männer links, Frauen rechts; je ein "
        "gespeicherter Lauf pro demografischem Szenario (Lauf {runs}); ein breiteres oberes "
        "Ende heißt eine ältere Stadt.",
    ),
    "no_bands": (
        "population pyramids need the residents by age band in the annual table "
        "(pop_m_00 ... pop_f_90), which this sweep did not store; run it again with the "
        "current version to get them.",
        "Bevölkerungspyramiden brauchen die Einwohner nach Altersgruppen in der Jahrestabelle "
        "(pop_m_00 ... pop_f_90), die dieses Experiment nicht gespeichert hat; mit der "
        "aktuellen Version erneut rechnen, um sie zu erhalten.",
    ),
    "mismatch": (
        "Note: the age bands of run {run_id} in {year} add up to {got} residents, its annual "
        "table says {want}.",
        "Hinweis: Die Altersgruppen von Lauf {run_id} im Jahr {year} ergeben {got} Einwohner, "
        "die Jahrestabelle nennt {want}.",
    ),
}


def _text(tx: Text, key: str, **values) -> str:
    return TEXTS[key][0 if tx.lang == "en" else 1].format(**values)


def age_bands(row: pd.Series) -> pd.DataFrame:
    """One annual row's residents per band and sex, tidy (``band``, ``sex``, ``residents``)."""
    records = [
        {"band": band, "sex": sex, "residents": int(row[f"pop_{s}_{band:02d}"])}
        for band in BANDS
        for s, sex in SEXES
    ]
    return pd.DataFrame(records)


def stored_pyramids(sweep: Sweep) -> tuple[pd.DataFrame, list[dict]]:
    """Age bands at start and horizon of one stored run per town and demographic scenario.

    Returns:
        A tidy table (town, demography, run_id, when, band, sex, residents) and, per row read,
        a dict with ``run_id``, ``year``, the bands' total ``got`` and the row's ``want``.
    """
    frames, checks = [], []
    for town in sweep.towns:
        for demo in sweep.demographies:
            runs = select(sweep.ok, sweep, town=town, demo=demo)
            if runs.empty:
                continue
            run_id = int(runs["run_id"].min())
            rows = sweep.annual[sweep.annual["run_id"] == run_id].sort_values("year")
            for when, row in (("start", rows.iloc[0]), ("horizon", rows.iloc[-1])):
                bands = age_bands(row)
                frames.append(bands.assign(town=town, demography=demo, run_id=run_id, when=when))
                want = int(row["population"]) if "population" in row else None
                got = int(bands["residents"].sum())
                checks.append(
                    {"run_id": run_id, "year": int(row["year"]), "got": got, "want": want}
                )
    return pd.concat(frames, ignore_index=True), checks


def pyramid_figure(sweep: Sweep, tx: Text, enabled: bool = True) -> FigureOut:
    """Figure 7: residents by age band and sex, outline at the start, bars at the horizon."""
    title, key = tx("f_pyr_title"), "fig7_population_pyramids"
    if not enabled:
        return FigureOut(key, title, "", note=tx("f_pyr_skip"))
    if not set(BAND_COLUMNS) <= set(sweep.annual.columns):
        return FigureOut(key, title, "", note=_text(tx, "no_bands"))
    data, checks = stored_pyramids(sweep)
    fig, axes = panels(len(sweep.towns), len(sweep.demographies), sharey=True, width_in=4.2)
    for i, town in enumerate(sweep.towns):
        for j, demo in enumerate(sweep.demographies):
            _draw_pyramid(axes[i, j], _part(data, town, demo), tx)
            axes[i, j].set_title(panel_title(tx, town, demo))
            axes[i, j].set_xlabel(tx("f_pyr_x") if i == len(sweep.towns) - 1 else "")
        axes[i, 0].set_ylabel(tx("f_pyr_y"))
    legend_below(fig, axes)
    runs = ", ".join(sorted({str(c["run_id"]) for c in checks}, key=int))
    caption = _text(tx, "caption", start=sweep.first_year, end=sweep.last_year, runs=runs)
    bad = [
        _text(tx, "mismatch", **{**c, "got": tx.num(c["got"]), "want": tx.num(c["want"])})
        for c in checks
        if c["want"] is not None and c["got"] != c["want"]
    ]
    return FigureOut(key, title, caption, fig, data, note=" ".join(bad) or None)


def _part(data: pd.DataFrame, town, demo) -> pd.DataFrame:
    """Rows of one panel (a None town or scenario matches the rows stored without one)."""
    mask = pd.Series(True, index=data.index)
    for column, value in (("town", town), ("demography", demo)):
        mask &= data[column].isna() if value is None else data[column].eq(value)
    return data[mask]


def _draw_pyramid(ax, part: pd.DataFrame, tx: Text) -> None:
    for sex, sign, colour in (("men", -1, "#4c72b0"), ("women", 1, "#dd8452")):
        end = part[(part["sex"] == sex) & (part["when"] == "horizon")].sort_values("band")
        start = part[(part["sex"] == sex) & (part["when"] == "start")].sort_values("band")
        label = f"{tx(sex)}, {tx('horizon')}"
        ax.barh(
            end["band"],
            sign * end["residents"],
            height=BAND_YEARS * 0.9,
            color=colour,
            alpha=0.7,
            label=label,
        )
        low = start["band"].to_numpy() - BAND_YEARS * 0.5
        xs = np.repeat(sign * start["residents"].to_numpy(), 2)
        ys = np.column_stack([low, low + BAND_YEARS]).ravel()
        style = {"color": "black", "lw": 1.1, "ls": "-" if sign > 0 else "--"}
        ax.plot(xs, ys, **style, label=f"{tx(sex)}, {tx('start')}")
    ax.axvline(0, color="0.3", lw=0.8)
    ax.xaxis.set_major_formatter(lambda v, _pos: tx.num(abs(v)))
