"""Read the shipped demographic tables in ``simulator/data/`` (sources: data/README.md)."""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

import numpy as np


def _rows(name: str) -> list[dict[str, str]]:
    with (files("simulator") / "data" / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def age_table(table: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bands of an age-sex table: (age_from, age_to, persons[band, sex]) with sex 0=male, 1=female."""
    rows = [r for r in _rows("age_structure.csv") if r["table"] == table]
    if not rows:
        raise KeyError(f"no age table {table!r}")
    lo = np.array([int(r["age_from"]) for r in rows])
    hi = np.array([int(r["age_to"]) for r in rows])
    persons = np.array([[float(r["male"]), float(r["female"])] for r in rows])
    return lo, hi, persons


@cache
def life_table() -> np.ndarray:
    """Death probabilities qx[age, sex] for ages 0..100 (Germany 2022/24)."""
    rows = _rows("life_table_de_2022_24.csv")
    return np.array([[float(r["qx_male"]), float(r["qx_female"])] for r in rows])


@cache
def asfr() -> np.ndarray:
    """Births per woman and year by single age 0..49 (Germany 2023; zero below 15)."""
    out = np.zeros(50)
    for r in _rows("asfr_de_2023.csv"):
        out[int(r["age"])] = float(r["births_per_1000_women"]) / 1000.0
    return out


@cache
def out_migration() -> np.ndarray:
    """Yearly probability of moving out of town by single age 0..120."""
    out = np.zeros(121)
    for r in _rows("out_migration_schedule.csv"):
        out[int(r["age_from"]) : int(r["age_to"]) + 1] = float(r["probability_per_year"])
    return out
