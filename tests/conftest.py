import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
TOWNS = ["herten_integration_centre", "wetter_buergertreff"]

# Debian's chromium for the browser tests (Playwright cannot download its own browser here);
# the flags keep it off the closed network (toolchain.md).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def scenario_path(name: str) -> Path:
    return SCENARIOS / f"{name}.yaml"
