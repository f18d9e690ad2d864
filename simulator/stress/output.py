"""Write a stress test's outputs into its store folder: tables, figures, the shock file, sentences.

The runs themselves are in the engine's store (``runs.parquet``, ``annual.parquet``,
``manifest.json``, ``samples.parquet``; :mod:`simulator.experiments.store`). Derived from them,
beside them in ``results/stress/<scenario>/`` (or ``--out``):

- ``stress_test.csv`` / ``stress_test.parquet`` — the stress table (one row per shock);
- ``stress_runs.parquet`` — one row per run: run id, shock, replication, seed, indicators and
  the run's summary (``summary_*``);
- ``stress_scores.parquet`` — the yearly stress score and its six parts, per run and year;
- ``stress_reserve_fan.png/.svg``, ``stress_survival.png/.svg`` — the figures;
- ``summary.json`` — one plain-language sentence per shock, figure captions, notes (the
  policymaker report shows them);
- ``shocks.yaml`` — the shock file as used.

Each file is written to a temporary name and renamed into place, and listed under ``outputs``
in the manifest, so ``--force`` removes them with the runs.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from simulator.experiments.manifest import with_outputs
from simulator.experiments.store import ResultStore
from simulator.stress.figures import draw_all
from simulator.stress.indicators import SCORE_COLUMNS

TABLE = "stress_test"


def write_results(result) -> list[Path]:
    """Write the derived outputs into the result's folder; return the files written."""
    folder = Path(result.out)
    with ResultStore.locked(folder) as store:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".outputs-") as tmp:
            staged = Path(tmp)
            _fill(result, staged)
            names = sorted(p.name for p in staged.iterdir())
            _record(store, names)
            for name in names:
                os.replace(staged / name, folder / name)
    return [folder / name for name in names]


def _fill(result, folder: Path) -> None:
    table = result.table
    table.to_csv(folder / f"{TABLE}.csv", index=False)
    table.to_parquet(folder / f"{TABLE}.parquet", index=False)
    result.runs.to_parquet(folder / "stress_runs.parquet", index=False)
    keys = ["shock", "replication", "seed", "year"]
    result.annual[[*keys, *SCORE_COLUMNS]].to_parquet(folder / "stress_scores.parquet", index=False)
    shutil.copyfile(result.plan.shocks_file, folder / "shocks.yaml")
    draw_all(result, folder)
    (folder / "summary.json").write_text(json.dumps(summary(result), indent=2, ensure_ascii=False))


def _record(store: ResultStore, names: list[str]) -> None:
    """List the outputs in the manifest (before they appear, so --force can remove them)."""
    store.write_manifest(with_outputs(store.read_manifest() or {}, names))


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
