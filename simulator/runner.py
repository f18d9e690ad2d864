"""One run is a pure function of (scenario, seed): ``run(scenario, seed) -> RunResult``."""

from __future__ import annotations

import json
import platform
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from simulator.atomic import publish_folder
from simulator.model import CooperationModel
from simulator.scenario import Scenario, scenario_hash


@dataclass
class RunResult:
    """Everything one run produced: outcomes, tables and what it was run with."""

    scenario: Scenario
    seed: int
    summary: dict
    annual: pd.DataFrame
    monthly: pd.DataFrame
    stakeholders: pd.DataFrame
    ledger: pd.DataFrame
    synthesis_fit: dict = field(default_factory=dict)


def simulate(scenario: Scenario, seed: int = 0, years: int | None = None) -> CooperationModel:
    """Build the model and step it to the horizon; return the finished model."""
    model = CooperationModel(scenario, seed=seed, years=years)
    while model.running:
        model.step()
    return model


def run(scenario: Scenario, seed: int = 0, years: int | None = None) -> RunResult:
    """Run the scenario once with this seed; the same (scenario, seed, years) gives the same result."""
    model = simulate(scenario, seed=seed, years=years)
    rec = model.recorder
    result = RunResult(
        scenario=scenario,
        seed=seed,
        summary=rec.summary(),
        annual=pd.DataFrame(rec.annual),
        monthly=pd.DataFrame(rec.monthly),
        stakeholders=pd.DataFrame(rec.stakeholder_rows, columns=STAKEHOLDER_COLUMNS),
        ledger=model.ledger.frame(),
        synthesis_fit=model.synthesis_fit,
    )
    model.dispose()  # its memory returns now, not at the next full garbage collection
    return result


STAKEHOLDER_COLUMNS = [
    "actor",
    "year",
    "cost",
    "autonomy",
    "reach",
    "visibility",
    "social_return",
    "utility",
    "decision",
    "reason",
]


def write_run(result: RunResult, out_dir: Path, force: bool = False) -> Path:
    """Write a run's folder atomically (see :func:`simulator.atomic.publish_folder`); refuse to overwrite unless forced."""

    def fill(tmp: Path) -> None:
        result.annual.to_parquet(tmp / "annual.parquet", index=False)
        result.monthly.to_parquet(tmp / "monthly.parquet", index=False)
        result.stakeholders.to_parquet(tmp / "stakeholders.parquet", index=False)
        summary = json.dumps(result.summary, indent=2, default=_json_default)
        (tmp / "summary.json").write_text(summary)
        (tmp / "manifest.json").write_text(json.dumps(manifest(result), indent=2))

    return publish_folder(out_dir, fill, force=force)


def manifest(result: RunResult) -> dict:
    """What a run was made with: scenario hash, seed, package versions, git commit, time."""
    return {
        "kind": "run",
        "scenario": result.scenario.name,
        "scenario_hash": scenario_hash(result.scenario),
        "seed": result.seed,
        "years": int(result.annual["year"].nunique()) if len(result.annual) else 0,
        "synthesis_fit_max_abs_error": result.synthesis_fit,
        "packages": package_versions(),
        "python": platform.python_version(),
        "git_commit": git_commit(),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def package_versions() -> dict[str, str]:
    """Versions of the packages that shape results."""
    out = {}
    for name in (
        "dewak-simulator",
        "mesa",
        "numpy",
        "pandas",
        "pyarrow",
        "pydantic",
        "humanleague",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit() -> str | None:
    """The source tree's git commit, if it is a git checkout."""
    try:
        root = Path(__file__).resolve().parents[1]
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5
        )
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value)}")
