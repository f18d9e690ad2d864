"""``dewak stress-test``: shock file validation, shared seeds, baseline = plain run, outputs, score."""

import json

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import simulator
from simulator.cli import app
from simulator.provenance import SCHEMA
from simulator.scenario import ScenarioError
from simulator.stress import score as fsms
from simulator.stress.indicators import run_indicators, yearly_scores
from simulator.stress.plan import make_plan, run_seeds
from simulator.stress.run import run_stress_test
from simulator.stress.schema import load_shocks
from simulator.stress.table import print_table, sentence, stress_table, verdict
from tests.conftest import ROOT, scenario_path

WETTER = scenario_path("wetter_buergertreff")
DEFAULT_SHOCKS = ROOT / "experiments" / "stress_shocks.yaml"
YEARS, REPS = 4, 2

SMALL = {
    "stress_test": "small",
    "master_seed": 7,
    "replications": REPS,
    "score_window_years": 3,
    "shocks": [
        {
            "name": "revenues_minus_20",
            "label": "Revenues -20 %",
            "source": "test",
            "changes": [{"target": "revenues", "size": -0.2, "start_year": 2027, "years": 2}],
        },
        {
            "name": "interest_plus_3",
            "label": "Interest +3 pp",
            "source": "test",
            "changes": [
                {
                    "target": "interest_rate",
                    "size": {"value": 0.03, "source": "test"},
                    "start_year": 2026,
                    "years": 3,
                }
            ],
        },
    ],
}


def write_shocks(tmp_path, data=None, name="shocks.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data if data is not None else SMALL, allow_unicode=True))
    return path


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shocks")
    plan = make_plan(WETTER, write_shocks(folder), years=YEARS)
    return plan, run_stress_test(plan, executor="serial", out=folder / "out")


# --- the shock file --------------------------------------------------------------------------


def test_default_shock_file_has_the_issue_s_shocks_with_sources():
    shocks = load_shocks(DEFAULT_SHOCKS)
    by_name = {s.name: s for s in shocks.shocks}
    sizes = {name: [(c.target, c.size) for c in s.changes] for name, s in by_name.items()}
    assert sizes["revenues_minus_10"] == [("revenues", -0.10)]
    assert sizes["revenues_minus_20"] == [("revenues", -0.20)]
    assert sizes["revenues_minus_30"] == [("revenues", -0.30)]
    assert sizes["interest_plus_1_5"] == [("interest_rate", 0.015)]
    assert sizes["interest_plus_3"] == [("interest_rate", 0.03)]
    assert sizes["interest_plus_4_5"] == [("interest_rate", 0.045)]
    assert sizes["mandatory_plus_10"] == [("mandatory_spending", 0.10)]
    assert (
        by_name["recession"].changes[0].size == -0.01 and by_name["recession"].changes[0].years == 2
    )
    assert len(by_name["combined_adverse"].changes) > 1
    assert all(s.source.strip() for s in shocks.shocks)


def test_every_number_in_the_default_shock_file_carries_a_source_or_assumption():
    raw = yaml.safe_load(DEFAULT_SHOCKS.read_text())
    for key in ("master_seed", "replications", "score_window_years"):
        assert set(raw[key]) >= {"value"} and ({"source", "assumption"} & set(raw[key])), key
    for shock in raw["shocks"]:
        for change in shock["changes"]:
            for key in ("size", "start_year", "years"):
                assert {"source", "assumption"} & set(change[key]), (shock["name"], key)


@pytest.mark.parametrize(
    ("mutate", "field_path"),
    [
        (lambda d: d.update(extra_key=1), "extra_key"),
        (lambda d: d["shocks"][1]["changes"][0].update(size=5.0), "shocks.1.changes.0.size"),
        (
            lambda d: d["shocks"][0]["changes"][0].update(target="taxes"),
            "shocks.0.changes.0.target",
        ),
        (lambda d: d["shocks"][0].update(name="baseline"), "shocks.0"),
        (lambda d: d["shocks"][0].pop("source"), "shocks.0.source"),
        (lambda d: d.update(replications=0), "replications"),
    ],
)
def test_bad_shock_file_names_file_and_field(tmp_path, mutate, field_path):
    data = json.loads(json.dumps(SMALL))
    mutate(data)
    path = write_shocks(tmp_path, data)
    with pytest.raises(ScenarioError) as err:
        load_shocks(path)
    assert err.value.file == str(path)
    assert err.value.field_path == field_path


def test_duplicate_shock_names_are_refused(tmp_path):
    data = json.loads(json.dumps(SMALL))
    data["shocks"][1]["name"] = data["shocks"][0]["name"]
    with pytest.raises(ScenarioError, match="unique"):
        load_shocks(write_shocks(tmp_path, data))


def test_shock_outside_the_run_years_is_refused(tmp_path):
    with pytest.raises(ScenarioError) as err:
        make_plan(WETTER, write_shocks(tmp_path), years=2)  # 2025-2026; a shock starts 2027
    assert err.value.field_path == "shocks.0.changes.0.start_year"


# --- the CLI on bad input: exit 2, one line, nothing written ---------------------------------


def one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0].removeprefix("error: ")


def test_cli_bad_shock_file_exits_2_and_writes_nothing(tmp_path):
    data = json.loads(json.dumps(SMALL))
    data["shocks"][0]["changes"][0]["years"] = "five"
    path = write_shocks(tmp_path, data)
    out = tmp_path / "out"
    args = ["stress-test", str(WETTER), "--shocks", str(path), "--out", str(out)]
    line = one_error_line(CliRunner().invoke(app, args))
    assert line.startswith(f"{path}: shocks.0.changes.0.years: ")
    assert not out.exists()


def test_cli_bad_set_exits_2(tmp_path):
    args = [
        "stress-test",
        str(WETTER),
        "--set",
        "municipality.no_such=1",
        "--out",
        str(tmp_path / "o"),
    ]
    assert "municipality.no_such" in one_error_line(CliRunner().invoke(app, args))
    assert not (tmp_path / "o").exists()


# --- seeds, baseline and shocks --------------------------------------------------------------


def test_seeds_come_from_seed_sequence_and_are_shared_by_every_row(small):
    plan, _ = small
    assert plan.seeds == run_seeds(7, REPS)
    tasks = plan.tasks()
    assert len(tasks) == len(plan.rows) * REPS
    for i, _row in enumerate(plan.rows):
        assert [t.seed for t in tasks[i * REPS : (i + 1) * REPS]] == list(plan.seeds)


def test_baseline_row_equals_a_plain_run_with_the_same_seeds(small):
    plan, result = small
    scenario = simulator.load_scenario(WETTER)
    for replication, seed in enumerate(plan.seeds):
        plain = simulator.run(scenario, seed=seed, years=YEARS)
        mine = result.annual[
            (result.annual.shock == "baseline") & (result.annual.replication == replication)
        ]
        mine = mine[plain.annual.columns].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, plain.annual)
        scores = yearly_scores(
            plain.annual,
            scenario.municipality.general_reserve_eur,
            scenario.municipality.liquidity_loans_eur,
        )
        expected = run_indicators(plain.annual, plain.summary, scores, plan.window)
        row = result.runs[
            (result.runs.shock == "baseline") & (result.runs.replication == replication)
        ]
        for key, value in expected.items():
            got = row[key].iloc[0]
            assert (pd.isna(got) and value is None) or got == value, key


def test_shocked_rows_equal_the_baseline_before_their_first_year(small):
    plan, result = small
    annual = result.annual
    for shock in plan.shocks.shocks:
        for replication in range(REPS):
            pick = (annual.year < shock.first_year) & (annual.replication == replication)
            before = annual[pick & (annual.shock == shock.name)].drop(columns="shock")
            base = annual[pick & (annual.shock == "baseline")].drop(columns="shock")
            pd.testing.assert_frame_equal(
                before.reset_index(drop=True), base.reset_index(drop=True)
            )


def test_stress_table_has_one_row_per_shock_baseline_first(small):
    plan, result = small
    table = result.table
    assert table.shock.tolist() == ["baseline", "revenues_minus_20", "interest_plus_3"]
    assert table.verdict.iloc[0] == "reference"
    assert set(table.stress_band) <= {"significant", "moderate", "susceptible", "none"}
    assert (table.stress_score.between(0, 100)).all()
    assert table.survival_change_pp.iloc[0] == 0.0


# --- the CLI writes the result folder atomically and never overwrites ------------------------


def test_cli_writes_tables_and_figures_and_refuses_to_overwrite(tmp_path):
    shocks = write_shocks(tmp_path)
    out = tmp_path / "stress"
    args = ["stress-test", str(WETTER), "--shocks", str(shocks), "--out", str(out)]
    args += ["--years", str(YEARS), "--executor", "serial", "--no-progress"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for name in ("stress_test.csv", "stress_test.parquet", "runs.parquet", "annual.parquet"):
        assert (out / name).is_file(), name
    for stem in ("stress_reserve_fan", "stress_survival"):
        assert (out / f"{stem}.png").stat().st_size > 0 and (out / f"{stem}.svg").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "stress_test" and manifest["status"] == "complete"
    assert manifest["schema"] == SCHEMA and "stress_test.csv" in manifest["outputs"]
    assert manifest["run_seeds"] == list(run_seeds(7, REPS)) and manifest["years"] == YEARS
    table = pd.read_csv(out / "stress_test.csv")
    assert table.shock.tolist() == ["baseline", "revenues_minus_20", "interest_plus_3"]
    assert "Revenues -20 %" in result.output  # the printed table
    summary = json.loads((out / "summary.json").read_text())
    assert len(summary["verdict"]) == 3 and summary["verdict"][1].startswith("Revenues -20 %: ")
    before = (out / "stress_test.csv").read_bytes()
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2 and "--force" in again.output
    assert (out / "stress_test.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_interrupted_stress_test_resumes_to_the_same_table(small, tmp_path):
    plan, whole = small
    out = tmp_path / "part"
    part = run_stress_test(plan, executor="serial", out=out, max_runs=2)
    assert part.table is None and part.sweep.done == 2 and not (out / "stress_test.csv").exists()
    with pytest.raises(ScenarioError, match="--resume"):
        run_stress_test(plan, executor="serial", out=out)
    resumed = run_stress_test(plan, executor="pool", workers=2, out=out, resume=True)
    assert resumed.sweep.executed == len(plan.rows) * REPS - 2
    pd.testing.assert_frame_equal(resumed.table, whole.table)
    pd.testing.assert_frame_equal(resumed.runs, whole.runs)


# --- the score and the verdict ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "name"),
    [
        (100, "significant"),
        (65, "significant"),
        (64.99, "moderate"),
        (55, "moderate"),
        (54.9, "susceptible"),
        (45, "susceptible"),
        (44.99, "none"),
        (0, "none"),
    ],
)
def test_bands_follow_the_fsms_scale(score, name):
    assert fsms.band(score) == name


def test_weights_sum_to_100():
    assert sum(fsms.WEIGHTS.values()) == 100


def budget(
    years=4, revenue=100.0, result=0.0, reserve=50.0, loans=0.0, interest=0.0, mandatory=30.0
):
    return pd.DataFrame(
        {
            "year": range(2025, 2025 + years),
            "municipal_revenue_eur": revenue,
            "municipal_result_eur": result,
            "municipal_general_reserve_eur": reserve,
            "municipal_equity_eur": reserve,
            "municipal_liquidity_loans_eur": loans,
            "municipal_interest_eur": interest,
            "municipal_mandatory_eur": mandatory,
            "municipal_expenditure_eur": revenue - pd.Series(result, dtype=float)
            if isinstance(result, list)
            else revenue - result,
        }
    )


def test_a_sound_budget_scores_zero_and_a_broken_one_scores_100():
    sound = yearly_scores(budget(), start_reserve_eur=50.0, start_loans_eur=0.0)
    assert (sound.stress_score == 0).all()
    path = budget(
        result=-20.0, reserve=[-10.0, -30.0, -50.0, -70.0], loans=[120, 140, 160, 180], interest=6.0
    )
    path["municipal_mandatory_eur"] = [30.0, 40.0, 40.0, 40.0]
    broken = yearly_scores(path, start_reserve_eur=10.0, start_loans_eur=100.0)
    assert broken.stress_score.iloc[-1] == 100


@given(
    st.lists(st.floats(-50, 50), min_size=3, max_size=8),
    st.floats(-100, 100),
    st.floats(0, 300),
)
def test_score_stays_on_the_100_point_scale(results, reserve0, loans0):
    n = len(results)
    reserves, loans = [], []
    reserve, loan = reserve0, loans0
    for res in results:
        reserve += res
        loan = max(0.0, loan - res)
        reserves.append(reserve)
        loans.append(loan)
    path = budget(
        years=n, result=results, reserve=reserves, loans=loans, interest=[0.03 * x for x in loans]
    )
    scores = yearly_scores(path, reserve0, loans0)
    assert scores.stress_score.between(0, 100).all()


def row(**kw):
    base = dict(
        shock="s",
        stress_band="none",
        negative_equity_share=0.0,
        survival_probability=0.9,
        grant_cut_share=0.1,
        grant_stopped_share=0.0,
        hsk_years_mean=2.0,
        hsk_share=0.5,
        hsk_first_year=2035,
    )
    return pd.Series({**base, **kw})


def test_verdict_rules():
    base = row(shock="baseline")
    assert verdict(row(), base) == "resilient"
    assert verdict(row(stress_band="significant"), base) == "fails"
    assert verdict(row(negative_equity_share=0.5), base) == "fails"
    assert verdict(row(survival_probability=0.8), base) == "facility at risk"
    assert verdict(row(grant_cut_share=0.35), base) == "facility at risk"
    assert verdict(row(grant_stopped_share=0.25), base) == "facility at risk"
    assert verdict(row(stress_band="susceptible"), base) == "strained"
    assert verdict(row(hsk_first_year=2030), base) == "strained"
    assert verdict(row(hsk_years_mean=3.0), base) == "strained"
    assert verdict(base, base) == "reference"


def test_table_handles_rows_without_hsk_and_prints(capsys):
    def run(shock, replication, hsk, funding):
        return dict(
            shock=shock,
            replication=replication,
            seed=replication,
            hsk_ever=hsk,
            hsk_first_year=2030 if hsk else None,
            hsk_trigger="negative_equity" if hsk else "",
            hsk_years=3 if hsk else 0,
            general_reserve_end_eur=1e6,
            equity_end_eur=1e6,
            equity_min_eur=-1.0 if hsk else 1e6,
            negative_equity=hsk,
            liquidity_loans_end_eur_per_capita=100.0,
            grant_cut=hsk,
            grant_cut_first_year=None,
            grant_cut_years=0,
            grant_stopped=False,
            municipal_funding_eur=funding,
            viable=True,
            stress_score=30.0,
        )

    runs = pd.DataFrame(
        [run("baseline", r, False, 100.0) for r in range(2)]
        + [run("s", r, True, 50.0) for r in range(2)]
    )
    table = stress_table(runs, {"baseline": "Baseline", "s": "Shock"})
    assert pd.isna(table.hsk_first_year.iloc[0]) and table.hsk_first_year.iloc[1] == 2030
    assert table.municipal_funding_change_pct.iloc[1] == pytest.approx(-50.0)
    assert table.verdict.tolist() == ["reference", "fails"]  # equity negative in every run
    print_table(table, "t")
    assert "Baseline" in capsys.readouterr().out
    assert sentence(next(table.itertuples(index=False))).startswith("Baseline: reference.")
