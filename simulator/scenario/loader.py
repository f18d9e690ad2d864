"""Load a scenario: read the file, resolve ``extends`` and overlays, apply dotted overrides, validate.

A scenario document may contain, besides the schema's sections:

- ``extends: other.yaml`` — start from another scenario file (same folder or below);
- ``overlays: [ageing, fiscal_stress]`` — apply ``overlays/<name>.yaml`` files in order;
- ``set: {dotted.path: value}`` — override single values.

An overlay file has ``overlay: <name>``, ``description:`` and ``set: {dotted.path: value}``.
Dotted paths address mapping keys, list indices, or list items by their ``instrument`` or ``id``
(``financing.programme_grant.years``). Every file reference stays inside the folder of the file
first loaded; anything else is a :class:`ScenarioError` naming file and field path.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.scenario.errors import ScenarioError, format_validation_error
from simulator.scenario.schema import Scenario
from simulator.scenario.yaml_io import MAX_ABS_NUMBER, check_finite, parse_yaml_text, read_yaml

DIRECTIVES = ("extends", "overlays", "set")
OVERLAY_NAME = re.compile(r"^[a-z0-9_]{1,60}$")
MAX_EXTENDS_DEPTH = 8


def load_scenario(
    path: str | Path,
    overlays: Sequence[str] = (),
    overrides: Mapping[str, Any] | None = None,
) -> Scenario:
    """Load, resolve and validate a scenario file; raise ScenarioError if anything is wrong."""
    path = Path(path)
    raw = load_raw(path, overlays=overlays, overrides=overrides)
    return validate(raw, str(path))


def validate(raw: Any, file: str) -> Scenario:
    """Validate a resolved scenario document."""
    if not isinstance(raw, dict):
        raise ScenarioError(file, "", "a scenario must be a mapping of sections")
    check_finite(raw, file, max_abs=MAX_ABS_NUMBER)
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        raise format_validation_error(file, exc, named_fields=True) from None
    # Again on the values the model will use: text such as "inf" or "1e13" becomes a number
    # only in validation (YAML 1.1 reads 1e13 without a dot as text).
    check_finite(scenario.model_dump(), file, max_abs=MAX_ABS_NUMBER)
    return scenario


def load_raw(
    path: Path, overlays: Sequence[str] = (), overrides: Mapping[str, Any] | None = None
) -> dict:
    """Resolve a scenario file into one plain document (not yet validated)."""
    root = path.resolve().parent
    doc = _resolve(path, root, depth=0)
    for name in overlays:
        apply_overlay(doc, name, root, file=str(path))
    for dotted, value in (overrides or {}).items():
        set_path(doc, dotted, value, file="--set")
    return doc


def _resolve(path: Path, root: Path, depth: int) -> dict:
    doc = read_yaml(path)
    file = str(path)
    if not isinstance(doc, dict):
        raise ScenarioError(file, "", "a scenario must be a mapping of sections")
    base: dict = {}
    if "extends" in doc:
        if depth >= MAX_EXTENDS_DEPTH:
            raise ScenarioError(file, "extends", "too many levels of 'extends'")
        base = _resolve(
            confined(path.parent, doc["extends"], root, file, "extends"), root, depth + 1
        )
    merged = deep_merge(base, {k: v for k, v in doc.items() if k not in DIRECTIVES})
    names = doc.get("overlays", [])
    if not isinstance(names, list):
        raise ScenarioError(file, "overlays", "must be a list of overlay names")
    for name in names:
        apply_overlay(merged, name, root, file)
    sets = doc.get("set", {})
    if not isinstance(sets, dict):
        raise ScenarioError(file, "set", "must be a mapping of dotted paths to values")
    for dotted, value in sets.items():
        set_path(merged, dotted, value, file)
    return merged


def apply_overlay(doc: dict, name: Any, root: Path, file: str) -> None:
    """Apply the overlay ``overlays/<name>.yaml`` (next to the scenario) to ``doc`` in place."""
    if not isinstance(name, str) or not OVERLAY_NAME.match(name):
        raise ScenarioError(file, "overlays", f"{name!r} is not an overlay name (a-z, 0-9, _)")
    overlay_path = confined(root / "overlays", f"{name}.yaml", root, file, "overlays")
    if not overlay_path.is_file():
        raise ScenarioError(file, "overlays", f"unknown overlay {name!r} (no {overlay_path})")
    overlay = read_yaml(overlay_path)
    ofile = str(overlay_path)
    if not isinstance(overlay, dict) or set(overlay) - {"overlay", "description", "set"}:
        raise ScenarioError(ofile, "", "an overlay has only 'overlay', 'description' and 'set'")
    sets = overlay.get("set") or {}
    if not isinstance(sets, dict):
        raise ScenarioError(ofile, "set", "must be a mapping of dotted paths to values")
    for dotted, value in sets.items():
        set_path(doc, dotted, value, ofile)


def confined(base_dir: Path, ref: Any, root: Path, file: str, field_path: str) -> Path:
    """Resolve a file reference and refuse it unless it stays inside ``root``."""
    if not isinstance(ref, str) or not ref or "\x00" in ref:
        raise ScenarioError(file, field_path, "must be a relative file name")
    target = (base_dir / ref).resolve()
    if not target.is_relative_to(root):
        raise ScenarioError(file, field_path, f"{ref!r} points outside the scenario folder")
    return target


def deep_merge(base: dict, top: dict) -> dict:
    """Merge ``top`` over ``base``: mappings merge key by key, everything else is replaced."""
    out = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and "value" not in value:
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def set_path(doc: dict, dotted: Any, value: Any, file: str) -> None:
    """Set ``doc[dotted.path] = value`` in place (keys, list indices or item ids)."""
    if not isinstance(dotted, str) or not dotted or len(dotted) > 300:
        raise ScenarioError(file, str(dotted)[:80], "a dotted path must be non-empty text")
    parts = dotted.split(".")
    node: Any = doc
    for i, part in enumerate(parts[:-1]):
        node = _child(node, part, file, ".".join(parts[: i + 1]))
    last = parts[-1]
    if isinstance(node, dict):
        node[last] = copy.deepcopy(value)
    elif isinstance(node, list):
        node[_index(node, last, file, dotted)] = copy.deepcopy(value)
    else:
        raise ScenarioError(file, dotted, "path goes through a value that is not a section")


def get_path(doc: Any, dotted: str, file: str = "<scenario>") -> Any:
    """Read the value at a dotted path; ScenarioError if the path does not exist."""
    node = doc
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        node = _child(node, part, file, ".".join(parts[: i + 1]))
    return node


def _child(node: Any, part: str, file: str, where: str) -> Any:
    if isinstance(node, dict):
        if part not in node:
            raise ScenarioError(file, where, "no such field in the scenario")
        return node[part]
    if isinstance(node, list):
        return node[_index(node, part, file, where)]
    raise ScenarioError(file, where, "path goes through a value that is not a section")


def _index(items: list, part: str, file: str, where: str) -> int:
    if part.isascii() and part.isdigit() and int(part) < len(items):  # not "²" or "١"
        return int(part)
    for i, item in enumerate(items):
        if isinstance(item, dict) and part in (item.get("id"), item.get("instrument")):
            return i
    raise ScenarioError(file, where, f"no list item with index, id or instrument {part!r}")


def parse_override(text: str) -> tuple[str, Any]:
    """Parse one ``--set path=value``; the value is read as YAML data, never evaluated."""
    if "=" not in text:
        raise ScenarioError("--set", text[:80], "expected path=value")
    dotted, raw = text.split("=", 1)
    try:
        value = parse_yaml_text(raw, file="--set") if raw.strip() else ""
    except ScenarioError as err:
        raise ScenarioError("--set", dotted.strip()[:80], err.message) from None
    check_finite(value, "--set", dotted.strip(), MAX_ABS_NUMBER)
    return dotted.strip(), value


def check_path(scenario: Scenario | dict, dotted: str, file: str = "<scenario>") -> None:
    """Raise ScenarioError unless ``dotted`` names an existing value of the scenario."""
    doc = scenario.model_dump(mode="json") if isinstance(scenario, Scenario) else scenario
    get_path(doc, dotted, file)


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON (what the run actually used)."""
    canonical = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
