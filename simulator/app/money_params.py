"""Sliders for the financing instruments of the chosen scenario, and how slider values are shown.

Which instruments and fields: those the scenario file itself sets (a municipal grant in mode
``fixed`` sets ``amount_eur_per_year``, not ``eur_per_visit``), numeric ones only. Label,
unit and bounds come from the instrument's schema class, the start value from the scenario,
exactly as for the other sliders (:func:`simulator.app.params.slider`). A slider's dotted path
names the instrument by its ``id`` or ``instrument`` key, the way ``--set`` does
(``financing.municipal_grant.amount_eur_per_year``).
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from pydantic.fields import FieldInfo

#: Schema units as a student reads them (English; the app is in English).
UNITS = {
    "EUR/year": "€ a year",
    "EUR/m2/month": "€ per m² a month",
    "EUR/FTE/year": "€ per full-time post a year",
    "EUR/person/year": "€ per resident a year",
    "EUR/visit": "€ per visit",
    "EUR/hour": "€ an hour",
    "EUR": "€",
    "FTE": "full-time posts",
    "hours/week": "hours a week",
    "1/month": "a month",
    "1/year": "a year",
    "years": "years",
    "km": "km",
    "persons": "residents",
    "0..1": "(0 to 1)",
    "ratio": "×",
    "EUR/room-hour": "€ per room-hour",
    "room-hours/month": "room-hours a month",
    "children per woman": "children per woman",
}


def human_unit(unit: str) -> str:
    """A schema unit in words (``EUR/year`` -> ``€ a year``); unknown units as written."""
    return UNITS.get(unit, unit.replace("EUR", "€"))


def shown(value: float, unit: str) -> str:
    """A slider value with its unit, for the label: ``12.5 %``, ``6.30 € per m² a month``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "share":
        return f"{100 * value:.3g} %"
    number = f"{value:,.2f}" if abs(value) < 100 and value % 1 else f"{value:,.0f}"
    return f"{number} {human_unit(unit)}".strip()


def short(description: str) -> str:
    """A schema description without its '; default ...' tail (that belongs in the docs)."""
    return description.split(";")[0].strip()


@lru_cache(maxsize=16)
def financing_fields(scenario_file: Path) -> tuple[tuple[str, str, FieldInfo, float], ...]:
    """Every numeric financing field the scenario file sets, in the file's order.

    Returns:
        (dotted path, instrument label, schema field, value) per field.
    """
    from simulator.scenario import load_scenario
    from simulator.scenario.loader import load_raw

    raw = load_raw(Path(scenario_file)).get("financing") or []
    specs = load_scenario(Path(scenario_file)).financing  # once per file: this function is cached
    out = []
    seen: dict[str, int] = {}
    for entry, spec in zip(raw, specs, strict=False):
        name = spec.instrument
        key = getattr(spec, "id", None) or name
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            continue  # a second instrument of the same kind without its own id: not addressable
        label = name.replace("_", " ").capitalize()
        for field_name, info in type(spec).model_fields.items():
            value = getattr(spec, field_name)
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            if numeric and field_name in entry:
                out.append((f"financing.{key}.{field_name}", label, info, value))
    return tuple(out)


def financing_paths(scenario_file: Path) -> set[str]:
    """The dotted paths of the financing sliders of a scenario."""
    return {path for path, *_ in financing_fields(Path(scenario_file))}
