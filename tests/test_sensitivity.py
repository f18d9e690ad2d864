"""Sensitivity analysis on functions with known answers (Ishigami), alone and through sweeps.

Analytic values for the Ishigami function with a = 7, b = 0.1 on [-pi, pi]^3 (Ishigami &
Homma 1990; Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", 4.6):
S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244; variance 13.845.
"""

import json

import numpy as np
import pandas as pd
import pytest
import yaml
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample
from SALib.test_functions import Ishigami
from typer.testing import CliRunner

from simulator.analysis import AnalysisError, morris_indices, run_sensitivity, sobol_indices
from simulator.provenance import SCHEMA

S1 = [0.314, 0.442, 0.0]
ST = [0.558, 0.442, 0.244]
ISHIGAMI_VAR = 7**2 / 8 + 0.1 * np.pi**4 / 5 + 0.1**2 * np.pi**8 / 18 + 0.5
NOISE_SD = 1.0
RUNNER = "test_sensitivity:run_ishigami"
PROBLEM = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}


def run_ishigami(task):
    """A sweep runner: Ishigami of the overrides fn.x1..x3, plus N(0, 1) noise from the seed."""
    params = dict(task.overrides)
    x = np.array([[params["fn.x1"], params["fn.x2"], params["fn.x3"]]])
    y = float(Ishigami.evaluate(x)[0]) + np.random.default_rng(task.seed).normal(0, NOISE_SD)
    return {"y": y, "always_one": 1.0}, None, "ishigami"


def _project(tmp_path, design, replications=2, extra=()):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "experiments").mkdir()
    (tmp_path / "scenarios" / "s.yaml").write_text("name: s\n")
    ranges = [
        {"name": f"x{i}", "path": f"fn.x{i}", "low": -np.pi, "high": np.pi} for i in (1, 2, 3)
    ]
    experiment = {
        "name": "ishigami",
        "scenario": "../scenarios/s.yaml",
        "uncertainties": ranges + list(extra),
        "outcomes": ["y", "always_one"],
        "design": design,
        "replications": replications,
        "master_seed": 11,
    }
    path = tmp_path / "experiments" / "ishigami.yaml"
    path.write_text(yaml.safe_dump(experiment))
    return path


def test_sobol_indices_of_ishigami_match_analytic_values():
    x = sobol_sample.sample(PROBLEM, 1024, calc_second_order=False, seed=1)
    table = sobol_indices(PROBLEM, Ishigami.evaluate(x))
    assert np.allclose(table["S1"], S1, atol=0.05) and np.allclose(table["ST"], ST, atol=0.05)
    assert (table["ST_conf"] > 0).all() and (table["ST_conf"] < 0.15).all()


def test_sobol_with_second_order_design_and_failed_points_leaves_out_whole_blocks():
    x = sobol_sample.sample(PROBLEM, 1024, calc_second_order=True, seed=2)
    y = Ishigami.evaluate(x)
    y[np.random.default_rng(0).choice(len(y), 200, replace=False)] = np.nan
    table = sobol_indices(PROBLEM, y, second_order=True)
    assert np.allclose(table["S1"], S1, atol=0.05) and np.allclose(table["ST"], ST, atol=0.05)


def test_sobol_refuses_a_design_without_any_complete_block():
    with pytest.raises(AnalysisError, match="no complete block"):
        sobol_indices(PROBLEM, np.full(5 * 4, np.nan))


def test_morris_ranks_a_planted_irrelevant_input_last():
    problem = {"num_vars": 4, "names": ["x1", "x2", "x3", "dummy"], "bounds": [[0, 1]] * 4}
    x = morris_sample.sample(problem, 20, num_levels=4, seed=3)
    y = Ishigami.evaluate(-np.pi + 2 * np.pi * x[:, :3])
    table = morris_indices(problem, x, y, levels=4)
    assert table.sort_values("mu_star")["input"].iloc[0] == "dummy"
    assert table.set_index("input").loc["dummy", "mu_star"] == pytest.approx(0.0, abs=1e-12)


def test_sobol_sweep_end_to_end_gives_analytic_indices_and_the_noise_we_added(tmp_path):
    path = _project(tmp_path, {"kind": "sobol", "samples": 256})
    out = tmp_path / "out"
    run = run_sensitivity(
        path, outcomes=["y"], executor="serial", out=out, progress=False, runner=RUNNER
    )
    assert run.sweep.complete and run.folder == out / "sensitivity"
    names = {p.name for p in run.files}
    for stem in ("indices", "noise"):
        assert {f"{stem}.csv", f"{stem}.parquet"} <= names
    assert {"indices.png", "indices.svg", "summary.json"} <= names
    indices = pd.read_parquet(out / "sensitivity" / "indices.parquet").set_index("input")
    assert np.allclose(indices["ST"], ST, atol=0.1) and np.allclose(indices["S1"], S1, atol=0.1)
    noise = pd.read_csv(out / "sensitivity" / "noise.csv").iloc[0]
    # Known answer: noise variance 1 against the function's variance 13.85, halved by 2 replications.
    assert noise["noise_share_runs"] == pytest.approx(1 / (ISHIGAMI_VAR + 1), rel=0.25)
    assert noise["noise_share_means"] == pytest.approx(0.5 / (ISHIGAMI_VAR + 0.5), rel=0.25)
    summary = json.loads((out / "sensitivity" / "summary.json").read_text())
    assert summary["method"] == "sobol" and "x1" in summary["captions"]["y"]
    # one engine, one store, one manifest schema: the sweep's store and the analysis's folder
    store = json.loads((out / "manifest.json").read_text())
    analysis = json.loads((out / "sensitivity" / "manifest.json").read_text())
    assert store["schema"] == analysis["schema"] == SCHEMA
    assert (store["kind"], store["design"]["kind"], analysis["kind"]) == (
        "experiment",
        "sobol",
        "sensitivity",
    )
    again = run_sensitivity(
        path, outcomes=["y"], executor="serial", out=out, progress=False, runner=RUNNER
    )
    assert again.sweep.executed == 0 and again.folder.exists()


def test_morris_sweep_end_to_end_ranks_the_irrelevant_inputs_last(tmp_path):
    dummies = [
        {"name": "dummy", "path": "fn.dummy", "low": 0, "high": 1},
        {"name": "label", "path": "fn.label", "values": ["p", "q", "r"]},
    ]
    path = _project(tmp_path, {"kind": "latin_hypercube", "samples": 10}, extra=dummies)
    out = tmp_path / "morris"
    run = run_sensitivity(
        path,
        method="morris",
        outcomes=["y"],
        executor="serial",
        out=out,
        progress=False,
        trajectories=12,
        runner=RUNNER,
    )
    assert run.sweep.n_runs == 12 * 6 * 2
    table = pd.read_csv(out / "sensitivity" / "indices.csv")
    ranked = table.sort_values("mu_star", ascending=False)["input"].tolist()
    assert set(ranked[-2:]) == {"dummy", "label"}
    runs = pd.read_parquet(out / "runs.parquet")
    assert runs["label"].isin(["p", "q", "r"]).all()  # each input is a column of its own
    store = json.loads((out / "manifest.json").read_text())
    assert store["schema"] == SCHEMA and store["design"]["kind"] == "morris"
    assert [f["name"] for f in store["design"]["factors"]] == ["x1", "x2", "x3", "dummy", "label"]


def test_constant_outcomes_are_noted_not_analysed(tmp_path):
    path = _project(tmp_path, {"kind": "sobol", "samples": 8}, replications=1)
    run = run_sensitivity(
        path, executor="serial", out=tmp_path / "o", progress=False, runner=RUNNER
    )
    assert set(run.result.indices["outcome"]) == {"y"}
    assert any("always_one" in note for note in run.result.notes)
    assert np.isnan(run.result.noise.set_index("outcome").loc["y", "noise_share_runs"])


@pytest.fixture(scope="module")
def app():
    import typer

    from simulator.cli.sensitivity import sensitivity

    app = typer.Typer()
    app.command()(sensitivity)
    app.command("noop")(lambda: None)
    return app


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--method", "anova"], "--method: must be one of sobol, morris"),
        (["--workers", "2", "--dask-local", "2"], "use one of --workers"),
        (["--resume", "--force"], "either --resume or --force"),
        (["--trajectories", "5"], "only applies to --method morris"),
        (["--method", "morris", "--levels", "3"], "--levels: must be an even number"),
    ],
)
def test_invalid_options_exit_2_with_one_line_and_write_nothing(app, tmp_path, options, message):
    path = _project(tmp_path, {"kind": "sobol", "samples": 8})
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["sensitivity", str(path), "--out", str(out), *options])
    assert result.exit_code == 2 and message in result.output
    assert len(result.output.strip().splitlines()) == 1 and not out.exists()


def test_sobol_method_needs_a_sobol_design(app, tmp_path):
    path = _project(tmp_path, {"kind": "latin_hypercube", "samples": 8})
    result = CliRunner().invoke(app, ["sensitivity", str(path), "--out", str(tmp_path / "o")])
    assert (
        result.exit_code == 2
        and "design.kind: --method sobol needs a sobol design" in result.output
    )


def test_a_morris_point_runs_the_real_model_like_the_same_overrides_would(root):
    from simulator.analysis.morris import morris_experiment
    from simulator.experiments import parse_experiment
    from simulator.experiments.patches import Overlay, SetValue
    from simulator.experiments.plan import SweepPlan
    from simulator.experiments.worker import RunTask, run_scenario

    data = {
        "name": "real",
        "scenario": "../scenarios/wetter_buergertreff.yaml",
        "levers": [{"name": "staff_fte", "path": "facility.staff_fte", "low": 0.5, "high": 1.5}],
        "uncertainties": [{"name": "demography", "overlays": ["ageing", "shrinking"]}],
        "outcomes": ["viable"],
        "design": {"kind": "sobol", "samples": 8},
        "master_seed": 3,
        "years": 1,
    }
    exp = parse_experiment(data, "real.yaml")
    exp._source = root / "experiments" / "real.yaml"  # as load_experiment sets it
    derived = morris_experiment(exp, trajectories=2, levels=4)
    plan = SweepPlan(derived)
    values = plan.point(1)
    task = plan.task(1)
    scenario = str(exp.resolve_scenarios()[0])
    direct = RunTask(
        1,
        task.seed,
        scenario,
        (Overlay(values["demography"]), SetValue("facility.staff_fte", values["staff_fte"])),
        1,
    )
    summary, _, scenario_hash = run_scenario(task)
    expected, _, expected_hash = run_scenario(direct)
    assert scenario_hash == expected_hash and summary == expected


def test_sensitivity_chart_draws_each_index_and_its_interval():
    """The chart's bars are the table's indices, and its error bars their 95 % intervals
    (checked against the hand-drawn chart first, kept when SALib's bar plot took over)."""
    from matplotlib.patches import Rectangle

    from simulator.analysis.plots import sensitivity_chart

    indices = pd.DataFrame(
        {
            "outcome": ["viable"] * 3 + ["cost"] * 3,
            "input": ["a", "b", "c"] * 2,
            "S1": [0.5, 0.2, 0.01, 0.3, 0.3, 0.1],
            "S1_conf": [0.05, 0.04, 0.02, 0.03, 0.03, 0.02],
            "ST": [0.6, 0.3, 0.05, 0.4, 0.35, 0.2],
            "ST_conf": [0.06, 0.05, 0.03, 0.04, 0.04, 0.03],
        }
    )
    fig = sensitivity_chart(indices, "sobol", {"viable": "caption"})
    for ax, outcome in zip(fig.axes, ["viable", "cost"], strict=True):
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        part = indices[indices["outcome"] == outcome]
        want = sorted([*part["S1"], *part["ST"]])
        widths, heights = (
            sorted(f(p) for p in bars) for f in (Rectangle.get_width, Rectangle.get_height)
        )
        assert widths == pytest.approx(want) or heights == pytest.approx(want)
        segments = [s for c in ax.collections for s in c.get_segments()]
        lengths = sorted(np.abs(np.diff(np.asarray(s), axis=0)).max() / 2 for s in segments)
        assert lengths == pytest.approx(sorted([*part["S1_conf"], *part["ST_conf"]]))
