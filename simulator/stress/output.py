"""Write a stress test's result folder atomically: tables, figures, the shock file, a manifest.

Layout of ``results/stress/<scenario>/`` (or ``--out``):

- ``stress_test.csv`` / ``stress_test.parquet`` — the stress table (one row per shock);
- ``runs.parquet`` — one row per run: shock, replication, seed, indicators, run summary;
- ``annual.parquet`` — every run's annual table with the yearly stress score (long format);
- ``stress_reserve_fan.png/.svg``, ``stress_survival.png/.svg`` — the figures;
- ``summary.json`` — one plain-language sentence per shock, figure captions, notes (the
  policymaker report shows them);
- ``shocks.yaml`` — the shock file as used; ``manifest.json`` — what it was made with.

Everything is written to a temporary folder next to the target and renamed into place, so a
reader never sees half a result; an existing folder is replaced only with ``force``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from simulator.atomic import publish_folder
from simulator.stress.figures import draw_all

TABLE = "stress_test"


def write_results(result, out_dir: str | Path, force: bool = False) -> Path:
    """Write the result folder atomically; refuse to replace an existing one unless ``force``."""
    return publish_folder(out_dir, lambda folder: _fill(result, folder), force=force)


def _fill(result, folder: Path) -> None:
    table = result.table
    table.to_csv(folder / f"{TABLE}.csv", index=False)
    table.to_parquet(folder / f"{TABLE}.parquet", index=False)
    result.runs.to_parquet(folder / "runs.parquet", index=False)
    result.annual.to_parquet(folder / "annual.parquet", index=False)
    shutil.copyfile(result.plan.shocks_file, folder / "shocks.yaml")
    draw_all(result, folder)
    (folder / "summary.json").write_text(json.dumps(summary(result), indent=2, ensure_ascii=False))
    (folder / "manifest.json").write_text(json.dumps(manifest(result), indent=2, default=str))


def summary(result) -> dict:
    """Plain-language sentences for the policymaker report: one verdict per shock, captions, notes."""
    from simulator.stress.table import sentence

    plan = result.plan
    runs = len(plan.seeds)
    return {
        "scenario": plan.scenario.name,
        "verdict": [sentence(row) for row in result.table.itertuples(index=False)],
        "captions": {
            "stress_reserve_fan": (
                f"General reserve of {plan.scenario.town.name} under each budget shock: median "
                f"and the middle 50 % and 80 % of {runs} runs; dashed: without a shock. Below "
                "zero the town's equity is used up, which requires budget consolidation."
            ),
            "stress_survival": (
                f"Share of {runs} runs in which the facility is still open, by year and at the "
                "end, under each budget shock; every shock used the same random seeds."
            ),
        },
        "notes": [
            f"Score: the worst year {plan.window[0]}-{plan.window[1]} on a 100-point scale "
            "adapted from the New York State Comptroller's Fiscal Stress Monitoring System "
            "(significant from 65, moderate 55-65, susceptible 45-55); weights and thresholds "
            "are assumptions, and this is not the DeWaK/RWI stress test, which was not found. "
            "See docs/stress_test.md."
        ],
    }


def manifest(result) -> dict:
    """What the stress test was made with: inputs and their hashes, seeds, versions, commit, times."""
    from simulator.runner import git_commit, package_versions
    from simulator.scenario import scenario_hash

    plan = result.plan
    return {
        "kind": "stress_test",
        "scenario": plan.scenario.name,
        "scenario_file": str(plan.scenario_file),
        "scenario_hash": scenario_hash(plan.scenario),
        "scenario_hash_by_shock": result.scenario_hashes,
        "overlays": list(plan.overlays),
        "set": plan.sets,
        "shocks_file": plan.shocks_file,
        "shocks_file_sha256": hashlib.sha256(Path(plan.shocks_file).read_bytes()).hexdigest(),
        "shocks": plan.rows,
        "master_seed": plan.master_seed,
        "replications": len(plan.seeds),
        "seeds": list(plan.seeds),
        "years": plan.years,
        "score_window": list(plan.window),
        "packages": package_versions(),
        "git_commit": git_commit(),
        "started_at": result.started_at,
        "finished_at": result.finished_at,
    }
