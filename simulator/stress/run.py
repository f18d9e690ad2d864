"""Run a planned stress test: every row with the same seeds, then indicators and the table.

The runs go through the sweep executors (serial, local process pool or Dask; see
simulator/experiments/executors.py); each one calls ``simulator.run`` on the scenario with the
shock's changes added to ``municipality.fiscal_shocks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from simulator.stress.indicators import run_indicators, yearly_scores
from simulator.stress.plan import StressPlan
from simulator.stress.table import stress_table


class StressRunError(RuntimeError):
    """Some runs failed; the message lists the first errors."""


@dataclass
class StressResult:
    """What a stress test produced.

    Attributes:
        plan: The plan it ran.
        table: The stress table (one row per shock, baseline first).
        runs: One row per run: shock, replication, seed, indicators and the run summary.
        annual: The runs' annual tables with the yearly stress score, long format.
        scenario_hashes: sha256 of the scenario each row ran.
        started_at: Start time (UTC, ISO 8601).
        finished_at: End time (UTC, ISO 8601).
    """

    plan: StressPlan
    table: pd.DataFrame
    runs: pd.DataFrame
    annual: pd.DataFrame
    scenario_hashes: dict[str, str]
    started_at: str
    finished_at: str


def run_stress_test(
    plan: StressPlan, executor: str = "pool", workers: int | None = None, progress: bool = False
) -> StressResult:
    """Run every task of ``plan``; raise StressRunError if any run failed."""
    from simulator.experiments.executors import ExecutorSpec, run_tasks
    from simulator.experiments.progress import make_progress

    started = _now()
    tasks = plan.tasks()
    outcomes, failed = {}, []
    with make_progress(progress, len(tasks), 0, 0, f"stress test {plan.scenario.name}") as bar:
        for outcome in run_tasks(tasks, ExecutorSpec(kind=executor, workers=workers)):
            bar.advance(outcome.status != "ok")
            if outcome.status != "ok":
                failed.append(f"{plan.locate(outcome.run_id)[:2]}: {outcome.error}")
            outcomes[outcome.run_id] = outcome
    if failed:
        raise StressRunError(f"{len(failed)} run(s) failed; first: " + "; ".join(failed[:3]))
    return collect(plan, outcomes, started)


def collect(plan: StressPlan, outcomes: dict, started: str) -> StressResult:
    """Turn the runs' outcomes into the runs table, the long annual table and the stress table."""
    spec = plan.scenario.municipality
    run_rows, annual_parts, hashes = [], [], {}
    for run_id in sorted(outcomes):
        outcome = outcomes[run_id]
        row, replication, seed = plan.locate(run_id)
        hashes[row] = outcome.scenario_hash
        scores = yearly_scores(outcome.annual, spec.general_reserve_eur, spec.liquidity_loans_eur)
        keys = {"shock": row, "replication": replication, "seed": seed}
        indicators = run_indicators(outcome.annual, outcome.summary, scores, plan.window)
        summary = {f"summary_{k}": v for k, v in outcome.summary.items()}
        run_rows.append({**keys, **indicators, **summary})
        annual = outcome.annual.merge(scores, on="year", how="left")
        annual_parts.append(annual.assign(**keys)[[*keys, *annual.columns]])
    runs = pd.DataFrame(run_rows)
    table = stress_table(runs, plan.labels)
    annual = pd.concat(annual_parts, ignore_index=True)
    return StressResult(plan, table, runs, annual, hashes, started, _now())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
