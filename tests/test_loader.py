"""Loading: extends, overlays, dotted overrides, and errors that name file and field path."""

import pytest

from simulator.scenario import ScenarioError, load_scenario, parse_override
from tests.conftest import scenario_path

HERTEN = scenario_path("herten_integration_centre")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def copy_town(tmp_path):
    base = write(tmp_path, "base.yaml", HERTEN.read_text())
    (tmp_path / "overlays").mkdir()
    for overlay in (HERTEN.parent / "overlays").glob("*.yaml"):
        write(tmp_path / "overlays", overlay.name, overlay.read_text())
    return base


def test_extends_with_set_and_overlays(tmp_path):
    copy_town(tmp_path)
    child = write(
        tmp_path,
        "child.yaml",
        "extends: base.yaml\nname: child\noverlays: [ageing]\n"
        "set:\n  facility.staff_fte: 0.5\n  financing.programme_grant.years: 2\n",
    )
    s = load_scenario(child)
    assert s.name == "child"
    assert s.facility.staff_fte == 0.5
    assert s.demography.tfr == pytest.approx(1.30)  # from the ageing overlay
    grant = next(i for i in s.financing if i.instrument == "programme_grant")
    assert grant.years == 2


def test_overrides_by_index_and_by_instrument_key():
    s = load_scenario(
        HERTEN,
        overrides={"financing.0.share": 0.5, "financing.municipal_grant.amount_eur_per_year": 1.0},
    )
    assert s.financing[0].share == 0.5
    assert (
        next(i for i in s.financing if i.instrument == "municipal_grant").amount_eur_per_year == 1.0
    )


def test_set_values_are_yaml_data():
    assert parse_override("facility.staff_fte=0.5") == ("facility.staff_fte", 0.5)
    assert parse_override("facility.name=__import__('os')") == ("facility.name", "__import__('os')")
    with pytest.raises(ScenarioError):
        parse_override("facility.name=!!python/object/apply:os.system ['true']")


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"facility.staff_fte": -1}, "facility.staff_fte"),
        ({"organisation.model": "anarchy"}, "organisation.model"),
        ({"facility.nonsense": 1}, "facility.nonsense"),
        ({"town.districts.0.population_share": 0.9}, "town"),
        ({"financing.0.instrument": "lottery"}, "financing.0"),
        ({"no.such.path": 1}, "no"),
    ],
)
def test_errors_name_file_and_field(override, field):
    with pytest.raises(ScenarioError) as err:
        load_scenario(HERTEN, overrides=override)
    assert field in err.value.field_path
    assert str(err.value).count("\n") == 0


def test_references_stay_inside_the_scenario_folder(tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    write(tmp_path, "outside.yaml", "name: x\n")
    child = write(inner, "child.yaml", "extends: ../outside.yaml\n")
    with pytest.raises(ScenarioError, match="outside the scenario folder"):
        load_scenario(child)
    with pytest.raises(ScenarioError, match="overlay name"):
        load_scenario(HERTEN, overlays=["../../etc/passwd"])


def test_duplicate_keys_and_aliases_are_refused(tmp_path):
    dup = write(tmp_path, "dup.yaml", "name: a\nname: b\n")
    with pytest.raises(ScenarioError, match="duplicate key"):
        load_scenario(dup)
    alias = write(tmp_path, "alias.yaml", "a: &x [1, 2]\nb: *x\n")
    with pytest.raises(ScenarioError, match="aliases"):
        load_scenario(alias)
