"""The notebook API: run an experiment and get its runs and annual tables as DataFrames.

:func:`sweep` (also ``simulator.sweep``) runs an experiment, or continues it, and returns an
:class:`ExperimentResults`. Re-running the same cell is safe: by default it continues (or, when
finished, just reads) a stored batch of the same experiment in the same folder, and refuses
with a clear message a folder holding anything else. :func:`load_results` reads a folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from simulator.experiments.errors import ExperimentError
from simulator.experiments.options import BatchOptions
from simulator.experiments.store import MANIFEST, read_table
from simulator.experiments.storefiles import read_store_manifest
from simulator.experiments.worker import DEFAULT_RUNNER

#: EMA Workbench's analyses drop a column named ``scenario``; the base scenario is renamed.
EMA_SCENARIO = "base_scenario"


@dataclass
class ExperimentResults:
    """An experiment's stored results, as DataFrames.

    Attributes:
        out: The result folder.
        manifest: Its ``manifest.json``.
        runs: One row per stored run: ids, seed, factor values, outcomes, status, error.
        annual: One row per stored run and year (``run_id`` first).
        complete: Whether every run of the experiment is stored.
    """

    out: Path
    manifest: dict[str, Any]
    runs: pd.DataFrame
    annual: pd.DataFrame
    complete: bool
    factors: list[str] = field(default_factory=list)

    @property
    def outcomes(self) -> list[str]:
        """The experiment's named outcomes."""
        return [o["name"] for o in self.manifest.get("outcomes", [])]

    @property
    def failed(self) -> pd.DataFrame:
        """The runs that failed, with their error."""
        if "status" not in self.runs:
            return self.runs.iloc[0:0]
        return self.runs[self.runs["status"] != "ok"]

    def to_ema(self, outcomes: list[str] | None = None) -> tuple[pd.DataFrame, dict[str, Any]]:
        """The ``(experiments, outcomes)`` pair of EMA Workbench, from the successful runs.

        ``experiments`` has one column per factor (choices as pandas Categorical; the base
        scenario, when there are several, as ``base_scenario``); ``outcomes`` maps each outcome
        name to a numpy array in the same row order.
        """
        ok = self.runs[self.runs["status"] == "ok"].reset_index(drop=True)
        x = pd.DataFrame(index=ok.index)
        for name in self.factors:
            column = ok[name]
            numeric = pd.api.types.is_numeric_dtype(column)
            is_bool = pd.api.types.is_bool_dtype(column)
            x[name] = column if numeric and not is_bool else column.astype("category")
        x = x.rename(columns={"scenario": EMA_SCENARIO})
        names = outcomes or self.outcomes
        missing = [n for n in names if n not in ok]
        if missing:
            raise ExperimentError(str(self.out), "outcomes", f"no column {missing[0]!r}")
        return x, {n: ok[n].infer_objects().to_numpy() for n in names}


def load_results(out: str | Path) -> ExperimentResults:
    """Read a result folder (finished or not: an unfinished one gives the runs stored so far).

    Raises:
        ExperimentError: When the folder holds no manifest.
    """
    out = Path(out)
    path = out / MANIFEST
    if not path.is_file():
        raise ExperimentError(str(out), MANIFEST, "not a result folder (no manifest.json)")
    manifest = read_store_manifest(out)  # damaged: one line saying what to do
    runs, annual = (read_table(out, name) for name in ("runs", "annual"))
    factors = [f["name"] for f in manifest.get("design", {}).get("factors", [])]
    return ExperimentResults(
        out=out,
        manifest=manifest,
        runs=runs.to_pandas() if runs is not None else pd.DataFrame({"run_id": []}),
        annual=annual.to_pandas() if annual is not None else pd.DataFrame({"run_id": []}),
        complete=manifest.get("status") == "complete",
        factors=factors,
    )


def sweep(
    experiment,
    options: BatchOptions | None = None,
    *,
    runner: str = DEFAULT_RUNNER,
    **changes: Any,
) -> ExperimentResults:
    """Run an experiment (or continue a stored one) and return its tables.

    Args:
        experiment: Experiment file or :class:`~simulator.experiments.Experiment`.
        options: Executor and folder (:class:`BatchOptions`). Without it, ``resume`` is None:
            continue (or read) a stored batch of the same experiment, refuse anything else.
        runner: ``module:function`` performing one run (default: the real model).
        **changes: Fields of :class:`BatchOptions`, e.g. ``workers=2``, ``out="results/x"``,
            ``executor="serial"``, ``force=True``, ``max_runs=100``.

    Raises:
        ExperimentError: Invalid experiment or options, a folder holding something else, or a
            process-pool batch started from a script without a ``__main__`` guard.
    """
    from simulator.experiments.sweep import run_experiment

    if options is None and not changes.get("force"):
        changes.setdefault("resume", None)
    result = run_experiment(experiment, options, runner=runner, **changes)
    return load_results(result.out)
