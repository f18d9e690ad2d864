"""Run an experiment: check it, plan its runs, execute the missing ones, store the results.

:func:`run_experiment` is the Python entry point; ``dewak sweep`` is a thin layer over it.
Everything that can be wrong with the input is checked before the result folder is touched.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from simulator.experiments.design import unit_design
from simulator.experiments.executors import ExecutorSpec, run_tasks
from simulator.experiments.manifest import finish_manifest, start_manifest
from simulator.experiments.plan import SweepPlan
from simulator.experiments.progress import make_progress
from simulator.experiments.records import BatchWriter, run_row
from simulator.experiments.schema import Experiment, ExperimentError, load_experiment
from simulator.experiments.store import ResultStore, write_table_atomic
from simulator.experiments.worker import DEFAULT_RUNNER, RunTask, resolve

#: How each runner checks an experiment before the first run (``module:function``).
CHECKS = {
    DEFAULT_RUNNER: "simulator.experiments.checks:check_experiment",
    "simulator.experiments.toy:run_toy": "simulator.experiments.toy:check_toy",
}
EXECUTORS = ("serial", "pool", "dask")
TRAILING_COLUMNS = ["status", "error", "duration_s"]


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
        """0 if no run failed, 1 otherwise (the ``dewak sweep`` exit code)."""
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
    executor: str = "pool",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    force: bool = False,
    max_runs: int | None = None,
    progress: bool = True,
    runner: str = DEFAULT_RUNNER,
    batch_size: int = 25,
    batch_seconds: float = 5.0,
) -> SweepResult:
    """Run (or continue) a sweep and return what was done.

    Args:
        experiment: Path of an experiment file, or a loaded :class:`Experiment`.
        executor: ``serial``, ``pool`` (default, one process per core) or ``dask``.
        workers: Pool size, or the number of LocalCluster workers for ``dask``.
        scheduler: Address of a running Dask scheduler (implies ``executor="dask"``).
        out: Result folder; default ``results/experiments/<name>``.
        resume: Continue an unfinished sweep in ``out`` (skips runs already stored).
        force: Delete an existing result in ``out`` and start over.
        max_runs: Execute at most this many runs now (continue later with ``resume``).
        progress: Show a progress bar on stderr.
        runner: ``module:function`` that performs one run (default: the real model).
        batch_size: Finished runs per fragment.
        batch_seconds: Write a fragment at least this often while runs finish.

    Returns:
        A :class:`SweepResult`; ``exit_code`` is 1 if any run failed.

    Raises:
        ExperimentError: Invalid experiment, options or result folder (nothing is written).
    """
    exp = experiment if isinstance(experiment, Experiment) else load_experiment(experiment)
    spec = executor_spec(exp, executor, workers, scheduler, max_runs)
    hashes = resolve(CHECKS[runner])(exp) if runner in CHECKS else {}
    plan = SweepPlan(exp, runner)
    out_dir = default_out(exp, out)
    fingerprint = inputs_hash(exp, hashes)
    store = ResultStore.open(out_dir, fingerprint, resume=resume, force=force)
    try:
        manifest = start_manifest(store.read_manifest(), exp, plan, hashes, fingerprint)
        store.write_manifest(manifest)
        write_table_atomic(_samples_table(plan), out_dir / "samples.parquet")
        return _execute(
            store, plan, manifest, spec, max_runs, progress, (batch_size, batch_seconds)
        )
    finally:
        store.close()


def inputs_hash(exp: Experiment, hashes: dict[str, str]) -> str:
    """sha256 over the experiment and its input files: a sweep may only resume if equal."""
    text = json.dumps({"experiment": exp.experiment_hash(), "files": hashes}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def default_out(exp: Experiment, out: str | Path | None) -> Path:
    """The result folder: ``out``, or ``results/experiments/<name>`` under the current folder."""
    return Path(out) if out is not None else Path("results") / "experiments" / exp.name


def describe_plan(path: str | Path, out: str | Path | None = None) -> str:
    """Check an experiment file against its scenarios and describe its plan (runs nothing)."""
    exp = load_experiment(path)
    resolve(CHECKS[DEFAULT_RUNNER])(exp)
    return SweepPlan(exp).describe(default_out(exp, out))


def executor_spec(
    exp: Experiment, executor: str, workers: int | None, scheduler: str | None, max_runs
) -> ExecutorSpec:
    """Check the execution options and return the executor to use."""
    file = str(exp.source or "<experiment>")
    if executor not in EXECUTORS:
        raise ExperimentError(file, "--executor", f"must be one of {', '.join(EXECUTORS)}")
    if workers is not None and workers < 1:
        raise ExperimentError(file, "--workers", "must be at least 1")
    if max_runs is not None and max_runs < 0:
        raise ExperimentError(file, "--max-runs", "must not be negative")
    if scheduler is not None:
        if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
            raise ExperimentError(file, "--scheduler", "expected an address like tcp://host:8786")
        return ExecutorSpec("dask", workers, scheduler)
    return ExecutorSpec(executor, workers, None)


def _samples_table(plan: SweepPlan):
    import pyarrow as pa

    table = plan.points.copy()
    unit = unit_design(plan.experiment)
    for j, factor in enumerate(plan.factors):
        table[f"u_{factor.name}"] = unit[:, j]
    return pa.Table.from_pandas(table, preserve_index=False)


def _execute(store, plan, manifest, spec, max_runs, progress, batching) -> SweepResult:
    """Run the missing runs, write them in batches, and compact when all are done."""
    exp = plan.experiment
    done = store.done_run_ids()
    todo = [i for i in range(exp.n_runs) if i not in done]
    if max_runs is not None:
        todo = todo[:max_runs]
    writer = BatchWriter(store, *batching)
    started = time.time()
    if todo:
        bar_args = (exp.n_runs, len(done), store.count_failed(), spec.describe())
        with make_progress(progress, *bar_args) as bar:
            try:
                for outcome in run_tasks(_tasks(plan, todo), spec):
                    writer.add(run_row(plan.identity(outcome.run_id), exp, outcome), outcome)
                    bar.advance(outcome.status != "ok")
            finally:
                writer.flush()
    return _finish(store, plan, manifest, spec, writer.executed, started)


def _tasks(plan: SweepPlan, todo: list[int]) -> Iterator[RunTask]:
    return (plan.task(run_id) for run_id in todo)


def _finish(store, plan, manifest, spec, executed, started) -> SweepResult:
    exp = plan.experiment
    done = store.done_run_ids()
    complete = len(done) == exp.n_runs
    if complete and not store.complete:
        leading = list(plan.identity(0)) + ["scenario_hash"] + [o.name for o in exp.outcomes]
        store.compact(leading, TRAILING_COLUMNS)
    failed = store.count_failed()
    manifest = finish_manifest(manifest, spec, executed, started, complete, len(done), failed)
    store.write_manifest(manifest)
    if complete:
        store.remove_fragments()
    return SweepResult(store.root, exp.n_runs, len(done), failed, executed, complete)
