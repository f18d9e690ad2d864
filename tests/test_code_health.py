"""Registries, schema, modules and docs stay in sync (a student adding a model or instrument).

Adding a financing instrument or an organisation model takes one file, one registry line, one
schema entry and a section in docs/ODD.md and docs/models_and_instruments.md. Each test here
names what is missing when one of them is forgotten.
"""

from __future__ import annotations

import importlib
import inspect
import re
import typing
from pathlib import Path

import pytest

from simulator import financing, organisation
from simulator.accounting import CATEGORIES
from simulator.financing.base import (
    BringsInKind,
    ChargesFees,
    CoversShortfall,
    Instrument,
    RentsRooms,
    ReplacesStaff,
)
from simulator.organisation.base import DOCSTRING_LABELS, OrganisationModel
from simulator.scenario.schema.financing import instrument_keys, instrument_specs
from simulator.scenario.schema.organisation import OrganisationKey, organisation_specs

ROOT = Path(__file__).resolve().parents[1]
ODD = ROOT / "docs" / "ODD.md"
MODELS_DOC = ROOT / "docs" / "models_and_instruments.md"
README = ROOT / "README.md"
NOT_STRATEGIES = {"__init__", "base"}

AREAS = {
    "financing": (financing.REGISTRY, set(instrument_keys()), Instrument),
    "organisation": (organisation.REGISTRY, set(organisation_specs()), OrganisationModel),
}
ALL_KEYS = sorted(set(financing.REGISTRY) | set(organisation.REGISTRY))


@pytest.mark.parametrize("area", sorted(AREAS))
def test_every_registry_key_has_a_schema_entry_and_back(area):
    registry, schema_keys, _ = AREAS[area]
    missing_in_schema = sorted(set(registry) - schema_keys)
    missing_in_registry = sorted(schema_keys - set(registry))
    where = {
        "financing": "a spec class in simulator/scenario/schema/financing.py (added to InstrumentSpec)",
        "organisation": "a section class in simulator/scenario/schema/organisation.py (added to OrganisationSpec)",
    }[area]
    assert not missing_in_schema, (
        f"{area} keys without a schema entry: {missing_in_schema}; add {where}"
    )
    assert not missing_in_registry, (
        f"{area} schema keys without a registered class: {missing_in_registry}; "
        f"add one line to REGISTRY in simulator/{area}/__init__.py"
    )


def strategy_modules(area: str) -> list[str]:
    folder = ROOT / "simulator" / area
    return sorted(p.stem for p in folder.glob("*.py") if p.stem not in NOT_STRATEGIES)


@pytest.mark.parametrize("area", sorted(AREAS))
def test_every_module_is_registered_under_its_file_name(area):
    registry, _, base = AREAS[area]
    by_module = {cls.__module__.rsplit(".", 1)[-1]: key for key, cls in registry.items()}
    unregistered = []
    for stem in strategy_modules(area):
        module = importlib.import_module(f"simulator.{area}.{stem}")
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if issubclass(c, base)]
        if not any(c.__module__ == module.__name__ for c in classes):
            pytest.fail(f"simulator/{area}/{stem}.py defines no {base.__name__} subclass")
        if stem not in by_module:
            unregistered.append(stem)
    assert not unregistered, (
        f"modules not registered: {unregistered}; add one line to REGISTRY in "
        f"simulator/{area}/__init__.py"
    )
    misnamed = {key: m for m, key in by_module.items() if m != key}
    assert not misnamed, f"a strategy lives in the file named after its key: {misnamed}"


@pytest.mark.parametrize("key", sorted(financing.REGISTRY))
def test_instrument_class_is_complete(key):
    cls = financing.REGISTRY[key]
    assert cls.key == key
    assert cls.category in CATEGORIES, f"{key}: category {cls.category!r} not in {CATEGORIES}"
    assert cls.transfers is not Instrument.transfers, f"{key}: implement transfers()"
    assert (cls.__doc__ or "").strip(), f"{key}: the class needs a docstring stating its rule"


CAPABILITIES = (ChargesFees, RentsRooms, ReplacesStaff, BringsInKind, CoversShortfall)


@pytest.mark.parametrize("key", sorted(financing.REGISTRY))
def test_an_instrument_declares_every_capability_it_implements(key):
    """The money phase asks only declared capabilities: a method alone would never be called."""
    cls = financing.REGISTRY[key]
    for capability in CAPABILITIES:
        (method,) = (
            n
            for n in vars(capability)
            if not n.startswith("_") and callable(getattr(capability, n))
        )
        if hasattr(cls, method):
            assert capability in cls.__mro__, f"{key}: inherit {capability.__name__} ({method})"


@pytest.mark.parametrize("key", sorted(organisation.REGISTRY))
def test_organisation_docstring_states_every_design_item(key):
    doc = organisation.REGISTRY[key].__doc__ or ""
    missing = [label for label in DOCSTRING_LABELS if label not in doc]
    assert not missing, f"{key}: the class docstring lacks {missing}"
    assert "assumption" in doc or "domain_facts" in doc, f"{key}: give the engagement's source"


def test_organisation_keys_match_the_sections():
    assert set(typing.get_args(OrganisationKey)) == set(organisation_specs())


@pytest.mark.parametrize(
    "spec",
    [*instrument_specs().values(), *organisation_specs().values()],
    ids=lambda s: s.__name__,
)
def test_every_schema_field_has_a_description_and_unit(spec):
    for name, info in spec.model_fields.items():
        if name in ("instrument", "model"):
            continue
        assert info.description, f"{spec.__name__}.{name}: add a description"
        unit = (info.json_schema_extra or {}).get("unit")
        assert unit, f"{spec.__name__}.{name}: add a unit (schema.base.field)"


def headings(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


def keys_without_heading(path: Path) -> list[str]:
    found = headings(path)
    return [k for k in ALL_KEYS if not any(f"`{k}`" in h for h in found)]


def test_every_key_has_a_section_in_the_odd():
    if not ODD.exists():
        pytest.skip("docs/ODD.md is not written yet (another engineer is writing it)")
    missing = keys_without_heading(ODD)
    assert not missing, f"docs/ODD.md has no heading with these keys in backticks: {missing}"


def test_every_key_has_a_section_in_the_model_description():
    missing = keys_without_heading(MODELS_DOC)
    assert not missing, f"docs/models_and_instruments.md has no section for {missing}"


def test_model_description_names_every_parameter():
    text = MODELS_DOC.read_text(encoding="utf-8")
    specs = {**instrument_specs(), **organisation_specs()}
    missing = [
        f"{key}.{name}"
        for key, spec in specs.items()
        for name in spec.model_fields
        if name not in ("instrument", "model") and f"`{name}`" not in text
    ]
    assert not missing, f"docs/models_and_instruments.md does not name {missing}"


def test_readme_lists_every_model_and_instrument():
    text = README.read_text(encoding="utf-8")
    section = re.search(r"<!-- section:models -->(.*?)(<!-- section:|\Z)", text, re.S)
    assert section, "README.md lost its <!-- section:models --> anchor"
    missing = [k for k in ALL_KEYS if f"`{k}`" not in section.group(1)]
    assert not missing, f"README's models section does not list {missing}"


def doc_default(value) -> str:
    """A schema default as the parameter tables of docs/models_and_instruments.md write it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{int(value)}" if value.is_integer() else f"{value:g}"
    return str(value)


def doc_sections(path: Path) -> dict[str, str]:
    """Text under each ``### `key` `` heading, by key."""
    parts = re.split(r"^### `([a-z_]+)`.*$", path.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("key", instrument_keys())
def test_model_description_states_the_schema_defaults(key):
    section = doc_sections(MODELS_DOC).get(key, "")
    wrong = []
    for name, info in instrument_specs()[key].model_fields.items():
        if name == "instrument":
            continue
        row = re.search(rf"^\| `{name}` \| [^|]+ \| ([^|]+) \|", section, re.M)
        if row is None or row.group(1).strip() != doc_default(info.default):
            wrong.append(f"{name} (schema default {doc_default(info.default)})")
    assert not wrong, f"docs/models_and_instruments.md, section `{key}`: fix the rows of {wrong}"
