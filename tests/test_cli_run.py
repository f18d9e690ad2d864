"""`dewak validate` and `dewak run`: exit codes, files written, nothing written on bad input."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from simulator.cli import app
from tests.conftest import scenario_path

runner = CliRunner()
WETTER = str(scenario_path("wetter_buergertreff"))


def test_validate_ok_and_invalid(tmp_path):
    assert runner.invoke(app, ["validate", WETTER]).exit_code == 0
    bad = runner.invoke(app, ["validate", WETTER, "--set", "facility.rooms=0"])
    assert bad.exit_code == 2
    assert "facility.rooms" in bad.output and "Traceback" not in bad.output


def test_run_writes_result_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "run"
    first = runner.invoke(app, ["run", WETTER, "--years", "2", "--seed", "3", "--out", str(out)])
    assert first.exit_code == 0, first.output
    names = {p.name for p in out.iterdir()}
    assert {
        "manifest.json",
        "annual.parquet",
        "monthly.parquet",
        "summary.json",
        "stakeholders.parquet",
    } <= names
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 3 and len(manifest["scenario_hash"]) == 64
    assert "viable" in json.loads((out / "summary.json").read_text())
    again = runner.invoke(app, ["run", WETTER, "--years", "2", "--out", str(out)])
    assert again.exit_code == 2
    forced = runner.invoke(app, ["run", WETTER, "--years", "2", "--out", str(out), "--force"])
    assert forced.exit_code == 0


def test_bad_scenario_writes_nothing(tmp_path):
    out = tmp_path / "never"
    result = runner.invoke(app, ["run", WETTER, "--set", "town.population=-5", "--out", str(out)])
    assert result.exit_code == 2
    assert "town.population" in result.output
    assert not out.exists()


def test_help_and_validate_load_no_numerical_stack():
    code = (
        "import sys; from simulator.cli import app; from typer.testing import CliRunner;"
        f"r = CliRunner().invoke(app, ['validate', {WETTER!r}]); assert r.exit_code == 0, r.output;"
        "heavy = [m for m in ('numpy', 'pandas', 'mesa', 'matplotlib') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
