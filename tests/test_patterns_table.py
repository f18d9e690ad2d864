"""``dewak patterns`` on a constructed sweep folder: known medians, bands, hits, misses, notes.

The folder is written by hand in the layout of a finished sweep (``runs.parquet`` with one row
per run and its outcomes, ``annual.parquet`` with ``run_id``), so every number is known.
"""

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from simulator.calibration.patterns import load_patterns
from simulator.calibration.table import pattern_table
from simulator.cli import app

PATTERNS = {
    "patterns": [
        {
            "name": "visits_mean",
            "statistic": {"annual": "visits", "aggregate": "mean", "years": [2025, 2026]},
            "target": {"range": [10, 20]},
            "source": "DF §5 test",
            "role": "calibration",
        },
        {
            "name": "town_a_share",
            "statistic": {"outcome": "share"},
            "scenarios": ["town_a"],
            "target": {"value": 0.5, "sd": 0.05},
            "source": "DI §6b test",
            "role": "validation",
        },
        {
            "name": "needs_a_column",
            "statistic": {"annual": "members", "aggregate": "last", "years": [2025, 2026]},
            "target": {"range": [0, 1]},
            "source": "MF §3a test",
            "role": "validation",
        },
    ]
}


@pytest.fixture
def sweep(tmp_path):
    """Five runs: four ok (two per town), one failed (ignored)."""
    folder = tmp_path / "results"
    folder.mkdir()
    runs = pd.DataFrame(
        {
            "run_id": [0, 1, 2, 3, 4],
            "scenario": ["town_a", "town_a", "town_b", "town_b", "town_a"],
            "share": [0.4, 0.5, 0.9, 0.9, None],
            "status": ["ok", "ok", "ok", "ok", "failed"],
        }
    )
    runs.to_parquet(folder / "runs.parquet")
    visits = {0: (10, 12), 1: (20, 22), 2: (30, 32), 3: (40, 42), 4: (99, 99)}
    annual = pd.DataFrame(
        [
            {"run_id": run, "year": year, "visits": value}
            for run, values in visits.items()
            for year, value in zip((2025, 2026), values, strict=True)
        ]
    )
    annual.to_parquet(folder / "annual.parquet")
    (tmp_path / "patterns.yaml").write_text(yaml.safe_dump(PATTERNS))
    return folder


def test_the_table_has_known_medians_bands_and_verdicts(sweep):
    table = pattern_table(sweep, load_patterns(sweep.parent / "patterns.yaml")).set_index("pattern")
    visits = table.loc["visits_mean"]  # per-run means 11, 21, 31, 41 (the failed run is left out)
    assert visits.n == 4 and visits.model_median == pytest.approx(26.0)
    assert visits.model_q05 < 21 and visits.model_q95 > 31
    assert not visits.hit  # 26 is outside [10, 20]
    share = table.loc["town_a_share"]  # town_a only: 0.4 and 0.5
    assert share.n == 2 and share.model_median == pytest.approx(0.45) and share.hit
    assert (share.target_low, share.target_high) == pytest.approx((0.4, 0.6))
    missing = table.loc["needs_a_column"]
    assert missing.n == 0 and missing.hit is None and "members" in missing.note


def test_the_command_prints_and_writes_the_csv(sweep):
    patterns = str(sweep.parent / "patterns.yaml")
    result = CliRunner().invoke(app, ["patterns", str(sweep), "--patterns", patterns])
    assert result.exit_code == 0, result.output
    assert "miss  visits_mean" in result.output and "hit   town_a_share" in result.output
    written = pd.read_csv(sweep / "patterns.csv")
    assert list(written.pattern) == ["visits_mean", "town_a_share", "needs_a_column"]
    only = CliRunner().invoke(
        app, ["patterns", str(sweep), "--patterns", patterns, "--role", "validation"]
    )
    assert only.exit_code == 0 and "visits_mean" not in only.output


def test_a_folder_without_a_sweep_exits_2(tmp_path):
    (tmp_path / "patterns.yaml").write_text(yaml.safe_dump(PATTERNS))
    patterns = str(tmp_path / "patterns.yaml")
    result = CliRunner().invoke(app, ["patterns", str(tmp_path), "--patterns", patterns])
    assert result.exit_code == 2 and "runs.parquet" in result.output
    assert not (tmp_path / "patterns.csv").exists()
