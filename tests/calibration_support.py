"""A small calibration project in a temporary folder, for the calibration tests.

``scenarios/wetter_buergertreff.yaml`` (shrunk by the calibration's ``set`` to a small town) and
``experiments/`` with a calibration file and a pattern file: by default the shipped patterns
the calibration uses, with windows shortened to 2025-2027 so that runs last three years.
"""

import copy
import shutil

import yaml

from tests.conftest import ROOT, scenario_path

SMALL = {
    "name": "small",
    "scenarios": ["../scenarios/wetter_buergertreff.yaml"],
    "set": {"town.population": 1500},
    "fit": ["wetter_net_migration", "wetter_utilisation"],
    "validate": ["wetter_birth_rate"],
    "parameters": [
        {
            "name": "in_migration",
            "path": "demography.in_migration_rate_per_year",
            "prior": {"kind": "uniform", "low": 0.02, "high": 0.05},
        },
        {
            "name": "visit_base",
            "path": "citizens.visit_base_per_month",
            "prior": {"kind": "log_uniform", "low": 0.03, "high": 0.3},
        },
    ],
    "population_size": 8,
    "master_seed": 5,
    "stop": {"generations": 2},
}


def _short(pattern: dict) -> dict:
    """The pattern with every year window ending in 2027 at the latest."""
    text = yaml.safe_dump(pattern)
    for year in range(2028, 2040):
        text = text.replace(f"- {year}\n", "- 2027\n")
    return yaml.safe_load(text)


def small_patterns() -> dict:
    """The shipped patterns SMALL uses (and one of Herten), with short windows."""
    shipped = yaml.safe_load((ROOT / "experiments" / "patterns.yaml").read_text())
    keep = {*SMALL["fit"], *SMALL["validate"], "herten_net_migration"}
    return {"patterns": [_short(p) for p in shipped["patterns"] if p["name"] in keep]}


def make_project(tmp_path, changes: dict | None = None, patterns: dict | None = None):
    """Write the project; return the calibration file's path."""
    scenarios = tmp_path / "scenarios"
    if not scenarios.exists():
        scenarios.mkdir()
        shutil.copy(scenario_path("wetter_buergertreff"), scenarios)
    experiments = tmp_path / "experiments"
    experiments.mkdir(exist_ok=True)
    pattern_file = experiments / "patterns.yaml"
    pattern_file.write_text(yaml.safe_dump(patterns or small_patterns(), sort_keys=False))
    data = copy.deepcopy(SMALL)
    data.update(changes or {})
    path = experiments / "small.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path
