"""``run_calibration``: check, open the folder, run pyabc generation by generation, write results.

Invalid input and a folder that may not be used end in a CalibrationError before anything is
written. After every generation the tables (posterior, predictive, generations, summary) are
rewritten from pyabc's history, so a killed calibration leaves the results of its last finished
generation; ``resume`` continues from the history. Figures, ``summary.md`` and
``calibrated.yaml`` are written at the end of every invocation.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.calibration.manifest import finish_manifest, start_manifest
from simulator.calibration.prepare import prepare
from simulator.calibration.schema import Stop
from simulator.calibration.store import (
    FolderLock,
    check_folder,
    clear,
    copy_inputs,
    read_manifest,
    write_json,
)

#: Stop reasons that finish a calibration (the file's rules, or ``--generations``).
FINISHING = ("generations", "max_runs", "min_epsilon", "min_acceptance_rate")


@dataclass
class CalibrationResult:
    """What one invocation did.

    Attributes:
        out: The result folder.
        status: ``complete`` (a stop rule of the file, or ``--generations``, holds),
            ``unfinished`` (``--max-runs`` reached: continue with ``resume``) or ``interrupted``.
        stop_reason: The rule that stopped it (``generations``, ``max_runs``, ``min_epsilon``,
            ``min_acceptance_rate``, ``budget`` for ``--max-runs``), or None when interrupted.
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


def effective_stop(stop: Stop, generations: int | None) -> Stop:
    """The file's stop rules with ``--generations`` put in its place."""
    return stop if generations is None else stop.model_copy(update={"generations": generations})


def run_calibration(
    path: str | Path, options=None, *, generations: int | None = None, progress=None, **changes
) -> CalibrationResult:
    """Calibrate the parameters of a calibration file against its patterns with pyabc.

    Args:
        path: The calibration file (``experiments/calibrate_*.yaml``).
        options: A :class:`~simulator.experiments.options.BatchOptions`, as every batch
            takes: the executor (``serial``, ``pool``, ``dask``), ``workers``, ``scheduler``,
            ``out`` (default ``results/calibration/<name>``), ``resume``, ``force`` and
            ``max_runs`` (this invocation stops after the generation that reaches that many
            model runs; the calibration stays unfinished).
        generations: Stop at this many generations in the history (overrides the file).
        progress: Called with a one-line text after each generation (None: silent).
        **changes: Fields of ``options`` to change, e.g. ``executor="serial"``, ``out=...``.

    Raises:
        CalibrationError: Invalid input, or a folder that may not be used (nothing written).
        CalibrationInterrupted: Interrupted; finished generations are stored.
    """
    from simulator.experiments.guard import check_main_guard
    from simulator.experiments.options import BatchOptions

    options = (options or BatchOptions()).with_(**changes)
    if options.executor == "dask":  # a LocalCluster spawns processes; the pool forks
        check_main_guard(options)
    prepared = prepare(path)
    stop = effective_stop(prepared.calibration.stop, generations)
    out = default_out(prepared.calibration.name, options.out)
    previous = check_folder(out, prepared.inputs_hash, options.resume, options.force)
    logging.getLogger("ABC").setLevel(logging.WARNING)  # one progress line per generation instead
    with FolderLock(out):
        if previous is None:
            clear(out)
        manifest = start_manifest(previous, prepared, options, stop)
        write_json(out / "manifest.json", manifest)
        copy_inputs(out, [prepared.source, prepared.pattern_file])
        return _run(prepared, options, stop, out, manifest, progress)


def describe(path: str | Path, options, generations: int | None = None) -> str:
    """Check a calibration as a run would (``--dry-run``) and describe it; runs and writes nothing."""
    prepared = prepare(path)
    cal = prepared.calibration
    stop = effective_stop(cal.stop, generations)
    out = default_out(cal.name, options.out)
    check_folder(out, prepared.inputs_hash, options.resume, options.force)
    from simulator.calibration.smc import describe_sampler

    lines = [
        f"calibration {cal.name}: {len(cal.parameters)} parameters, {cal.population_size} "
        f"particles per generation, {cal.runs_per_particle} model runs per particle",
        *(f"  parameter {p.name} [{p.path}]: {p.prior.describe()}" for p in cal.parameters),
        f"  fit: {', '.join(p.name for p in prepared.fit)}",
        f"  validate: {', '.join(p.name for p in prepared.validate) or 'none'}",
        f"  years: {', '.join(f'{s.stem} {s.years}' for s in prepared.model.scenarios)}",
        f"  stop: {stop.model_dump()}; this invocation: at most {options.max_runs} model runs"
        if options.max_runs is not None
        else f"  stop: {stop.model_dump()}",
        f"  executor: {describe_sampler(options)}",
        f"  results: {out}",
    ]
    return "\n".join(lines)


def _run(prepared, options, stop, out: Path, manifest: dict, progress) -> CalibrationResult:
    from simulator.calibration import outputs, smc

    rpp = prepared.calibration.runs_per_particle
    state = {"status": "running", "stop_reason": None}
    started = time.monotonic()
    before = smc.open_history(out)
    runs_before = smc.model_runs(before, rpp) if before is not None else 0

    def report(history) -> None:
        outputs.write_all(out, prepared, history, state, figures=False)
        if progress is not None:
            progress(_line(history, rpp, time.monotonic() - started))

    resume = before is not None
    with smc.Samplers(options) as sampler:
        try:
            reason = smc.run_generations(
                prepared, sampler, out, resume, stop, report, options.max_runs
            )
            state.update(status="complete" if reason in FINISHING else "unfinished")
            state["stop_reason"] = reason
        except KeyboardInterrupt:
            state["status"] = "interrupted"
    history = smc.open_history(out)
    summary = None
    if history is not None:
        summary = outputs.write_all(out, prepared, history, state, figures=True)
    done = smc.generations_done(history) if history is not None else 0
    runs = smc.model_runs(history, rpp) if history is not None else 0
    stored = read_manifest(out) or manifest
    write_json(out / "manifest.json", finish_manifest(stored, state, done, runs, runs_before))
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
