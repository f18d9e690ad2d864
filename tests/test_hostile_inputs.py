"""Hostile scenario input, case by case: each is refused with exit 2 and one line naming file
and field path, without a traceback, within bounded time and memory, writing nothing.

The fuzz tests (test_fuzz_loader.py) cover random inputs; these pin the cases users and
attackers actually try. Most run ``dewak`` in-process (typer's CliRunner); a few run the real
console script in a subprocess.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hostile_yaml import dump
from strategies import SCENARIO_DIR, watchdog
from typer.testing import CliRunner

from simulator.cli import app
from simulator.scenario import ScenarioError, load_scenario
from simulator.scenario.loader import set_path
from simulator.scenario.yaml_io import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

WETTER = SCENARIO_DIR / "wetter_buergertreff.yaml"
DELETE = object()
DEWAK = Path(sys.executable).with_name("dewak")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of scenarios/ (with overlays) as the current folder, so nothing lands in the repo."""
    shutil.copytree(SCENARIO_DIR, tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def wetter_doc() -> dict:
    return yaml.safe_load(WETTER.read_text(encoding="utf-8"))


def write(project: Path, content, name: str = "bad.yaml") -> str:
    """Write a document (or raw text) into the project's scenarios/; return its relative path."""
    text = content if isinstance(content, str) else dump(content)
    (project / "scenarios" / name).write_text(text, encoding="utf-8")
    return f"scenarios/{name}"


def dewak(*args: str):
    return CliRunner().invoke(app, list(args))


def refused(result, field: str | None = None, mention: str = "") -> str:
    """Exit 2, no exception but the exit, one line ``error: FILE: FIELD.PATH: message``."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    parts = lines[0][len("error: ") :].split(": ", 2)
    assert len(parts) == 3 and all(parts), lines[0]
    if field is not None:
        assert parts[1] == field, lines[0]
    assert mention in lines[0]
    return lines[0]


def nothing_written(project: Path) -> None:
    assert sorted(p.name for p in project.iterdir()) == ["scenarios"]


# --- at least 15 kinds of malformed scenario files for `dewak run` ---------------------------
MALFORMED = [
    ("NaN", "facility.staff_fte", math.nan, "facility.staff_fte"),
    ("infinity as text", "facility.rent_eur_per_m2_month", "inf", "facility.rent_eur_per_m2_month"),
    ("number beyond 1e12", "municipality.general_reserve_eur", -1e13, None),
    ("infinity", "facility.rent_eur_per_m2_month", -math.inf, "facility.rent_eur_per_m2_month"),
    (
        "NaN with provenance",
        "town.migrant_share",
        {"value": math.nan, "source": "x"},
        "town.migrant_share.value",
    ),
    ("negative population", "town.population", -5, "town.population"),
    ("negative rooms", "facility.rooms", -1, "facility.rooms"),
    ("negative hours", "providers.0.offer_hours_per_week", -3, "providers.0.offer_hours_per_week"),
    ("district shares sum to 1.31", "town.districts.0.population_share", 0.5, "town.districts"),
    (
        "time classes sum to 0.8",
        "citizens.volunteering",
        {"hours_probabilities": [0.5, 0.2, 0.1]},
        "citizens.volunteering.hours_probabilities",
    ),
    ("share above 1", "town.migrant_share", 1.5, "town.migrant_share"),
    ("unknown top-level key", "colour", "blue", "colour"),
    ("unknown nested key", "facility.colour", "blue", "facility.colour"),
    ("text for a count", "facility.rooms", "three", "facility.rooms"),
    ("number for a list", "town.districts", 5, "town.districts"),
    ("list for a section", "facility", [1, 2], "facility"),
    ("unknown organisation model", "organisation.model", "anarchy", "organisation.model"),
    ("unknown instrument", "financing.0.instrument", "lottery", "financing.0.instrument"),
    ("start year before 1990", "time.start_year", 1800, "time.start_year"),
    ("calendar date for a year", "time.start_year", dt.date(2025, 1, 1), "time.start_year"),
    (
        "shock in year 3000",
        "demography.shocks",
        [{"start_year": 3000, "share_of_population": 0.01}],
        "demography.shocks.0.start_year",
    ),
    ("missing required field", "town.population", DELETE, "town.population"),
    ("facility in no district", "facility.district", "Atlantis", "facility.district"),
    (
        "unknown lead provider",
        "organisation",
        {"model": "single_provider", "lead_provider": "nobody"},
        "organisation.lead_provider",
    ),
    (
        "setting of another model",
        "organisation.member_capital_eur",
        100,
        "organisation.citizen_association.member_capital_eur",
    ),
    (
        "source and assumption",
        "facility.staff_fte",
        {"value": 1, "source": "a", "assumption": "b"},
        "facility.staff_fte",
    ),
    ("unknown age table", "town.age_table", "atlantis_2020", "town.age_table"),
    ("name with a slash", "name", "../etc", "name"),
    ("extends outside the folder", "extends", "../../etc/passwd", "extends"),
    ("unknown overlay", "overlays", ["no_such_overlay"], "overlays"),
    ("path through a value", "set", {"facility.rooms.x": 1}, "facility.rooms"),
]


@pytest.mark.parametrize(
    ("kind", "path", "value", "field"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_dewak_run_refuses_malformed_scenarios(project, kind, path, value, field):
    doc = wetter_doc()
    if value is DELETE:
        section, key = path.split(".")
        del doc[section][key]
    else:
        set_path(doc, path, copy.deepcopy(value), "<test>")
    result = dewak("run", write(project, doc), "--years", "1", "--out", "out")
    refused(result, field or path)
    nothing_written(project)


def test_dewak_run_refuses_a_document_that_is_not_a_mapping(project):
    refused(dewak("run", write(project, "- 1\n- 2\n")), "(document)", "mapping")
    nothing_written(project)


# --- YAML-level attacks -------------------------------------------------------------------------
def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_fast_with_bounded_memory(project):
    path = write(project, billion_laughs())
    tracemalloc.start()
    try:
        with watchdog(10), pytest.raises(ScenarioError, match="aliases"):
            load_scenario(path)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak_bytes < 5_000_000  # 9**9 strings would take gigabytes
    refused(dewak("validate", path), "(document)", "aliases")


@pytest.mark.parametrize(
    "text",
    ["[" + "1," * (MAX_FILE_BYTES // 2 - 2) + "1]", "".join(f"k{i}: 1\n" for i in range(120_000))],
    ids=["one flow list", "one block mapping"],
)
def test_a_megabyte_of_tiny_values_is_refused_with_bounded_memory(project, text):
    path = write(project, text[:MAX_FILE_BYTES])
    tracemalloc.start()
    try:
        with watchdog(60), pytest.raises(ScenarioError, match=f"more than {MAX_NODES} values"):
            load_scenario(path)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak_bytes < 50_000_000  # a full parse of such a file took 320 MB


@pytest.mark.parametrize("text", ["base: &b {x: 1}\nother: *b\n", "a: &a 1\n<<: *a\n"])
def test_any_alias_is_refused(project, text):
    refused(dewak("validate", write(project, text)), "(document)", "aliases")


def test_file_above_the_size_limit_is_refused(project):
    text = WETTER.read_text(encoding="utf-8")
    padding = "#" * (MAX_FILE_BYTES + 1 - len(text.encode()))
    refused(dewak("validate", write(project, text + padding)), "(document)", "larger than")
    big = "x" * (MAX_FILE_BYTES + 1)
    refused(dewak("validate", str(WETTER), "--set", f"facility.name={big}"), "facility.name")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "a: " + "{a: " * 5_000,
        "- " * 5_000 + "x",
        "q:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)),
    ],
    ids=["flow sequences", "flow mappings", "block sequences", "block mappings"],
)
def test_deeply_nested_documents_are_refused(project, text):
    with watchdog(20):
        line = refused(dewak("validate", write(project, text)), "(document)", "nesting")
    assert (
        f"deeper than {MAX_DEPTH}" in line or "maximum nesting depth" in line
    )  # ours or libyaml's


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "9" * 5000 + "\n",
        "x: !!python/name:os.system ''\n",
        "x: !!float abc\n",
        "x: !!timestamp abc\n",
        "x: !!bool maybe\n",
        "x: !!binary aGVsbG8=\n",
    ],
    ids=["5000-digit integer", "python tag", "float tag", "timestamp", "bool", "binary"],
)
def test_scalars_that_crash_naive_loaders_are_refused(project, text):
    refused(dewak("validate", write(project, text)), "(document)", "not valid YAML")


def test_untrusted_keys_cannot_break_the_one_line_message(project):
    doc = wetter_doc()
    doc["facility"]["bad\nkey"] = 1
    assert "bad\\nkey" in refused(dewak("validate", write(project, doc)), "facility.bad\\nkey")
    doc = wetter_doc()
    doc["facility"]["\ud800"] = 1  # a lone surrogate (YAML escape "\ud800") cannot be printed
    refused(dewak("validate", write(project, doc)))


PURE_PYTHON_YAML = r"""
import sys
sys.modules["yaml._yaml"] = None  # as if PyYAML had no libyaml
import yaml
from simulator.scenario import ScenarioError
from simulator.scenario.yaml_io import _StrictLoader, parse_yaml_text
assert "CParser" not in [c.__name__ for c in _StrictLoader.__mro__]
text = open(sys.argv[1]).read()
assert parse_yaml_text(text) == yaml.safe_load(text)
for bad in ["a: &x 1\nb: *x", "x: !!int 1", "[" * 100, "a: 1\na: 2", "[" + "1," * 30000 + "1]"]:
    try:
        parse_yaml_text(bad)
    except ScenarioError:
        continue
    raise SystemExit(f"accepted: {bad[:20]!r}")
print("fallback ok")
"""


def test_pure_python_yaml_applies_the_same_checks(tmp_path):
    """Without libyaml the loader uses PyYAML's Python parser, with the same refusals."""
    (tmp_path / "check.py").write_text(PURE_PYTHON_YAML)
    argv = [sys.executable, str(tmp_path / "check.py"), str(WETTER)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "fallback ok" in proc.stdout, proc.stderr


# --- files that are not files, and references out of the folder --------------------------------
def test_paths_that_are_not_readable_files_are_refused(project):
    refused(dewak("validate", "scenarios/missing.yaml"), "(document)", "file not found")
    refused(dewak("validate", f"{WETTER}/x.yaml"), "(document)")
    refused(dewak("validate", "scenarios"), "(document)", "not a file")
    os.mkfifo(project / "scenarios" / "pipe.yaml")
    with watchdog(10):  # opening a FIFO for reading would block forever
        refused(dewak("validate", "scenarios/pipe.yaml"), "(document)", "not a file")
    refused(dewak("validate", "/dev/zero"), "(document)", "not a file")


@pytest.mark.parametrize(
    "target",
    ["../outside.yaml", "../../etc/passwd", "/etc/passwd", "link.yaml", "overlays/../../x"],
)
def test_extends_outside_the_scenario_folder_is_refused(project, target):
    (project / "outside.yaml").write_text(WETTER.read_text(encoding="utf-8"))
    (project / "scenarios" / "link.yaml").symlink_to(project / "outside.yaml")
    line = refused(dewak("validate", write(project, {"extends": target})), "extends")
    assert "outside the scenario folder" in line


def test_extends_inside_the_folder_works(project):
    doc = {"extends": "wetter_buergertreff.yaml", "set": {"facility.staff_fte": 0.5}}
    assert dewak("validate", write(project, doc)).exit_code == 0


def test_overlay_names_and_overlay_links_cannot_leave_the_folder(project):
    refused(
        dewak("validate", write(project, {"extends": WETTER.name, "overlays": ["../x"]})),
        "overlays",
    )
    refused(dewak("validate", str(WETTER), "--overlay", "../../etc/passwd"), "overlays")
    outside = project / "evil.yaml"
    outside.write_text("overlay: evil\nset: {facility.staff_fte: 0.1}\n")
    (project / "scenarios" / "overlays" / "evil.yaml").symlink_to(outside)
    copy_of_wetter = "scenarios/wetter_buergertreff.yaml"
    line = refused(dewak("validate", copy_of_wetter, "--overlay", "evil"), "overlays")
    assert "outside the scenario folder" in line


# --- --set is data, never code ------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ['!!python/object/apply:os.system ["touch MARKER"]', "!!python/name:os.system", "{{7*7}}"],
)
def test_set_refuses_tags_and_never_runs_them(project, value):
    refused(dewak("validate", str(WETTER), "--set", f"facility.name={value}"), "facility.name")
    assert not (project / "MARKER").exists()


def test_set_values_stay_strings_or_are_type_errors(project):
    code = "__import__('os').system('touch MARKER')"
    assert dewak("validate", str(WETTER), "--set", f"facility.name={code}").exit_code == 0
    overrides = dict([("facility.name", yaml.safe_load(code))])
    assert load_scenario(WETTER, overrides=overrides).facility.name == code
    refused(
        dewak("validate", str(WETTER), "--set", "facility.rooms=__import__('os')"), "facility.rooms"
    )
    refused(dewak("validate", str(WETTER), "--set", "facility.rooms=7*7"), "facility.rooms")
    refused(
        dewak("validate", str(WETTER), "--set", "facility.staff_fte=.nan"), "facility.staff_fte"
    )
    refused(dewak("validate", str(WETTER), "--set", "town.districts.².name=x"), "town.districts.²")
    assert not (project / "MARKER").exists()


def test_negative_seed_is_a_usage_error(project):
    result = dewak("run", str(WETTER), "--seed", "-1", "--years", "1", "--out", "out")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    nothing_written(project)


# --- the real console script --------------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "scenarios/bomb.yaml"],
        ["run", "scenarios/bad.yaml", "--years", "1"],
        [
            "run",
            "scenarios/wetter_buergertreff.yaml",
            "--set",
            "facility.name=!!python/object/apply:os.system [x]",
        ],
    ],
    ids=["alias bomb", "unknown key", "python tag in --set"],
)
def test_console_script_exits_2_without_traceback(project, args):
    write(project, billion_laughs(), "bomb.yaml")
    doc = wetter_doc()
    doc["colour"] = "blue"
    write(project, doc)
    proc = subprocess.run([str(DEWAK), *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error: ")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (project / "results").exists()
