"""Figure 7 reads the population pyramids from the stored annual table and never re-simulates.

The tables are constructed: a sweep of two demographic scenarios whose annual rows carry the
residents per 5-year band and sex (``pop_m_00 ... pop_f_90``), in a folder whose experiment
file no longer exists (the report must not need it).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import simulator.runner
from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.pyramid import BAND_COLUMNS, BANDS, pyramid_figure

YEARS = (2025, 2026, 2027)


def annual_rows(run_id: int, rng: np.random.Generator) -> list[dict]:
    rows = []
    for year in YEARS:
        bands = {c: int(rng.integers(0, 900)) for c in BAND_COLUMNS}
        rows.append({"run_id": run_id, "year": year, "population": sum(bands.values()), **bands})
    return rows


def constructed_sweep(tmp_path: Path, drop_bands: bool = False) -> Sweep:
    rng = np.random.default_rng(1)
    ok = pd.DataFrame(
        {"run_id": [0, 1, 2, 3], "demo": ["baseline", "baseline", "ageing", "ageing"]}
    )
    annual = pd.DataFrame([r for run_id in ok["run_id"] for r in annual_rows(run_id, rng)])
    annual = annual.merge(ok, on="run_id")
    if drop_bands:
        annual = annual.drop(columns=list(BAND_COLUMNS))
    manifest = {
        "kind": "experiment",
        "experiment_file": str(tmp_path / "moved" / "gone.yaml"),
        "experiment": {"uncertainties": [{"name": "demo", "overlays": ["baseline", "ageing"]}]},
    }
    empty = pd.DataFrame(columns=ok.columns)
    return Sweep(tmp_path, manifest, ok, empty, annual, None, "demo", None, ["demo"], 4)


@pytest.fixture
def no_simulation(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the report must not re-simulate")

    monkeypatch.setattr(simulator.runner, "simulate", refuse)
    monkeypatch.setattr(simulator.runner, "run", refuse)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_pyramid_counts_the_stored_bands_of_the_first_and_last_year(tmp_path, no_simulation, lang):
    sweep = constructed_sweep(tmp_path)
    fig7 = pyramid_figure(sweep, Text(lang))
    assert fig7.fig is not None and fig7.note is None
    data = fig7.data
    assert sorted(data["run_id"].unique()) == [0, 2]  # lowest run id per demographic scenario
    for (run_id, when), part in data.groupby(["run_id", "when"]):
        year = YEARS[0] if when == "start" else YEARS[-1]
        row = sweep.annual[(sweep.annual["run_id"] == run_id) & (sweep.annual["year"] == year)]
        assert part["residents"].sum() == row["population"].iloc[0]
        men = part[part["sex"] == "men"].set_index("band")["residents"]
        assert men.to_dict() == {b: int(row[f"pop_m_{b:02d}"].iloc[0]) for b in BANDS}
    assert "2025" in fig7.caption and "2027" in fig7.caption


def test_bands_that_do_not_add_up_are_noted(tmp_path, no_simulation):
    sweep = constructed_sweep(tmp_path)
    sweep.annual.loc[0, "population"] += 7
    fig7 = pyramid_figure(sweep, Text("en"))
    assert fig7.fig is not None and "the age bands of run 0 in 2025" in fig7.note


@pytest.mark.parametrize("lang", ["en", "de"])
def test_without_bands_the_figure_is_skipped_with_a_note(tmp_path, no_simulation, lang):
    fig7 = pyramid_figure(constructed_sweep(tmp_path, drop_bands=True), Text(lang))
    assert fig7.fig is None and "pop_m_00" in fig7.note


def test_the_band_columns_are_named_as_the_annual_table_names_them():
    assert BAND_COLUMNS[:3] == ("pop_m_00", "pop_m_05", "pop_m_10")
    assert BAND_COLUMNS[-1] == "pop_f_90" and len(BAND_COLUMNS) == 2 * 19
