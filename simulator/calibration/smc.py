"""ABC-SMC with pyabc: the distance to the targets, the sampler for each executor, run and resume.

pyabc does the inference (:class:`pyabc.ABCSMC`: sequential Monte Carlo with adaptive
multivariate-normal proposals and a median epsilon schedule); its SQLite history, written after
every generation, is what a resumed calibration continues from (``ABCSMC.load``).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyabc

from simulator.calibration.priors import pyabc_distribution

#: pyabc's id of the (only) analysis in a calibration's history database.
ABC_ID = 1


class PatternDistance(pyabc.Distance):
    """Distance of a particle to the calibration targets, in units of the targets' uncertainty.

    For each fitted pattern the misfit is ``(s - value) / sd`` for a value target, and the
    distance outside the range divided by half the range's width for a range target (zero
    inside it); the distance is the root of the summed squares. Patterns not named here (the
    validation patterns) never enter it. A statistic that is NaN (invalid parameter values)
    gives an infinite distance: the particle is rejected.

    Args:
        targets: ``{pattern name: (low, high, scale)}``; low = high = value for a value target.
    """

    def __init__(self, targets: dict[str, tuple[float, float, float]]):
        super().__init__()
        self.targets = dict(targets)

    def __call__(self, x: dict, x_0: dict, t: int | None = None, par: dict | None = None) -> float:
        """The distance of the simulated statistics ``x`` (``x_0`` is not used)."""
        total = 0.0
        for name, (low, high, scale) in self.targets.items():
            value = float(np.asarray(x[name]))
            if not math.isfinite(value):
                return math.inf
            total += (max(low - value, 0.0, value - high) / scale) ** 2
        return math.sqrt(total)

    def get_config(self) -> dict:
        """What pyabc stores in its history about this distance."""
        return {"name": "PatternDistance", "targets": self.targets}


def pattern_targets(patterns) -> dict[str, tuple[float, float, float]]:
    """``{name: (low, high, scale)}`` for the distance, from the patterns' targets."""
    out = {}
    for p in patterns:
        target = p.target
        low, high = target.range if target.range is not None else (target.value, target.value)
        out[p.name] = (float(low), float(high), float(target.scale))
    return out


#: pyabc's sampler for each executor of :class:`~simulator.experiments.options.BatchOptions`.
SAMPLERS = {
    "serial": "SingleCoreSampler",
    "pool": "MulticoreEvalParallelSampler",
    "dask": "DaskDistributedSampler",
}


def describe_sampler(options) -> str:
    """The executor as the manifest records it, e.g. ``process pool with 2 workers (pyabc ...)``."""
    return f"{options.describe()} (pyabc {SAMPLERS[options.executor]})"


class Samplers:
    """Context manager: the pyabc sampler for the batch options, and the Dask cluster it starts.

    ``serial`` is pyabc's ``SingleCoreSampler``; ``pool`` its ``MulticoreEvalParallelSampler``
    with ``workers`` forked processes; ``dask`` its ``DaskDistributedSampler`` on a LocalCluster
    of ``workers`` (started here, on 127.0.0.1) or on the running ``scheduler``.
    """

    def __init__(self, options):
        self.options = options
        self.client = self.cluster = None

    def __enter__(self):
        options = self.options
        if options.executor == "serial":
            return pyabc.sampler.SingleCoreSampler()
        if options.executor == "pool":
            return pyabc.sampler.MulticoreEvalParallelSampler(n_procs=options.workers)
        from simulator.calibration.adapter import dask_client

        self.client, self.cluster = dask_client(options.workers, options.scheduler)
        return pyabc.sampler.DaskDistributedSampler(dask_client=self.client, batch_size=1)

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def build_abc(prepared, sampler) -> pyabc.ABCSMC:
    """The ABCSMC object of a prepared calibration (the same for a new and a resumed run)."""
    cal = prepared.calibration
    return pyabc.ABCSMC(
        models=prepared.model,
        parameter_priors=pyabc_distribution(cal.parameters),
        distance_function=PatternDistance(pattern_targets(prepared.fit)),
        population_size=cal.population_size,
        sampler=sampler,
    )


def db_url(folder: Path) -> str:
    """The SQLAlchemy address of the calibration's history database."""
    return f"sqlite:///{(Path(folder) / 'history.db').resolve()}"


def has_history(folder: Path) -> bool:
    """True if the folder's database holds an analysis with at least its prior sample."""
    if not (Path(folder) / "history.db").is_file():
        return False
    try:
        return pyabc.History(db_url(folder), create=False, _id=ABC_ID).max_t is not None
    except Exception:  # noqa: BLE001 - a database killed while being created is not a history
        return False


def start(prepared, sampler, folder: Path, resume: bool) -> pyabc.ABCSMC:
    """An ABCSMC that continues the folder's history when resuming one, else a new analysis."""
    abc = build_abc(prepared, sampler)
    if resume and has_history(folder):
        abc.load(db_url(folder), abc_id=ABC_ID)
        return abc
    for stale in Path(folder).glob("history.db*"):  # a database killed while being created
        stale.unlink()
    observed = {p.name: float(p.target.centre) for p in prepared.fit + prepared.validate}
    meta = {"calibration": prepared.calibration.name, "inputs_hash": prepared.inputs_hash}
    abc.new(db_url(folder), observed, meta_info=meta)
    return abc


def open_history(folder: Path) -> pyabc.History | None:
    """The folder's history (None if it holds none)."""
    if not has_history(folder):
        return None
    return pyabc.History(db_url(folder), create=False, _id=ABC_ID)


def generations_done(history: pyabc.History) -> int:
    """Finished generations in the history (the prior sample of t = -1 not counted)."""
    max_t = history.max_t
    return 0 if max_t is None else int(max_t) + 1


def run_generations(
    prepared, sampler, folder: Path, resume: bool, stop, report, budget=None
) -> str:
    """Run pyabc one generation at a time until a stop rule holds; return that rule's name.

    Each generation is ``ABCSMC.load`` + ``ABCSMC.run(max_nr_populations=1)`` on a fresh
    ABCSMC object: exactly how a resumed calibration continues (proposal fitted to the last
    population, epsilon the median of its weighted distances), so every generation can be
    reported and stored, and a kill loses at most the generation in progress.

    Args:
        prepared: The prepared calibration.
        sampler: The pyabc sampler.
        folder: The result folder (its history.db).
        resume: Continue the folder's history if it has one.
        stop: The effective :class:`~simulator.calibration.schema.Stop` rules.
        report: Called with the history after each finished generation.
        budget: Model runs this invocation may start generations for (``--max-runs``): it stops
            after the generation that reaches them (reason ``budget``; the calibration is
            unfinished and ``resume`` continues it). None: no limit.
    """
    rpp = prepared.calibration.runs_per_particle
    abc = start(prepared, sampler, folder, resume)
    at_start = model_runs(abc.history, rpp)
    while (reason := stop_reason(abc.history, stop, rpp)) is None:
        if budget is not None and model_runs(abc.history, rpp) - at_start >= budget:
            return "budget"
        before = generations_done(abc.history)
        seed_global_rng(prepared.calibration.master_seed, before)
        abc.run(max_nr_populations=1, min_acceptance_rate=stop.min_acceptance_rate)
        if generations_done(abc.history) == before:  # pyabc gave up: too few accepted
            return "min_acceptance_rate"
        report(abc.history)
        abc = start(prepared, sampler, folder, resume=True)
    return reason


def model_runs(history: pyabc.History, runs_per_particle: int) -> int:
    """Model runs in the history: particle evaluations (the prior sample included) times runs."""
    return (history.total_nr_simulations or 0) * runs_per_particle


def seed_global_rng(master_seed: int, generation: int) -> None:
    """Seed numpy's global generator, which pyabc draws proposals from, for this generation.

    With the serial sampler a calibration is then reproducible from its master seed (and a
    resumed one continues as an uninterrupted one would); parallel samplers reseed their
    workers themselves, so their order of evaluation, and the posterior, vary a little.
    """
    state = np.random.SeedSequence([master_seed, generation]).generate_state(1)[0]
    np.random.seed(int(state))


def stop_reason(history: pyabc.History, stop, runs_per_particle: int) -> str | None:
    """The first stop rule that holds for the history, or None."""
    done = generations_done(history)
    if done >= stop.generations:
        return "generations"
    if stop.max_runs is not None and model_runs(history, runs_per_particle) >= stop.max_runs:
        return "max_runs"
    if done == 0:
        return None
    populations = history.get_all_populations()
    last = populations[populations.t >= 0].iloc[-1]
    if last.epsilon <= stop.min_epsilon:
        return "min_epsilon"
    if last.particles / last.samples < stop.min_acceptance_rate:
        return "min_acceptance_rate"
    return None
