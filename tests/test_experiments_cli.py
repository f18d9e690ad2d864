"""``dewak sweep`` on invalid input: exit 2, one line naming file and field, nothing written."""

import copy

import pytest
import typer
from test_experiments_support import TOY_EXPERIMENT, make_project
from typer.testing import CliRunner

from simulator.cli.sweep import sweep


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    app.command()(sweep)
    app.command("noop")(lambda: None)  # two commands: typer keeps the "sweep" name
    return app


def _invoke(app, *args):
    return CliRunner().invoke(app, ["sweep", *map(str, args)])


def test_malformed_experiment_exits_2_naming_the_field(app, tmp_path):
    data = copy.deepcopy(TOY_EXPERIMENT)
    data["design"] = {"kind": "latin_hypercube", "samples": -5}
    path = make_project(tmp_path, data)
    out = tmp_path / "out"
    result = _invoke(app, path, "--out", out)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: design.samples: ")
    assert "Traceback" not in result.output and not out.exists()


def test_broken_yaml_exits_2(app, tmp_path):
    path = make_project(tmp_path)
    path.write_text("name: [unclosed\n")
    result = _invoke(app, path, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "not valid YAML" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_file_exits_2(app, tmp_path):
    result = _invoke(app, tmp_path / "nope.yaml")
    assert result.exit_code == 2 and "file not found" in result.output


@pytest.mark.parametrize(
    "options",
    [
        ["--resume", "--force"],
        ["--dask-local", "2", "--scheduler", "tcp://127.0.0.1:8786"],
        ["--workers", "2", "--dask-local", "2"],
        ["--dask-local", "0"],
        ["--scheduler", "127.0.0.1:8786"],
    ],
)
def test_conflicting_options_exit_2(app, tmp_path, options):
    path = make_project(tmp_path)
    result = _invoke(app, path, "--out", tmp_path / "out", *options)
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
