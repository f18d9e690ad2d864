"""Checks at load: ``dewak validate`` makes every check ``--dry-run`` makes, and suggests names.

A misspelt dotted path, list item, overlay or outcome is exit 2 with one line naming the file
and the field, and the closest valid name; nothing of it needs numpy or pandas.
"""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

import simulator
from simulator.cli import app
from simulator.experiments.outcomes import OUTCOME_NAMES
from tests.conftest import ROOT, scenario_path

WETTER = "wetter_buergertreff"
BASE = {
    "name": "checked",
    "scenario": str(scenario_path(WETTER)),
    "levers": [{"name": "organisation", "overlays": ["org_municipal", "org_cooperative"]}],
    "uncertainties": [{"name": "staff", "path": "facility.staff_fte", "values": [0.5, 1.0]}],
    "outcomes": ["viable", "cost_share_municipality"],
    "design": {"kind": "full_factorial"},
    "master_seed": 1,
    "years": 2,
}


def write(tmp_path, data: dict, name: str = "exp.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def variant(**changes) -> dict:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def one_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0].removeprefix("error: ")


def test_outcome_names_are_the_keys_a_run_reports():
    scenario = simulator.load_scenario(scenario_path(WETTER), overrides={"town.population": 3000})
    summary = simulator.run(scenario, seed=1, years=1).summary
    assert tuple(summary) == OUTCOME_NAMES  # update simulator/experiments/outcomes.py


def test_a_valid_experiment_validates(tmp_path):
    result = CliRunner().invoke(app, ["validate", str(write(tmp_path, BASE))])
    assert result.exit_code == 0 and "(experiment)" in result.output


@pytest.mark.parametrize(
    ("data", "field", "suggestion"),
    [
        (
            variant(uncertainties=[{"name": "s", "path": "facility.staff_ftee", "values": [1]}]),
            "uncertainties.0.path",
            "'facility.staff_fte'",
        ),
        (
            variant(levers=[{"name": "o", "overlays": ["org_municipal", "agein"]}]),
            "levers.0.overlays.1",
            "'ageing'",
        ),
        (
            variant(outcomes=["viable", "cost_share_municipalty"]),
            "outcomes.1",
            "'cost_share_municipality'",
        ),
        (variant(set={"facilty.staff_fte": 1.0}), "set", "'facility.staff_fte'"),
        (variant(overlays=["shrinkng"]), "overlays", "'shrinking'"),
        (variant(replication=2), "replication", "'replications'"),
        (variant(design={"kind": "ful_factorial"}), "design.kind", "'full_factorial'"),
    ],
)
def test_misspelt_names_are_exit_2_with_the_closest_valid_name(tmp_path, data, field, suggestion):
    path = write(tmp_path, data)
    line = one_line(CliRunner().invoke(app, ["validate", str(path)]))
    assert line.startswith(f"{path}: {field}: "), line
    assert f"did you mean {suggestion}?" in line


def test_a_misspelt_list_item_key_is_named_with_the_closest_key(tmp_path):
    data = variant(
        uncertainties=[
            {"name": "fee", "path": "financing.membership_feez.eur_per_year", "values": [10]}
        ]
    )
    line = one_line(CliRunner().invoke(app, ["validate", str(write(tmp_path, data))]))
    assert "uncertainties.0.path" in line
    assert "did you mean 'financing.membership_fees.fee_eur_per_year'?" in line


def test_validate_and_dry_run_agree(tmp_path):
    bad = write(tmp_path, variant(outcomes=["viabel"]))
    validate = one_line(CliRunner().invoke(app, ["validate", str(bad)]))
    dry_run = one_line(CliRunner().invoke(app, ["sweep", str(bad), "--dry-run"]))
    assert validate == dry_run


def test_design_sizes_are_checked(tmp_path):
    data = variant(design={"kind": "latin_hypercube", "samples": 600_000}, replications=2)
    data["uncertainties"] = [{"name": "s", "path": "facility.staff_fte", "low": 0.5, "high": 1}]
    line = one_line(CliRunner().invoke(app, ["validate", str(write(tmp_path, data))]))
    assert "the limit is 1,000,000" in line


def test_a_shock_file_is_checked_against_the_scenarios_named_with_it(tmp_path):
    shocks = yaml.safe_load((ROOT / "experiments" / "stress_shocks.yaml").read_text())
    shocks["shocks"][0]["changes"][0]["start_year"] = 2090
    path = write(tmp_path, shocks, "shocks.yaml")
    alone = CliRunner().invoke(app, ["validate", str(path)])
    assert alone.exit_code == 0  # the file itself is valid
    line = one_line(CliRunner().invoke(app, ["validate", str(path), str(scenario_path(WETTER))]))
    assert line.startswith(f"{path}: shocks.0.changes.0.start_year: ")


def test_a_misspelt_shock_target_suggests_the_closest(tmp_path):
    shocks = yaml.safe_load((ROOT / "experiments" / "stress_shocks.yaml").read_text())
    shocks["shocks"][0]["changes"][0]["target"] = "revenue"
    line = one_line(CliRunner().invoke(app, ["validate", str(write(tmp_path, shocks, "s.yaml"))]))
    assert "shocks.0.changes.0.target" in line and "did you mean 'revenues'?" in line


def test_validating_experiments_and_shocks_loads_no_numerical_stack(tmp_path):
    files = [str(write(tmp_path, BASE)), str(ROOT / "experiments" / "stress_shocks.yaml")]
    code = (
        "import sys; from simulator.cli import app; from typer.testing import CliRunner;"
        f"r = CliRunner().invoke(app, ['validate', *{files!r}]); assert r.exit_code == 0, r.output;"
        "print([m for m in ('numpy', 'pandas', 'mesa', 'matplotlib') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
