"""Every source a scenario cites can be followed inside the repository, in docs/sources.md.

Scenario and experiment files cite sections of the project's reference files as ``DF §5``,
``DI §6c/§9`` or ``MF §3b``; docs/sources.md summarises each section under a heading with the
same name. Where the reference files themselves are at hand (the project's ``shared/`` folder
beside the repository), every one of their sections must be summarised too.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ROOT / "docs" / "sources.md"
REF = r"§\d+[a-z]?"
CITATION = re.compile(rf"\b(DF|DI|MF) ?({REF}(?:\s*(?:/|,|;|&|and)\s*{REF})*)")
HEADING = re.compile(r"^#{2,6} (DF|DI|MF) (§\d+[a-z]?)\b", re.M)
REFERENCES = {
    "DF": "domain_facts.md",
    "DI": "demography_inputs.md",
    "MF": "municipal_finance_nrw.md",
}
REFERENCE_SECTION = re.compile(r"^#{2,3} (\d+[a-z]?)\. ", re.M)


def cited_sections(text: str) -> set[str]:
    """``{"DF §5", "DI §6c", "DI §9", ...}`` for every citation in the text."""
    found = set()
    for match in CITATION.finditer(text):
        found |= {f"{match[1]} {ref}" for ref in re.findall(REF, match[2])}
    return found


def documented_sections() -> set[str]:
    return {f"{kind} {ref}" for kind, ref in HEADING.findall(SOURCES.read_text(encoding="utf-8"))}


def citing_files() -> list[Path]:
    files = sorted((ROOT / "scenarios").rglob("*.yaml")) + [ROOT / "scenarios" / "README.md"]
    return files + sorted((ROOT / "experiments").glob("*.yaml"))


def test_the_citation_parser_reads_lists_and_ranges():
    text = 'source: "DI §6c/§9: 2015/16 type"; DF §4b, §4c Mülheim; DI §3a / §9; MF §2b and §3b'
    assert cited_sections(text) == {
        "DI §6c",
        "DI §9",
        "DF §4b",
        "DF §4c",
        "DI §3a",
        "MF §2b",
        "MF §3b",
    }
    assert cited_sections("DF §n is a placeholder") == set()


@pytest.mark.parametrize("path", citing_files(), ids=lambda p: p.name)
def test_every_cited_section_is_in_docs_sources(path):
    missing = cited_sections(path.read_text(encoding="utf-8")) - documented_sections()
    assert not missing, f"{path.name} cites {sorted(missing)}; add them to docs/sources.md"


def test_the_shipped_scenarios_cite_sources():
    assert len(cited_sections((ROOT / "scenarios" / "wetter_buergertreff.yaml").read_text())) > 20


def test_scenario_headers_point_to_docs_sources():
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        header = path.read_text(encoding="utf-8").split("\nschema_version")[0]
        assert "docs/sources.md" in header and "shared/reference" not in header, path.name


def reference_folder() -> Path | None:
    for candidate in (ROOT.parent / "shared" / "reference", Path("/work/shared/reference")):
        if all((candidate / name).is_file() for name in REFERENCES.values()):
            return candidate
    return None


@pytest.mark.skipif(reference_folder() is None, reason="the project's reference files are absent")
@pytest.mark.parametrize("kind", sorted(REFERENCES))
def test_every_section_of_the_reference_files_is_summarised(kind):
    text = (reference_folder() / REFERENCES[kind]).read_text(encoding="utf-8")
    sections = {f"{kind} §{n}" for n in REFERENCE_SECTION.findall(text)}
    assert sections, f"no numbered sections found in {REFERENCES[kind]}"
    assert not sections - documented_sections()
