"""Names from input files are bounded and printable: no terminal escape codes reach a screen.

A name such as ``"\\x1b[2J"`` would clear the terminal of whoever runs ``dewak``, ``"\\u202e"``
reverses the text after it; both are refused at validation with one line and exit 2.
"""

import copy
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from simulator.cli import app
from simulator.scenario import ScenarioError, load_scenario, validate
from simulator.scenario.loader import load_raw
from simulator.scenario.schema.base import UNPRINTABLE
from tests.conftest import SCENARIOS

WETTER = SCENARIOS / "wetter_buergertreff.yaml"
HERTEN = SCENARIOS / "herten_integration_centre.yaml"

NAMES = [
    ("facility.name", "facility.name", ()),
    ("town.name", "town.name", ()),
    ("providers[0].name", "providers.0.name", ()),
    ("housing_company.name", "housing_company.name", ()),
    ("town.districts[1].name", "town.districts.1.name", ()),
    ("facility.district", "facility.district", ()),
    ("municipality.fiscal_shocks[0].name", "municipality.fiscal_shocks.0.name", ("fiscal_stress",)),
]
BAD = ["\x1b[2J", "red \x1b[31m", "\x07", "\x9b31m", "a\u202eb", "a\u2028b", "line\nbreak", "\x00"]


@pytest.mark.parametrize("bad", BAD, ids=[ascii(b) for b in BAD])
@pytest.mark.parametrize(("path", "field", "overlays"), NAMES, ids=[n[0] for n in NAMES])
def test_control_characters_in_names_are_refused(path, field, overlays, bad):
    with pytest.raises(ScenarioError) as err:
        load_scenario(WETTER, overlays=overlays, overrides={path: f"Treff {bad}"})
    assert err.value.field_path == field
    assert "control character U+" in err.value.message


def test_the_refusal_is_one_escaped_line_with_exit_2():
    result = CliRunner().invoke(
        app, ["validate", str(WETTER), "--set", 'facility.name="\\x1b]0;owned\\x07Treff"']
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith(f"error: {WETTER}: facility.name: ")


@pytest.mark.parametrize(
    ("path", "limit"),
    [("facility.name", 120), ("town.name", 80), ("providers[0].name", 120), ("question", 2000)],
)
def test_names_have_a_length_limit(path, limit):
    load_scenario(HERTEN, overrides={path: "x" * limit})
    with pytest.raises(ScenarioError, match="at most"):
        load_scenario(HERTEN, overrides={path: "x" * (limit + 1)})


def test_a_question_may_span_lines_but_not_carry_escapes():
    assert load_scenario(WETTER, overrides={"question": "Who pays?\n\tAnd for how long?"})
    with pytest.raises(ScenarioError, match="U\\+001B"):
        load_scenario(WETTER, overrides={"question": "Who pays?\x1b[8m"})


def test_german_names_stay_allowed():
    s = load_scenario(WETTER, overrides={"facility.name": "Bürgertreff „Am Südhang“ – Café & Co."})
    assert s.facility.name.startswith("Bürgertreff")


HERTEN_DOC = load_raw(HERTEN)


@given(st.text(min_size=1, max_size=60))
def test_a_name_is_accepted_exactly_when_it_is_printable(text):
    printable = all(unicodedata.category(ch) not in UNPRINTABLE for ch in text)
    doc = copy.deepcopy(HERTEN_DOC)
    doc["housing_company"]["name"] = text
    try:
        s = validate(doc, "<test>")
    except ScenarioError as err:
        assert not printable and err.field_path == "housing_company.name"
    else:
        assert printable and s.housing_company.name == text
