"""Run a planned stress test on the experiment engine, then indicators, the table and outputs.

The runs go through :func:`simulator.experiments.run_experiment` (any executor; stored in the
engine's append-only store, so a stress test is resumable like a sweep); each run calls
``simulator.run`` on the scenario with the shock's changes appended to
``municipality.fiscal_shocks``. When every run is stored, the indicators, the stress table, the
figures and the sentences are derived from the stored tables and written beside them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from simulator.experiments.columns import RESERVED
from simulator.experiments.options import BatchOptions
from simulator.stress.indicators import run_indicators, yearly_scores
from simulator.stress.plan import FACTOR, StressPlan
from simulator.stress.table import stress_table

#: Columns of the store's runs table that are not the run's summary.
NOT_SUMMARY = RESERVED | {FACTOR}


class StressRunError(RuntimeError):
    """Some runs failed; the message lists the first errors."""


@dataclass
class StressResult:
    """What a stress test produced.

    Attributes:
        plan: The plan it ran.
        sweep: What the engine did (:class:`~simulator.experiments.sweep.SweepResult`).
        table: The stress table (one row per shock, baseline first); None while unfinished.
        runs: One row per run: shock, replication, seed, indicators and the run summary.
        annual: The runs' annual tables with the yearly stress score, long format.
        scenario_hashes: sha256 of the scenario each row ran.
        started_at: Start time (UTC, ISO 8601).
        finished_at: End time (UTC, ISO 8601).
    """

    plan: StressPlan
    sweep: Any
    table: pd.DataFrame | None = None
    runs: pd.DataFrame | None = None
    annual: pd.DataFrame | None = None
    scenario_hashes: dict[str, str] | None = None
    started_at: str | None = None
    finished_at: str | None = None

    @property
    def out(self) -> Path:
        """The result folder."""
        return self.sweep.out


def default_out(plan: StressPlan) -> Path:
    """``results/stress/<scenario>`` under the current folder."""
    return Path("results") / "stress" / plan.scenario.name


def run_stress_test(
    plan: StressPlan, options: BatchOptions | None = None, **changes: Any
) -> StressResult:
    """Run (or continue) every run of ``plan``; when all are stored, write the stress outputs.

    Args:
        plan: The checked plan (:func:`~simulator.stress.plan.make_plan`).
        options: Executor, folder and restart rules, as for every batch (default folder
            ``results/stress/<scenario>``).
        **changes: Fields of the options to change (``executor="serial"``, ``out=...``).

    Returns:
        The result; its ``table`` is None while runs are missing (``max_runs``).

    Raises:
        StressRunError: If any run failed (the runs stay stored; nothing is derived).
    """
    from simulator.experiments.sweep import run_experiment
    from simulator.stress.output import write_results

    options = (options or BatchOptions(progress=False)).with_(**changes)
    out = options.out if options.out is not None else default_out(plan)
    sweep = run_experiment(plan.experiment, options.with_(out=out), manifest=_manifest(plan))
    result = StressResult(plan, sweep)
    if not sweep.complete:
        return result
    runs = pd.read_parquet(sweep.out / "runs.parquet")
    failed = runs[runs["status"] != "ok"]
    if len(failed):
        first = "; ".join(
            f"{r.shock} #{r.replication}: {r.error}" for r in failed.head(3).itertuples()
        )
        raise StressRunError(f"{len(failed)} run(s) failed; first: {first}")
    collect(result, runs, pd.read_parquet(sweep.out / "annual.parquet"))
    write_results(result)
    return result


def collect(result: StressResult, runs: pd.DataFrame, annual: pd.DataFrame) -> None:
    """Indicators per run, the long annual table with scores, and the stress table."""
    plan = result.plan
    spec = plan.scenario.municipality
    by_run = {run_id: part.drop(columns="run_id") for run_id, part in annual.groupby("run_id")}
    summary_columns = [c for c in runs.columns if c not in NOT_SUMMARY]
    run_rows, annual_parts, hashes = [], [], {}
    for row in runs.sort_values("run_id").to_dict("records"):
        yearly = by_run[row["run_id"]].reset_index(drop=True)
        keys = {"shock": row[FACTOR], "replication": row["replication"], "seed": row["seed"]}
        hashes[row[FACTOR]] = row["scenario_hash"]
        summary = {k: _plain(row[k]) for k in summary_columns}
        scores = yearly_scores(yearly, spec.general_reserve_eur, spec.liquidity_loans_eur)
        indicators = run_indicators(yearly, summary, scores, plan.window)
        run_rows.append({"run_id": row["run_id"], **keys, **indicators, **_prefixed(summary)})
        merged = yearly.merge(scores, on="year", how="left")
        annual_parts.append(merged.assign(**keys)[[*keys, *merged.columns]])
    result.runs = pd.DataFrame(run_rows)
    result.annual = pd.concat(annual_parts, ignore_index=True)
    result.table = stress_table(result.runs, plan.labels)
    result.scenario_hashes = hashes
    manifest = _stored_manifest(result.out)
    result.started_at, result.finished_at = manifest.get("started"), manifest.get("ended")


def _prefixed(summary: dict) -> dict:
    return {f"summary_{k}": v for k, v in summary.items()}


def _plain(value: Any) -> Any:
    """A stored cell as the run reported it: NaN as None, numpy scalars unwrapped."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def _manifest(plan: StressPlan) -> dict[str, Any]:
    """The stress test's own manifest fields (the engine adds the common ones)."""
    return {
        "kind": "stress_test",
        "scenario": plan.scenario.name,
        "shocks_file": plan.shocks_file,
        "shocks_file_sha256": hashlib.sha256(Path(plan.shocks_file).read_bytes()).hexdigest(),
        "shocks": plan.rows,
        "labels": plan.labels,
        "run_seeds": list(plan.seeds),
        "score_window": list(plan.window),
    }


def _stored_manifest(folder: Path) -> dict:
    import json

    return json.loads((folder / "manifest.json").read_text())
