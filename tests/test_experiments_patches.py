"""Factor values are named patches (dotted path, list item, overlay, shock set); designs in a registry."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from simulator.experiments import parse_experiment
from simulator.experiments.checks import check_experiment
from simulator.experiments.design import sample_points
from simulator.experiments.design_specs import DESIGN_KINDS
from simulator.experiments.designs import REGISTRY
from simulator.experiments.errors import ExperimentError
from simulator.experiments.patches import ListItem, Overlay, SetValue, ShockSet, build_scenario
from simulator.experiments.plan import SweepPlan
from simulator.scenario import ScenarioError, load_scenario, scenario_hash
from tests.conftest import ROOT, scenario_path

WETTER = scenario_path("wetter_buergertreff")
FEES = {"instrument": "user_fees", "fee_eur_per_visit": 1.5}


def instruments(scenario) -> list[str]:
    return [item.instrument for item in scenario.financing]


def test_a_list_item_is_replaced_by_its_key_appended_or_removed():
    base = load_scenario(WETTER)
    keys = instruments(base)
    member = {"instrument": "membership_fees", "fee_eur_per_year": 30.0}
    replaced = build_scenario(WETTER, (ListItem("financing", member),))
    assert instruments(replaced) == keys
    fees = next(i for i in replaced.financing if i.instrument == "membership_fees")
    assert fees.fee_eur_per_year == 30.0
    appended = build_scenario(WETTER, (ListItem("financing", FEES),))
    assert instruments(appended) == [*keys, "user_fees"]  # the other instruments stay
    removed = build_scenario(WETTER, (ListItem("financing", {"remove": "crowdfunding"}),))
    assert instruments(removed) == [k for k in keys if k != "crowdfunding"]


def test_removing_an_unknown_item_names_the_valid_keys():
    with pytest.raises(ScenarioError, match="no list item 'crowdfundin' to remove.*crowdfunding"):
        build_scenario(WETTER, (ListItem("financing", {"remove": "crowdfundin"}),))


def test_a_shock_set_appends_its_changes_and_an_empty_one_changes_nothing():
    change = {"name": "cut", "target": "revenues", "size": -0.1, "start_year": 2027, "years": 2}
    shocked = build_scenario(WETTER, (ShockSet("cut", (change,)),))
    assert [s.name for s in shocked.municipality.fiscal_shocks] == ["cut"]
    empty = build_scenario(WETTER, (ShockSet("baseline"),))
    assert scenario_hash(empty) == scenario_hash(load_scenario(WETTER))


def test_patches_equal_the_loaders_overlays_and_overrides():
    patched = build_scenario(WETTER, (Overlay("ageing"), SetValue("facility.staff_fte", 0.7)))
    loaded = load_scenario(WETTER, overlays=["ageing"], overrides={"facility.staff_fte": 0.7})
    assert scenario_hash(patched) == scenario_hash(loaded)


EXPERIMENT = {
    "name": "patched",
    "scenario": str(WETTER),
    "overlays": ["shrinking"],
    "set": {"facility.staff_fte": 0.8},
    "levers": [
        {
            "name": "fees",
            "path": "financing",
            "items": {"low": FEES, "none": {"remove": "donations"}},
        },
        {
            "name": "shock",
            "shocks": {"no": [], "cut": [{"target": "revenues", "size": -0.1, "start_year": 2026}]},
        },
    ],
    "uncertainties": [{"name": "demography", "overlays": ["baseline", "ageing"]}],
    "outcomes": ["viable"],
    "design": {"kind": "full_factorial"},
    "master_seed": 3,
    "years": 2,
}


def test_every_kind_of_patch_reaches_the_task_in_order():
    exp = parse_experiment(copy.deepcopy(EXPERIMENT))
    assert check_experiment(exp)  # every value alone gives a valid scenario
    plan = SweepPlan(exp)
    assert plan.point(0) == {"fees": "low", "shock": "no", "demography": "baseline"}
    patches = plan.task(0).patches
    assert patches[:2] == (Overlay("shrinking"), Overlay("baseline"))  # overlays first
    assert patches[2] == SetValue("facility.staff_fte", 0.8)
    assert patches[3] == ListItem("financing", FEES) and patches[4] == ShockSet("no", ())
    scenario = build_scenario(plan.task(0).scenario_file, patches)
    assert "user_fees" in instruments(scenario) and scenario.facility.staff_fte == 0.8


def test_a_task_from_overlays_and_overrides_runs_the_same_scenario():
    from simulator.experiments.worker import RunTask

    task = RunTask.build(0, 1, str(WETTER), ("ageing",), {"facility.staff_fte": 0.7}, years=2)
    assert task.patches == (Overlay("ageing"), SetValue("facility.staff_fte", 0.7))
    assert task.overlays == ("ageing",) and task.overrides == (("facility.staff_fte", 0.7),)


def test_a_bad_list_item_is_refused_before_any_run():
    data = copy.deepcopy(EXPERIMENT)
    data["levers"][0]["items"]["low"] = {"instrument": "user_fees", "fee_eur_per_visit": -3}
    with pytest.raises(ExperimentError) as err:
        check_experiment(parse_experiment(data, "x.yaml"))
    assert err.value.field_path == "levers.0.items.low"


def test_explicit_points_are_run_as_given_and_checked():
    data = copy.deepcopy(EXPERIMENT)
    points = [
        {"fees": "none", "shock": "cut", "demography": "ageing"},
        {"fees": "low", "shock": "no", "demography": "baseline"},
    ]
    data["design"] = {"kind": "explicit", "points": points}
    table = sample_points(parse_experiment(data))
    assert table.drop(columns="sample_id").to_dict("records") == points
    data["design"]["points"][1]["demography"] = "agein"
    with pytest.raises(ExperimentError, match="design.points.1.demography: .agein. is not one"):
        parse_experiment(data)


def test_the_design_registry_and_the_file_format_know_the_same_designs():
    assert set(REGISTRY) == set(DESIGN_KINDS)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def test_the_file_format_does_not_import_the_designs():
    # schema.py and design.py used to import each other; the file format now stands alone.
    folder = ROOT / "simulator" / "experiments"
    for name in ("schema.py", "parameters.py", "design_specs.py", "patches.py"):
        found = imports(folder / name)
        assert not {m for m in found if m.startswith("simulator.experiments.design")} - {
            "simulator.experiments.design_specs"
        }, name
        assert "numpy" not in found and "pandas" not in found, name
