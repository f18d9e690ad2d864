"""``dewak sensitivity`` in Python: run the design on the experiment engine, then analyse it.

Sobol' analyses run the experiment as it is (its design must be ``sobol``), into the same
folder ``dewak sweep`` would use, so a finished sweep is analysed without running it again.
Morris analyses run the experiment with a ``morris`` design, named ``<name>_morris`` (see
:mod:`simulator.analysis.morris`). Either way the sweep is resumable and runs on any executor;
the analysis is written to ``<sweep folder>/sensitivity/`` once every run is stored.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.analysis import AnalysisError
from simulator.analysis.sensitivity import METHODS, SensitivityResult
from simulator.experiments.options import BatchOptions
from simulator.experiments.worker import DEFAULT_RUNNER
from simulator.folders import read_manifest
from simulator.scenario.errors import ScenarioError

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
    options: BatchOptions | None = None,
    trajectories: int | None = None,
    levels: int | None = None,
    runner: str = DEFAULT_RUNNER,
    **changes,
) -> SensitivityRun:
    """Run (or continue) the sensitivity design of an experiment and analyse it when complete.

    Args:
        experiment: Experiment file or loaded :class:`~simulator.experiments.Experiment`.
        method: ``sobol`` (needs a sobol design) or ``morris``.
        outcomes: Outcomes to analyse (default: the experiment's outcomes).
        options: Executor, folder and restart rules, as for every batch
            (:class:`~simulator.experiments.BatchOptions`; default folder
            ``results/experiments/<name>`` or ``<name>_morris``).
        trajectories: Morris trajectories (default 10).
        levels: Morris grid levels (default 4).
        runner: ``module:function`` performing one run (default: the real model).
        **changes: Fields of the options to change (``executor="serial"``, ``out=...``).

    Raises:
        AnalysisError: Invalid method, outcome or design (nothing is run).
        ExperimentError: Invalid experiment or options (from the engine).
    """
    from simulator.experiments import load_experiment, run_experiment
    from simulator.experiments.sweep import default_out

    started = time.perf_counter()
    options = (options or BatchOptions()).with_(**changes)
    exp = experiment if not isinstance(experiment, str | Path) else load_experiment(experiment)
    sweep_exp = sweep_experiment(exp, method, trajectories, levels)
    names = _outcomes(exp, outcomes)
    folder = default_out(sweep_exp, options.out)
    if not options.resume and not options.force and _finished(folder, sweep_exp):
        options = options.with_(resume=True)
    sweep = run_experiment(sweep_exp, options.with_(out=folder), runner=runner)
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
        "experiment_file": data.manifest.get("experiment_file"),
        "sweep": str(data.root),
        "inputs_hash": data.manifest.get("inputs_hash"),
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


def sweep_experiment(exp, method: str, trajectories, levels):
    """The experiment the sweep runs for this method."""
    where = str(exp.source or "<experiment>")
    if method not in METHODS:
        raise AnalysisError(where, "--method", f"must be one of {', '.join(METHODS)}")
    if method == "morris":
        from simulator.analysis.morris import LEVELS, TRAJECTORIES, morris_experiment

        chosen = TRAJECTORIES if trajectories is None else trajectories
        return morris_experiment(exp, chosen, LEVELS if levels is None else levels)
    if trajectories is not None or levels is not None:
        raise AnalysisError(where, "--trajectories", "only applies to --method morris")
    if exp.design.kind != "sobol":
        raise AnalysisError(
            where,
            "design.kind",
            f"--method sobol needs a sobol design (this one is "
            f"{exp.design.kind}); change the design or use --method morris",
        )
    return exp


def _outcomes(exp, outcomes: list[str] | None) -> list[str]:
    names = list(outcomes) if outcomes else [o.name for o in exp.outcomes]
    if len(set(names)) != len(names):
        raise AnalysisError(str(exp.source or "<experiment>"), "--outcome", "named twice")
    return names


def _finished(folder: Path, experiment) -> bool:
    """True when ``folder`` holds a finished sweep of this very experiment (it is reused)."""
    try:
        manifest = read_manifest(folder)
    except (ScenarioError, OSError):  # damaged, or a bad name: the store says what to do
        return False
    if manifest is None:
        return False
    same = manifest.get("experiment_hash") == experiment.experiment_hash()
    return manifest.get("status") == "complete" and same
