"""Fuzzing the scenario loader and ``dewak validate`` with hostile YAML (hypothesis).

Inputs: generated YAML documents, snippets known to break loaders, and text- and data-level
mutations of every shipped scenario, overlay and experiment file (hostile_yaml.py). Every input
must either validate or be refused with exit code 2 and one line ``error: FILE: FIELD.PATH:
message`` naming a file of the project (or ``--set``) and a field path: never a traceback, never
a hang (a watchdog bounds every example). ``make test-long`` runs many more examples.
"""

from __future__ import annotations

import shutil
import traceback
from pathlib import Path

import pytest
from hostile_yaml import EXAMPLE_EXPERIMENT, NASTY_SNIPPETS, hostile_documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import ROOT, SCENARIO_DIR, SHIPPED, watchdog
from typer.testing import CliRunner

from simulator.cli import app
from simulator.scenario import Scenario, ScenarioError, load_scenario

# Each example parses and validates a shipped-size file (~10-30 ms); the default profile stays small.
FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LONG = settings(FAST, max_examples=2000)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of scenarios/ (with overlays) and an experiments/ folder beside it."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(SCENARIO_DIR, root / "scenarios")
    shutil.copytree(ROOT / "experiments", root / "experiments")
    (root / "experiments" / "example.yaml").write_text(EXAMPLE_EXPERIMENT)
    return root


def place(project: Path, name: str, text: str) -> tuple[Path, list[str]]:
    """Write a fuzzed file where its original lives; return it and the ``validate`` arguments."""
    if name.startswith("scenarios/overlays/"):
        path = project / "scenarios" / "overlays" / "fuzzed.yaml"
        base = project / "scenarios" / "wetter_buergertreff.yaml"
        args = ["validate", str(base), "--overlay", "fuzzed"]
    else:
        path = project / Path(name).parent / "fuzzed.yaml"
        args = ["validate", str(path)]
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    return path, args


def assert_refusal_line(line: str, project: Path) -> None:
    """``error: FILE: FIELD.PATH: message`` with a project file (or --set) and a field path."""
    assert "\n" not in line.strip(), f"more than one line: {line!r}"
    assert line.startswith("error: "), line
    file, _, rest = line[len("error: ") :].partition(": ")
    assert file.startswith(str(project)) or file == "--set", f"no project file: {line!r}"
    field_path, sep, message = rest.partition(": ")
    assert field_path and sep and message.strip(), f"no 'FIELD.PATH: message': {line!r}"


def check_validate(args: list[str], project: Path) -> int:
    """Invoke ``dewak validate`` in-process; exit 0 or a one-line refusal with exit 2."""
    with watchdog(30):
        result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exc = result.exception
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        pytest.fail(f"traceback for {args}:\n{tb}")
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert_refusal_line(lines[0], project)
    else:
        assert result.stdout.startswith("ok: "), result.stdout
    return result.exit_code


def check_loader(path: Path) -> None:
    """``load_scenario`` returns a Scenario or raises ScenarioError with a one-line text."""
    with watchdog(30):
        try:
            assert isinstance(load_scenario(path), Scenario)
        except ScenarioError as err:
            text = str(err)
            assert "\n" not in text and text.startswith(err.file) and err.field_path


@settings(FAST, max_examples=150)
@given(doc=hostile_documents())
def test_loader_accepts_or_refuses_every_document(project, doc):
    name, text = doc
    path, _ = place(project, name if name.startswith("scenarios/") else "scenarios/x.yaml", text)
    check_loader(path)


@FAST
@given(doc=hostile_documents())
def test_validate_exits_0_or_2_with_file_and_field(project, doc):
    name, text = doc
    _, args = place(project, *doc)
    check_validate(args, project)


set_items = st.one_of(
    st.text(max_size=60),
    st.tuples(
        st.sampled_from(
            ["facility.staff_fte", "town.districts.0.name", "financing.0", "time", "a.b", "²"]
        ),
        st.one_of(st.sampled_from(NASTY_SNIPPETS), st.text(max_size=40)),
    ).map(lambda pair: f"{pair[0]}={pair[1]}"),
)


@FAST
@given(items=st.lists(set_items, min_size=1, max_size=3), overlay=st.text(max_size=20))
def test_set_and_overlay_options_never_crash(project, items, overlay):
    args = ["validate", str(project / "scenarios" / "wetter_buergertreff.yaml")]
    for item in items:
        args += ["--set", item]
    if overlay:
        args += ["--overlay", overlay]
    check_validate(args, project)


def test_shipped_files_validate(project):
    """The seeds of the mutations are valid themselves (else every mutation is trivially refused)."""
    for path in SHIPPED:
        path = project / "scenarios" / path.name
        assert check_validate(["validate", str(path)], project) == 0
    for path in sorted((ROOT / "experiments").glob("*.yaml")):
        # a sweep on posterior draws validates once its calibrations have run (not in this copy)
        expected = 2 if "kind: posterior" in path.read_text(encoding="utf-8") else 0
        assert (
            check_validate(["validate", str(project / "experiments" / path.name)], project)
            == expected
        )
    assert check_validate(["validate", str(project / "experiments" / "example.yaml")], project) == 0


@pytest.mark.long
@LONG
@given(doc=hostile_documents())
def test_validate_fuzz_long(project, doc):
    _, args = place(project, *doc)
    check_validate(args, project)
