"""The pattern statistics on constructed tables: each aggregate, column sums, ratios, gaps.

Hand-made annual tables with known answers; hypothesis for what must hold for any series; the
weighted quantiles against pyabc's own implementation; hit and miss of a target.
"""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.calibration.fit import fit_row, weighted_quantiles
from simulator.calibration.patterns import Pattern
from simulator.calibration.statistics import evaluate, evaluate_runs

YEARS = [2025, 2026, 2027, 2028]
A = [10.0, 12.0, 9.0, 15.0]
B = [1.0, 2.0, 3.0, 4.0]
FLAG = [True, False, True, True]


def table(years=YEARS, a=A, b=B, flag=FLAG) -> pd.DataFrame:
    return pd.DataFrame({"year": years, "a": a, "b": b, "flag": flag, "text": ["x"] * len(years)})


def stat(data: dict):
    pattern = Pattern.model_validate(
        {
            "name": "p",
            "statistic": data,
            "target": {"range": [0, 1]},
            "source": "DF §5 test",
            "role": "validation",
        }
    )
    return pattern.statistic


def annual(column: str, how: str, years=(2025, 2028)) -> dict:
    return {"annual": column, "aggregate": how, "years": list(years)}


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("mean", 11.5),
        ("sum", 46.0),
        ("first", 10.0),
        ("last", 15.0),
        ("min", 9.0),
        ("max", 15.0),
        ("change", 5.0),
        ("relative_change", 0.5),
        ("growth_rate", 1.5 ** (1 / 3) - 1),
        ("share_of_years", 1.0),
        ("year_of_max", 2028),
        ("year_of_min", 2027),
    ],
)
def test_each_aggregate_on_a_known_series(how, expected):
    assert evaluate(stat(annual("a", how)), {}, table()) == pytest.approx(expected)


def test_the_year_of_the_peak_is_the_first_on_a_tie_and_ignores_row_order():
    frame = table(a=[3.0, 7.0, 7.0, 1.0]).sample(frac=1.0, random_state=5)
    assert evaluate(stat(annual("a", "year_of_max")), {}, frame) == 2026
    assert evaluate(stat(annual("a", "year_of_min", (2025, 2027))), {}, frame) == 2025


def test_window_columns_and_order():
    shuffled = table().sample(frac=1.0, random_state=3)
    assert evaluate(stat(annual("a", "first", (2026, 2027))), {}, shuffled) == 12.0
    assert evaluate(stat(annual("a - b + b - b", "sum")), {}, table()) == sum(A) - sum(B)
    assert evaluate(stat(annual("flag", "share_of_years")), {}, table()) == 0.75


def test_ratio_and_outcome():
    ratio = stat({"ratio": [annual("a", "sum"), annual("b", "sum")]})
    assert evaluate(ratio, {}, table()) == pytest.approx(46 / 10)
    mixed = stat({"ratio": [{"outcome": "visits"}, annual("b", "mean")]})
    assert evaluate(mixed, {"visits": 5.0}, table()) == pytest.approx(2.0)
    assert evaluate(stat({"outcome": "visits"}), {"visits": 7}, None) == 7.0


@pytest.mark.parametrize(
    ("data", "summary", "frame"),
    [
        (annual("a", "mean", (2025, 2030)), {}, table()),  # years beyond the run
        (annual("a", "mean"), {}, table().drop(index=2)),  # a year missing inside
        (annual("missing_column", "mean"), {}, table()),
        (annual("text", "mean"), {}, table()),  # not a number
        ({"ratio": [annual("a", "sum"), annual("b", "change", (2025, 2025))]}, {}, table()),
        ({"outcome": "closure_year"}, {"closure_year": None}, None),
        ({"outcome": "absent"}, {}, None),
        (annual("a", "relative_change"), {}, table(a=[0.0, 1.0, 2.0, 3.0])),
        (annual("a", "year_of_max"), {}, table(a=[1.0, float("nan"), 2.0, 3.0])),  # a gap
    ],
)
def test_what_cannot_be_computed_is_nan(data, summary, frame):
    assert math.isnan(evaluate(stat(data), summary, frame))


def test_many_runs_at_once_equal_one_by_one():
    tables = {
        1: table(),
        2: table(a=[5.0, 5.0, 6.0, 8.0]),
        3: table(years=[2025, 2026, 2027, 2029]),
    }
    runs = pd.DataFrame({"visits": [1.0, 2.0, 3.0]}, index=pd.Index([1, 2, 3], name="run_id"))
    statistic = stat({"ratio": [annual("a", "change"), {"outcome": "visits"}]})
    values = evaluate_runs(statistic, runs, tables)
    assert values.loc[1] == pytest.approx(5.0) and values.loc[2] == pytest.approx(1.5)
    assert math.isnan(values.loc[3])  # 2028 missing


series = st.lists(st.floats(0.5, 1e6), min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(values=series, seed=st.integers(0, 1000))
def test_aggregates_hold_for_any_series(values, seed):
    years = list(range(2025, 2025 + len(values)))
    frame = table(years, values, values, [v > 1 for v in values])
    window = (years[0], years[-1])
    shuffled = frame.sample(frac=1.0, random_state=seed)
    got = {h: evaluate(stat(annual("a", h, window)), {}, shuffled) for h in ("mean", "min", "max")}
    assert got["min"] - 1e-9 <= got["mean"] <= got["max"] + 1e-9
    change = evaluate(stat(annual("a", "change", window)), {}, shuffled)
    assert change == pytest.approx(values[-1] - values[0])
    growth = evaluate(stat(annual("a", "growth_rate", window)), {}, shuffled)
    assert values[0] * (1 + growth) ** (len(values) - 1) == pytest.approx(values[-1], rel=1e-6)
    assert evaluate(stat(annual("a - b", "sum", window)), {}, shuffled) == pytest.approx(0.0)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(-100, 100), min_size=1, max_size=40),
    raw=st.lists(st.floats(0.01, 10), min_size=40, max_size=40),
    q=st.floats(0.0, 1.0),
)
def test_weighted_quantiles_match_pyabc(values, raw, q):
    from pyabc.weighted_statistics import weighted_quantile

    weights = np.array(raw[: len(values)])
    ours = weighted_quantiles(values, weights, [q])[0]
    theirs = weighted_quantile(np.array(values), weights / weights.sum(), alpha=q)
    assert ours == pytest.approx(theirs)


def test_hit_means_the_median_lies_in_the_target_interval():
    pattern = Pattern.model_validate(
        {
            "name": "p",
            "statistic": {"outcome": "x"},
            "target": {"value": 10, "sd": 1},
            "source": "DI §6b test",
            "role": "calibration",
        }
    )
    assert fit_row(pattern, [11.0, 11.9, 30.0])["hit"] is True  # median 11.9 <= 12
    assert fit_row(pattern, [12.5, 12.6, 1.0])["hit"] is False
    weighted = fit_row(pattern, [0.0, 10.0], weights=[0.01, 0.99])
    assert weighted["hit"] is True and weighted["model_q05"] < weighted["model_median"]
    empty = fit_row(pattern, [float("nan")])
    assert empty["hit"] is None and empty["n"] == 0


def one_sided(target: dict, role: str = "validation") -> Pattern:
    return Pattern.model_validate(
        {
            "name": "p",
            "statistic": {"outcome": "x"},
            "target": target,
            "source": "MF §3a test",
            "role": role,
        }
    )


def test_a_one_sided_target_is_hit_on_its_side_and_has_no_bound_on_the_other():
    at_least = one_sided({"at_least": 0, "unit": "EUR"})
    assert fit_row(at_least, [5.0, 1e9, -1.0])["hit"] is True
    assert fit_row(at_least, [-5.0, -1.0, 2.0])["hit"] is False
    row = fit_row(at_least, [1.0])
    assert row["target_low"] == 0.0 and row["target_high"] is None  # JSON-safe: no Infinity
    assert row["target"] == "≥ 0 EUR"
    at_most = one_sided({"at_most": 0})
    assert fit_row(at_most, [-3.0])["hit"] is True and fit_row(at_most, [3.0])["hit"] is False


@pytest.mark.parametrize(
    ("target", "role", "message"),
    [
        ({"at_least": 0}, "calibration", "one-sided bound gives the distance no scale"),
        ({"at_least": 0, "at_most": 1}, "validation", "give one of"),
        ({"at_least": 0, "range": [0, 1]}, "validation", "give one of"),
    ],
)
def test_one_sided_targets_are_refused_where_they_make_no_sense(target, role, message):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=message):
        one_sided(target, role)


def test_consistency_patterns_are_reported_but_never_fitted(tmp_path):
    from simulator.calibration.patterns import CalibrationError
    from simulator.calibration.schema import read_with_patterns

    (tmp_path / "patterns.yaml").write_text(
        "patterns:\n"
        "  - {name: fitted, statistic: {outcome: x}, target: {range: [0, 1]}, source: DF §5 a,"
        " role: calibration}\n"
        "  - {name: by_construction, statistic: {outcome: x}, target: {at_least: 0},"
        " source: MF §3a b, role: consistency}\n"
    )
    base = "name: c\nscenarios: [s.yaml]\nmaster_seed: 1\nparameters:\n"
    base += "  - {name: a, path: x.y, prior: {kind: uniform, low: 0, high: 1}}\n"
    (tmp_path / "s.yaml").write_text("x: 1\n")
    good = tmp_path / "good.yaml"
    good.write_text(base + "fit: [fitted]\nvalidate: [by_construction]\n")
    _, _, fit, validate = read_with_patterns(good)
    assert [p.name for p in fit] == ["fitted"] and [p.role for p in validate] == ["consistency"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(base + "fit: [fitted, by_construction]\n")
    with pytest.raises(CalibrationError, match="consistency patterns never enter the calibration"):
        read_with_patterns(bad)
