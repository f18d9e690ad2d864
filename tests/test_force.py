"""``--force`` replaces only a result of the same kind; nothing else is ever deleted (issue #16, 1).

Before: ``dewak run --out ~/thesis --force`` deleted the user's ``chapter1.txt``; a file or a
symbolic link given as ``--out`` was moved to a hidden ``.NAME-tmp-XXXX``; a running sweep's
folder lost its batches; ``stress-test --set name=..`` made the default folder ``results/``.
Now every writer asks :func:`simulator.folders.inspect` first: a folder is replaced only when it
holds a result of the writer's own kind (its manifest says so and every entry is one the kind
writes) and no running batch holds its lock; files, links, foreign folders and ``..`` never.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import simulator
from simulator.atomic import publish_folder
from simulator.folders import ResultKind
from simulator.runner import RUN_RESULT, write_run
from simulator.scenario import ScenarioError
from tests.fault_support import SMALL, WETTER, dewak, one_line_error, small_sweep, tree

RUN = ["run", WETTER, "--years", "1", *SMALL]


@pytest.fixture(scope="module")
def result():
    scenario = simulator.load_scenario(WETTER, overrides={"town.population": 3000})
    return simulator.run(scenario, seed=1, years=1)


def test_run_force_never_deletes_a_folder_with_a_users_file(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.txt").write_text("two years of work")
    before = tree(tmp_path)
    done = dewak(*RUN, "--out", thesis, "--force", process=True)  # the real script, end to end
    assert done.returncode == 2
    one_line_error(done.stderr, str(thesis), "--out", "chapter1.txt")
    assert tree(tmp_path) == before


@pytest.mark.parametrize("what", ["file", "symlink", "dot-dot", "dot"])
def test_run_force_refuses_files_links_and_dot_names(tmp_path, what):
    target = tmp_path / "target"
    (tmp_path / "real").mkdir()
    out = {"file": target, "symlink": target, "dot-dot": tmp_path / "real" / "..", "dot": "."}
    if what == "file":
        target.write_text("keep me")
    if what == "symlink":
        target.symlink_to(tmp_path / "real")
    before = tree(tmp_path)
    done = dewak(*RUN, "--out", out[what], "--force", cwd=tmp_path / "real")
    assert done.returncode == 2
    one_line_error(done.stderr, "--out:")
    assert tree(tmp_path) == before  # no hidden .target-tmp-XXXX either


def test_run_force_replaces_its_own_result_only(tmp_path, result):
    out = tmp_path / "run"
    write_run(result, out)
    assert {p.name for p in out.iterdir()} == RUN_RESULT.files  # the kind lists what it writes
    with pytest.raises(ScenarioError, match="use --force"):
        write_run(result, out)
    write_run(result, out, force=True)
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ScenarioError, match="notes.txt"):
        write_run(result, out, force=True)
    assert (out / "notes.txt").read_text() == "mine"


def test_run_force_refuses_a_sweep_folder_and_a_locked_folder(tmp_path, result):
    sweep = tmp_path / "sweep"
    sweep.mkdir()
    (sweep / "manifest.json").write_text('{"schema": "dewak-manifest/2", "kind": "experiment"}')
    with pytest.raises(ScenarioError, match="another kind"):
        write_run(result, sweep, force=True)
    out = tmp_path / "run"
    write_run(result, out)
    before = tree(out)
    with FileLock(out / ".lock"):  # a running batch holds it
        with pytest.raises(ScenarioError, match="another batch is writing here"):
            write_run(result, out, force=True)
    assert {k: v for k, v in tree(out).items() if k != ".lock"} == before


def test_sweep_refuses_a_foreign_folder_without_leaving_a_lock(tmp_path):
    experiment = small_sweep(tmp_path / "exp")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "data.csv").write_text("1,2\n")
    done = dewak("sweep", experiment, "--out", folder, "--force", "--workers", "1")
    assert done.returncode == 2
    one_line_error(done.stderr, "data.csv")
    assert sorted(p.name for p in folder.iterdir()) == ["data.csv"]  # no .lock written


def test_sweep_force_refuses_a_running_sweep_and_a_run_result(tmp_path, result):
    experiment = small_sweep(tmp_path / "exp")
    out = tmp_path / "out"
    assert dewak("sweep", experiment, "--out", out, "--workers", "1").returncode == 0
    before = tree(out)
    with FileLock(out / ".lock"):
        done = dewak("sweep", experiment, "--out", out, "--force", "--workers", "1")
    assert done.returncode == 2 and tree(out) == before
    one_line_error(done.stderr, "another batch is writing here")
    write_run(result, tmp_path / "run")
    done = dewak("sweep", experiment, "--out", tmp_path / "run", "--force", "--workers", "1")
    assert done.returncode == 2
    one_line_error(done.stderr, "another kind (run)")


def test_stress_test_name_dot_dot_is_refused_and_writes_nothing(tmp_path):
    done = dewak("stress-test", WETTER, "--set", "name=..", "--replications", "1", cwd=tmp_path)
    assert done.returncode == 2
    one_line_error(done.stderr, "name")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["discover", "sensitivity-out"])
def test_analysis_folders_replace_only_their_own_kind(tmp_path, command):
    from simulator.analysis.output import DISCOVERY, SENSITIVITY, replace_folder

    kind = DISCOVERY if command == "discover" else SENSITIVITY
    folder = tmp_path / "analysis"
    folder.mkdir()
    (folder / "thesis.tex").write_text("keep")
    with pytest.raises(ScenarioError, match="thesis.tex"):
        replace_folder(folder, lambda tmp: (tmp / "summary.json").write_text("{}"), kind)
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.tex"]


KIND = ResultKind(
    "test result", ("run",), frozenset({"a.parquet", "summary.json", "manifest.json"})
)
NAMES = st.sampled_from(
    ["a.parquet", "summary.json", "manifest.json", "notes.txt", ".git", ".lock", "x.tmp", "b"]
)
MANIFESTS = st.sampled_from(
    [
        None,
        '{"kind": "run"}',
        '{"kind": "experiment"}',
        "not json",
        "[1, 2]",
        '{"kind": "run", "outputs": ["b"]}',
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.sets(NAMES, max_size=5), manifest=MANIFESTS, as_dirs=st.sets(NAMES, max_size=2))
def test_publish_replaces_a_folder_only_when_every_entry_is_of_its_kind(
    tmp_path_factory, names, manifest, as_dirs
):
    """Property: publish_folder(force=True) either refuses and changes nothing, or replaces a
    folder whose every entry its kind (or the manifest's outputs) owns, with a readable kind."""
    root = tmp_path_factory.mktemp("p")
    out = root / "out"
    out.mkdir()
    names = set(names) - {"manifest.json"}
    for name in names:
        if name in as_dirs:
            (out / name).mkdir()
        else:
            (out / name).write_text(name)
    if manifest is not None:
        (out / "manifest.json").write_text(manifest)
    before = tree(root)
    try:
        publish_folder(out, lambda tmp: (tmp / "summary.json").write_text("new"), KIND, force=True)
    except ScenarioError:
        assert tree(root) == before
        return
    outputs = ["b"] if manifest and "outputs" in manifest else []
    owned = KIND.files | set(outputs) | {".lock", "x.tmp"}
    assert names <= owned, names
    assert manifest is None or "experiment" not in manifest
    assert sorted(os.listdir(root)) == ["out"] and (out / "summary.json").read_text() == "new"


def test_force_in_python_refuses_like_the_command_line(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    with pytest.raises(ScenarioError):
        publish_folder(folder, lambda tmp: None, RUN_RESULT, force=True)
    assert Path(folder / "keep.txt").read_text() == "x"
