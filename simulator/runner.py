"""One run is a pure function of (scenario, seed): ``run(scenario, seed) -> RunResult``."""

from __future__ import annotations

import ctypes
import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from simulator.model import CooperationModel
from simulator.processes.yearly import municipal_budget_year
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
    municipal_budget_year(model)  # close the accounts of the last year
    return model


def run(scenario: Scenario, seed: int = 0, years: int | None = None) -> RunResult:
    """Run the scenario once with this seed; the same (scenario, seed, years) gives the same result."""
    model = simulate(scenario, seed=seed, years=years)
    rec = model.recorder
    return RunResult(
        scenario=scenario,
        seed=seed,
        summary=rec.summary(),
        annual=pd.DataFrame(rec.annual),
        monthly=pd.DataFrame(rec.monthly),
        stakeholders=pd.DataFrame(rec.stakeholder_rows, columns=STAKEHOLDER_COLUMNS),
        ledger=model.ledger.frame(),
        synthesis_fit=model.synthesis_fit,
    )


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
    """Write a run's folder atomically (temporary folder, then rename); refuse to overwrite unless forced.

    The tables are written into a hidden temporary folder beside ``out_dir``, flushed to disk and
    then moved into place, so ``out_dir`` is either the complete new result or (after an error or
    a kill) still the earlier one; a failed write removes its temporary folder.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not force:
        raise FileExistsError(f"{out_dir} exists; use --force to replace it")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=out_dir.parent))
    try:
        result.annual.to_parquet(tmp / "annual.parquet", index=False)
        result.monthly.to_parquet(tmp / "monthly.parquet", index=False)
        result.stakeholders.to_parquet(tmp / "stakeholders.parquet", index=False)
        summary = json.dumps(result.summary, indent=2, default=_json_default)
        (tmp / "summary.json").write_text(summary)
        (tmp / "manifest.json").write_text(json.dumps(manifest(result), indent=2))
        _fsync_folder(tmp)
        _publish(tmp, out_dir)
    except BaseException:
        _rmtree(tmp)
        raise
    return out_dir


def _publish(tmp: Path, out_dir: Path) -> None:
    """Move the finished folder to ``out_dir``; an existing result is swapped out in one step."""
    if not out_dir.exists():
        os.replace(tmp, out_dir)
    elif _exchange(tmp, out_dir):
        _rmtree(tmp)  # it now holds the earlier result
    else:  # no atomic exchange: two renames; the earlier result stays in a hidden folder between
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
        os.replace(out_dir, old)
        try:
            os.replace(tmp, out_dir)
        except BaseException:
            os.replace(old, out_dir)  # put the earlier result back
            raise
        _rmtree(old)
    _fsync_dir(out_dir.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _fsync_folder(folder: Path) -> None:
    """Flush every file of ``folder`` and the folder itself to disk."""
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
