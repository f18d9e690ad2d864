"""Regenerate the demography CSV tables in this folder from the reference figures.

The numbers below are transcribed from the project's demography inputs (sections named at each
constant, "DI §n" in docs/sources.md). Run ``python simulator/data/build_tables.py`` to
rewrite the CSV files and print the checks quoted in ``README.md``. Standard library only.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- Age structure, 31.12.2020 (§3b, §3c, §3d; Destatis GENESIS 12411-0018) --------------
# (age_from, age_to, male, female); age_to inclusive; None = open-ended group to be split.
BANDS = [
    (0, 2),
    (3, 5),
    (6, 9),
    (10, 14),
    (15, 17),
    (18, 19),
    (20, 24),
    (25, 29),
    (30, 34),
    (35, 39),
    (40, 44),
    (45, 49),
    (50, 54),
    (55, 59),
    (60, 64),
    (65, 74),
    (75, None),
]

AGE_TABLES = {
    "kreis_recklinghausen_2020": [
        (8826, 8331),
        (9039, 8549),
        (11140, 10466),
        (13964, 13093),
        (8940, 8294),
        (6155, 5707),
        (16639, 14882),
        (16915, 15792),
        (18092, 17559),
        (17381, 17484),
        (17533, 17851),
        (18599, 19316),
        (24889, 25230),
        (25870, 26209),
        (23163, 24571),
        (33708, 38395),
        (28200, 42817),
    ],
    "ennepe_ruhr_kreis_2020": [
        (4456, 4182),
        (4589, 4344),
        (5638, 5353),
        (6885, 6589),
        (4364, 4072),
        (3033, 2829),
        (8534, 7784),
        (9085, 8593),
        (9593, 9427),
        (9398, 9268),
        (8826, 9135),
        (9200, 9621),
        (13403, 13859),
        (14210, 14470),
        (12066, 12495),
        (17387, 20056),
        (16181, 24205),
    ],
    "nrw_2020": [
        (265198, 250904),
        (269820, 255156),
        (334610, 315542),
        (421963, 396817),
        (262307, 245519),
        (186151, 173113),
        (539833, 494469),
        (577819, 539518),
        (596899, 571758),
        (550266, 546483),
        (521218, 533683),
        (537077, 550247),
        (714354, 715743),
        (734125, 736974),
        (616517, 639334),
        (873460, 989130),
        (793271, 1176292),
    ],
}

# Source totals (persons) used as checks.
AGE_TOTALS = {
    "kreis_recklinghausen_2020": (299053, 314546),
    "ennepe_ruhr_kreis_2020": (156848, 166282),
    "nrw_2020": (8794888, 9130682),
}

# §3e splits of the wide old-age groups.
SPLIT_65_74 = [(65, 69, 0.55), (70, 74, 0.45)]
SPLIT_75_PLUS_BANDS = [(75, 79), (80, 84), (85, 89), (90, 94), (95, 99)]
SPLIT_75_PLUS_MALE = [0.41, 0.31, 0.19, 0.07, 0.015]
SPLIT_75_PLUS_FEMALE = [0.36, 0.30, 0.21, 0.10, 0.03]

# --- Life table Germany 2022/24 (§4b; Destatis 12621-0001) --------------------------------
# age: (qx male, qx female)
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
E0_PUBLISHED = (78.47, 83.19)

# --- ASFR Germany 2023, single years 15..49 (§5a; Destatis 12612-0008) --------------------
ASFR_2023 = {
    15: 0.5, 16: 1.4, 17: 3.1, 18: 6.0, 19: 10.6,
    20: 16.4, 21: 21.4, 22: 26.6, 23: 32.8, 24: 39.6,
    25: 47.0, 26: 56.2, 27: 68.0, 28: 78.4, 29: 88.7,
    30: 96.8, 31: 103.0, 32: 104.6, 33: 100.1, 34: 93.3,
    35: 84.4, 36: 73.4, 37: 60.9, 38: 49.1, 39: 39.1,
    40: 30.3, 41: 20.9, 42: 13.4, 43: 8.2, 44: 5.0,
    45: 2.5, 46: 1.5, 47: 0.8, 48: 0.5, 49: 0.3,
}  # fmt: skip
ASFR_2023_BAND_MEANS = {15: 4.3, 20: 27.4, 25: 67.7, 30: 99.6, 35: 61.4, 40: 15.6, 45: 1.1}
TFR_2023_PUBLISHED = 1.385

# --- Out-migration schedule (§6c recommended table, [assumption]) -------------------------
OUT_MIGRATION = [
    (0, 5, 0.040),
    (6, 17, 0.025),
    (18, 24, 0.090),
    (25, 29, 0.100),
    (30, 34, 0.060),
    (35, 49, 0.035),
    (50, 64, 0.015),
    (65, 74, 0.012),
    (75, 120, 0.020),
]


def split_integer(total: int, shares: list[float]) -> list[int]:
    """Split an integer total by (renormalised) shares, largest-remainder rounding."""
    s = sum(shares)
    raw = [total * w / s for w in shares]
    parts = [math.floor(r) for r in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:rest]:
        parts[i] += 1
    return parts


def age_rows() -> list[tuple[str, int, int, int, int]]:
    """Build the rows of ``age_structure.csv``."""
    rows = []
    for table, values in AGE_TABLES.items():
        m_tot, f_tot = AGE_TOTALS[table]
        assert sum(v[0] for v in values) == m_tot, table
        assert sum(v[1] for v in values) == f_tot, table
        for (a0, a1), (m, f) in zip(BANDS, values, strict=True):
            if a0 == 65:
                w = [s for _, _, s in SPLIT_65_74]
                for (b0, b1, _), pm, pf in zip(
                    SPLIT_65_74, split_integer(m, w), split_integer(f, w), strict=True
                ):
                    rows.append((table, b0, b1, pm, pf))
            elif a0 == 75:
                pms = split_integer(m, SPLIT_75_PLUS_MALE)
                pfs = split_integer(f, SPLIT_75_PLUS_FEMALE)
                for (b0, b1), pm, pf in zip(SPLIT_75_PLUS_BANDS, pms, pfs, strict=True):
                    rows.append((table, b0, b1, pm, pf))
            else:
                rows.append((table, a0, a1, m, f))
    return rows


def interpolate_qx() -> list[tuple[int, float, float]]:
    """Single-year qx 0..100, log-linear between the published ages."""
    ages = sorted(QX_PUBLISHED)
    out = []
    for x in range(0, 101):
        if x in QX_PUBLISHED:
            out.append((x, *QX_PUBLISHED[x]))
            continue
        lo = max(a for a in ages if a < x)
        hi = min(a for a in ages if a > x)
        t = (x - lo) / (hi - lo)
        q = [
            math.exp((1 - t) * math.log(QX_PUBLISHED[lo][s]) + t * math.log(QX_PUBLISHED[hi][s]))
            for s in (0, 1)
        ]
        out.append((x, round(q[0], 6), round(q[1], 6)))
    return out


def e0_from_qx(qx: list[float], q_old: float = 1.0) -> float:
    """Period life expectancy at birth from single-year qx (ages 0..100).

    Lx = l(x+1) + d(x)/2 (deaths at mid-year). Ages 101..104 continue at the age-100 qx,
    q = ``q_old`` (default 1) at 105, as in the model.
    """
    q = list(qx) + [qx[-1]] * 4 + [q_old]
    lx, total = 1.0, 0.0
    for qa in q:
        d = lx * qa
        total += lx - d / 2
        lx -= d
    return total


def write_csv(name: str, header: list[str], rows: list) -> None:
    """Write rows with a header to ``name`` in this folder."""
    with open(HERE / name, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    """Write all CSV tables and print the checks."""
    rows = age_rows()
    write_csv("age_structure.csv", ["table", "age_from", "age_to", "male", "female"], rows)
    for table in AGE_TABLES:
        sub = [r for r in rows if r[0] == table]
        m = sum(r[3] for r in sub)
        f = sum(r[4] for r in sub)
        old = sum(r[3] + r[4] for r in sub if r[1] >= 65)
        young = sum(r[3] + r[4] for r in sub if r[2] <= 17)
        print(
            f"{table}: M {m:,} F {f:,} total {m + f:,}; <18 {young / (m + f):.2%}; "
            f"65+ {old / (m + f):.2%}"
        )

    lt = interpolate_qx()
    write_csv(
        "life_table_de_2022_24.csv",
        ["age", "qx_male", "qx_female"],
        [(x, f"{qm:.6f}", f"{qf:.6f}") for x, qm, qf in lt],
    )
    for s, name in ((1, "male"), (2, "female")):
        e0 = e0_from_qx([r[s] for r in lt])
        print(f"e0 {name}: {e0:.3f} (published {E0_PUBLISHED[s - 1]})")

    write_csv(
        "asfr_de_2023.csv",
        ["age", "births_per_1000_women"],
        [(a, ASFR_2023[a]) for a in range(15, 50)],
    )
    tfr = sum(ASFR_2023.values()) / 1000
    print(f"TFR 2023 from single years: {tfr:.4f} (published {TFR_2023_PUBLISHED})")
    for b0, mean in ASFR_2023_BAND_MEANS.items():
        got = sum(ASFR_2023[a] for a in range(b0, b0 + 5)) / 5
        print(f"  band {b0}-{b0 + 4}: mean of single years {got:.2f} vs published {mean}")
    print(
        f"  mean age of childbearing: "
        f"{sum((a + 0.5) * v for a, v in ASFR_2023.items()) / sum(ASFR_2023.values()):.2f}"
    )

    write_csv(
        "out_migration_schedule.csv", ["age_from", "age_to", "probability_per_year"], OUT_MIGRATION
    )
    for table in ("kreis_recklinghausen_2020", "ennepe_ruhr_kreis_2020"):
        sub = [r for r in rows if r[0] == table]
        pop = sum(r[3] + r[4] for r in sub)
        movers = 0.0
        for r in sub:
            p = next(p for a0, a1, p in OUT_MIGRATION if a0 <= r[1] and r[2] <= a1)
            movers += p * (r[3] + r[4])
        print(f"weighted out-migration rate, {table}: {movers / pop:.4f}")


if __name__ == "__main__":
    main()
