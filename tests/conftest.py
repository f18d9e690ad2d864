import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
TOWNS = ["herten_integration_centre", "wetter_buergertreff"]

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def scenario_path(name: str) -> Path:
    return SCENARIOS / f"{name}.yaml"
