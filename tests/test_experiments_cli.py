"""``dewak sweep`` on invalid input: exit 2, one line naming file and field, nothing written."""

import copy

import pytest
from test_experiments_support import TOY_EXPERIMENT, make_project
from typer.testing import CliRunner

from simulator.cli import app


def _invoke(*args):
    return CliRunner().invoke(app, ["sweep", *map(str, args)])


def _one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ")
    return lines[0].removeprefix("error: ")


def test_malformed_experiment_exits_2_naming_the_field(tmp_path):
    data = copy.deepcopy(TOY_EXPERIMENT)
    data["design"] = {"kind": "latin_hypercube", "samples": -5}
    path = make_project(tmp_path, data)
    out = tmp_path / "out"
    line = _one_error_line(_invoke(path, "--out", out))
    assert line.startswith(f"{path}: design.samples: ")
    assert not out.exists()


def test_broken_yaml_exits_2(tmp_path):
    path = make_project(tmp_path)
    path.write_text("name: [unclosed\n")
    assert "not valid YAML" in _one_error_line(_invoke(path, "--out", tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_missing_file_exits_2(tmp_path):
    assert "file not found" in _one_error_line(_invoke(tmp_path / "nope.yaml"))


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (["--resume", "--force"], "--resume"),
        (["--dask-local", "2", "--scheduler", "tcp://127.0.0.1:8786"], "--dask-local"),
        (["--workers", "2", "--dask-local", "2"], "--workers"),
        (["--dask-local", "0"], "--dask-local"),
        (["--scheduler", "127.0.0.1:8786"], "--scheduler"),
    ],
)
def test_conflicting_options_exit_2(tmp_path, options, field):
    path = make_project(tmp_path)
    line = _one_error_line(_invoke(path, "--out", tmp_path / "out", *options))
    assert f": {field}: " in line
    assert not (tmp_path / "out").exists()
