"""``calibrated:`` provenance: a fixture scenario with a calibrated number loads, shows and checks.

A number fitted by ``dewak calibrate`` is written ``{value: <median>, calibrated: "<calibration>,
<date>, commit <hash>: posterior median <m>, 90 % interval [<low>, <high>]"}``. The schema accepts
it beside ``source:`` and ``assumption:`` (exactly one of the three), refuses a label that does
not say where the number comes from or whose interval does not contain the value, the ODD tables
and the report show it, and the labels and overlays ``dewak calibrate`` writes load as they are.
"""

import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.calibration import labels
from simulator.scenario import ScenarioError, load_scenario
from simulator.scenario.schema.base import check_calibrated
from tests.conftest import scenario_path
from tests.test_scenarios import numbers_without_provenance

LABEL = (
    "calibrate_wetter, 2026-12-06, commit 1a2b3c4: posterior median 0.0312, "
    "90 % interval [0.027, 0.036]"
)
PATH = ("demography", "in_migration_rate_per_year")


def fixture_scenario(tmp_path, number) -> tuple:
    """Wetter's scenario in a temporary folder, with ``number`` as its in-migration rate."""
    folder = tmp_path / "scenarios"
    folder.mkdir(exist_ok=True)
    doc = yaml.safe_load(scenario_path("wetter_buergertreff").read_text())
    doc[PATH[0]][PATH[1]] = number
    path = folder / "wetter_calibrated.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    return path, doc


def test_a_calibrated_number_loads_and_counts_as_provenance(tmp_path):
    path, doc = fixture_scenario(tmp_path, {"value": 0.0312, "calibrated": LABEL})
    assert load_scenario(path).demography.in_migration_rate_per_year == 0.0312
    doc.pop("schema_version", None)
    assert numbers_without_provenance(doc) == []


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ({"value": 0.0312, "calibrated": "fitted by hand"}, "calibrated: write '<calibration>"),
        ({"value": 0.0312, "calibrated": LABEL.replace("commit 1a2b3c4", "")}, "calibrated:"),
        ({"value": 0.05, "calibrated": LABEL}, "outside the 90 % interval [0.027, 0.036]"),
        ({"value": 0.0312, "calibrated": LABEL, "assumption": "x"}, "exactly one of 'source'"),
        ({"value": 0.0312, "calibrated": LABEL.replace("[0.027, 0.036]", "[0.04, 0.03]")}, "rev"),
    ],
)
def test_a_calibrated_label_must_say_where_the_number_comes_from(tmp_path, number, words):
    path, _ = fixture_scenario(tmp_path, number)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.field_path == ".".join(PATH)
    assert words in caught.value.message


def test_the_odd_tables_and_the_report_show_a_calibrated_number():
    from docs.odd_parameters import cell
    from simulator.report.assumptions import _basis
    from simulator.report.i18n import Text

    assert cell({"value": 0.0312, "calibrated": LABEL}) == f"0.0312 (calibrated: {LABEL})"
    text, is_assumption = _basis(Text("en"), {"value": 0.0312, "calibrated": LABEL})
    assert text == f"Calibrated: {LABEL}" and not is_assumption


def summary(median: float, q05: float, q95: float, integer: bool = False) -> dict:
    stats = {"path": ".".join(PATH), "scenarios": "all", "integer": integer}
    stats |= {"median": median, "q05": q05, "q95": q95}
    other = {**stats, "path": "citizens.visit_base_per_month", "scenarios": ["herten"]}
    return {"name": "calibrate_wetter", "parameters": {"in_migration": stats, "other": other}}


@settings(max_examples=80, deadline=None)
@given(
    ends=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=3, max_size=3),
    integer=st.booleans(),
)
def test_every_label_calibrate_writes_passes_the_schema(ends, integer):
    q05, median, q95 = sorted(ends)
    stamp = labels.stamp_of("2026-12-06", "1a2b3c4d5e6f")
    line = labels.lines(summary(median, q05, q95, integer), stamp)[0]
    number = yaml.safe_load(line)[".".join(PATH)]
    check_calibrated("x", number["value"], number["calibrated"])  # raises if not
    assert isinstance(number["value"], int) == integer


def test_the_overlay_calibrate_writes_applies_the_medians(tmp_path):
    path, _ = fixture_scenario(tmp_path, {"value": 0.035, "assumption": "before calibration"})
    (path.parent / "overlays").mkdir()
    text = labels.overlay(summary(0.0312, 0.027, 0.036), "2026-12-06, commit 1a2b3c4", path.stem)
    assert "citizens.visit_base_per_month" not in text  # applies to another scenario only
    (path.parent / "overlays" / "calibrate_wetter.yaml").write_text(text)
    scenario = load_scenario(path, overlays=["calibrate_wetter"])
    assert scenario.demography.in_migration_rate_per_year == 0.0312
    shutil.rmtree(path.parent / "overlays")


def test_labels_name_the_commit_the_calibration_ran_on(tmp_path):
    """The stamp comes from the calibration's manifest, not the checkout when it is written."""
    import json

    from simulator.calibration.outputs import _stamp

    manifest = {"git": {"commit": "0123456789abcdef", "dirty": False}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    assert _stamp(tmp_path).endswith(", commit 0123456")
