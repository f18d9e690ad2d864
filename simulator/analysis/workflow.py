"""``dewak sensitivity`` in Python: run the design through the sweep machinery, then analyse it.

Sobol' analyses run the experiment as it is (its design must be ``sobol``), into the same
folder ``dewak sweep`` would use, so a finished sweep is analysed without running it again.
Morris analyses run an explicit-design experiment ``<name>_morris`` (see
:mod:`simulator.analysis.morris`). Either way the sweep is resumable and runs on any executor;
the analysis is written to ``<sweep folder>/sensitivity/`` once every run is stored.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.analysis import AnalysisError
from simulator.analysis.sensitivity import METHODS, SensitivityResult
from simulator.experiments.worker import DEFAULT_RUNNER

SENSITIVITY_FOLDER = "sensitivity"


@dataclass
class SensitivityRun:
    """What :func:`run_sensitivity` did.

    Attributes:
        sweep: The sweep's :class:`~simulator.experiments.SweepResult`.
        result: The analysis, or None while the sweep is unfinished.
        folder: Where the analysis was written (None while unfinished).
        files: The files written.
        seconds: Wall time of this call.
    """

    sweep: object
    result: SensitivityResult | None = None
    folder: Path | None = None
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def run_sensitivity(
    experiment,
    method: str = "sobol",
    outcomes: list[str] | None = None,
    executor: str = "pool",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    force: bool = False,
    progress: bool = True,
    trajectories: int | None = None,
    levels: int | None = None,
    runner: str = DEFAULT_RUNNER,
) -> SensitivityRun:
    """Run (or continue) the sensitivity design of an experiment and analyse it when complete.

    Args:
        experiment: Experiment file or loaded :class:`~simulator.experiments.Experiment`.
        method: ``sobol`` (needs a sobol design) or ``morris``.
        outcomes: Outcomes to analyse (default: the experiment's outcomes).
        executor: ``serial``, ``pool`` or ``dask`` (as for :func:`run_experiment`).
        workers: Pool or LocalCluster size.
        scheduler: Address of a running Dask scheduler.
        out: Sweep folder (default ``results/experiments/<name>`` or ``<name>_morris``).
        resume: Continue an unfinished sweep.
        force: Start the sweep over.
        progress: Show a progress bar.
        trajectories: Morris trajectories (default 10).
        levels: Morris grid levels (default 4).
        runner: ``module:function`` performing one run (default: the real model).

    Raises:
        AnalysisError: Invalid method, outcome or design (nothing is run).
        ExperimentError: Invalid experiment or options (from the sweep machinery).
    """
    from simulator.experiments import load_experiment, run_experiment
    from simulator.experiments.sweep import default_out

    started = time.perf_counter()
    exp = experiment if not isinstance(experiment, str | Path) else load_experiment(experiment)
    sweep_exp, sweep_runner = _sweep_experiment(exp, method, trajectories, levels, runner)
    names = _outcomes(exp, outcomes)
    folder = default_out(sweep_exp, out)
    resume = resume or (not force and _finished(folder, sweep_exp.experiment_hash()))
    sweep = run_experiment(
        sweep_exp,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        out=folder,
        resume=resume,
        force=force,
        progress=progress,
        runner=sweep_runner,
    )
    run = SensitivityRun(sweep)
    if sweep.complete:
        run.result, run.folder, run.files = analyse_folder(sweep.out, method, names)
    run.seconds = time.perf_counter() - started
    return run


def analyse_folder(folder: Path, method: str, outcomes: list[str]):
    """Analyse a finished sweep folder and write ``sensitivity/``; returns (result, folder, files)."""
    from simulator.analysis.results import load_sweep
    from simulator.analysis.sensitivity import analyse_sweep, write_sensitivity

    data = load_sweep(folder)
    result = analyse_sweep(data, method, outcomes)
    counts = data.manifest.get("counts", {})
    context = {
        "experiment": data.manifest.get("name"),
        "experiment_file": data.manifest.get("experiment_file") or data.options.get("source"),
        "sweep": str(data.root),
        "design": data.design,
        "design_options": data.options,
        "sample_points": data.n_points,
        "replications": data.manifest.get("design", {}).get("replications"),
        "runs": counts.get("runs"),
        "failed_runs": counts.get("failed"),
        "outcomes": outcomes,
        "sweep_invocations": data.manifest.get("invocations", []),
    }
    target = data.root / SENSITIVITY_FOLDER
    return result, target, write_sensitivity(result, target, context)


def _sweep_experiment(exp, method: str, trajectories, levels, runner: str):
    """The experiment the sweep runs and the runner it uses, for this method."""
    where = str(exp.source or "<experiment>")
    if method not in METHODS:
        raise AnalysisError(where, "--method", f"must be one of {', '.join(METHODS)}")
    if method == "sobol":
        if trajectories is not None or levels is not None:
            raise AnalysisError(where, "--trajectories", "only applies to --method morris")
        if exp.design.kind != "sobol":
            raise AnalysisError(
                where,
                "design.kind",
                f"--method sobol needs a sobol design (this one is "
                f"{exp.design.kind}); change the design or use --method morris",
            )
        return exp, runner
    from simulator.analysis.morris import LEVELS, MORRIS_RUNNER, TRAJECTORIES, morris_experiment

    derived = morris_experiment(exp, trajectories or TRAJECTORIES, levels or LEVELS, runner)
    if runner == DEFAULT_RUNNER:  # the engine checks only experiments it runs itself
        from simulator.experiments.checks import check_experiment

        check_experiment(exp)
    return derived, MORRIS_RUNNER


def _outcomes(exp, outcomes: list[str] | None) -> list[str]:
    names = list(outcomes) if outcomes else [o.name for o in exp.outcomes]
    if len(set(names)) != len(names):
        raise AnalysisError(str(exp.source or "<experiment>"), "--outcome", "named twice")
    return names


def _finished(folder: Path, experiment_hash: str) -> bool:
    """True when ``folder`` holds a finished sweep of this very experiment."""
    path = Path(folder) / "manifest.json"
    if not path.is_file():
        return False
    manifest = json.loads(path.read_text())
    return (
        manifest.get("status") == "complete" and manifest.get("experiment_hash") == experiment_hash
    )
