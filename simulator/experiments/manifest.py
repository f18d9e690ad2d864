"""The store's ``manifest.json``: what was run, with which inputs, versions and executors.

The schema is the one of every result folder (:mod:`simulator.provenance`); an experiment
store (``kind`` ``experiment`` or ``stress_test``) adds the experiment and its hashes, the
design with its factors, seeds, outcomes, one record per invocation, run counts and the files
analyses derived from the runs (``outputs``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from simulator.experiments.design import salib_problem
from simulator.provenance import new_manifest, now


def start_manifest(previous: dict | None, plan, hashes: dict, inputs: str, extra: dict) -> dict:
    """The manifest at the start of an invocation (fresh, or carried over on resume).

    Args:
        previous: The stored manifest, if the store already has one.
        plan: The :class:`~simulator.experiments.plan.SweepPlan`.
        hashes: sha256 of each input file, by path.
        inputs: The inputs hash (experiment and files) that decides whether a resume is allowed.
        extra: Fields of the kind (e.g. the stress test's shock file); ``kind`` among them.
    """
    if previous is not None:
        return {**previous, "status": previous.get("status", "running")}
    exp = plan.experiment
    extra = dict(extra)
    kind = extra.pop("kind", "experiment")
    design = exp.design.model_dump(mode="json")
    design |= {"n_samples": exp.n_samples, "replications": exp.replications}
    design |= {"n_runs": exp.n_runs, "salib_problem": salib_problem(exp)}
    design["factors"] = [f.describe() for f in plan.factors]
    return new_manifest(
        kind,
        exp.name,
        description=exp.description,
        experiment_file=str(exp.source) if exp.source else None,
        experiment_hash=exp.experiment_hash(),
        experiment=exp.definition(),
        scenario_hashes=hashes,
        inputs_hash=inputs,
        master_seed=exp.master_seed,
        seeds=exp.seeds,
        design=design,
        years=exp.years,
        outcomes=[o.model_dump(mode="json") for o in exp.outcomes],
        runner=plan.runner,
        invocations=[],
        outputs=[],
        **extra,
    )


def finish_manifest(manifest, options, executed, started, complete, done, failed) -> dict:
    """The manifest after an invocation: its record appended, counts and status updated."""
    invocation = {
        "started": dt.datetime.fromtimestamp(started, dt.UTC).isoformat(timespec="seconds"),
        "ended": now(),
        "executor": options.describe(),
        "runs_executed": executed,
    }
    manifest = {**manifest, "invocations": [*manifest.get("invocations", []), invocation]}
    manifest["counts"] = {"runs": manifest["design"]["n_runs"], "done": done, "failed": failed}
    if complete and manifest.get("status") != "complete":
        manifest.update(status="complete", ended=now())
    return manifest


def with_outputs(manifest: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The manifest listing ``names`` (files derived from the runs) among its outputs."""
    outputs = list(dict.fromkeys([*manifest.get("outputs", []), *names]))
    return {**manifest, "outputs": outputs}
