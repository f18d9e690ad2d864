"""The package keeps its layers and has no import circles (import-linter, pyproject.toml).

Upper layers (the CLI, reports, batch runs) may import lower ones (one run, the model, its
phases, agents and strategies, rules, the scenario), never the reverse; see
docs/architecture.md. ``make lint`` runs the same check.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and "BROKEN" not in done.stdout, done.stdout[-3000:] + done.stderr
