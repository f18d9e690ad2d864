"""Parameter tables of docs/ODD.md, generated from the scenario schema and the two shipped towns.

Each table sits between ``<!-- parameters:SECTION -->`` and ``<!-- /parameters -->``; SECTION is a
dotted path into the scenario (``citizens.volunteering``), ``financing.<instrument key>`` or
``organisation.<model key>``. One row per field: unit, description and default from the pydantic
schema, and each town's value with the ``source:``, ``assumption:`` or ``calibrated:`` note its
scenario file gives (``—`` = the default applies).

    python docs/odd_parameters.py          # rewrite the tables in docs/ODD.md
    python docs/odd_parameters.py --check  # exit 1 if they are out of date (tests do this too)
"""

from __future__ import annotations

import re
import sys
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from simulator.scenario.loader import load_raw
from simulator.scenario.schema import Scenario
from simulator.scenario.schema.financing import InstrumentSpec
from simulator.scenario.schema.organisation import organisation_specs

ROOT = Path(__file__).resolve().parents[1]
ODD = ROOT / "docs" / "ODD.md"
TOWNS = {
    "Herten": ROOT / "scenarios" / "herten_integration_centre.yaml",
    "Wetter": ROOT / "scenarios" / "wetter_buergertreff.yaml",
}
BLOCK = re.compile(r"(<!-- parameters:([\w.]+) -->\n).*?(<!-- /parameters -->)", re.S)


def instrument_class(key: str) -> type[BaseModel]:
    """The schema class of a financing instrument."""
    for cls in typing.get_args(typing.get_args(InstrumentSpec)[0]):
        if typing.get_args(cls.model_fields["instrument"].annotation) == (key,):
            return cls
    raise KeyError(f"no financing instrument {key!r}")


def section(path: str, raw: dict) -> tuple[type[BaseModel], dict]:
    """The schema class of a dotted section and that section of a raw scenario document."""
    if path.startswith("financing."):
        key = path.split(".", 1)[1]
        items = [i for i in raw.get("financing", []) if i.get("instrument") == key]
        return instrument_class(key), items[0] if items else {}
    if path.startswith("organisation."):
        key = path.split(".", 1)[1]
        own = raw.get("organisation") or {}
        return organisation_specs()[key], own if own.get("model") == key else {}
    cls: type[BaseModel] = Scenario
    for part in path.split("."):
        cls = sub_section(cls.model_fields[part].annotation)
        raw = raw.get(part) or {}
    return cls, raw


def sub_section(annotation) -> type[BaseModel] | None:
    """The section class an annotation holds (``X``, ``X | None``), else None."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def cell(value) -> str:
    """A value or a ``{value, source|assumption|calibrated}`` wrapper as one table cell."""
    if value is None:
        return "—"
    note = ""
    if isinstance(value, dict) and "value" in value:
        kind = next(k for k in ("source", "calibrated", "assumption") if value.get(k))
        note = f" ({kind}: {value.get(kind)})"
        value = value["value"]
    return (_plain(value) + note).replace("|", "\\|").replace("\n", " ")


def _plain(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return str(value)


def table(path: str, raws: dict[str, dict]) -> str:
    """The Markdown table of one section."""
    sections = {town: section(path, raw) for town, raw in raws.items()}
    cls = next(iter(sections.values()))[0]
    head = ["parameter", "unit", "default", *raws, "meaning"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, info in cls.model_fields.items():
        if name in ("instrument", "model") or sub_section(info.annotation):
            continue
        if _is_section_list(info):
            continue
        extra = info.json_schema_extra or {}
        default = "required" if info.default is PydanticUndefined else _plain(info.default)
        values = [cell(sections[town][1].get(name)) for town in raws]
        meaning = (info.description or "").replace("|", "\\|")
        lines.append(
            f"| `{name}` | {extra.get('unit', '')} | {default} | "
            + " | ".join(values)
            + f" | {meaning} |"
        )
    return "\n".join(lines) + "\n"


def _is_section_list(info) -> bool:
    return typing.get_origin(info.annotation) is list and _holds_section(info.annotation)


def _holds_section(annotation) -> bool:
    """True if an annotation is, or nests (unions, Annotated), a section class."""
    return bool(sub_section(annotation)) or any(
        _holds_section(a) for a in typing.get_args(annotation) if a is not annotation
    )


def render(text: str) -> str:
    """The document with every parameter table regenerated."""
    raws = {town: load_raw(path) for town, path in TOWNS.items()}
    return BLOCK.sub(lambda m: m.group(1) + table(m.group(2), raws) + m.group(3), text)


def main(argv: list[str]) -> int:
    """Rewrite docs/ODD.md's tables, or with ``--check`` report whether they are current."""
    text = ODD.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in argv:
        print("up to date" if new == text else "docs/ODD.md parameter tables are out of date")
        return 0 if new == text else 1
    ODD.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
