"""YAML 1.2 numbers and booleans: the forms YAML 1.1 reads differently are refused in one line.

``rooms: 010`` (octal 8 in YAML 1.1), ``years: 030``, ``opening_hours_per_week: 1:30`` (base 60:
90), ``rooms: yes`` (true, so 1) and ``--set facility.rooms=0x10`` (16) were silently changed
numbers; now each is exit 2 with ``error: FILE: FIELD.PATH: message``, in scenario, overlay,
experiment and shock files and in ``--set``, with and without libyaml.
"""

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from simulator.cli import app
from simulator.scenario import ScenarioError, load_scenario
from simulator.scenario.yaml_io import parse_yaml_text
from tests.conftest import ROOT, SCENARIOS

WETTER = SCENARIOS / "wetter_buergertreff.yaml"

# (line in the file, field path, a word of the message)
REFUSED = [
    ("rooms: 010", "facility.rooms", "leading zero"),
    ("rooms: 00", "facility.rooms", "leading zero"),
    ("rooms: -010", "facility.rooms", "leading zero"),
    ("floor_area_m2: 010.5", "facility.floor_area_m2", "leading zero"),
    ("opening_hours_per_week: 1:30", "facility.opening_hours_per_week", "base-60"),
    ("opening_hours_per_week: 10:00:00", "facility.opening_hours_per_week", "base-60"),
    ("rooms: yes", "facility.rooms", "true/false"),
    ("rooms: No", "facility.rooms", "true/false"),
    ("rooms: ON", "facility.rooms", "true/false"),
    ("rooms: off", "facility.rooms", "true/false"),
    ("rooms: 0x10", "facility.rooms", "decimal"),
    ("rooms: 0o17", "facility.rooms", "decimal"),
    ("rooms: 0b101", "facility.rooms", "decimal"),
    ("floor_area_m2: 1_000", "facility.floor_area_m2", "'_'"),
]


def facility_with(line: str) -> str:
    """Wetter's text with one line added to (or replacing the same key in) its facility."""
    key = line.split(":")[0]
    text = WETTER.read_text(encoding="utf-8")
    text = re.sub(rf"^  {key}: .*\n", "", text, count=1, flags=re.M)
    return text.replace("\nfacility:\n", f"\nfacility:\n  {line}\n", 1)


def validate(*args: str):
    return CliRunner().invoke(app, ["validate", *map(str, args)])


def one_line_refusal(result, file: str, field: str, word: str) -> None:
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith(f"error: {file}: {field}: "), line
    assert word in line


@pytest.mark.parametrize(("line", "field", "word"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_scenario_file_refuses_the_form(tmp_path, line, field, word):
    path = tmp_path / "s.yaml"
    path.write_text(facility_with(line), encoding="utf-8")
    one_line_refusal(validate(path), str(path), field, word)


@pytest.mark.parametrize(
    ("value", "word"),
    [("0x10", "decimal"), ("010", "leading zero"), ("yes", "true/false"), ("1:30", "base-60")],
)
def test_set_refuses_the_form(value, word):
    one_line_refusal(
        validate(WETTER, "--set", f"facility.rooms={value}"), "--set", "facility.rooms", word
    )


def test_an_overlay_refuses_the_form(tmp_path):
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    overlay = tmp_path / "scenarios" / "overlays" / "odd.yaml"
    overlay.write_text("overlay: odd\ndescription: x\nset:\n  time.years: 030\n", encoding="utf-8")
    result = validate(tmp_path / "scenarios" / "wetter_buergertreff.yaml", "--overlay", "odd")
    one_line_refusal(result, str(overlay), "set.time.years", "leading zero")


def test_an_experiment_file_refuses_the_form(tmp_path):
    text = (ROOT / "experiments" / "compare_organisation_models.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^replications: .*$", "replications: 010", text, count=1, flags=re.M)
    path = tmp_path / "e.yaml"
    path.write_text(text, encoding="utf-8")
    one_line_refusal(validate(path), str(path), "replications", "leading zero")


def test_a_shock_file_refuses_the_form(tmp_path):
    text = (ROOT / "experiments" / "stress_shocks.yaml").read_text(encoding="utf-8")
    text = text.replace("start_year: {value: 2027,", "start_year: {value: 02027,", 1)
    path = tmp_path / "shocks.yaml"
    path.write_text(text, encoding="utf-8")
    one_line_refusal(
        validate(path), str(path), "shocks.0.changes.0.start_year.value", "leading zero"
    )


# --- what YAML 1.2 reads, we read -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10", 10),
        ("-0", 0),
        ("+7", 7),
        ("0.5", 0.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),  # YAML 1.1 read text here; 1.2 reads a number
        ("2.5E-2", 0.025),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("null", None),
        ("~", None),
        ("", None),
        ("'010'", "010"),  # quoted: text, whatever it looks like
        ('"yes"', "yes"),
        ("2025-01-01", "2025-01-01"),  # no dates in YAML 1.2's core schema
        ("yesterday", "yesterday"),
        ("y", "y"),  # a boolean only in the YAML 1.1 spec; text in PyYAML and YAML 1.2
        ("N", "N"),
    ],
)
def test_yaml_12_core_schema_values(text, value):
    assert parse_yaml_text(f"x: {text}") == {"x": value}


def test_quoted_numbers_are_text_and_validated_as_such():
    s = load_scenario(WETTER, overrides={"facility.name": "010"})
    assert s.facility.name == "010"
    with pytest.raises(ScenarioError) as err:
        load_scenario(WETTER, overrides={"time.start_year": "2025-01-01"})
    assert err.value.field_path == "time.start_year"


PURE_PYTHON = r"""
import sys
sys.modules["yaml._yaml"] = None  # as if PyYAML had no libyaml
from simulator.scenario import ScenarioError
from simulator.scenario.yaml_io import _StrictLoader, parse_yaml_text
assert "CParser" not in [c.__name__ for c in _StrictLoader.__mro__]
for text in sys.argv[1:]:
    try:
        print(repr(parse_yaml_text(text, "F")))
    except ScenarioError as err:
        print(err)
"""

SAMPLES = [f"a:\n  b: [1, {r[0].split(': ')[1]}]" for r in REFUSED] + [
    "x: 1e3",
    "x: true",
    "x: 2025-01-01",
    "x: ~",
    "- 0.5",
]


def test_the_pure_python_path_reads_and_refuses_the_same(tmp_path):
    """Without libyaml PyYAML parses in Python; resolution is ours on both paths."""
    (tmp_path / "check.py").write_text(PURE_PYTHON, encoding="utf-8")
    argv = [sys.executable, str(tmp_path / "check.py"), *SAMPLES]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    here = []
    for text in SAMPLES:
        try:
            here.append(repr(parse_yaml_text(text, "F")))
        except ScenarioError as err:
            here.append(str(err))
    assert proc.stdout.splitlines() == here
    assert all(": a.b.1: " in line for line in here[: len(REFUSED)])


# --- never silently different from YAML 1.1, always YAML 1.2 where accepted ---------------------
number_like = st.text(alphabet="0123456789+-._:eExXoObB", min_size=1, max_size=10)
words = st.sampled_from(["yes", "Yes", "YES", "no", "on", "Off", "y", "N", "true", "NULL", "nan"])
# (y and N: text in both PyYAML and YAML 1.2, so the test below expects them as text.)


@settings(max_examples=400)
@given(text=st.one_of(number_like, words))
def test_an_accepted_plain_value_means_what_yaml_12_says_and_yaml_11_does_not_contradict(text):
    try:
        ours = parse_yaml_text(f"x: {text}")["x"]
    except ScenarioError as err:
        assert "\n" not in str(err)
        return
    try:
        theirs = yaml.safe_load(f"x: {text}")["x"]  # PyYAML = YAML 1.1
    except (yaml.YAMLError, ValueError):
        theirs = None
    if isinstance(ours, bool) or ours is None:
        assert ours == theirs
    elif isinstance(ours, int | float):
        assert ours == (int(text) if isinstance(ours, int) else float(text)) or ours != ours
        # 1.1 may read text where 1.2 reads a number ("1e3", "-.5"), never another number
        assert theirs == ours or isinstance(theirs, str)
    else:
        assert ours == text
        assert theirs == text or theirs is None  # 1.1 read text too (or failed)


@given(n=st.integers(0, 10**9), zeros=st.integers(1, 3), sign=st.sampled_from(["", "-", "+"]))
def test_every_leading_zero_integer_is_refused(n, zeros, sign):
    with pytest.raises(ScenarioError, match="leading zero"):
        parse_yaml_text(f"x: {sign}{'0' * zeros}{n}")
