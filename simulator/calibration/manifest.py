"""A calibration's ``manifest.json``, in the one manifest schema of every result folder.

Built with :func:`simulator.provenance.new_manifest` (kind ``calibration``): the common part
(schema, kind, name, status, start and end, versions, git) and the calibration's own fields:
the calibration file, its definition and hash, the pattern file, the hashes of the scenarios as
run, the inputs hash a resume must find unchanged, the fitted and validation patterns, runs per
particle, horizons, the seeds rule, one record per invocation (executor, stop rules, runs and
generations it executed), and the state of the history (stop reason, generations, model runs).
"""

from __future__ import annotations

from simulator.provenance import new_manifest, now

SEEDS = "per particle: SeedSequence(master_seed, parameter values); pyabc proposals per generation"


def start_manifest(previous: dict | None, prepared, options, stop) -> dict:
    """The manifest at the start of an invocation (fresh, or the stored one continued)."""
    from simulator.calibration.smc import describe_sampler

    invocation = {
        "started": now(),
        "ended": None,
        "executor": describe_sampler(options),
        "stop": stop.model_dump(),
        "max_runs": options.max_runs,
    }
    if previous is not None:
        invocations = [*previous.get("invocations", []), invocation]
        return {**previous, "status": "running", "ended": None, "invocations": invocations}
    cal = prepared.calibration
    return new_manifest(
        "calibration",
        cal.name,
        description=cal.description,
        calibration_file=str(prepared.source),
        pattern_file=str(prepared.pattern_file),
        calibration_hash=cal.calibration_hash(),
        calibration=cal.model_dump(mode="json", by_alias=True),
        scenario_hashes=prepared.scenario_hashes,
        inputs_hash=prepared.inputs_hash,
        fit=[p.name for p in prepared.fit],
        validate=[p.name for p in prepared.validate],
        runs_per_particle=cal.runs_per_particle,
        horizon_years={s.stem: s.years for s in prepared.model.scenarios},
        master_seed=cal.master_seed,
        seeds=SEEDS,
        invocations=[invocation],
    )


def finish_manifest(manifest: dict, state: dict, done: int, runs: int, runs_before: int) -> dict:
    """The manifest after an invocation: its record closed, the history's state, the status.

    Args:
        manifest: The manifest written at the start of the invocation.
        state: ``status`` (``complete``, ``unfinished`` or ``interrupted``) and ``stop_reason``.
        done: Finished generations in the history.
        runs: Model runs in the history.
        runs_before: Model runs in the history when the invocation started.
    """
    last = {**manifest["invocations"][-1], "ended": now(), "model_runs": runs - runs_before}
    out = {**manifest, "invocations": [*manifest["invocations"][:-1], last]}
    out.update(stop_reason=state["stop_reason"], generations=done, model_runs=runs)
    complete = state["status"] == "complete"
    out.update(status="complete" if complete else "running", ended=now() if complete else None)
    return out
