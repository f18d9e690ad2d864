"""The "Assumptions and limits" section, generated from the sweep's scenario files.

For each base scenario: how many of its numbers cite a source and how many are assumptions, and
a table of key inputs with value and basis (the ``source:`` or ``assumption:`` note, quoted from
the scenario file as written). Then what the model cannot say, partly computed from the sweep
(how precise a share is with this many runs, the start year of the euros).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from simulator.report.data import Sweep
from simulator.report.i18n import Text
from simulator.report.stats import Row

#: Key inputs shown per town: (dotted path, format, English label, German label). A path into
#: the ``financing`` list names the instrument: ``financing[volunteer_time].field``.
KEY_INPUTS = (
    ("time.years", "int", "Simulated years", "Simulierte Jahre"),
    ("town.population", "int", "Residents at the start", "Einwohner zu Beginn"),
    ("facility.floor_area_m2", "int", "Floor area (m²)", "Fläche (m²)"),
    ("facility.rent_eur_per_m2_month", "eur", "Rent per m² and month", "Miete je m² und Monat"),
    (
        "facility.opening_hours_per_week",
        "int",
        "Opening hours per week",
        "Öffnungsstunden pro Woche",
    ),
    (
        "facility.staff_fte",
        "num",
        "Paid staff (full-time posts)",
        "Bezahltes Personal (Vollzeitstellen)",
    ),
    (
        "facility.staff_cost_eur_per_fte_year",
        "eur",
        "Cost of a full-time post per year",
        "Kosten einer Vollzeitstelle pro Jahr",
    ),
    (
        "facility.staff_years",
        "int",
        "Years the paid staff is funded",
        "Jahre mit bezahltem Personal",
    ),
    (
        "municipality.voluntary_share_of_revenue",
        "pct",
        "Voluntary spending, share of the town's revenue",
        "Freiwillige Ausgaben, Anteil an den Erträgen der Stadt",
    ),
    (
        "municipality.political_support_initial",
        "num",
        "Political support at the start (0 to 1)",
        "Politischer Rückhalt zu Beginn (0 bis 1)",
    ),
    (
        "municipality.support_threshold",
        "num",
        "Support below which the council stops the grant",
        "Rückhalt, unter dem der Rat den Zuschuss streicht",
    ),
    (
        "municipality.hsk_voluntary_cut_share",
        "pct",
        "Cut of voluntary spending under budget consolidation",
        "Kürzung freiwilliger Ausgaben in der Haushaltssicherung",
    ),
    ("demography.tfr", "num", "Children per woman", "Kinder je Frau"),
    (
        "demography.in_migration_rate_per_year",
        "pct",
        "People moving in per year (share of residents)",
        "Zuzüge pro Jahr (Anteil der Einwohner)",
    ),
    (
        "citizens.visit_base_per_month",
        "pct",
        "Basic chance of a visit per month",
        "Grundwahrscheinlichkeit eines Besuchs pro Monat",
    ),
    (
        "citizens.volunteering.facility_share",
        "pct",
        "Engaged residents who would volunteer here",
        "Engagierte, die hier mithelfen würden",
    ),
    (
        "financing[volunteer_time].replacement_wage_eur_per_hour",
        "eur",
        "Value of one volunteer hour",
        "Wert einer Ehrenamtsstunde",
    ),
)
LIMITS = (
    "limit_forecast",
    "limit_precision",
    "limit_money",
    "limit_volunteers",
    "limit_politics",
    "limit_demography",
    "limit_assumptions",
)


@dataclass
class Input:
    """One key input of a scenario: its label, value and basis."""

    label: str
    value: str
    basis: str
    assumption: bool


@dataclass
class TownInputs:
    """What one base scenario rests on."""

    town: str
    intro: str
    inputs: list[Input] = field(default_factory=list)


@dataclass
class Assumptions:
    """The whole section: per town its inputs, the overlays note and the limits."""

    towns: list[TownInputs]
    overlays: str
    limits: list[str]


def assumptions(sweep: Sweep, rows: list[Row], tx: Text) -> Assumptions:
    """The section's content for this sweep, in ``tx``'s language."""
    towns = []
    for name, path in sweep.scenario_files().items():
        towns.append(_town(name, path, tx))
    used = [tx.name(o) for o in sweep.overlays_used()]
    overlays = tx("assume_overlays", names=", ".join(used)) if used else ""
    return Assumptions(towns, overlays, limits(sweep, rows, tx))


def limits(sweep: Sweep, rows: list[Row], tx: Text) -> list[str]:
    """What the model cannot say, with this sweep's numbers filled in."""
    sizes = [r.n for r in rows if r.n > 0]
    n = min(sizes) if sizes else 0
    half = 100 * 1.96 * math.sqrt(0.25 / n) if n else math.nan  # widest 95 % half-width, at 50 %
    start = sweep.first_year if len(sweep.annual) else "?"
    values = {"n": n, "pp": tx.maybe(half, lambda v: tx.num(v)), "start": start}
    return [tx(key, **values) for key in LIMITS if key != "limit_precision" or n]


def _town(name: str, path: Path, tx: Text) -> TownInputs:
    from simulator.scenario.errors import ScenarioError
    from simulator.scenario.loader import load_raw

    try:
        doc = load_raw(path)
    except (ScenarioError, OSError):
        return TownInputs(tx.name(name), tx("assume_missing", file=path.name))
    n, src, ass, cal = count_numbers(doc)
    intro = tx("assume_intro", file=path.name, n=n, src=src, ass=ass, cal=cal)
    out = TownInputs(tx.name(name), intro)
    for dotted, kind, en, de in KEY_INPUTS:
        node = _find(doc, dotted)
        if node is None:
            continue
        value = node.get("value") if isinstance(node, dict) else node
        out.inputs.append(
            Input(en if tx.lang == "en" else de, _format(tx, kind, value), *_basis(tx, node))
        )
    return out


def count_numbers(doc) -> tuple[int, int, int, int]:
    """Numbers written as ``{value: ...}`` in a scenario, and how many have each provenance.

    Returns ``(numbers, with source, with assumption, calibrated)``.
    """
    kinds = ("source", "assumption", "calibrated")
    if isinstance(doc, dict):
        if "value" in doc:
            return (1, *(int(k in doc) for k in kinds))  # type: ignore[return-value]
        parts = [count_numbers(v) for v in doc.values()]
    elif isinstance(doc, list):
        parts = [count_numbers(v) for v in doc]
    else:
        return 0, 0, 0, 0
    return tuple(sum(p[i] for p in parts) for i in range(4))  # type: ignore[return-value]


def _find(doc: dict, dotted: str):
    node = doc
    for part in dotted.split("."):
        if part.startswith("financing["):
            key = part[len("financing[") : -1]
            items = node.get("financing") or []
            node = next(
                (i for i in items if isinstance(i, dict) and i.get("instrument") == key), None
            )
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
        if node is None:
            return None
    return node


def _basis(tx: Text, node) -> tuple[str, bool]:
    if isinstance(node, dict) and "source" in node:
        return tx("assume_source", text=str(node["source"])), False
    if isinstance(node, dict) and "calibrated" in node:
        return tx("assume_calibrated", text=str(node["calibrated"])), False
    if isinstance(node, dict) and "assumption" in node:
        return tx("assume_assumption", text=str(node["assumption"])), True
    return tx("assume_none"), True


def _format(tx: Text, kind: str, value) -> str:
    if value is None:
        return "–"
    if not isinstance(value, int | float):
        return str(value)
    return {
        "int": lambda v: tx.num(v),
        "num": lambda v: tx.num(v, 2),
        "pct": lambda v: tx.pct(v, 1),
        "eur": tx.eur,
    }[kind](value)
