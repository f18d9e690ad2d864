"""Every shipped scenario and overlay validates, runs, and keeps its accounting; numbers carry sources."""

import math

import numpy as np
import pytest

import simulator
from simulator.scenario.yaml_io import read_yaml
from tests.conftest import SCENARIOS, scenario_path

OVERLAYS = sorted(p.stem for p in (SCENARIOS / "overlays").glob("*.yaml"))
DESIGN_OUTCOMES = [
    "viable",
    "closure_year",
    "years_open",
    "utilisation_mean",
    "visits_per_year_mean",
    "volunteers_mean",
    "reach_share",
    "cost_total_eur",
    "cost_share_municipality",
    "cost_share_programmes",
    "cost_share_providers",
    "cost_share_housing_company",
    "cost_share_citizens",
    "cost_share_volunteers",
    "municipal_hsk_years",
    "liquidity_loans_end_eur_per_capita",
    "population_start",
    "population_end",
    "share_65plus_start",
    "share_65plus_end",
]  # DESIGN.md, Interfaces: "these stay"
DESIGN_ANNUAL = [
    "year",
    "population",
    "share_65plus",
    "visits",
    "utilisation",
    "facility_reserves_eur",
    "volunteers",
    "facility_open",
    "municipal_general_reserve_eur",
    "municipal_hsk",
]


SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))  # both towns and the realised house


@pytest.mark.parametrize("town", SHIPPED)
@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_town_and_overlay_runs_and_balances(town, overlay):
    scenario = simulator.load_scenario(scenario_path(town), overlays=[overlay])
    result = simulator.run(scenario, seed=7, years=3)
    check_result(result)


def check_result(result):
    summary = result.summary
    assert set(DESIGN_OUTCOMES) <= set(summary)
    assert set(DESIGN_ANNUAL) <= set(result.annual.columns)
    shares = [
        summary[f"cost_share_{c}"]
        for c in (
            "municipality",
            "programmes",
            "providers",
            "housing_company",
            "citizens",
            "volunteers",
            "reserves",
            "unpaid",
        )
    ]
    assert sum(shares) == pytest.approx(
        1.0
    )  # shares of cost, with opening reserves and unpaid bills
    assert all(0.0 <= s <= 1.0 for s in shares)
    assert ((result.monthly.utilisation >= 0) & (result.monthly.utilisation <= 1)).all()
    for table in (result.annual, result.monthly):
        numeric = table.select_dtypes("number").to_numpy(dtype=float)
        assert np.isfinite(numeric).all()
    for value in summary.values():
        assert not (isinstance(value, float) and not math.isfinite(value))
    ledger = result.ledger
    balances = (
        ledger.groupby("payee")
        .amount_eur.sum()
        .sub(ledger.groupby("payer").amount_eur.sum(), fill_value=0)
    )
    assert balances.sum() == pytest.approx(0.0, abs=1e-6)  # money is conserved
    assert balances["facility"] == pytest.approx(
        result.monthly.facility_reserves_eur.iloc[-1], abs=1e-6
    )
    annual = result.annual
    change = annual.population.diff().iloc[1:]
    flows = (annual.births - annual.deaths + annual.moved_in - annual.moved_out).iloc[1:]
    assert (change == flows).all()  # births - deaths + migration = population change


def numbers_without_provenance(node, path=""):
    """Paths of numbers not wrapped in {value, source|assumption|calibrated} (exactly one)."""
    if isinstance(node, dict):
        if "value" in node:
            kinds = sum(bool(node.get(k)) for k in ("source", "assumption", "calibrated"))
            return [] if kinds == 1 else [path]
        return [p for k, v in node.items() for p in numbers_without_provenance(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in numbers_without_provenance(v, f"{path}.{i}")]
    if isinstance(node, bool) or not isinstance(node, int | float):
        return []
    return [path]


@pytest.mark.parametrize("path", sorted(SCENARIOS.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_number_has_a_source_or_assumption(path):
    doc = read_yaml(path)
    doc.pop("schema_version", None)
    assert numbers_without_provenance(doc) == []


def test_scenarios_readme_lists_every_file():
    readme = (SCENARIOS / "README.md").read_text()
    for path in SCENARIOS.rglob("*.yaml"):
        assert f"`{path.relative_to(SCENARIOS)}`" in readme, path
