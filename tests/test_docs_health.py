"""The docs say only what is true: commands that exist, files that exist, ODD tables that are current.

Checked in every README and docs/*.md: ``dewak <command>`` and ``make <target>`` in code (fenced
blocks and inline code) against the commands registered with the typer app and the Makefile's
targets *at test time* (other engineers add commands); every ``simulator/...`` path the text
names (files the tutorial creates excepted). Also: docs/ODD.md has a section per citizen-rule
module, and its generated parameter tables match the schema and the scenarios.
"""

import importlib.util
import re
from pathlib import Path

import pytest

from simulator.cli import app
from tests.conftest import ROOT
from tests.test_tutorial import FENCE, TUTORIAL, created_files

SKIP_PARTS = {".venv", ".git", ".pytest_cache", ".ruff_cache", ".hypothesis", "node_modules"}
INLINE = re.compile(r"`([^`\n]+)`")
DEWAK = re.compile(r"(?:^|[\s/;&|(])dewak\s+([a-z][a-z0-9-]*)", re.M)
MAKE = re.compile(r"(?:^|[\s;&|(])make\s+([A-Za-z0-9_.-]+)", re.M)
SIMULATOR_PATH = re.compile(r"\bsimulator/[A-Za-z0-9_./-]*")
TARGET_LINE = re.compile(r"^([A-Za-z0-9_.][^:=#\t]*?)\s*:(?!=)", re.M)


def doc_files() -> list[Path]:
    """README.md files anywhere (results/ only its own README) and everything in docs/."""
    found = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for readme in sorted(ROOT.rglob("README.md")):
        parts = set(readme.relative_to(ROOT).parts)
        if parts & SKIP_PARTS or ("results" in parts and readme.parent != ROOT / "results"):
            continue
        found.append(readme)
    return sorted(set(found))


def code_snippets(text: str) -> list[str]:
    """Shell-like code: fenced blocks that are not Python, YAML or Markdown, and inline code."""
    out = []
    for m in FENCE.finditer(text):
        language = (m["info"].split() or [""])[0]
        if language not in ("python", "yaml", "markdown", "toml", "json"):
            out.append(m["body"])
    out += INLINE.findall(FENCE.sub("", text))
    return out


def dewak_commands() -> set[str]:
    return {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set()
    for m in TARGET_LINE.finditer(text):
        targets |= {t for t in m.group(1).split() if "$" not in t and "%" not in t}
    return targets


DOCS = doc_files()


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("doc", DOCS, ids=rel)
def test_documented_commands_exist(doc):
    snippets = code_snippets(doc.read_text(encoding="utf-8"))
    commands, targets = dewak_commands(), make_targets()
    unknown = sorted(
        {f"dewak {c}" for s in snippets for c in DEWAK.findall(s) if c not in commands}
        | {f"make {t}" for s in snippets for t in MAKE.findall(s) if t not in targets}
    )
    assert not unknown, (
        f"{rel(doc)} documents commands that do not exist: {unknown} "
        f"(dewak has {sorted(commands)}; the Makefile has {sorted(targets)})"
    )


@pytest.mark.parametrize("doc", DOCS, ids=rel)
def test_named_simulator_files_exist(doc):
    allowed = created_files(TUTORIAL.read_text(encoding="utf-8"))
    named = {p.rstrip(".") for p in SIMULATOR_PATH.findall(doc.read_text(encoding="utf-8"))}
    missing = sorted(p for p in named if p not in allowed and not (ROOT / p).exists())
    assert not missing, f"{rel(doc)} names files that do not exist: {missing}"


def test_the_checks_see_commands_and_targets():
    """Guards the guards: the parsers find what the README certainly contains."""
    readme = code_snippets((ROOT / "README.md").read_text(encoding="utf-8"))
    assert {"run", "validate"} <= {c for s in readme for c in DEWAK.findall(s)}
    assert {"run", "test"} <= {t for s in readme for t in MAKE.findall(s)}
    assert {"run", "validate", "app"} <= dewak_commands()
    assert {"run", "test", "browser"} <= make_targets()


def test_odd_has_a_section_per_rule_module():
    headings = [
        line
        for line in (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]
    modules = sorted((ROOT / "simulator" / "rules").glob("*.py"))
    missing = [
        f"simulator/rules/{m.name}"
        for m in modules
        if m.stem != "__init__" and not any(f"`simulator/rules/{m.name}`" in h for h in headings)
    ]
    assert not missing, f"docs/ODD.md has no heading naming these rule modules: {missing}"


def test_odd_parameter_tables_are_current():
    spec = importlib.util.spec_from_file_location(
        "odd_parameters", ROOT / "docs" / "odd_parameters.py"
    )
    tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tables)
    text = tables.ODD.read_text(encoding="utf-8")
    assert tables.BLOCK.search(text), "docs/ODD.md lost its generated parameter tables"
    assert tables.render(text) == text, (
        "docs/ODD.md parameter tables differ from the schema and scenarios; "
        "run: .venv/bin/python docs/odd_parameters.py"
    )
