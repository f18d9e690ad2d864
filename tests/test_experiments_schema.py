"""Experiment files: valid ones load, invalid ones name the field path."""

import copy

import pytest
import yaml
from test_experiments_support import TOY_EXPERIMENT, make_project

from simulator.experiments.schema import ExperimentError, load_experiment


def _variant(**changes) -> dict:
    data = copy.deepcopy(TOY_EXPERIMENT)
    data.update(changes)
    return data


def _error(tmp_path, data=None, text=None) -> ExperimentError:
    path = make_project(tmp_path, data or TOY_EXPERIMENT)
    if text is not None:
        path.write_text(text)
    with pytest.raises(ExperimentError) as info:
        load_experiment(path)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(str(path))
    return info.value


def test_toy_experiment_loads(tmp_path):
    exp = load_experiment(make_project(tmp_path))
    assert exp.n_samples == 2 * 3 * 2 and exp.n_runs == 24
    assert [p.name for p in exp.parameters] == ["org", "grant_eur"]
    assert exp.outcomes[1].direction == "maximize"
    assert len(exp.experiment_hash()) == 64


@pytest.mark.parametrize(
    ("change", "field_path"),
    [
        ({"replications": 0}, "replications"),
        ({"master_seed": -1}, "master_seed"),
        ({"surprise": 1}, "surprise"),
        ({"design": {"kind": "grid"}}, "design.kind"),
        ({"design": {"kind": "sobol", "samples": 100}}, "design"),
        ({"design": {"kind": "latin_hypercube"}}, "design"),
        ({"outcomes": []}, "outcomes"),
        ({"levers": [{"name": "x", "path": "a.b", "low": 2, "high": 1}]}, "levers.0"),
        ({"levers": [{"name": "x", "path": "a.b", "values": [1, "one"]}]}, "levers.0"),
        ({"levers": [{"name": "x", "values": [1, 2]}]}, "levers.0"),
        ({"levers": [{"name": "x", "path": "a.b", "values": [1], "overlays": ["o"]}]}, "levers.0"),
        ({"levers": [{"name": "Bad Name", "path": "a.b", "values": [1]}]}, "levers.0.name"),
        ({"levers": [{"name": "x", "path": "a..b", "values": [1]}]}, "levers.0.path"),
        ({"levers": [{"name": "x", "overlays": ["../../etc/passwd"]}]}, "levers.0"),
    ],
)
def test_invalid_fields_are_named(tmp_path, change, field_path):
    err = _error(tmp_path, _variant(**change))
    assert err.field_path == field_path, str(err)


def test_full_factorial_refuses_ranges(tmp_path):
    data = _variant(levers=[{"name": "x", "path": "a.b", "low": 0.0, "high": 1.0}])
    assert "full_factorial needs discrete" in _error(tmp_path, data).message


def test_duplicate_names_and_paths_are_refused(tmp_path):
    lever = {"name": "grant_eur", "path": "financing.other", "values": [1]}
    assert "used twice" in _error(tmp_path, _variant(levers=[lever])).message
    lever = {"name": "other", "path": "financing.grant_eur", "values": [1]}
    assert "same scenario path" in _error(tmp_path / "b", _variant(levers=[lever])).message


def test_scenarios_outside_the_experiment_folder_resolve_relative_to_it(tmp_path):
    # Experiments may live anywhere (issue #15): ../ and absolute paths are followed; files a
    # scenario itself refers to stay confined by the scenario loader.
    (tmp_path / "outside.yaml").write_text("name: x\n")
    path = make_project(
        tmp_path / "project", _variant(scenarios=None, scenario="../../outside.yaml")
    )
    assert load_experiment(path).resolve_scenarios() == ((tmp_path / "outside.yaml").resolve(),)
    absolute = _variant(scenarios=[str(tmp_path / "outside.yaml"), "../scenarios/a.yaml"])
    path = make_project(tmp_path / "abs", absolute)
    assert load_experiment(path).resolve_scenarios()[0] == (tmp_path / "outside.yaml").resolve()


def test_missing_scenarios_are_refused(tmp_path):
    missing = _variant(scenarios=["../scenarios/a.yaml", "../scenarios/nope.yaml"])
    assert _error(tmp_path / "m", missing).field_path == "scenarios.1"
    assert _error(tmp_path / "e", _variant(scenarios=["/etc/passwd"])).field_path == "scenarios.0"


def test_yaml_problems_become_experiment_errors(tmp_path):
    assert "duplicate key" in _error(tmp_path, text="name: a\nname: b\n").message
    bomb = "a: &a [1, 2]\nb: [*a, *a]\n"
    assert "alias" in _error(tmp_path / "bomb", text=bomb).message
    assert "mapping" in _error(tmp_path / "list", text="- 1\n- 2\n").message
    assert _error(tmp_path / "nan", text=yaml.safe_dump(_variant(master_seed=float("nan"))))


def test_too_many_runs_are_refused(tmp_path):
    data = _variant(design={"kind": "latin_hypercube", "samples": 600_000}, replications=2)
    assert "limit" in _error(tmp_path, data).message


@pytest.mark.parametrize(
    "bad", ["a\x00.yaml", "x" * 5000 + ".yaml", "../scenarios", "../scenarios/a.txt"]
)
def test_odd_scenario_names_are_refused_cleanly(tmp_path, bad):
    assert _error(tmp_path, _variant(scenarios=None, scenario=bad)).field_path == "scenario"


def test_a_symlinked_scenario_is_followed(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: x\n")
    path = make_project(tmp_path / "p", _variant(scenarios=None, scenario="../scenarios/link.yaml"))
    (tmp_path / "p" / "scenarios" / "link.yaml").symlink_to(outside)
    assert load_experiment(path).resolve_scenarios() == (outside.resolve(),)
