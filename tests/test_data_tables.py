"""Check the demography CSVs against figures printed in demography_inputs.md (§3–§6)."""

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "simulator" / "data"


def _read(name):
    with open(DATA / name, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def ages():
    return _read("age_structure.csv")


@pytest.fixture(scope="module")
def life_table():
    return _read("life_table_de_2022_24.csv")


def _table(rows, name):
    sub = [r for r in rows if r["table"] == name]
    assert sub, name
    return sub


def _sum(rows, col, lo=0, hi=200):
    return sum(float(r[col]) for r in rows if lo <= int(r["age_from"]) and int(r["age_to"]) <= hi)


# Source totals, §3b/§3c/§3d: (male, female, total)
SOURCE_TOTALS = {
    "kreis_recklinghausen_2020": (299_053, 314_546, 613_599),
    "ennepe_ruhr_kreis_2020": (156_848, 166_282, 323_130),
    "nrw_2020": (8_794_888, 9_130_682, 17_925_570),
}

# Source wide groups 65–74 and 75+ (male, female), §3b/§3c/§3d
SOURCE_OLD = {
    "kreis_recklinghausen_2020": ((33_708, 38_395), (28_200, 42_817)),
    "ennepe_ruhr_kreis_2020": ((17_387, 20_056), (16_181, 24_205)),
    "nrw_2020": ((873_460, 989_130), (793_271, 1_176_292)),
}


@pytest.mark.parametrize("name", sorted(SOURCE_TOTALS))
def test_age_totals_match_source(ages, name):
    sub = _table(ages, name)
    m, f, t = SOURCE_TOTALS[name]
    assert _sum(sub, "male") == pytest.approx(m, abs=0.5)
    assert _sum(sub, "female") == pytest.approx(f, abs=0.5)
    assert _sum(sub, "male") + _sum(sub, "female") == pytest.approx(t, abs=0.5)


@pytest.mark.parametrize("name", sorted(SOURCE_OLD))
def test_old_age_splits_preserve_source_groups(ages, name):
    sub = _table(ages, name)
    (m6574, f6574), (m75, f75) = SOURCE_OLD[name]
    assert _sum(sub, "male", 65, 74) == pytest.approx(m6574, abs=0.5)
    assert _sum(sub, "female", 65, 74) == pytest.approx(f6574, abs=0.5)
    assert _sum(sub, "male", 75, 200) == pytest.approx(m75, abs=0.5)
    assert _sum(sub, "female", 75, 200) == pytest.approx(f75, abs=0.5)


@pytest.mark.parametrize("name", sorted(SOURCE_TOTALS))
def test_age_bands_contiguous(ages, name):
    sub = sorted(_table(ages, name), key=lambda r: int(r["age_from"]))
    assert int(sub[0]["age_from"]) == 0
    assert int(sub[-1]["age_to"]) == 99
    for a, b in zip(sub, sub[1:], strict=False):
        assert int(b["age_from"]) == int(a["age_to"]) + 1
    assert all(float(r["male"]) >= 0 and float(r["female"]) >= 0 for r in sub)


def test_kreis_re_65plus_share(ages):
    sub = _table(ages, "kreis_recklinghausen_2020")
    total = _sum(sub, "male") + _sum(sub, "female")
    old = _sum(sub, "male", 65) + _sum(sub, "female", 65)
    assert old / total * 100 == pytest.approx(23.3, abs=0.2)


def test_en_65plus_share(ages):
    sub = _table(ages, "ennepe_ruhr_kreis_2020")
    total = _sum(sub, "male") + _sum(sub, "female")
    old = _sum(sub, "male", 65) + _sum(sub, "female", 65)
    assert old / total * 100 == pytest.approx(24.1, abs=0.2)


# §4b, Destatis 12621-0001, period 2022/24
QX_PUBLISHED = {
    0: (0.003381, 0.002993),
    1: (0.000254, 0.000222),
    5: (0.000099, 0.000097),
    10: (0.000084, 0.000064),
    15: (0.000175, 0.000120),
    20: (0.000457, 0.000189),
    25: (0.000449, 0.000184),
    30: (0.000531, 0.000253),
    35: (0.000805, 0.000456),
    40: (0.001307, 0.000678),
    45: (0.001941, 0.001049),
    50: (0.003299, 0.001845),
    55: (0.005371, 0.002947),
    60: (0.009273, 0.005015),
    65: (0.015430, 0.008295),
    70: (0.023318, 0.013055),
    75: (0.036256, 0.021639),
    80: (0.058113, 0.037743),
    85: (0.099954, 0.071559),
    90: (0.187269, 0.146880),
    95: (0.306978, 0.261323),
    100: (0.420422, 0.372255),
}


def test_life_table_ages(life_table):
    assert [int(r["age"]) for r in life_table] == list(range(101))


def test_life_table_published_qx_exact(life_table):
    by_age = {int(r["age"]): r for r in life_table}
    for age, (qm, qf) in QX_PUBLISHED.items():
        assert float(by_age[age]["qx_male"]) == qm
        assert float(by_age[age]["qx_female"]) == qf


def _e0(qx):
    # lx, Lx with deaths at mid-year; ages 101-104 at the age-100 rate, q = 1 at 105
    q = list(qx) + [qx[-1]] * 4 + [1.0]
    lx, total = 1.0, 0.0
    for qa in q:
        d = lx * qa
        total += lx - d / 2
        lx -= d
    return total


@pytest.mark.parametrize("col,e0", [("qx_male", 78.47), ("qx_female", 83.19)])
def test_life_expectancy_at_birth(life_table, col, e0):
    qx = [float(r[col]) for r in life_table]
    assert _e0(qx) == pytest.approx(e0, abs=0.3)


def test_qx_are_probabilities(life_table):
    for r in life_table:
        assert 0.0 <= float(r["qx_male"]) <= 1.0
        assert 0.0 <= float(r["qx_female"]) <= 1.0


def test_asfr_tfr():
    rows = _read("asfr_de_2023.csv")
    assert [int(r["age"]) for r in rows] == list(range(15, 50))
    rates = [float(r["births_per_1000_women"]) for r in rows]
    assert all(0.0 <= v <= 1000.0 for v in rates)
    assert sum(rates) / 1000 == pytest.approx(1.385, abs=0.01)


def test_out_migration_schedule():
    rows = _read("out_migration_schedule.csv")
    bands = [(int(r["age_from"]), int(r["age_to"])) for r in rows]
    assert bands == [
        (0, 5),
        (6, 17),
        (18, 24),
        (25, 29),
        (30, 34),
        (35, 49),
        (50, 64),
        (65, 74),
        (75, 120),
    ]
    probs = [float(r["probability_per_year"]) for r in rows]
    assert probs == pytest.approx([0.04, 0.025, 0.09, 0.10, 0.06, 0.035, 0.015, 0.012, 0.02])
    assert all(0.0 <= p <= 1.0 for p in probs)
