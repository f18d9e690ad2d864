"""``run_calibration``: check, open the folder, run pyabc generation by generation, write results.

Invalid input and a folder that may not be used end in a CalibrationError before anything is
written. After every generation the tables (posterior, predictive, generations, summary) are
rewritten from pyabc's history, so a killed calibration leaves the results of its last finished
generation; ``resume`` continues from the history. Figures are drawn at the end.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.calibration.prepare import PreparedCalibration, prepare
from simulator.calibration.schema import Stop
from simulator.calibration.store import (
    FolderLock,
    check_folder,
    clear,
    copy_inputs,
    read_manifest,
    write_json,
)


@dataclass
class CalibrationResult:
    """What one invocation did.

    Attributes:
        out: The result folder.
        status: ``complete`` (a stop rule holds) or ``interrupted``.
        stop_reason: The rule that stopped it (``generations``, ``max_runs``, ``min_epsilon``,
            ``min_acceptance_rate``), or None when interrupted.
        generations: Finished generations in the history.
        model_runs: Model runs in the history (evaluations times runs per particle).
        summary: The contents of summary.json (None before the first generation).
    """

    out: Path
    status: str
    stop_reason: str | None
    generations: int
    model_runs: int
    summary: dict | None = field(default=None, repr=False)


def default_out(name: str, out: str | Path | None) -> Path:
    """The result folder: ``out``, or ``results/calibration/<name>`` under the current folder."""
    return Path(out) if out is not None else Path("results") / "calibration" / name


def effective_stop(stop: Stop, max_runs: int | None, generations: int | None) -> Stop:
    """The file's stop rules with ``--max-runs`` / ``--generations`` put in their place."""
    changes = {"max_runs": max_runs, "generations": generations}
    return stop.model_copy(update={k: v for k, v in changes.items() if v is not None})


def run_calibration(
    path: str | Path,
    sampler=None,
    out: str | Path | None = None,
    resume: bool = False,
    force: bool = False,
    max_runs: int | None = None,
    generations: int | None = None,
    progress=None,
) -> CalibrationResult:
    """Calibrate the parameters of a calibration file against its patterns with pyabc.

    Args:
        path: The calibration file (``experiments/calibrate_*.yaml``).
        sampler: A :class:`~simulator.calibration.smc.SamplerChoice` (default: a local pool).
        out: Result folder; default ``results/calibration/<name>``.
        resume: Continue the calibration stored in ``out`` (same inputs only).
        force: Replace a calibration stored in ``out``.
        max_runs: Stop once the history holds this many model runs (overrides the file).
        generations: Stop at this many generations in the history (overrides the file).
        progress: Called with a one-line text after each generation (None: silent).

    Raises:
        CalibrationError: Invalid input, or a folder that may not be used (nothing written).
    """
    from simulator.calibration import smc

    prepared = prepare(path)
    stop = effective_stop(prepared.calibration.stop, max_runs, generations)
    out = default_out(prepared.calibration.name, out)
    previous = check_folder(out, prepared.inputs_hash, resume, force)
    sampler = sampler or smc.SamplerChoice()
    logging.getLogger("ABC").setLevel(logging.WARNING)  # one progress line per generation instead
    with FolderLock(out):
        if previous is None:
            clear(out)
        manifest = _start_manifest(previous, prepared, sampler, stop)
        write_json(out / "manifest.json", manifest)
        copy_inputs(out, [prepared.source, prepared.pattern_file])
        return _run(prepared, sampler, stop, out, previous is not None, manifest, progress)


def _run(prepared, sampler, stop, out: Path, resume: bool, manifest: dict, progress):
    from simulator.calibration import outputs, smc

    rpp = prepared.calibration.runs_per_particle
    state = {"status": "running", "stop_reason": None}
    started = time.monotonic()

    def report(history) -> None:
        outputs.write_all(out, prepared, history, state, figures=False)
        if progress is not None:
            progress(_line(history, rpp, time.monotonic() - started))

    with smc.Samplers(sampler) as pyabc_sampler:
        try:
            state["stop_reason"] = smc.run_generations(
                prepared, pyabc_sampler, out, resume, stop, report
            )
            state["status"] = "complete"
        except KeyboardInterrupt:
            state["status"] = "interrupted"
    history = smc.open_history(out)
    summary = None
    if history is not None:
        summary = outputs.write_all(out, prepared, history, state, figures=True)
    done = smc.generations_done(history) if history is not None else 0
    runs = (history.total_nr_simulations or 0) * rpp if history is not None else 0
    _finish_manifest(out, manifest, state, done, runs)
    result = CalibrationResult(out, state["status"], state["stop_reason"], done, runs, summary)
    if state["status"] == "interrupted":
        raise CalibrationInterrupted(result)
    return result


class CalibrationInterrupted(KeyboardInterrupt):
    """Interrupted (Ctrl-C, SIGTERM): finished generations are stored; continue with resume."""

    def __init__(self, result: CalibrationResult):
        super().__init__("interrupted")
        self.result = result


def _line(history, rpp: int, seconds: float) -> str:
    pops = history.get_all_populations()
    last = pops.iloc[-1]
    runs = int(pops.samples.sum()) * rpp
    rate = last.particles / last.samples
    return (
        f"generation {int(last.t)}: epsilon {last.epsilon:.3g}, accepted {int(last.particles)}"
        f"/{int(last.samples)} ({rate:.0%}), {runs} model runs so far, {seconds:.0f} s"
    )


def _start_manifest(previous, prepared: PreparedCalibration, sampler, stop: Stop) -> dict:
    from simulator.calibration.store import now, versions

    invocation = {"started_at": now(), "executor": sampler.describe(), "stop": stop.model_dump()}
    if previous is not None:
        invocations = [*previous.get("invocations", []), invocation]
        return {**previous, "status": "running", "invocations": invocations}
    cal = prepared.calibration
    return {
        "kind": "calibration",
        "name": cal.name,
        "description": cal.description,
        "calibration_file": str(prepared.source),
        "pattern_file": str(prepared.pattern_file),
        "calibration_hash": cal.calibration_hash(),
        "inputs_hash": prepared.inputs_hash,
        "scenario_hashes": prepared.scenario_hashes,
        "calibration": cal.model_dump(mode="json", by_alias=True),
        "fit": [p.name for p in prepared.fit],
        "validate": [p.name for p in prepared.validate],
        "runs_per_particle": cal.runs_per_particle,
        "horizon_years": {s.stem: s.years for s in prepared.model.scenarios},
        "seeds": "per particle: SeedSequence(master_seed, parameter values)",
        "versions": versions(),
        "status": "running",
        "started_at": invocation["started_at"],
        "invocations": [invocation],
    }


def _finish_manifest(out: Path, manifest: dict, state: dict, done: int, runs: int) -> None:
    from simulator.calibration.store import now

    manifest = read_manifest(out) or manifest
    manifest["invocations"][-1]["finished_at"] = now()
    manifest.update(
        status=state["status"],
        stop_reason=state["stop_reason"],
        generations=done,
        model_runs=runs,
        updated_at=now(),
    )
    write_json(out / "manifest.json", manifest)
