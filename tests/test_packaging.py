"""Research-software packaging: licence, citation file, changelog, version."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]


def test_licence_file_is_the_mit_licence_pyproject_names():
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_citation_file_parses_as_cff_1_2_with_the_package_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    # the fields CFF 1.2.0 requires, with their types
    assert cff["cff-version"] == "1.2.0"
    assert isinstance(cff["message"], str) and cff["message"]
    assert isinstance(cff["title"], str) and cff["title"]
    assert cff["authors"] and all(a.get("name") or a.get("family-names") for a in cff["authors"])
    assert str(cff["version"]) == VERSION
    assert cff["license"] == "MIT"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    assert cff["type"] == "software"


def test_changelog_has_a_section_for_this_and_the_first_version():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert f"## [{VERSION}]" in text and "## [0.1.0]" in text


def test_dewak_version_prints_the_package_version_without_numerical_imports():
    code = (
        "import sys; from simulator.cli import app;"
        "sys.argv=['dewak','--version'];"
        "\ntry: app()\nexcept SystemExit: pass\n"
        "heavy=[m for m in ('numpy','pandas','matplotlib','mesa') if m in sys.modules];"
        "print('HEAVY', heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert f"dewak {VERSION}" in done.stdout
    assert "HEAVY []" in done.stdout, done.stdout
    dewak = Path(sys.executable).with_name("dewak")
    done = subprocess.run([str(dewak), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"dewak {VERSION}"


def test_make_docs_builds_an_api_page_from_docstrings(tmp_path):
    """`make docs` runs pdoc; here on one module only, which is enough to prove the command."""
    dry = subprocess.run(
        ["make", "-n", "docs", f"API_OUT={tmp_path}", "STAMP=Makefile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = next(x for x in dry.stdout.splitlines() if "pdoc" in x)
    argv = line.split()
    first = argv.index("simulator")
    last = max(i for i, a in enumerate(argv) if a.startswith("simulator"))
    argv[first : last + 1] = ["simulator.palette"]
    argv[0] = str(Path(sys.executable).with_name("pdoc"))
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "simulator" / "palette.html").read_text()
    assert "MIN_PAYER_DISTANCE" in page and "Okabe" in page
