"""Hypothesis strategies for the reliability tests: valid scenarios and hostile YAML.

Valid scenarios start from a shipped scenario with a choice of overlays and perturb numeric
fields inside the bounds the pydantic schema declares (read from the fields' metadata, so the
strategies follow the schema when it changes). Hostile inputs are generated YAML documents,
snippets known to break naive loaders, and mutations of the shipped scenario, overlay and
experiment files.
"""

from __future__ import annotations

import copy
import functools
import math
import signal
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import annotated_types as at
import yaml
from hypothesis import strategies as st
from pydantic import BaseModel

from simulator.scenario import Scenario, ScenarioError, load_scenario, validate
from simulator.scenario.loader import set_path
from simulator.scenario.yaml_io import MAX_ABS_NUMBER

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_DIR = ROOT / "scenarios"
SHIPPED = sorted(SCENARIO_DIR.glob("*.yaml"))
OVERLAY_FILES = sorted((SCENARIO_DIR / "overlays").glob("*.yaml"))
DEMOGRAPHIC = ("baseline", "ageing", "migration_influx", "shrinking")
FINANCIAL = ("fiscal_stress", "funding_cliff")
ORG = tuple(sorted(p.stem for p in OVERLAY_FILES if p.stem.startswith("org_")))

#: Fields not perturbed: the run's horizon is chosen separately; the format version is fixed.
FIXED = {"time.years", "schema_version"}
#: Not set to their bounds: the town's size sets the cost of a run; shares must sum to 1.
EDGE_FIXED = (
    FIXED | {"town.population"} | {f"town.districts.{i}.population_share" for i in range(50)}
)
#: Perturbation range relative to the shipped value (then cut to the schema's bounds).
LOW_FACTOR, HIGH_FACTOR = 0.5, 2.0
#: assumption: keep runs fast; populations are drawn between this share and the shipped size.
POPULATION_LOW_FACTOR = 0.1

# An experiment like the sweeps engineer's examples; mutated together with any shipped ones.
EXAMPLE_EXPERIMENT = """\
name: fuzz_example
description: two organisation models under fiscal uncertainty
scenario: ../scenarios/wetter_buergertreff.yaml
levers:
  - {name: org, overlays: [org_citizen_association, org_cooperative]}
  - {name: staff, path: facility.staff_fte, values: [0.5, 1.0]}
uncertainties:
  - {name: tfr, path: demography.tfr, low: 1.2, high: 1.6}
outcomes: [viable, {name: utilisation_mean, direction: maximize}]
design: {kind: latin_hypercube, samples: 8}
replications: 2
master_seed: 11
years: 3
"""


# --- schema bounds -------------------------------------------------------------------------
@dataclass(frozen=True)
class Leaf:
    """A numeric field of a loaded scenario: its dotted path, value, type and schema bounds."""

    path: str
    value: float
    integer: bool
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False


def bounds(info) -> dict:
    """The ge/gt/le/lt bounds of a pydantic field as Leaf keyword arguments."""
    out: dict = {}
    for item in info.metadata:
        if isinstance(item, at.Ge):
            out["low"] = float(item.ge)
        elif isinstance(item, at.Gt):
            out["low"], out["low_open"] = float(item.gt), True
        elif isinstance(item, at.Le):
            out["high"] = float(item.le)
        elif isinstance(item, at.Lt):
            out["high"], out["high_open"] = float(item.lt), True
    return out


def numeric_leaves(model: BaseModel, prefix: str = "") -> list[Leaf]:
    """Every int/float field (not bool, not None) of a validated model, recursively."""
    leaves: list[Leaf] = []
    for name, info in type(model).model_fields.items():
        value, path = getattr(model, name), f"{prefix}{name}"
        if isinstance(value, BaseModel):
            leaves += numeric_leaves(value, f"{path}.")
        elif isinstance(value, list | tuple) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                leaves += numeric_leaves(item, f"{path}.{i}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            leaves.append(Leaf(path, float(value), isinstance(value, int), **bounds(info)))
    return leaves


def interval(leaf: Leaf) -> tuple[float, float]:
    """Where a leaf may move: a factor range around its value, inside the schema's bounds."""
    v = leaf.value
    span = abs(v) if v != 0 else 1.0
    lo, hi = v - (1 - LOW_FACTOR) * span, v + (HIGH_FACTOR - 1) * span
    if leaf.path == "town.population":
        lo, hi = v * POPULATION_LOW_FACTOR, v
    lo, hi = max(lo, leaf.low), min(hi, leaf.high)
    if leaf.integer:
        lo = math.floor(lo) + 1 if leaf.low_open and lo == leaf.low else math.ceil(lo)
        hi = math.ceil(hi) - 1 if leaf.high_open and hi == leaf.high else math.floor(hi)
    return lo, hi


@st.composite
def leaf_value(draw, leaf: Leaf) -> float | int:
    """A value for ``leaf`` inside its interval (open bounds excluded)."""
    lo, hi = interval(leaf)
    if leaf.integer:
        return draw(st.integers(int(lo), int(max(lo, hi))))
    return draw(
        st.floats(
            lo,
            max(lo, hi),
            exclude_min=leaf.low_open and lo == leaf.low,
            exclude_max=leaf.high_open and hi == leaf.high,
            allow_nan=False,
        )
    )


# --- valid scenarios -----------------------------------------------------------------------
@dataclass
class Case:
    """A generated scenario and how to rebuild it (shown by hypothesis when a test fails)."""

    base: str
    overlays: tuple[str, ...]
    overrides: dict[str, Any] = field(default_factory=dict)
    scenario: Scenario | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"Case(base={self.base!r}, overlays={self.overlays!r}, overrides={self.overrides!r})"


@functools.lru_cache(maxsize=64)
def loaded(base: str, overlays: tuple[str, ...]) -> Scenario | None:
    """The shipped scenario with these overlays, or None if the combination is invalid."""
    try:
        return load_scenario(SCENARIO_DIR / base, overlays=overlays)
    except ScenarioError:
        return None


def overlay_choices() -> st.SearchStrategy[tuple[str, ...]]:
    """Up to one demographic, one financial and one organisation overlay, in that order."""
    maybe = lambda names: st.one_of(st.none(), st.sampled_from(names))  # noqa: E731
    return st.tuples(maybe(DEMOGRAPHIC), maybe(FINANCIAL), maybe(ORG)).map(
        lambda names: tuple(n for n in names if n is not None)
    )


@st.composite
def district_shares(draw, n: int) -> list[float]:
    """Positive shares summing to 1, then one nudged inside the schema's 0.01 tolerance."""
    weights = draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n))
    shares = [w / sum(weights) for w in weights]
    i = draw(st.integers(0, n - 1))
    shares[i] = min(1.0, max(0.0, shares[i] + draw(st.floats(-0.009, 0.009))))
    return shares


@st.composite
def valid_scenarios(draw, max_changes: int = 8) -> Case:
    """A shipped scenario, some overlays, and up to ``max_changes`` fields moved within bounds."""
    base = draw(st.sampled_from([p.name for p in SHIPPED]))
    overlays = draw(overlay_choices().filter(lambda o: loaded(base, o) is not None))
    scenario = loaded(base, overlays)
    leaves = [
        leaf
        for leaf in numeric_leaves(scenario)
        if leaf.path not in FIXED and not leaf.path.endswith("population_share")
    ]
    chosen = draw(
        st.lists(st.sampled_from(leaves), max_size=max_changes, unique_by=lambda x: x.path)
    )
    overrides = {leaf.path: draw(leaf_value(leaf)) for leaf in chosen}
    if draw(st.booleans()):
        shares = draw(district_shares(len(scenario.town.districts)))
        overrides |= {f"town.districts.{i}.population_share": s for i, s in enumerate(shares)}
    case = Case(base, overlays, overrides)
    case.scenario = apply(scenario, overrides)
    return case


@st.composite
def edge_scenarios(draw, max_changes: int = 12, population: int = 3000) -> Case:
    """A small town whose chosen fields sit at a bound of the schema (open ends at +-1e12).

    Bounds the schema leaves open are closed by the loader's limit on any number
    (``MAX_ABS_NUMBER``): valid input can be this extreme, and the model must stay finite.
    """
    base = draw(st.sampled_from([p.name for p in SHIPPED]))
    overlays = draw(overlay_choices().filter(lambda o: loaded(base, o) is not None))
    scenario = apply(loaded(base, overlays), {"town.population": population})
    leaves = [leaf for leaf in numeric_leaves(scenario) if leaf.path not in EDGE_FIXED]
    chosen = draw(
        st.lists(st.sampled_from(leaves), max_size=max_changes, unique_by=lambda x: x.path)
    )
    overrides: dict[str, Any] = {"town.population": population}
    for leaf in chosen:
        low = max(leaf.low, -MAX_ABS_NUMBER) + (1 if leaf.integer else 1e-9) * leaf.low_open
        high = min(leaf.high, MAX_ABS_NUMBER) - (1 if leaf.integer else 1e-9) * leaf.high_open
        value = draw(st.sampled_from([low, high]))
        overrides[leaf.path] = int(value) if leaf.integer else value
    case = Case(base, overlays, overrides)
    case.scenario = apply(scenario, overrides)
    return case


def apply(scenario: Scenario, overrides: dict[str, Any]) -> Scenario:
    """The scenario with dotted-path overrides, validated again (defaults included)."""
    doc = scenario.model_dump(mode="json")
    for dotted, value in overrides.items():
        set_path(doc, dotted, value, "<generated>")
    return validate(doc, "<generated>")


# --- hostile YAML --------------------------------------------------------------------------
#: Inputs that break naive YAML loaders or loose schemas.
NASTY_SNIPPETS = [
    "a: &a [x, x]\nb: *a\n",
    "a: &a x\n",
    "!!python/object/apply:os.system ['echo x']",
    "x: !!python/name:os.system ''",
    "x: !!binary aGVsbG8=",
    "x: !!set {a, b}",
    "x: !!omap [a: 1]",
    "x: !!timestamp 2024-13-45",
    "x: 2024-02-30",
    "x: " + "9" * 5000,
    "x: 0x" + "f" * 5000,
    "x: .nan",
    "x: -.inf",
    "x: 1e400",
    "[" * 200,
    "{a: " * 200,
    "- " * 200 + "x",
    "%YAML 1.1\n---\nx: 1\n",
    "%TAG !e! tag:example.com,2000:\n---\nx: !e!foo 1\n",
    "--- a\n--- b\n",
    "? [a, b]\n: 1\n",
    "? {a: 1}\n: 1\n",
    "x: 1\nx: 2\n",
    "\t x: 1",
    "x: '\\x00'",
    'x: "\\ud800"',
    "\ufeffx: 1",
    "x: ~\n",
    "x: <<\n",
    "<<: {a: 1}\n",
    "x: !!str\n",
    "x: !!int 1.5",
    "x: !!float abc",
    "x: !!timestamp abc",
    "x: !!bool maybe",
    "x: !!int",
    "x: !local 1",
    "extends: ../../../../etc/passwd",
    "extends: /etc/passwd",
    "extends: overlays/../../x.yaml",
    "overlays: ['../../x']",
    "overlays: [ageing, ageing, ageing]",
    "set: {'a..b': 1}",
    "set: {'town.districts.²': 1}",
    "set: {'town.districts.99999999999999999999.name': 1}",
    "set: {'': 1}",
    "set: {1: 2}",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["0", "1e999", ".nan", "yes", "no", "~", "null", "2025-01-01", "-1"]),
)
yaml_data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=20), inner, max_size=5),
    ),
    max_leaves=30,
)


class _NoAliasDumper(yaml.SafeDumper):
    """Writes shared objects twice instead of as anchors and aliases."""

    def ignore_aliases(self, data) -> bool:  # noqa: D102 - PyYAML hook
        return True


def dump(doc: Any) -> str:
    """YAML text of plain data, without anchors."""
    return yaml.dump(doc, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)


@functools.cache
def shipped_texts() -> dict[str, str]:
    """Text of every shipped scenario, overlay and experiment file, plus the example experiment."""
    paths = [*SHIPPED, *OVERLAY_FILES, *sorted((ROOT / "experiments").glob("*.yaml"))]
    texts = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths}
    texts["experiments/fuzz_example.yaml"] = EXAMPLE_EXPERIMENT
    return texts


@st.composite
def text_mutation(draw, text: str) -> str:
    """One edit of a YAML text: drop, repeat, swap, truncate, indent, or splice in junk."""
    lines = text.splitlines(keepends=True) or [""]
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    junk = draw(st.one_of(st.sampled_from(NASTY_SNIPPETS), st.text(max_size=40)))
    kind = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "indent", "splice", "replace"]))
    if kind == "drop":
        del lines[i]
    elif kind == "repeat":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "cut":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(1, 4)) + lines[i]
    elif kind == "splice":
        lines.insert(i, junk + "\n")
    else:
        pos = draw(st.integers(0, max(0, len(lines[i]) - 1)))
        lines[i] = lines[i][:pos] + junk + lines[i][pos + len(junk) // 2 :]
    return "".join(lines)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path inside a parsed document."""
    out = [prefix]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        out += _paths(child, (*prefix, key))
    return out


@st.composite
def data_mutation(draw, doc: Any) -> Any:
    """One edit of a parsed document: replace, delete or add a value somewhere in it."""
    doc = copy.deepcopy(doc)
    path = draw(st.sampled_from(_paths(doc)))
    if not path:
        return draw(yaml_data)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    kind = draw(st.sampled_from(["replace", "delete", "add"]))
    if kind == "replace":
        parent[path[-1]] = draw(yaml_data)
    elif kind == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=20))] = draw(yaml_data)
    else:
        parent.append(draw(yaml_data))
    return doc


@st.composite
def hostile_documents(draw) -> tuple[str, str]:
    """``(name, text)``: a shipped file mutated as text or as data, or generated YAML."""
    texts = shipped_texts()
    name = draw(st.sampled_from(sorted(texts)))
    kind = draw(st.sampled_from(["text", "data", "generated", "snippet"]))
    if kind == "text":
        text = texts[name]
        for _ in range(draw(st.integers(1, 3))):
            text = draw(text_mutation(text))
        return name, text
    if kind == "data":
        doc = yaml.safe_load(texts[name])
        for _ in range(draw(st.integers(1, 3))):
            doc = draw(data_mutation(doc))
        return name, dump(doc)
    if kind == "generated":
        return name, dump(draw(yaml_data))
    return name, draw(st.sampled_from(NASTY_SNIPPETS))


# --- a hang guard ----------------------------------------------------------------------------
class Hang(Exception):
    """An example ran longer than the watchdog allows."""


@contextmanager
def watchdog(seconds: float = 30):
    """Raise Hang if the body runs longer than ``seconds`` (SIGALRM; main thread, not a timing test)."""

    def expire(signum, frame):
        raise Hang(f"input took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
