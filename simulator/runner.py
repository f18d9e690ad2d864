"""One run is a pure function of (scenario, seed): ``run(scenario, seed) -> RunResult``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from simulator.atomic import publish_folder
from simulator.folders import ResultKind
from simulator.model import CooperationModel
from simulator.provenance import new_manifest
from simulator.scenario import Scenario, scenario_hash


@dataclass
class RunResult:
    """Everything one run produced: outcomes, tables and what it was run with."""

    scenario: Scenario
    seed: int
    summary: dict
    annual: pd.DataFrame
    monthly: pd.DataFrame
    stakeholders: pd.DataFrame
    ledger: pd.DataFrame
    synthesis_fit: dict = field(default_factory=dict)
    decisions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DECISION_COLUMNS))


def simulate(scenario: Scenario, seed: int = 0, years: int | None = None) -> CooperationModel:
    """Build the model and step it to the horizon; return the finished model."""
    model = CooperationModel(scenario, seed=seed, years=years)
    while model.running:
        model.step()
    return model


def run(scenario: Scenario, seed: int = 0, years: int | None = None) -> RunResult:
    """Run the scenario once with this seed; the same (scenario, seed, years) gives the same result."""
    model = simulate(scenario, seed=seed, years=years)
    rec = model.recorder
    result = RunResult(
        scenario=scenario,
        seed=seed,
        summary=rec.summary(),
        annual=pd.DataFrame(rec.annual),
        monthly=pd.DataFrame(rec.monthly),
        stakeholders=pd.DataFrame(rec.stakeholder_rows, columns=STAKEHOLDER_COLUMNS),
        ledger=model.ledger.frame(),
        synthesis_fit=model.synthesis_fit,
        decisions=pd.DataFrame(rec.decisions(), columns=DECISION_COLUMNS),
    )
    model.dispose()  # its memory returns now, not at the next full garbage collection
    return result


STAKEHOLDER_COLUMNS = [
    "actor",
    "year",
    "cost",
    "autonomy",
    "reach",
    "visibility",
    "social_return",
    "utility",
    "decision",
    "reason",
    "paid_eur",
    "budget_eur",
]
DECISION_COLUMNS = ["month_index", "year", "month", "actor", "kind", "amount_eur", "reason"]


#: The tables :func:`write_run` writes, one Parquet file each (``<name>.parquet``).
RUN_TABLES = ("annual", "monthly", "stakeholders", "decisions")
#: What :func:`write_run` writes: ``--force`` replaces only a folder holding these.
RUN_RESULT = ResultKind(
    "run result",
    ("run",),
    frozenset({*(f"{name}.parquet" for name in RUN_TABLES), "summary.json", "manifest.json"}),
)


def write_run(result: RunResult, out_dir: Path, force: bool = False) -> Path:
    """Write a run's folder atomically (see :func:`simulator.atomic.publish_folder`).

    An existing folder is replaced only with ``force``, and only if it holds a run result
    (:data:`RUN_RESULT`) that no running batch holds; never a file, a link or another folder.

    Raises:
        ScenarioError: ``out_dir`` may not be used (nothing is written).
        OSError: Writing failed; an earlier result is unchanged.
    """

    def fill(tmp: Path) -> None:
        for name in RUN_TABLES:
            getattr(result, name).to_parquet(tmp / f"{name}.parquet", index=False)
        summary = json.dumps(result.summary, indent=2, default=_json_default)
        (tmp / "summary.json").write_text(summary)
        (tmp / "manifest.json").write_text(json.dumps(manifest(result), indent=2))

    return publish_folder(out_dir, fill, RUN_RESULT, force=force)


def manifest(result: RunResult) -> dict:
    """What a run was made with (the common manifest schema, simulator.provenance), kind ``run``."""
    written = new_manifest(
        "run",
        result.scenario.name,
        scenario_hash=scenario_hash(result.scenario),
        seed=result.seed,
        years=int(result.annual["year"].nunique()) if len(result.annual) else 0,
        synthesis_fit_max_abs_error=result.synthesis_fit,
    )
    return {**written, "status": "complete", "ended": written["started"]}


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value)}")
