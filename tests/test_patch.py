"""List patches: one field of one item by key, append, remove, replace; bad keys in one line.

The syntax is documented in scenarios/README.md and simulator/scenario/patch.py.
"""

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from simulator.cli import app
from simulator.scenario import ScenarioError, load_scenario
from simulator.scenario.loader import load_raw
from simulator.scenario.patch import (
    PATH_PATTERN,
    apply_patch,
    check_path,
    get_path,
    item_keys,
    parse_path,
    set_path,
)
from tests.conftest import scenario_path

WETTER = scenario_path("wetter_buergertreff")
HERTEN = scenario_path("herten_integration_centre")


def instruments(scenario) -> list[str]:
    return [i.instrument for i in scenario.financing]


# --- readable cases on the shipped scenarios ------------------------------------------------------
def test_patch_one_field_of_one_item_by_its_instrument():
    s = load_scenario(WETTER, overrides={"financing[membership_fees].fee_eur_per_year": 30})
    fees = next(i for i in s.financing if i.instrument == "membership_fees")
    assert fees.fee_eur_per_year == 30
    assert instruments(s) == instruments(load_scenario(WETTER))


def test_patch_one_provider_by_its_id():
    s = load_scenario(HERTEN, overrides={"providers[awo].budget_eur_per_year": 50000})
    assert {p.id: p.budget_eur_per_year for p in s.providers}["awo"] == 50000
    assert {p.id: p.budget_eur_per_year for p in s.providers}["caritas"] == 35000


def test_an_item_with_an_id_is_also_found_by_its_instrument():
    by_id = load_scenario(HERTEN, overrides={"financing[federal_programme].years": 2})
    by_instrument = load_scenario(HERTEN, overrides={"financing[programme_grant].years": 2})
    dotted_alias = load_scenario(HERTEN, overrides={"financing.programme_grant.years": 2})
    assert by_id == by_instrument == dotted_alias
    assert next(i for i in by_id.financing if i.instrument == "programme_grant").years == 2


def test_append_keeps_every_other_item():
    user_fees = {"instrument": "user_fees", "fee_eur_per_visit": 2.0}
    s = load_scenario(WETTER, overrides={"financing[+]": user_fees})
    base = load_scenario(WETTER)
    assert list(s.financing[:-1]) == list(base.financing)
    assert s.financing[-1].instrument == "user_fees"
    assert s.financing[-1].fee_eur_per_visit == 2.0


def test_remove_one_item():
    s = load_scenario(WETTER, overrides={"financing[-crowdfunding]": None})
    assert "crowdfunding" not in instruments(s)
    assert len(s.financing) == len(load_scenario(WETTER).financing) - 1


def test_replace_the_whole_list_as_before():
    s = load_scenario(WETTER, overrides={"financing": [{"instrument": "donations"}]})
    assert instruments(s) == ["donations"]


def test_two_appends_from_the_command_line_both_arrive():
    result = CliRunner().invoke(
        app,
        [
            "validate",
            str(WETTER),
            "--set",
            "financing[-membership_fees]=",
            "--set",
            "financing[+]={instrument: user_fees}",
            "--set",
            "financing[+]={instrument: membership_fees, fee_eur_per_year: 12}",
        ],
    )
    assert result.exit_code == 0, result.output
    pairs = [
        ("financing[-membership_fees]", ""),
        ("financing[+]", {"instrument": "user_fees"}),
        ("financing[+]", {"instrument": "membership_fees", "fee_eur_per_year": 12}),
    ]
    assert instruments(load_scenario(WETTER, overrides=pairs))[-2:] == [
        "user_fees",
        "membership_fees",
    ]


def test_a_child_scenario_patches_its_parents_list_in_set(tmp_path):
    (tmp_path / "base.yaml").write_text(WETTER.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "child.yaml").write_text(
        "extends: base.yaml\nname: child\nset:\n"
        "  financing[municipal_grant].amount_eur_per_year: 9000\n"
        "  financing[-crowdfunding]: null\n"
        "  financing[+]: {instrument: user_fees}\n",
        encoding="utf-8",
    )
    s = load_scenario(tmp_path / "child.yaml")
    grant = next(i for i in s.financing if i.instrument == "municipal_grant")
    assert grant.amount_eur_per_year == 9000
    assert instruments(s)[-1] == "user_fees" and "crowdfunding" not in instruments(s)


def test_a_child_scenarios_own_list_replaces_the_parents(tmp_path):
    (tmp_path / "base.yaml").write_text(WETTER.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "child.yaml").write_text(
        "extends: base.yaml\nname: child\nfinancing: [{instrument: donations}]\n", encoding="utf-8"
    )
    assert instruments(load_scenario(tmp_path / "child.yaml")) == ["donations"]


# --- two items with the same key ------------------------------------------------------------------
TWO_GRANTS = {
    "financing": [
        {"instrument": "municipal_grant", "amount_eur_per_year": 1},
        {"instrument": "donations"},
        {"instrument": "municipal_grant", "amount_eur_per_year": 2},
    ]
}


def test_a_repeated_key_is_refused_unless_numbered():
    doc = copy.deepcopy(TWO_GRANTS)
    with pytest.raises(ScenarioError, match="municipal_grant#1, municipal_grant#2"):
        set_path(doc, "financing[municipal_grant].amount_eur_per_year", 5, "f.yaml")
    set_path(doc, "financing[municipal_grant#2].amount_eur_per_year", 5, "f.yaml")
    assert [i.get("amount_eur_per_year") for i in doc["financing"]] == [1, None, 5]
    assert item_keys(doc["financing"]) == ["municipal_grant#1", "donations", "municipal_grant#2"]
    set_path(doc, "financing[-municipal_grant#1]", None, "f.yaml")
    assert doc["financing"][0] == {"instrument": "donations"}


# --- bad paths: one line, exit 2, the valid keys listed ---------------------------------------------
def test_a_bad_key_lists_the_valid_keys_in_one_line():
    result = CliRunner().invoke(
        app, ["validate", str(WETTER), "--set", "financing[user_fee].fee_eur_per_visit=2"]
    )
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.count("\n") == 0
    assert line.startswith("error: --set: financing[user_fee]: no item with key 'user_fee'")
    for key in ("nrw_quarter_programme", "membership_fees", "crowdfunding", "volunteer_time"):
        assert key in line


@pytest.mark.parametrize(
    ("path", "value", "field", "message"),
    [
        ("financing[9]", {}, "financing[9]", "no item at index 9"),
        ("financing[-crowdfunding]", 3, "financing[-crowdfunding]", "takes no value"),
        ("financing[+].years", 3, "financing[+]", "may only end a path"),
        ("facility[0]", 1, "facility", "not a list"),
        ("financing[]", 1, "financing[]", "a selector is"),
        ("financing[crowdfunding#2].goal_eur", 1, "financing[crowdfunding#2]", "1 item"),
        ("financing..x", 1, "financing..x", "empty step"),
        ("financing[a]b", 1, "financing[a]b", "not a key[selector] step"),
    ],
)
def test_malformed_patches_are_refused(path, value, field, message):
    with pytest.raises(ScenarioError) as err:
        load_scenario(WETTER, overrides={path: value})
    assert err.value.field_path == field
    assert message in err.value.message


def test_check_path_accepts_appends_and_existing_items_only():
    doc = load_raw(WETTER)
    check_path(doc, "financing[+]")
    check_path(doc, "financing[-crowdfunding]")
    check_path(doc, "financing[crowdfunding].goal_eur")
    with pytest.raises(ScenarioError, match="valid keys"):
        check_path(doc, "financing[-lottery]")
    with pytest.raises(ScenarioError, match="not a list"):
        check_path(doc, "facility[+]")


# --- invariants -------------------------------------------------------------------------------------
WETTER_DOC = load_raw(WETTER)
KEYS = item_keys(WETTER_DOC["financing"])
FIELDS = sorted(
    {k for item in WETTER_DOC["financing"] for k in item if k not in ("instrument", "id")}
)
values = st.one_of(st.integers(-(10**6), 10**6), st.floats(allow_nan=False), st.text(max_size=8))


@given(key=st.sampled_from(KEYS), field=st.sampled_from(FIELDS), value=values)
def test_patch_then_read_back(key, field, value):
    doc = copy.deepcopy(WETTER_DOC)
    set_path(doc, f"financing[{key}].{field}", value, "<test>")
    assert get_path(doc, f"financing[{key}].{field}") == value
    others = [i for i in doc["financing"] if item_keys([i]) != [key]]
    assert others == [i for i in WETTER_DOC["financing"] if item_keys([i]) != [key]]


@given(
    item=st.fixed_dictionaries(
        {"instrument": st.sampled_from(["user_fees", "donations", "crowdfunding", "foundation"])},
        optional={"id": st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)},
    ),
    start=st.integers(0, len(KEYS)),
)
def test_append_then_remove_is_the_identity(item, start):
    doc = copy.deepcopy(WETTER_DOC)
    doc["financing"] = doc["financing"][:start]  # any list, also with the new key in it already
    before = copy.deepcopy(doc)
    apply_patch(doc, [("financing[+]", item)])
    key = item_keys(doc["financing"])[-1]
    apply_patch(doc, [(f"financing[-{key}]", None)])
    assert doc == before


path_texts = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda head, sel, tail: f"{head}[{sel}]{tail}",
        st.sampled_from(["financing", "providers", "town.districts", "facility", "x"]),
        st.one_of(st.text(max_size=12), st.sampled_from(["+", "-", "-+", "#1", "a#0", "0"])),
        st.one_of(st.just(""), st.text(max_size=12).map(lambda t: "." + t)),
    ),
)


@settings(max_examples=300)
@given(path=path_texts, value=st.one_of(st.none(), st.integers(), st.text(max_size=5)))
def test_a_bad_path_raises_nothing_but_a_one_line_scenario_error(path, value):
    doc = copy.deepcopy(WETTER_DOC)
    for operation in (
        lambda: set_path(doc, path, value, "<test>"),
        lambda: get_path(doc, path),
        lambda: check_path(doc, path),
    ):
        try:
            operation()
        except ScenarioError as err:
            assert "\n" not in str(err)


def test_the_published_pattern_admits_the_documented_forms():
    for path in (
        "facility.staff_fte",
        "financing[user_fees].fee_eur_per_visit",
        "financing[municipal_grant#2].years",
        "town.districts[0].distance_km",
        "financing[+]",
        "financing[-crowdfunding]",
        "financing.programme_grant.years",
    ):
        assert re.match(PATH_PATTERN, path), path
        parse_path(path, "<test>")


def test_items_without_id_or_instrument_are_found_by_their_name():
    """The municipality's spending lines and consolidation measures are addressed by name."""
    doc = {"lines": [{"name": "culture", "eur": 60}, {"name": "sports", "eur": 40}]}
    apply_patch(doc, {"lines[sports].eur": 45}, "--set")
    assert doc["lines"][1]["eur"] == 45
    with pytest.raises(ScenarioError, match="valid keys: culture, sports"):
        apply_patch(doc, {"lines[sport].eur": 1}, "--set")
