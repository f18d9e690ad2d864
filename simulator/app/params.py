"""The app's inputs: sliders generated from the scenario schema, the scenarios and overlays on offer.

Nothing about a parameter is written here twice: the app keeps only a list of dotted paths to
expose (:data:`EXPOSED`); label, unit, bounds and type come from the pydantic schema
(``model_fields[...]``: ``description``, ``json_schema_extra["unit"]``, ``ge``/``gt``/``le``/
``lt``) and the default from the loaded scenario.
"""

from __future__ import annotations

import math
import os
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from simulator.app.money_params import financing_fields, short
from simulator.scenario import Scenario, load_scenario
from simulator.scenario.loader import get_path
from simulator.scenario.yaml_io import read_yaml

# Key parameters a student can move. None of them is set by a shipped overlay (a test checks
# this), so a slider never silently undoes the overlay chosen beside it.
EXPOSED = (
    "time.years",
    "citizens.awareness_base_per_month",
    "citizens.word_of_mouth_per_month",
    "citizens.visit_base_per_month",
    "citizens.distance_decay_km",
    "citizens.volunteering.facility_share",
    "facility.staff_fte",
    "facility.opening_hours_per_week",
    "facility.rent_eur_per_m2_month",
    "municipality.political_support_initial",
    "municipality.hsk.max_plan_years",
    "demography.in_migration_rate_per_year",
)
AS_IN_SCENARIO = "as in scenario"
NO_OVERLAY = "none"
SLIDER_SPAN = 4.0  # assumption: a slider reaches 4x the scenario's value unless the schema stops it
SLIDER_STEPS = 100  # about this many positions between a float slider's ends
SCENARIO_ENV = "DEWAK_APP_SCENARIO"  # the --scenario file of `dewak app`


@dataclass(frozen=True)
class SliderSpec:
    """One slider: the dotted path it sets and what the schema and scenario say about it."""

    path: str
    label: str
    is_int: bool
    value: float
    min: float
    max: float
    step: float
    unit: str = ""
    group: str = ""

    def as_mesa(self) -> dict:
        """The ``model_params`` entry of this slider (Mesa's format, plus unit and group)."""
        return {
            "type": "SliderInt" if self.is_int else "SliderFloat",
            "label": self.label,
            "value": self.value,
            "min": self.min,
            "max": self.max,
            "step": self.step,
            "unit": self.unit,
            "group": self.group,
        }


def key_of(path: str) -> str:
    """A dotted path as a keyword-argument name (``a.b`` -> ``a__b``)."""
    return path.replace(".", "__")


def path_of(key: str) -> str:
    """The dotted path of a keyword-argument name made by :func:`key_of`."""
    return key.replace("__", ".")


def schema_field(path: str) -> FieldInfo:
    """The pydantic field a dotted path of the scenario names (sections, then the field)."""
    spec: type[BaseModel] = Scenario
    parts = path.split(".")
    for i, part in enumerate(parts):
        if part not in spec.model_fields:
            raise KeyError(f"{path}: {part!r} is not a field of {spec.__name__}")
        info = spec.model_fields[part]
        if i < len(parts) - 1:
            spec = _section_class(info.annotation, path)
    return info


def _section_class(annotation, path: str) -> type[BaseModel]:
    candidates = [annotation, *typing.get_args(annotation)]
    for c in candidates:
        if isinstance(c, type) and issubclass(c, BaseModel):
            return c
    raise KeyError(f"{path}: goes through a value that is not a section")


def bounds(info: FieldInfo) -> dict[str, float]:
    """The field's ``ge``/``gt``/``le``/``lt`` bounds that the schema states."""
    out = {}
    for item in info.metadata:
        for name in ("ge", "gt", "le", "lt"):
            if isinstance(item, getattr(annotated_types, name.capitalize())):
                out[name] = float(getattr(item, name))
    return out


def is_int_field(info: FieldInfo) -> bool:
    """True for ``int`` and ``int | None`` fields."""
    annotation = info.annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return int in typing.get_args(annotation)
    return annotation is int


def slider(path: str, value: float, info: FieldInfo | None = None, group: str = "") -> SliderSpec:
    """A slider from the schema's bounds, starting at the scenario's ``value``.

    The range is the schema's, cut at ``SLIDER_SPAN`` times the value where the schema has no
    upper bound or a far one (a share of 0.003 on a 0..1 slider could not be moved finely).
    ``info`` is the schema field when ``path`` goes through a list (financing instruments).
    """
    info = info if info is not None else schema_field(path)
    b, is_int = bounds(info), is_int_field(info)
    upper = b.get("le", b.get("lt", math.inf))
    span = max(SLIDER_SPAN * abs(value), value + 10 if is_int else 0.0) or 1.0
    hi = min(upper, span)
    lo = b.get("ge", b.get("gt", min(0.0, value)))
    step = 1 if is_int else nice_step((hi - lo) / SLIDER_STEPS)
    if "gt" in b:
        lo += step
    while not is_int and not on_grid(value - lo, step):
        step /= 10  # the browser rounds a slider's value to its step: keep the scenario's value
    unit = (info.json_schema_extra or {}).get("unit", "")
    cast = int if is_int else float
    label = short(str(info.description))
    return SliderSpec(path, label, is_int, cast(value), cast(lo), cast(hi), cast(step), unit, group)


def nice_step(raw: float) -> float:
    """The largest of 1, 2, 5 times a power of ten not above ``raw`` (a readable step)."""
    if raw <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return max(m * power for m in (1, 2, 5) if m * power <= raw * (1 + 1e-9))


def on_grid(distance: float, step: float) -> bool:
    """True if ``distance`` is a whole number of ``step`` (within rounding), or the step is tiny."""
    ratio = distance / step
    return step < 1e-9 or abs(ratio - round(ratio)) < 1e-6 * max(1.0, abs(ratio))


def sliders(scenario: Scenario) -> list[SliderSpec]:
    """Sliders for every exposed path, starting at this scenario's values."""
    doc = scenario.model_dump(mode="python")
    return [slider(path, get_path(doc, path)) for path in EXPOSED]


def financing_sliders(scenario_file: Path) -> list[SliderSpec]:
    """Sliders for the numeric fields the scenario file sets on its financing instruments."""
    return [
        slider(path, value, info, group=label)
        for path, label, info, value in financing_fields(Path(scenario_file))
    ]


@lru_cache(maxsize=16)
def base_scenario(scenario_file: Path) -> Scenario:
    """The scenario as its file has it (no overlays, no sliders); loaded once per file."""
    return load_scenario(scenario_file)


def changed(scenario_file: Path, overrides: dict) -> dict:
    """The slider values that differ from the scenario file's own values."""
    doc = base_scenario(Path(scenario_file)).model_dump(mode="python")
    return {path: v for path, v in overrides.items() if get_path(doc, path) != v}


def describe(scenario_file: Path, path: str, value: float) -> str:
    """A moved slider in words: its label, then its value with the unit."""
    from simulator.app.money_params import shown

    for field_path, group, info, _value in financing_fields(Path(scenario_file)):
        if field_path == path:
            unit = (info.json_schema_extra or {}).get("unit", "")
            return f"{group}: {short(str(info.description))} = {shown(value, unit)}"
    info = schema_field(path)
    unit = (info.json_schema_extra or {}).get("unit", "")
    return f"{short(str(info.description))} = {shown(value, unit)}"


def scenario_dir() -> Path:
    """The shipped scenarios: ``scenarios/`` of the source tree, else of the working folder."""
    shipped = Path(__file__).resolve().parents[2] / "scenarios"
    return shipped if shipped.is_dir() else Path.cwd() / "scenarios"


def scenario_choices() -> dict[str, Path]:
    """Scenario name -> file: the shipped ones plus the ``dewak app --scenario`` file, if any."""
    choices = {p.stem: p for p in sorted(scenario_dir().glob("*.yaml"))}
    extra = os.environ.get(SCENARIO_ENV)
    if extra:
        path = Path(extra).resolve()
        choices = {path.stem: path, **{k: v for k, v in choices.items() if v != path}}
    return choices


def overlay_groups(scenario_file: Path) -> dict[str, list[str]]:
    """The overlays next to a scenario, grouped as the app offers them.

    ``org_*`` overlays set the organisation model and its financing mix; an overlay that sets
    only ``demography.*`` (or nothing, like ``baseline``) is demographic; the rest (municipal
    budget, financing) are financial.
    """
    groups: dict[str, list[str]] = {"organisation": [], "demography": [], "finance": []}
    for file in sorted((scenario_file.parent / "overlays").glob("*.yaml")):
        name = file.stem
        if name.startswith("org_"):
            groups["organisation"].append(name.removeprefix("org_"))
            continue
        sets = read_yaml(file).get("set") or {}
        sections = {str(path).split(".")[0] for path in sets}
        groups["demography" if sections <= {"demography"} else "finance"].append(name)
    return groups


def model_params(scenario_file: Path) -> dict:
    """SolaraViz ``model_params`` for a scenario: choices, seed and the schema's sliders."""
    groups = overlay_groups(scenario_file)
    scenario = base_scenario(Path(scenario_file))

    def select(label: str, first: str, values: list[str]) -> dict:
        return {"type": "Select", "label": label, "value": first, "values": [first, *values]}

    return {
        "scenario_file": str(scenario_file),
        "organisation": select("Organisation model", AS_IN_SCENARIO, groups["organisation"]),
        "demography": select("Demographic overlay", AS_IN_SCENARIO, groups["demography"]),
        "finance": select("Financial overlay", NO_OVERLAY, groups["finance"]),
        "seed": {"type": "InputText", "label": "Seed", "value": "1"},
        **{key_of(s.path): s.as_mesa() for s in sliders(scenario)},
        **{key_of(s.path): s.as_mesa() for s in financing_sliders(scenario_file)},
    }


def initial_values(params: dict) -> dict:
    """The keyword arguments SolaraViz would build the first model with (fixed values and defaults)."""
    return {k: v["value"] if isinstance(v, dict) else v for k, v in params.items()}
