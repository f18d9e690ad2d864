"""Load a scenario: read the file, resolve ``extends`` and overlays, apply patches, validate.

A scenario document may contain, besides the schema's sections:

- ``extends: other.yaml`` — start from another scenario file (same folder or below). The
  child's sections merge into the parent's key by key; a list the child writes *replaces* the
  parent's list (to change one item, the child patches it in ``set:``);
- ``overlays: [ageing, fiscal_stress]`` — apply ``overlays/<name>.yaml`` files in order;
- ``set: {path: value}`` — patches, applied top to bottom after the overlays.

An overlay file has ``overlay: <name>``, ``description:`` and ``set: {path: value}``. Paths and
list patches (``financing[user_fees].fee_eur_per_visit``, ``financing[+]``,
``financing[-crowdfunding]``) are described in :mod:`simulator.scenario.patch`. Order: the parent
(resolved the same way), the child's sections, the child's overlays, its ``set:``, then the
caller's overlays and overrides (``--overlay``, ``--set``). Every file reference stays inside the
folder of the file first loaded; anything else is a :class:`ScenarioError` naming file and field
path.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.scenario import patch
from simulator.scenario.errors import ScenarioError, format_validation_error
from simulator.scenario.patch import apply_patch, get_path, set_path
from simulator.scenario.schema import Scenario
from simulator.scenario.yaml_io import MAX_ABS_NUMBER, check_finite, parse_yaml_text, read_yaml

__all__ = [  # get_path, set_path and apply_patch live in patch.py; importable from here as before
    "apply_overlay",
    "apply_patch",
    "check_path",
    "confined",
    "deep_merge",
    "get_path",
    "load_raw",
    "load_scenario",
    "parse_override",
    "scenario_hash",
    "set_path",
    "validate",
]

DIRECTIVES = ("extends", "overlays", "set")
OVERLAY_NAME = re.compile(r"^[a-z0-9_]{1,60}$")
MAX_EXTENDS_DEPTH = 8


Overrides = Mapping[str, Any] | Iterable[tuple[str, Any]]


def load_scenario(
    path: str | Path, overlays: Sequence[str] = (), overrides: Overrides | None = None
) -> Scenario:
    """Load, resolve and validate a scenario file; raise ScenarioError if anything is wrong.

    ``overrides`` are patches (``{path: value}`` or ``(path, value)`` pairs, applied in order);
    pairs can append to the same list twice (``financing[+]``), a mapping cannot.
    """
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


def load_raw(path: Path, overlays: Sequence[str] = (), overrides: Overrides | None = None) -> dict:
    """Resolve a scenario file into one plain document (not yet validated)."""
    root = path.resolve().parent
    doc = _resolve(path, root, depth=0)
    for name in overlays:
        apply_overlay(doc, name, root, file=str(path))
    apply_patch(doc, overrides or {}, file="--set")
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
        raise ScenarioError(file, "set", "must be a mapping of paths to values")
    apply_patch(merged, sets, file)
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
        raise ScenarioError(ofile, "set", "must be a mapping of paths to values")
    apply_patch(doc, sets, ofile)


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


def check_path(scenario: Scenario | dict, path: str, file: str = "<scenario>") -> None:
    """Raise ScenarioError unless ``path`` names an existing value (or list) of the scenario."""
    doc = scenario.model_dump(mode="json") if isinstance(scenario, Scenario) else scenario
    patch.check_path(doc, path, file)


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 of the scenario's canonical JSON (what the run actually used)."""
    canonical = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
