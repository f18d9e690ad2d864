"""Run an experiment: check it, plan its runs, execute the missing ones, store the results.

:func:`run_experiment` is the engine's entry point: ``dewak sweep``, ``dewak sensitivity`` and
``dewak stress-test`` all end here, with one :class:`~.options.BatchOptions`. Everything that
can be wrong with the input is checked before the result folder is touched.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.experiments.columns import TRAILING
from simulator.experiments.executors import run_tasks
from simulator.experiments.guard import check_main_guard
from simulator.experiments.manifest import finish_manifest, start_manifest
from simulator.experiments.options import MAX_RUNS_UNCONFIRMED, BatchOptions
from simulator.experiments.plan import SweepPlan
from simulator.experiments.progress import make_progress
from simulator.experiments.records import BatchWriter, run_row
from simulator.experiments.schema import Experiment, load_experiment
from simulator.experiments.store import ResultStore
from simulator.experiments.worker import DEFAULT_RUNNER, resolve

#: How each runner checks an experiment before the first run (``module:function``).
CHECKS = {
    DEFAULT_RUNNER: "simulator.experiments.checks:check_experiment",
    "simulator.experiments.toy:run_toy": "simulator.experiments.toy:check_toy",
}
TRAILING_COLUMNS = list(TRAILING)


@dataclass(frozen=True)
class SweepResult:
    """What a call of :func:`run_experiment` did.

    Attributes:
        out: The result folder.
        n_runs: Runs in the experiment.
        done: Runs finished so far (this and earlier invocations).
        failed: Failed runs among them.
        executed: Runs executed by this invocation.
        complete: Whether every run is done and the tables are compacted.
    """

    out: Path
    n_runs: int
    done: int
    failed: int
    executed: int
    complete: bool

    @property
    def exit_code(self) -> int:
        """0 if no run failed, 1 otherwise (the exit code of the batch commands)."""
        return 1 if self.failed else 0

    def runs(self):
        """The compacted runs table as a pandas DataFrame."""
        import pandas as pd

        return pd.read_parquet(self.out / "runs.parquet")

    def annual(self):
        """The compacted annual table as a pandas DataFrame."""
        import pandas as pd

        return pd.read_parquet(self.out / "annual.parquet")


def run_experiment(
    experiment: str | Path | Experiment,
    options: BatchOptions | None = None,
    *,
    runner: str = DEFAULT_RUNNER,
    manifest: dict[str, Any] | None = None,
    **changes: Any,
) -> SweepResult:
    """Run (or continue) an experiment and return what was done.

    Args:
        experiment: Path of an experiment file, or a loaded :class:`Experiment`.
        options: Executor, folder and restart rules (default :class:`BatchOptions`).
        runner: ``module:function`` that performs one run (default: the real model).
        manifest: Further manifest fields of the batch (``kind`` among them; default
            ``experiment``).
        **changes: Fields of :class:`BatchOptions` to change, e.g. ``executor="serial"``,
            ``out=...``, ``resume=True``, ``max_runs=10``.

    Returns:
        A :class:`SweepResult`; ``exit_code`` is 1 if any run failed.

    Raises:
        ExperimentError: Invalid experiment, options or result folder, more than
            ``MAX_RUNS_UNCONFIRMED`` runs without ``yes`` or ``max_runs``, an unreachable
            scheduler (nothing is written), or a multi-process batch started from a script
            without a ``__main__`` guard.
        InfrastructureError: Workers could not run anything, or the store could not be
            written (``StoreWriteError``); the store is not complete and ``--resume`` continues.
    """
    options = (options or BatchOptions()).with_(**changes)
    check_main_guard(options)
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    options.check_size(exp.n_runs, str(exp.source or "<experiment>"))
    hashes = resolve(CHECKS[runner])(exp) if runner in CHECKS else {}
    options.check_scheduler()
    plan = SweepPlan(exp, runner)
    out_dir = default_out(exp, options.out)
    fingerprint = inputs_hash(exp, hashes)
    kind = (manifest or {}).get("kind", "experiment")
    store = ResultStore.open(out_dir, fingerprint, options.resume, options.force, kind)
    try:
        stored = start_manifest(store.read_manifest(), plan, hashes, fingerprint, manifest or {})
        store.write_manifest(stored)
        store.write_samples(plan.samples_table())
        return _execute(store, plan, stored, options)
    finally:
        store.close()


def inputs_hash(exp: Experiment, hashes: dict[str, str]) -> str:
    """sha256 over the experiment and its input files: a batch may only resume if equal."""
    text = json.dumps({"experiment": exp.experiment_hash(), "files": hashes}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def default_out(exp: Experiment, out: str | Path | None) -> Path:
    """The result folder: ``out``, or ``results/experiments/<name>`` under the current folder."""
    return Path(out) if out is not None else Path("results") / "experiments" / exp.name


def describe_plan(
    experiment: str | Path | Experiment, out: str | Path | None = None, runner=DEFAULT_RUNNER
) -> str:
    """Check an experiment as a batch would and describe its plan (runs nothing).

    The folder named is the one the batch would use (``out``, or the default).
    """
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    if runner in CHECKS:
        resolve(CHECKS[runner])(exp)
    text = SweepPlan(exp, runner).describe(default_out(exp, out))
    if exp.n_runs > MAX_RUNS_UNCONFIRMED:
        text += f"\n  more than {MAX_RUNS_UNCONFIRMED:,} runs: run it with --yes, or in parts with --max-runs"
    return text


def _execute(store, plan, manifest, options: BatchOptions) -> SweepResult:
    """Run the missing runs, write them in batches, and compact when all are done."""
    exp = plan.experiment
    done = store.done_run_ids()
    todo = [i for i in range(exp.n_runs) if i not in done]
    if options.max_runs is not None:
        todo = todo[: options.max_runs]
    writer = BatchWriter(store, options.batch_size, options.batch_seconds)
    started = time.time()
    if todo:
        bar_args = (exp.n_runs, len(done), store.count_failed(), options.describe())
        with make_progress(options.progress, *bar_args) as bar:
            try:
                tasks = (plan.task(run_id) for run_id in todo)
                for outcome in run_tasks(tasks, options):
                    writer.add(run_row(plan.identity(outcome.run_id), exp, outcome), outcome)
                    bar.advance(outcome.status != "ok")
            finally:
                writer.flush()
    return _finish(store, plan, manifest, options, writer.executed, started)


def _finish(store, plan, manifest, options, executed, started) -> SweepResult:
    exp = plan.experiment
    done = store.done_run_ids()
    complete = len(done) == exp.n_runs
    if complete and not store.complete:
        leading = list(plan.identity(0)) + ["scenario_hash"] + [o.name for o in exp.outcomes]
        store.compact(leading, TRAILING_COLUMNS)
    failed = store.count_failed()
    manifest = finish_manifest(manifest, options, executed, started, complete, len(done), failed)
    store.write_manifest(manifest)
    if complete:
        store.remove_fragments()
    return SweepResult(store.root, exp.n_runs, len(done), failed, executed, complete)
