"""Reading a sweep's results folder into what the report needs.

The folder is the results store of ``dewak sweep`` (``manifest.json``, ``runs.parquet``,
``annual.parquet``). An unfinished sweep has no compacted tables yet; its committed fragments
are read instead, so a report can be made at any time. Failed runs are kept apart, never
dropped: the report counts and names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from simulator.accounting import CATEGORIES
from simulator.experiments.storefiles import read_table
from simulator.folders import read_manifest
from simulator.records import GROUPS  # noqa: F401 - re-exported for the report modules
from simulator.report.levers import Option, options, split_levers
from simulator.scenario.errors import ScenarioError

#: Overlays that change the demography (scenarios/overlays); a factor choosing among them is
#: the sweep's demographic scenario.
DEMOGRAPHIC_OVERLAYS = frozenset({"baseline", "ageing", "migration_influx", "shrinking"})
COST_CATEGORIES = (
    CATEGORIES  # the six payer categories of the cost shares (simulator/accounting.py)
)
#: Where the report reads what each payer gave the facility in a year while it ran (set-up
#: apart): (payer, kind, annual column in €). The annual table has exact cash and in-kind
#: columns per payer (``simulator/records.py``): the housing company's rent waived is in kind
#: beside the volunteers' time. Tables and figures follow this one place.
MONEY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("municipality", "cash", "cash_municipality_eur"),
    ("programmes", "cash", "cash_programmes_eur"),
    ("providers", "cash", "cash_providers_eur"),
    ("housing_company", "cash", "cash_housing_company_eur"),
    ("citizens", "cash", "cash_citizens_eur"),
    ("housing_company", "in_kind", "in_kind_housing_company_eur"),
    ("volunteers", "in_kind", "in_kind_volunteers_eur"),
)
#: Sweeps stored before the exact columns existed: everything a payer gave, volunteers in kind.
LEGACY_MONEY_COLUMNS = {
    f"{kind}_{payer}_eur": f"income_{payer}_eur" for payer, kind, _ in MONEY_COLUMNS
} | {"in_kind_housing_company_eur": ""}
#: The town's budget line the facility grant is compared with (annual column, a share).
GRANT_SHARE_COLUMN = "facility_grant_share_of_voluntary"


@dataclass
class Sweep:
    """One sweep's results, split the way the report uses them.

    Attributes:
        root: The results folder.
        manifest: The sweep's ``manifest.json``.
        ok: Runs with status ``ok``.
        failed: Runs with status ``failed`` (with their error text).
        annual: Annual rows of the ok runs, with the run's grouping columns merged in.
        model_col: Column naming the organisation model (None if the sweep does not vary it).
        demo_col: Column naming the demographic scenario (None if not varied).
        town_col: ``scenario`` when the sweep has several base scenarios, else None.
        uncertainties: Uncertainties that take more than one value among the runs.
        n_planned: Runs the experiment plans (from the manifest).
        levers: Levers other than the organisation model with listed values that vary; each
            combination with the model is an :class:`Option` of its own.
        ranged_levers: Varied levers drawn from a range (or too many to combine); the report
            shows them in a table per value band instead of as options.
    """

    root: Path
    manifest: dict
    ok: pd.DataFrame
    failed: pd.DataFrame
    annual: pd.DataFrame
    model_col: str | None
    demo_col: str | None
    town_col: str | None
    uncertainties: list[str] = field(default_factory=list)
    n_planned: int = 0
    levers: list[str] = field(default_factory=list)
    ranged_levers: list[str] = field(default_factory=list)

    @property
    def options(self) -> list[Option]:
        """Every combination of model and listed lever values among the ok runs, in order."""
        return options(self)

    def scenario_files(self) -> dict[str, Path]:
        """Base scenario name -> its file, as the experiment names them (relative to it)."""
        exp = _experiment(self.manifest)
        source = self.manifest.get("experiment_file")
        base = Path(source).parent if source else self.root
        names = exp.get("scenarios") or ([exp["scenario"]] if exp.get("scenario") else [])
        return {Path(n).stem: (base / n).resolve() for n in names}

    def overlays_used(self) -> list[str]:
        """Every overlay a lever or uncertainty of the experiment applies."""
        return [o for p in _parameters(self.manifest) for o in p.get("overlays") or []]

    def parameters(self) -> list[tuple[str, dict]]:
        """The experiment's levers and uncertainties, each with its kind (lever/uncertainty)."""
        exp = _experiment(self.manifest)
        return [("lever", p) for p in exp.get("levers", [])] + [
            ("uncertainty", p) for p in exp.get("uncertainties", [])
        ]

    @property
    def models(self) -> list:
        """Organisation models in experiment order (one placeholder when not varied)."""
        return _order(self.ok, self.model_col, self.choices(self.model_col))

    @property
    def demographies(self) -> list:
        """Demographic scenarios in experiment order (one placeholder when not varied)."""
        return _order(self.ok, self.demo_col, self.choices(self.demo_col))

    @property
    def towns(self) -> list:
        """Base scenarios (towns) in experiment order."""
        return _order(self.ok, self.town_col, self.choices(self.town_col))

    @property
    def n_stored(self) -> int:
        """Runs stored so far, ok or failed."""
        return len(self.ok) + len(self.failed)

    @property
    def first_year(self) -> int:
        """The first simulated year."""
        return int(self.annual["year"].min())

    @property
    def last_year(self) -> int:
        """The last simulated year (the horizon)."""
        return int(self.annual["year"].max())

    @property
    def horizon_years(self) -> int:
        """Number of simulated years."""
        return self.last_year - self.first_year + 1

    def label(self, column: str) -> str:
        """A factor's name with its unit, as the experiment declares it (``name [unit]``)."""
        for param in _parameters(self.manifest):
            if param["name"] == column and param.get("unit"):
                return f"{column} [{param['unit']}]"
        return column

    def choices(self, column: str | None) -> list:
        """The choices the experiment lists for a factor (empty for ranges or no column)."""
        if column is None:
            return []
        if column == "scenario":
            return [Path(s).stem for s in _experiment(self.manifest).get("scenarios") or []]
        for param in _parameters(self.manifest):
            if param["name"] == column:
                return list(param.get("overlays") or param.get("values") or [])
        return []


def load_sweep(
    root: str | Path, model_param: str | None = None, demography_param: str | None = None
) -> Sweep:
    """Read a sweep's results folder.

    Args:
        root: The folder written by ``dewak sweep``.
        model_param: Column of the organisation model (default: found from the experiment).
        demography_param: Column of the demographic scenario (default: found likewise).

    Raises:
        ScenarioError: When the folder is not a sweep result or a named column is unknown.
    """
    root = Path(root)
    manifest = _read_manifest(root)
    runs = _read_table(root, "runs")
    if runs is None or runs.empty:
        raise ScenarioError(str(root), "runs.parquet", "the sweep has no stored runs yet")
    model_col = _pick(root, runs, model_param, "--model-param", _find_model(manifest))
    demo_col = _pick(root, runs, demography_param, "--demography-param", _find_demo(manifest))
    town_col = "scenario" if runs["scenario"].nunique() > 1 else None
    # outcome columns of a store with failed runs hold nulls (object dtype); ok rows have none
    ok = runs[runs["status"] == "ok"].reset_index(drop=True).infer_objects()
    failed = runs[runs["status"] != "ok"].reset_index(drop=True)
    uncertainties = [
        p["name"]
        for p in _experiment(manifest).get("uncertainties", [])
        if p["name"] in ok and ok[p["name"]].nunique() > 1
    ]
    levers, ranged = split_levers(_experiment(manifest).get("levers", []), ok, model_col)
    annual = _read_table(root, "annual")
    keys = [c for c in ("run_id", town_col, model_col, demo_col, *levers) if c is not None]
    keys = list(dict.fromkeys(keys))
    if annual is None:
        annual = pd.DataFrame({"run_id": pd.Series(dtype="int64")})
    annual = annual.merge(ok[keys], on="run_id", how="inner")
    if len(ok) and annual.empty:
        raise ScenarioError(str(root), "annual.parquet", "no annual rows for the successful runs")
    planned = int(manifest.get("design", {}).get("n_runs", len(runs)))
    return Sweep(
        root,
        manifest,
        ok,
        failed,
        annual,
        model_col,
        demo_col,
        town_col,
        uncertainties,
        planned,
        levers,
        ranged,
    )


def _read_manifest(root: Path) -> dict:
    path = root / "manifest.json"
    if not path.is_file():
        raise ScenarioError(str(root), "manifest.json", "not a sweep result (no manifest.json)")
    manifest = read_manifest(root)  # a damaged one: one line saying what to do
    if manifest.get("kind") != "experiment":
        raise ScenarioError(str(path), "kind", "not a sweep result (kind is not 'experiment')")
    return manifest


def _read_table(root: Path, name: str) -> pd.DataFrame | None:
    """The compacted table, or the union of committed fragments of an unfinished sweep."""
    table = read_table(root, name)  # a damaged file: one line naming it and what to do
    return None if table is None else table.to_pandas()


def _experiment(manifest: dict) -> dict:
    return manifest.get("experiment") or {}


def _parameters(manifest: dict) -> list[dict]:
    exp = _experiment(manifest)
    return list(exp.get("levers", [])) + list(exp.get("uncertainties", []))


def _find_model(manifest: dict) -> str | None:
    """The factor that chooses the organisation model: org_* overlays or organisation.model."""
    for param in _parameters(manifest):
        overlays = param.get("overlays") or []
        if overlays and all(str(o).startswith("org_") for o in overlays):
            return param["name"]
        if param.get("path") == "organisation.model":
            return param["name"]
    return None


def _find_demo(manifest: dict) -> str | None:
    """The factor that chooses among the demographic overlays."""
    for param in _parameters(manifest):
        overlays = param.get("overlays") or []
        if overlays and set(overlays) <= DEMOGRAPHIC_OVERLAYS:
            return param["name"]
    return None


def _pick(root: Path, runs: pd.DataFrame, given: str | None, option: str, found: str | None):
    if given is None:
        return found if found in runs else None
    if given not in runs:
        raise ScenarioError(str(root), option, f"{given!r} is not a column of runs.parquet")
    return given


def _order(frame: pd.DataFrame, column: str | None, choices: list) -> list:
    """Values of ``column`` present in ``frame``, in the experiment's order; [None] if no column."""
    if column is None:
        return [None]
    present = list(pd.unique(frame[column]))
    ordered = [c for c in choices if c in present]
    return ordered + [v for v in present if v not in ordered]
