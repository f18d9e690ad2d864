"""Scenario discovery: PRIM finds boxes planted in synthetic data; the condition parser is strict."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from simulator.analysis import AnalysisError, parse_condition
from simulator.analysis.discovery import discover
from simulator.analysis.results import InputInfo, SweepData
from simulator.cli.discover import discover as discover_command
from simulator.experiments import run_experiment

# The planted box: the facility closes where a > 0.6, b < 0.3 and org is x or y.
A_LOW, B_HIGH, ORGS = 0.6, 0.3, {"x", "y"}


def run_box(task):
    """A sweep runner whose facility closes exactly inside the planted box."""
    p = dict(task.overrides)
    inside = p["fn.a"] > A_LOW and p["fn.b"] < B_HIGH and p["fn.org"] in ORGS
    return {"viable": not inside, "cost_share": p["fn.a"] * p["fn.b"]}, None, "box"


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("box")
    (root / "scenarios").mkdir()
    (root / "experiments").mkdir()
    (root / "scenarios" / "s.yaml").write_text("name: s\n")
    experiment = {
        "name": "box",
        "scenario": "../scenarios/s.yaml",
        "levers": [{"name": "org", "path": "fn.org", "values": ["x", "y", "z"]}],
        "uncertainties": [
            {"name": "a", "path": "fn.a", "low": 0.0, "high": 1.0, "unit": "share"},
            {"name": "b", "path": "fn.b", "low": 0.0, "high": 1.0},
        ],
        "outcomes": ["viable", "cost_share"],
        "design": {"kind": "latin_hypercube", "samples": 800},
        "master_seed": 5,
    }
    path = root / "experiments" / "box.yaml"
    path.write_text(yaml.safe_dump(experiment))
    out = root / "out"
    run_experiment(
        path, executor="serial", out=out, progress=False, runner="test_discovery:run_box"
    )
    return out


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    app.command("discover")(discover_command)
    app.command("noop")(lambda: None)
    return app


def _limits(folder):
    return pd.read_csv(folder / "box_limits.csv").set_index("input")


def test_prim_recovers_the_box_planted_in_a_sweep(app, sweep_dir):
    result = CliRunner().invoke(app, ["discover", str(sweep_dir), "--outcome", "not viable"])
    assert result.exit_code == 0, result.output
    folder = sweep_dir / "discovery" / "not_viable"
    names = {p.name for p in folder.iterdir()}
    assert {"tradeoff.png", "tradeoff.svg", "box_limits.csv", "box_limits.parquet"} <= names
    assert {"trajectory.csv", "summary.json"} <= names
    limits = _limits(folder)
    assert set(limits.index) == {"a", "b", "org"}
    assert limits.loc["a", "low"] == pytest.approx(A_LOW, abs=0.1) and limits.loc["a", "high"] > 0.9
    assert (
        limits.loc["b", "high"] == pytest.approx(B_HIGH, abs=0.1) and limits.loc["b", "low"] < 0.1
    )
    assert set(limits.loc["org", "values"].split(", ")) == ORGS
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["stats"]["density"] >= 0.8 and summary["sentence"] in result.output
    assert "The facility closes before the horizon in" in summary["sentence"]
    assert "a is above" in summary["sentence"] and "org is x or y" in summary["sentence"]


def test_numeric_conditions_and_the_threshold_option(app, sweep_dir):
    args = ["discover", str(sweep_dir), "--outcome", "cost_share > 0.5", "--threshold", "0.9"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    limits = _limits(sweep_dir / "discovery" / "cost_share_gt_0.5")
    # a * b > 0.5 needs both a and b above 0.5.
    assert limits.loc["a", "low"] > 0.45 and limits.loc["b", "low"] > 0.45
    assert "org" not in limits.index


def _synthetic(n=3000, flip=0.05, seed=0):
    rng = np.random.default_rng(seed)
    runs = pd.DataFrame({"u": rng.uniform(10, 20, n), "v": rng.uniform(-1, 1, n)})
    runs["mode"] = rng.choice(["m1", "m2", "m3", "m4"], n)
    runs["irrelevant"] = rng.uniform(0, 1, n)
    inside = (runs["u"] > 14) & (runs["u"] < 18) & (runs["v"] < 0.2) & (runs["mode"] == "m2")
    noisy = inside ^ (rng.uniform(size=n) < flip)
    runs["viable"] = ~noisy
    runs["status"], runs["sample_id"] = "ok", np.arange(n)
    inputs = (InputInfo("u", "uncertainty"), InputInfo("v", "uncertainty"))
    inputs += (InputInfo("irrelevant", "uncertainty"),)
    inputs += (InputInfo("mode", "lever", choices=("m1", "m2", "m3", "m4")),)
    return SweepData(
        Path("synthetic"), {}, runs, inputs, pd.DataFrame(index=range(n)), "latin_hypercube"
    )


def test_prim_recovers_a_planted_box_despite_noisy_labels():
    result_data = _synthetic()
    result = discover(result_data, parse_condition("not viable"), threshold=0.8)
    limits = result.limits.set_index("input")
    # Limits within 10 % of each input's range of the planted ones.
    assert limits.loc["u", "low"] == pytest.approx(14, abs=1.0)
    assert limits.loc["u", "high"] == pytest.approx(18, abs=1.0)
    assert limits.loc["v", "high"] == pytest.approx(0.2, abs=0.2)
    assert limits.loc["mode", "values"] == "m2"
    assert limits.loc[["u", "v", "mode"], "significant"].all()
    assert "irrelevant" not in limits.index or not limits.loc["irrelevant", "significant"]
    assert "irrelevant" not in result.sentence.split("(and, less clearly")[0]
    # Flipped labels outside the box are cases PRIM must not chase: the box holds the rest.
    runs = result_data.runs
    inside = runs["u"].between(14, 18) & (runs["v"] < 0.2) & (runs["mode"] == "m2")
    cases = ~runs["viable"]
    assert result.stats["coverage"] == pytest.approx((inside & cases).sum() / cases.sum(), abs=0.1)
    assert result.stats["density"] >= 0.8


@pytest.mark.parametrize(
    ("text", "negate", "name", "op", "number"),
    [
        ("not viable", True, "viable", None, None),
        ("viable", False, "viable", None, None),
        ("cost_share_municipality > 0.5", False, "cost_share_municipality", ">", 0.5),
        ("  years_open>=20 ", False, "years_open", ">=", 20.0),
        ("not x_1 != -1e3", True, "x_1", "!=", -1000.0),
        ("notviable", False, "notviable", None, None),
    ],
)
def test_parser_accepts_the_grammar(text, negate, name, op, number):
    c = parse_condition(text)
    assert (c.negate, c.name, c.op, c.number) == (negate, name, op, number)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not",
        "not not viable",
        "viable and cost > 1",
        "__import__('os').system('true')",
        "cost > y",
        "cost >",
        "cost > 1e999",
        "cost ≥ 1",
        "cost > 0.5; rm -rf /",
        "cost >> 1",
        "cost > nan",
        "x" * 300,
    ],
)
def test_parser_refuses_everything_else(text):
    with pytest.raises(AnalysisError, match=r"expected '\[not\] NAME \[OP NUMBER\]'|finite"):
        parse_condition(text)


@given(st.text(max_size=60))
def test_parser_either_parses_or_refuses_cleanly(text):
    try:
        c = parse_condition(text)
    except AnalysisError:
        return
    assert c.name.isidentifier() and c.op in {None, "<", "<=", ">", ">=", "==", "!="}


@given(
    st.lists(st.floats(-5, 5), min_size=1, max_size=30),
    st.sampled_from(["<", "<=", ">", "==", "!="]),
)
def test_not_is_the_complement_on_values(values, op):
    x = np.array(values)
    plain, negated = parse_condition(f"y {op} 0.5"), parse_condition(f"not y {op} 0.5")
    assert (plain.holds(x) ^ negated.holds(x)).all()


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        ("import os", "expected '[not] NAME [OP NUMBER]'"),
        ("not nonexistent", "'nonexistent' is not a numeric outcome"),
        ("not cost_share", "'cost_share' is not true/false"),
        ("cost_share > 5", "holds in none"),
    ],
)
def test_bad_conditions_exit_2_and_write_nothing(app, sweep_dir, outcome, message):
    before = sorted(p.name for p in sweep_dir.rglob("*"))
    result = CliRunner().invoke(app, ["discover", str(sweep_dir), "--outcome", outcome])
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in sweep_dir.rglob("*")) == before


def test_unfinished_or_foreign_folder_exits_2(app, tmp_path):
    result = CliRunner().invoke(app, ["discover", str(tmp_path), "--outcome", "not viable"])
    assert result.exit_code == 2 and "not a sweep result folder" in result.output


def test_ema_primbox_statistics_equal_the_hand_written_box_statistics():
    """Every box on the trajectory: EMA's PrimBox (select, coverage, density, mass) gives what
    the report's own in-box counting gave, so the chosen box's statistics come from EMA."""
    from simulator.analysis.boxes import box_stats, prim_box_stats
    from simulator.analysis.discovery import _peel, prim_inputs

    data = _synthetic(n=1500, seed=3)
    x = prim_inputs(data)
    y = (~data.runs["viable"]).to_numpy().astype(int)
    box, _init = _peel(x, y)
    assert len(box.box_lims) > 5
    for i, limits in enumerate(box.box_lims):
        ours = box_stats(x, y, limits)
        ema = prim_box_stats(box, i)
        for key in ("coverage", "density", "mass", "box_runs", "box_cases"):
            assert ema[key] == pytest.approx(ours[key], abs=1e-12), (i, key)
