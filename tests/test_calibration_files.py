"""Pattern and calibration files: the shipped ones are valid; bad input exits 2, writing nothing.

Every refusal names the file and the field; priors are checked against the bounds of the scenario
schema's own fields; a validation pattern can never be put among the fitted ones.
"""

import copy
import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

from simulator.calibration.patterns import SOURCE, CalibrationError, load_patterns
from simulator.calibration.prepare import prepare
from simulator.calibration.priors import schema_bounds
from simulator.cli import app
from tests.calibration_support import SMALL, make_project
from tests.conftest import ROOT

SHIPPED_PATTERNS = ROOT / "experiments" / "patterns.yaml"


def test_shipped_patterns_are_sourced_and_of_both_roles():
    patterns = load_patterns(SHIPPED_PATTERNS).patterns
    assert all(SOURCE.match(p.source) for p in patterns)
    roles = [p.role for p in patterns]
    assert roles.count("calibration") >= 6 and roles.count("validation") >= 6


@pytest.mark.parametrize("name", ["calibrate_herten", "calibrate_wetter"])
def test_shipped_calibrations_prepare(name):
    prepared = prepare(ROOT / "experiments" / f"{name}.yaml")
    assert all(p.role == "calibration" for p in prepared.fit)
    assert all(p.role == "validation" for p in prepared.validate)
    # the runs are as long as the patterns need, not the scenario's 30 years
    assert [s.years for s in prepared.model.scenarios] == [8]


def test_schema_bounds_come_from_the_scenario_fields():
    scenario = prepare(ROOT / "experiments" / "calibrate_wetter.yaml")
    from simulator.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "herten_integration_centre.yaml")
    bounds = schema_bounds(scenario, "demography.in_migration_rate_per_year")
    assert (bounds.low, bounds.high, bounds.integer) == (0.0, 0.3, False)
    assert schema_bounds(scenario, "financing.programme_grant.years").integer
    assert schema_bounds(scenario, "citizens.distance_decay_km").low_strict
    with pytest.raises(ValueError, match="not a number"):
        schema_bounds(scenario, "citizens.volunteering.hours_per_week")


def _pattern(**changes) -> dict:
    data = yaml.safe_load(SHIPPED_PATTERNS.read_text())
    pattern = copy.deepcopy(data["patterns"][0])
    pattern.update(changes)
    return {"patterns": [pattern]}


@pytest.mark.parametrize(
    ("patterns", "field", "words"),
    [
        (_pattern(source="domain facts"), "patterns.0.source", "section"),
        (_pattern(target={"value": 0.1}), "patterns.0.target", "sd"),
        (_pattern(target={"range": [2, 1]}), "patterns.0.target", "smaller"),
        (_pattern(role="fitting"), "patterns.0.role", ""),
        (
            _pattern(statistic={"annual": "a * b", "aggregate": "mean", "years": [2026, 2027]}),
            "patterns.0.statistic",
            "column",
        ),
        (
            _pattern(statistic={"annual": "a", "aggregate": "median", "years": [2026, 2027]}),
            "patterns.0.statistic",
            "",
        ),
        (
            _pattern(statistic={"annual": "a", "aggregate": "mean", "years": [2027, 2026]}),
            "patterns.0.statistic",
            "first <= last",
        ),
        (_pattern(statistic={"column": "a"}), "patterns.0.statistic", "outcome"),
        ({"patterns": _pattern()["patterns"] + _pattern()["patterns"]}, "patterns", "twice"),
    ],
)
def test_bad_pattern_files_are_refused(tmp_path, patterns, field, words):
    path = tmp_path / "patterns.yaml"
    path.write_text(yaml.safe_dump(patterns))
    with pytest.raises(CalibrationError) as caught:
        load_patterns(path)
    assert caught.value.field_path.startswith(field) and words in caught.value.message


def _one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0].removeprefix("error: ")


def _parameter(**changes) -> list[dict]:
    params = copy.deepcopy(SMALL["parameters"])
    params[0].update(changes)
    return params


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"parameters": _parameter(path="demography.no_such_rate")},
            "parameters.0.path",
            "no such field",
        ),
        ({"parameters": _parameter(path="town.districts")}, "parameters.0.path", "not a number"),
        (
            {"parameters": _parameter(prior={"kind": "uniform", "low": 0.1, "high": 0.5})},
            "parameters.0.prior.high",
            "schema allows demography.in_migration_rate_per_year in [0, 0.3]",
        ),
        (
            {"parameters": _parameter(prior={"kind": "uniform", "low": -0.1, "high": 0.1})},
            "parameters.0.prior.low",
            "too low",
        ),
        (
            {"parameters": _parameter(prior={"kind": "normal", "mean": 0.03, "sd": 0.01})},
            "parameters.0.prior",
            "",
        ),
        (
            {"parameters": _parameter(prior={"kind": "log_uniform", "low": 0, "high": 0.1})},
            "parameters.0.prior",
            "low' > 0",
        ),
        (
            {"fit": ["wetter_birth_rate"], "validate": []},
            "fit.0",
            "validation patterns never enter the calibration",
        ),
        (
            {"fit": ["wetter_utilisation"], "validate": ["wetter_net_migration"]},
            "validate.0",
            "calibration pattern",
        ),
        ({"fit": ["no_such_pattern"]}, "fit.0", "no pattern"),
        ({"fit": ["herten_net_migration"]}, "scenarios.0", "no pattern in 'fit' concerns"),
        ({"years": 2}, "fit.0", "needs the years 2026-2027"),
        ({"set": {"town.population": -5}}, "scenarios.0", "town.population"),
        ({"scenarios": ["../../outside.yaml"]}, "scenarios.0", "outside"),
        ({"population_size": 1}, "population_size", ""),
        ({"stop": {"generations": 0}}, "stop.generations", ""),
    ],
)
def test_bad_calibration_exits_2_and_writes_nothing(tmp_path, changes, field, words):
    path = make_project(tmp_path, changes)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["calibrate", str(path), "--out", str(out)])
    line = _one_error_line(result)
    assert line.startswith(f"{path}: {field}"), line
    assert words in line
    assert not out.exists()


def test_a_pattern_on_a_missing_statistic_exits_2(tmp_path):
    patterns = _pattern(
        name="wetter_net_migration",
        statistic={"annual": "no_such_column", "aggregate": "mean", "years": [2026, 2027]},
        scenarios=["wetter_buergertreff"],
    )
    first = patterns["patterns"][0]
    patterns["patterns"].append({**copy.deepcopy(first), "name": "wetter_utilisation"})
    validation = {"name": "wetter_birth_rate", "role": "validation"}
    patterns["patterns"].append({**copy.deepcopy(first), **validation})
    path = make_project(tmp_path, patterns=patterns)
    line = _one_error_line(
        CliRunner().invoke(app, ["calibrate", str(path), "--out", str(tmp_path / "o")])
    )
    assert "no annual column 'no_such_column'" in line
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "options",
    [
        ["--resume", "--force"],
        ["--workers", "2", "--dask-local", "2"],
        ["--scheduler", "127.0.0.1:8786"],
        ["--generations", "0"],
    ],
)
def test_conflicting_options_exit_2(tmp_path, options):
    path = make_project(tmp_path)
    result = CliRunner().invoke(
        app, ["calibrate", str(path), "--out", str(tmp_path / "o"), *options]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_a_folder_that_is_not_a_calibration_is_refused(tmp_path):
    path = make_project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    line = _one_error_line(
        CliRunner().invoke(app, ["calibrate", str(path), "--out", str(out), "--force"])
    )
    assert "not a calibration" in line
    assert (out / "notes.txt").read_text() == "mine"


def test_validate_reads_calibration_and_pattern_files_without_the_numerical_stack(tmp_path):
    files = [ROOT / "experiments" / n for n in ("calibrate_wetter.yaml", "patterns.yaml")]
    code = (
        "import sys; from simulator.cli import app; from typer.testing import CliRunner;"
        f"r = CliRunner().invoke(app, ['validate', *{list(map(str, files))!r}]);"
        "assert r.exit_code == 0 and r.output.count('ok: ') == 2, r.output;"
        "print([m for m in ('numpy', 'pandas', 'mesa', 'pyabc') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    path = make_project(tmp_path, {"fit": ["wetter_birth_rate"], "validate": []})
    line = _one_error_line(CliRunner().invoke(app, ["validate", str(path)]))
    assert line.startswith(f"{path}: fit.0: ") and "never enter the calibration" in line
