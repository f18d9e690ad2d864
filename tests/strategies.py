"""Hypothesis strategies for valid scenarios, built on the schema's bounds; a hang guard.

Valid scenarios start from a shipped scenario with a choice of overlays and move numeric fields
inside the bounds the pydantic schema declares (read from the fields' metadata, so the
strategies follow the schema when it changes). Hostile YAML is in hostile_yaml.py.
"""

from __future__ import annotations

import functools
import math
import signal
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import annotated_types as at
from hypothesis import strategies as st
from pydantic import BaseModel

from simulator.scenario import Scenario, ScenarioError, load_scenario, validate
from simulator.scenario.loader import set_path
from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.yaml_io import MAX_ABS_NUMBER

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_DIR = ROOT / "scenarios"
SHIPPED = sorted(SCENARIO_DIR.glob("*.yaml"))
OVERLAY_FILES = sorted((SCENARIO_DIR / "overlays").glob("*.yaml"))
DEMOGRAPHIC = ("baseline", "ageing", "migration_influx", "shrinking")
FINANCIAL = ("fiscal_stress", "funding_cliff")
ORG = tuple(sorted(p.stem for p in OVERLAY_FILES if p.stem.startswith("org_")))

#: Fields not perturbed: the run's horizon is chosen separately; the format version is fixed;
#: the age limits come in ordered pairs (from <= to), so they are drawn together (``ages``).
AGE_LIMITS = {f"ages.{name}" for name in AgesSpec.model_fields}
#: Shares of one person's time: each group may sum to at most 1, so they are drawn together
#: (``time_shares``).
TIME_SHARES = {
    "facility.staffing": ("open_share_of_staff_time", "coordination_share_of_staff_time"),
    "citizens.volunteering": (
        "offer_share_of_hours",
        "open_share_of_hours",
        "self_coordination_share_of_hours",
    ),
}
TIME_SHARE_PATHS = {f"{section}.{name}" for section, names in TIME_SHARES.items() for name in names}
#: An existing facility's opening year and burn-in are checked against the time frame (and the
#: first simulated year against the opening year), so none of the three is drawn alone.
TIME_FRAME = {"initial_state.open_since_year", "initial_state.burn_in_years", "time.start_year"}
FIXED = {"time.years", "schema_version"} | AGE_LIMITS | TIME_SHARE_PATHS | TIME_FRAME
#: Not set to their bounds: the town's size sets the cost of a run; shares must sum to 1.
EDGE_FIXED = (
    FIXED | {"town.population"} | {f"town.districts.{i}.population_share" for i in range(50)}
)
#: Perturbation range relative to the shipped value (then cut to the schema's bounds).
LOW_FACTOR, HIGH_FACTOR = 0.5, 2.0
#: assumption: keep runs fast; populations are drawn between this share and the shipped size.
POPULATION_LOW_FACTOR = 0.1


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
        overrides |= draw(ages())
    if draw(st.booleans()):
        overrides |= draw(time_shares())
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
    if draw(st.booleans()):
        overrides |= draw(ages())
    if draw(st.booleans()):
        overrides |= draw(time_shares())
    case = Case(base, overlays, overrides)
    case.scenario = apply(scenario, overrides)
    return case


@st.composite
def ages(draw) -> dict[str, int]:
    """Age limits anywhere within their bounds (often at one), each range ordered (from <= to)."""

    def age(name: str) -> int:
        b = bounds(AgesSpec.model_fields[name])
        low, high = int(b.get("low", 0)), int(b.get("high", 120))
        return draw(st.one_of(st.sampled_from([low, high]), st.integers(low, high)))

    out = {f"ages.{name}": age(name) for name in ("adult_from", "senior_from", "oldest_old_from")}
    for prefix in ("working_age", "youth", "parent"):
        low, high = sorted((age(f"{prefix}_from"), age(f"{prefix}_to")))
        out |= {f"ages.{prefix}_from": low, f"ages.{prefix}_to": high}
    return out


@st.composite
def time_shares(draw) -> dict[str, float]:
    """Splits of staff and volunteer time that use at most all of it (often all, or none, of it)."""
    out = {}
    for section, names in TIME_SHARES.items():
        weights = draw(
            st.lists(st.floats(0.0, 1.0), min_size=len(names) + 1, max_size=len(names) + 1)
        )
        if draw(st.booleans()):
            weights[-1] = 0.0  # the whole time is split
        total = sum(weights) or 1.0
        out |= {f"{section}.{name}": w / total for name, w in zip(names, weights, strict=False)}
    return out


def apply(scenario: Scenario, overrides: dict[str, Any]) -> Scenario:
    """The scenario with dotted-path overrides, validated again (defaults included)."""
    doc = scenario.model_dump(mode="json")
    for dotted, value in overrides.items():
        set_path(doc, dotted, value, "<generated>")
    return validate(doc, "<generated>")


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
