"""docs/tutorial.md works: its steps are applied to a temporary copy of the project and run there.

Fenced blocks whose info string names an action are steps (``python find FILE`` followed by
``python replace FILE``, ``new-file FILE``, ``append FILE``, ``bash run``); each tutorial part
(``## Part A``, ``## Part B``) runs on its own fresh copy. The real package is never touched.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

TUTORIAL = ROOT / "docs" / "tutorial.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
PART = re.compile(r"^## Part (?P<name>[A-Z])\b", re.M)
ACTIONS = {"find", "replace", "new-file", "append", "run"}
COPIED = ["simulator", "scenarios", "docs", "tests", "README.md", "Makefile", "pyproject.toml"]
BIN = Path(sys.executable).parent
FAILED = re.compile(r"^FAILED (\S+)", re.M)


@dataclass(frozen=True)
class Step:
    part: str
    action: str
    target: str
    body: str
    line: int


def tutorial_steps(text: str) -> list[Step]:
    """Every step of the tutorial, in order, with its part and line."""
    parts = [(m.start(), m["name"]) for m in PART.finditer(text)]
    steps = []
    for m in FENCE.finditer(text):
        words = m["info"].split()
        if len(words) < 2 or words[1] not in ACTIONS:
            continue
        part = next((name for start, name in reversed(parts) if start < m.start()), "")
        target = words[2] if len(words) > 2 else ""
        line = text.count("\n", 0, m.start()) + 1
        steps.append(Step(part, words[1], target, m["body"], line))
    return steps


def created_files(text: str) -> set[str]:
    """Files the tutorial creates (they do not exist in the real tree)."""
    return {s.target for s in tutorial_steps(text) if s.action == "new-file"}


STEPS = tutorial_steps(TUTORIAL.read_text(encoding="utf-8"))
PARTS = sorted({s.part for s in STEPS})


def copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".hypothesis")
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def run_line(line: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run one command of a ``run`` block in the copy (``.venv/bin/X`` = this venv's X)."""
    argv = shlex.split(line)
    if argv[0].startswith(".venv/bin/"):
        argv[0] = str(BIN / argv[0].removeprefix(".venv/bin/"))
    if "pytest" in argv:
        argv[argv.index("pytest") + 1 : argv.index("pytest") + 1] = ["-p", "no:cacheprovider"]
    env = dict(os.environ, PYTHONPATH=str(cwd), SOLARA_CHECK_HOOKS="off")
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def apply_edit(step: Step, replacement: Step | None, root: Path) -> Path:
    path = root / step.target
    where = f"docs/tutorial.md line {step.line} ({step.action} {step.target})"
    if step.action == "new-file":
        assert not path.exists(), f"{where}: the file exists already"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step.body, encoding="utf-8")
    elif step.action == "append":
        with path.open("a", encoding="utf-8") as out:
            out.write(step.body)
    else:
        assert replacement and replacement.action == "replace", f"{where}: needs a replace block"
        assert replacement.target == step.target, f"{where}: replace names another file"
        text = path.read_text(encoding="utf-8")
        found = text.count(step.body)
        assert found == 1, f"{where}: the text to find occurs {found} times; update the tutorial"
        path.write_text(text.replace(step.body, replacement.body), encoding="utf-8")
    return path


def check_run(step: Step, root: Path, baseline_dir: Path) -> None:
    for line in (raw.strip() for raw in step.body.splitlines()):
        if not line or line.startswith("#"):
            continue
        done = run_line(line, root)
        if done.returncode == 0:
            continue
        output = (done.stdout + done.stderr)[-4000:]
        if "pytest" in line:
            skip_if_failing_without_tutorial(line, set(FAILED.findall(done.stdout)), baseline_dir)
        pytest.fail(f"docs/tutorial.md line {step.line}: `{line}` failed:\n{output}")


def skip_if_failing_without_tutorial(line: str, failed: set[str], baseline_dir: Path) -> None:
    """If every test that failed also fails in an untouched copy, the tree is broken, not the tutorial."""
    if not failed:
        return
    if not baseline_dir.exists():
        copy_project(baseline_dir)
    present = [a for a in shlex.split(line) if not a.endswith(".py") or (baseline_dir / a).exists()]
    before = run_line(shlex.join(present), baseline_dir)
    if failed <= set(FAILED.findall(before.stdout)):
        pytest.skip(f"these tests fail without the tutorial's changes too: {sorted(failed)}")


def lint(paths: set[Path], root: Path) -> None:
    python = sorted(str(p) for p in paths if p.suffix == ".py")
    for argv in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [str(BIN / "ruff"), *argv, *python], cwd=root, capture_output=True, text=True
        )
        assert done.returncode == 0, f"ruff {' '.join(argv)} on the tutorial's code:\n{done.stdout}"


def test_tutorial_has_both_parts_and_their_tests():
    assert PARTS == ["A", "B"]
    for part in PARTS:
        actions = {s.action for s in STEPS if s.part == part}
        assert {"find", "replace", "new-file", "run"} <= actions, part


@pytest.mark.parametrize("part", PARTS)
def test_tutorial_part_runs_on_a_copy(part, tmp_path):
    root = copy_project(tmp_path / "project")
    steps = [s for s in STEPS if s.part == part]
    touched = set()
    for i, step in enumerate(steps):
        if step.action == "run":
            check_run(step, root, tmp_path / "baseline")
        elif step.action in ("find", "new-file", "append"):
            following = steps[i + 1] if i + 1 < len(steps) else None
            touched.add(apply_edit(step, following, root))
    lint(touched, root)
    if part == "B":
        check_appended_instrument(root)
    assert not (ROOT / "simulator" / "financing" / "foundation_grant.py").exists()


APPENDED = r"""
import sys
import simulator
from simulator.scenario import load_scenario, parse_override

wetter = "scenarios/wetter_buergertreff.yaml"
before = load_scenario(wetter)
after = load_scenario(wetter, overrides=[parse_override(item) for item in sys.argv[1:]])
assert list(after.financing[:-1]) == list(before.financing), "an instrument was lost or changed"
assert after.financing[-1].instrument == "foundation_grant"
old = simulator.run(before, seed=0, years=5)
new = simulator.run(after, seed=0, years=5)
def paid(result):
    into = result.ledger[result.ledger.payee == "facility"]
    return into.groupby("payer").amount_eur.sum()
before_paid, after_paid = paid(old), paid(new)
for payer, eur in before_paid.items():
    assert after_paid.get(payer, 0.0) <= eur + 1e-6, f"{payer} pays more with the foundation"
assert (new.decisions.kind == "grant_reduced").any(), "the town's grant did not fall"
assert new.ledger.payer.eq("programme:foundation").any(), "the foundation never paid"
assert new.summary["years_open"] == old.summary["years_open"] == 5
print(len(before.financing))
"""


def tutorial_sets(part: str, needle: str) -> list[str]:
    """The ``--set`` values of the tutorial's command line that contains ``needle``."""
    for step in STEPS:
        for line in step.body.splitlines():
            if step.part == part and step.action == "run" and needle in line:
                argv = shlex.split(line)
                return [argv[i + 1] for i, arg in enumerate(argv) if arg == "--set"]
    raise AssertionError(f"no command with {needle!r} in Part {part}")


def check_appended_instrument(root: Path) -> None:
    """Part B appends its instrument: Wetter keeps its nine; nobody pays more, the town less."""
    argv = [sys.executable, "-c", APPENDED, *tutorial_sets("B", "financing[+]")]
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "9"
