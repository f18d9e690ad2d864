"""The sweep's ``manifest.json``: what was run, with which inputs, versions and executors."""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from simulator.experiments.design import salib_problem

PACKAGES = (
    "dewak-simulator",
    "mesa",
    "numpy",
    "pandas",
    "pyarrow",
    "pydantic",
    "scipy",
    "SALib",
    "dask",
    "distributed",
)


def now() -> str:
    """The current time as ISO 8601 with time zone."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def start_manifest(previous: dict | None, experiment, plan, hashes: dict, inputs: str) -> dict:
    """The manifest at the start of an invocation (fresh, or carried over on resume)."""
    if previous is not None:
        return {**previous, "status": previous.get("status", "running")}
    exp = experiment
    return {
        "kind": "experiment",
        "name": exp.name,
        "description": exp.description,
        "experiment_file": str(exp.source) if exp.source else None,
        "experiment_hash": exp.experiment_hash(),
        "experiment": exp.model_dump(mode="json"),
        "scenario_hashes": hashes,
        "inputs_hash": inputs,
        "master_seed": exp.master_seed,
        "seeds": exp.seeds,
        "design": {
            **exp.design.model_dump(mode="json"),
            "n_samples": exp.n_samples,
            "replications": exp.replications,
            "n_runs": exp.n_runs,
            "salib_problem": salib_problem(exp),
        },
        "years": exp.years,
        "outcomes": [o.model_dump(mode="json") for o in exp.outcomes],
        "runner": plan.runner,
        "versions": package_versions(),
        "git": git_state(exp.source.parent if exp.source else Path.cwd()),
        "started": now(),
        "ended": None,
        "status": "running",
        "invocations": [],
    }


def finish_manifest(manifest, spec, executed, started, complete, done, failed) -> dict:
    """The manifest after an invocation: its record appended, counts and status updated."""
    invocation = {
        "started": dt.datetime.fromtimestamp(started, dt.UTC).isoformat(timespec="seconds"),
        "ended": now(),
        "executor": spec.describe(),
        "runs_executed": executed,
    }
    manifest = {**manifest, "invocations": [*manifest.get("invocations", []), invocation]}
    manifest["counts"] = {"runs": manifest["design"]["n_runs"], "done": done, "failed": failed}
    if complete and manifest.get("status") != "complete":
        manifest.update(status="complete", ended=now())
    return manifest


def package_versions() -> dict[str, Any]:
    """Versions of Python and of the packages that shape results."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(folder: Path) -> dict[str, Any] | None:
    """The git commit of ``folder`` and whether the tree had changes; None outside git."""
    try:
        commit = _git(folder, "rev-parse", "HEAD")
        dirty = bool(_git(folder, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": dirty}


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=10, check=True
    )
    return result.stdout.strip()
