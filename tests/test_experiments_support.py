"""Shared helpers for the experiment tests: a tiny project folder and toy experiments.

The toy runner (``simulator.experiments.toy``) stands in for the model so that designs, seeds,
executors and the store are tested on their own, quickly; ``test_experiments_model.py`` runs
the real model.
"""

from pathlib import Path

import pandas as pd
import pytest
import yaml

TOY_EXPERIMENT = {
    "name": "toy",
    "description": "toy sweep for tests",
    "scenarios": ["../scenarios/a.yaml", "../scenarios/b.yaml"],
    "levers": [{"name": "org", "overlays": ["org_one", "org_two", "org_three"]}],
    "uncertainties": [{"name": "grant_eur", "path": "financing.grant_eur", "values": [1000, 2000]}],
    "outcomes": ["viable", {"name": "years_open", "direction": "maximize"}],
    "design": {"kind": "full_factorial"},
    "replications": 2,
    "master_seed": 7,
    "years": 5,
}


def make_project(root: Path, experiment: dict | None = None, name: str = "toy.yaml") -> Path:
    """A project folder (scenarios/ + experiments/) with one experiment file; returns its path."""
    (root / "scenarios").mkdir(parents=True, exist_ok=True)
    (root / "experiments").mkdir(exist_ok=True)
    for stem in ("a", "b"):
        (root / "scenarios" / f"{stem}.yaml").write_text(f"name: {stem}\n")
    path = root / "experiments" / name
    path.write_text(yaml.safe_dump(experiment or TOY_EXPERIMENT, sort_keys=False))
    return path


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """A runs table without the columns that legitimately differ between executions."""
    return frame.drop(columns=["duration_s"]).reset_index(drop=True)


@pytest.fixture
def toy_file(tmp_path) -> Path:
    return make_project(tmp_path)


def test_support_builds_a_project(tmp_path):
    path = make_project(tmp_path)
    assert path.exists() and (tmp_path / "scenarios" / "a.yaml").exists()
