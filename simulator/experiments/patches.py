"""Patches: what one value of a factor does to the base scenario.

A factor's value is a named patch, one of four kinds:

- :class:`Overlay` — apply ``overlays/<name>.yaml`` (next to the scenario);
- :class:`SetValue` — set one value at a dotted path (as ``--set`` does);
- :class:`ListItem` — put one item into a list, replacing the item with the same key (its
  ``id``, else its ``instrument``, matched against each item's ``id`` and ``instrument``, as
  dotted paths match) or appending it; or remove the item with a key (``{remove: KEY}``);
- :class:`ShockSet` — append a named set of fiscal shocks to ``municipality.fiscal_shocks``.

:func:`build_scenario` applies patches through the scenario loader's own functions
(``load_raw``, ``get_path``, ``set_path``, ``validate``): overlays first, in order, then the other
patches in order, then validation. Patches are small frozen dataclasses, so tasks that carry
them stay picklable for any executor.
"""

from __future__ import annotations

import copy
import json
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from simulator.scenario.errors import ScenarioError
from simulator.scenario.loader import get_path, load_raw, set_path, validate

#: The ``file`` that errors of patches name (patches act like ``--set``).
PATCH_FILE = "--set"
#: Where a shock set's changes go (the scenario's own fiscal shocks stay).
SHOCKS_PATH = "municipality.fiscal_shocks"
#: Item fields that identify a list item, in the order they are tried.
ITEM_KEYS = ("id", "instrument")
CACHE_SIZE = 32


@dataclass(frozen=True)
class Overlay:
    """Apply the overlay ``overlays/<name>.yaml`` of the scenario's folder."""

    name: str


@dataclass(frozen=True)
class SetValue:
    """Set the value at a dotted path (keys, list indices or item keys)."""

    path: str
    value: Any

    def apply(self, doc: dict, file: str = PATCH_FILE) -> None:
        """Change ``doc`` in place."""
        set_path(doc, self.path, self.value, file)


@dataclass(frozen=True)
class ListItem:
    """Replace or append one item of the list at ``path``, or remove one (``{remove: KEY}``)."""

    path: str
    item: Any

    def apply(self, doc: dict, file: str = PATCH_FILE) -> None:
        """Change ``doc`` in place."""
        items = list_at(doc, self.path, file)
        if isinstance(self.item, dict) and set(self.item) == {"remove"}:
            items.pop(_position(items, self.item["remove"], self.path, file))
            return
        key = item_key(self.item)
        if key is None:
            raise ScenarioError(file, self.path, f"a list item needs one of {ITEM_KEYS}")
        found = [i for i, old in enumerate(items) if _matches(old, key)]
        if found:
            items[found[0]] = copy.deepcopy(self.item)
        else:
            items.append(copy.deepcopy(self.item))


@dataclass(frozen=True)
class ShockSet:
    """Append the changes of a named fiscal shock to the scenario's ``fiscal_shocks``."""

    name: str
    changes: tuple[Any, ...] = ()

    def apply(self, doc: dict, file: str = PATCH_FILE) -> None:
        """Change ``doc`` in place (an empty set changes nothing)."""
        if self.changes:
            list_at(doc, SHOCKS_PATH, file, create=True).extend(copy.deepcopy(self.changes))


Patch = Overlay | SetValue | ListItem | ShockSet


def describe(patch: Patch) -> str:
    """One line for plans and logs."""
    if isinstance(patch, Overlay):
        return f"overlay {patch.name}"
    if isinstance(patch, SetValue):
        return f"{patch.path}={patch.value}"
    if isinstance(patch, ShockSet):
        return f"shocks {patch.name} ({len(patch.changes)} changes)"
    if isinstance(patch.item, dict) and set(patch.item) == {"remove"}:
        return f"{patch.path}: remove {patch.item['remove']}"
    return f"{patch.path}: put {item_key(patch.item)}"


def item_key(item: Any) -> str | None:
    """The key of a list item: its ``id`` or ``instrument``."""
    if not isinstance(item, dict):
        return None
    return next((str(item[k]) for k in ITEM_KEYS if isinstance(item.get(k), str)), None)


def list_at(doc: dict, dotted: str, file: str, create: bool = False) -> list:
    """The list at a dotted path (created empty if missing and ``create``)."""
    parent_path, _, last = dotted.rpartition(".")
    parent = get_path(doc, parent_path, file) if parent_path else doc
    if create and isinstance(parent, dict) and last not in parent:
        parent[last] = []
    node = get_path(parent, last, file)
    if not isinstance(node, list):
        raise ScenarioError(file, dotted, "is not a list")
    return node


def _matches(item: Any, key: str) -> bool:
    """Whether a list item has ``key`` as its ``id`` or its ``instrument`` (as dotted paths do)."""
    return isinstance(item, dict) and key in (str(item.get(k)) for k in ITEM_KEYS if k in item)


def _position(items: list, key: Any, where: str, file: str) -> int:
    for i, item in enumerate(items):
        if _matches(item, str(key)):
            return i
    keys = [k for k in map(item_key, items) if k is not None]
    raise ScenarioError(file, where, f"no list item {key!r} to remove (items: {', '.join(keys)})")


def patches_key(patches: tuple[Patch, ...]) -> str:
    """Canonical text of a patch sequence (a cache key; patches may hold mappings)."""
    parts = [[type(p).__name__, asdict(p)] for p in patches]
    return json.dumps(parts, sort_keys=True, default=str)


_CACHE: OrderedDict[tuple[str, str], Any] = OrderedDict()


def build_scenario(scenario_file: str | Path, patches: tuple[Patch, ...] = ()):
    """Load a scenario with patches applied and validate it (cached: replications share it).

    Raises:
        ScenarioError: Naming the file and field path of the first problem.
    """
    key = (str(scenario_file), patches_key(patches))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    overlays = [p.name for p in patches if isinstance(p, Overlay)]
    doc = load_raw(Path(scenario_file), overlays=overlays)
    for patch in patches:
        if not isinstance(patch, Overlay):
            patch.apply(doc)
    scenario = validate(doc, str(scenario_file))
    _CACHE[key] = scenario
    if len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return scenario
