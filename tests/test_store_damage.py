"""A damaged or copied store is reported in one line with what to do; ``--force`` recovers (issue #16, 7, 9).

Before: a batch folder copied by hand gave a ``runs.parquet`` with run ids twice, reported as
complete; a truncated fragment or a manifest that is not JSON ended in a traceback (even with
``--force``); ``report`` and ``discover`` on a damaged ``runs.parquet`` crashed. Now: a resume
refuses a store holding a run twice, naming both batch folders; a damaged file is named with
the remedy (delete that batch and resume, or ``--force``); following the advice ends with the
tables of an uninterrupted sweep.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.experiments import ExperimentError, load_results, run_experiment
from simulator.experiments.toy import TOY_RUNNER
from tests.fault_support import dewak, one_line_error, small_sweep, tree
from tests.test_experiments_support import comparable, make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A small real-model sweep (8 runs): one uninterrupted, one stopped after 4 runs."""
    root = tmp_path_factory.mktemp("store")
    path = small_sweep(root / "exp", runs=8)
    assert dewak("sweep", path, "--out", root / "whole", "--workers", "1").returncode == 0
    assert (
        dewak("sweep", path, "--out", root / "part", "--workers", "1", "--max-runs", "4").returncode
        == 0
    )
    return path, root


def fresh(project, tmp_path):
    path, root = project
    shutil.copytree(root / "part", tmp_path / "part")
    return path, tmp_path / "part", pd.read_parquet(root / "whole" / "runs.parquet")


def resume(path, out, *more):
    return dewak("sweep", path, "--out", out, "--workers", "1", "--resume", *more)


def test_a_copied_batch_is_refused_then_resume_completes(project, tmp_path):
    path, out, whole = fresh(project, tmp_path)
    (batch,) = sorted((out / "fragments").glob("batch-*"))
    shutil.copytree(batch, out / "fragments" / "batch-000000000-copy")
    before = tree(out)
    done = resume(path, out)
    assert done.returncode == 2 and tree(out) == before
    one_line_error(done.stderr, "stored twice", batch.name, "batch-000000000-copy")
    shutil.rmtree(out / "fragments" / "batch-000000000-copy")
    assert resume(path, out).returncode == 0
    runs = pd.read_parquet(out / "runs.parquet")
    assert runs["run_id"].is_unique
    pd.testing.assert_frame_equal(comparable(runs), comparable(whole))


@pytest.mark.parametrize("table", ["runs", "annual"])
def test_a_truncated_batch_is_named_and_its_runs_run_again(project, tmp_path, table):
    path, out, whole = fresh(project, tmp_path)
    (batch,) = sorted((out / "fragments").glob("batch-*"))
    file = batch / f"{table}.parquet"
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    before = tree(out)
    done = resume(path, out)
    assert done.returncode == 2 and tree(out) == before
    one_line_error(done.stderr, str(file), "damaged", f"delete the folder {batch}")
    shutil.rmtree(batch)  # the advice
    assert resume(path, out).returncode == 0
    pd.testing.assert_frame_equal(
        comparable(pd.read_parquet(out / "runs.parquet")), comparable(whole)
    )


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", "", "\x00\x01"])
def test_a_damaged_manifest_is_one_line_and_force_recovers(project, tmp_path, text):
    path, out, whole = fresh(project, tmp_path)
    (out / "manifest.json").write_text(text)
    done = resume(path, out)
    assert done.returncode == 2
    one_line_error(done.stderr, "manifest", "damaged", "--force")
    done = dewak("sweep", path, "--out", out, "--workers", "1", "--force")
    assert done.returncode == 0, done.stderr[-2000:]
    pd.testing.assert_frame_equal(
        comparable(pd.read_parquet(out / "runs.parquet")), comparable(whole)
    )


def test_a_missing_manifest_with_stored_runs_is_refused_and_force_recovers(project, tmp_path):
    path, out, _ = fresh(project, tmp_path)
    (out / "manifest.json").unlink()
    done = resume(path, out)
    assert done.returncode == 2
    one_line_error(done.stderr, "missing", "--force")
    assert dewak("sweep", path, "--out", out, "--workers", "1", "--force").returncode == 0


@pytest.mark.parametrize("command", ["report", "discover"])
def test_report_and_discover_on_a_damaged_runs_table(project, tmp_path, command):
    _, root = project
    out = tmp_path / "whole"
    shutil.copytree(root / "whole", out)
    runs = out / "runs.parquet"
    runs.write_bytes(runs.read_bytes()[:300])
    before = tree(out)
    args = ["--outcome", "not viable"] if command == "discover" else []
    done = dewak(command, out, *args)
    assert done.returncode == 2
    one_line_error(done.stderr, str(runs), "damaged")
    assert tree(out) == before
    with pytest.raises(ExperimentError, match="damaged"):
        load_results(out)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keep=st.floats(0.0, 0.99), which=st.sampled_from(["runs", "annual"]))
def test_any_truncation_of_a_batch_is_refused_without_change(tmp_path_factory, keep, which):
    """Property (toy runs): a batch file cut anywhere stops a resume with one error, changing nothing."""
    root = tmp_path_factory.mktemp("cut")
    path = make_project(root)
    out = root / "out"
    kwargs = {"runner": TOY_RUNNER, "executor": "serial", "progress": False, "batch_size": 5}
    run_experiment(path, out=out, max_runs=10, **kwargs)
    file = sorted((out / "fragments").glob(f"batch-*/{which}.parquet"))[0]
    file.write_bytes(file.read_bytes()[: int(file.stat().st_size * keep)])
    before = tree(out)
    with pytest.raises(ExperimentError, match="damaged"):
        run_experiment(path, out=out, resume=True, **kwargs)
    assert {k: v for k, v in tree(out).items() if k != ".lock"} == {
        k: v for k, v in before.items() if k != ".lock"
    }
