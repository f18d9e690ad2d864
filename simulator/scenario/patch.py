"""Paths into a scenario document, and patches that change a value, a list item or a list.

A path names mapping keys separated by dots; a list is entered with a selector in brackets::

    facility.staff_fte                       a value
    financing[user_fees].fee_eur_per_visit   one field of the list item with key user_fees
    financing[municipal_grant#2].years       the second item with key municipal_grant
    town.districts[0].distance_km            the item at index 0 (counting from 0)
    financing[+]                             append the value as a new last item
    financing[-crowdfunding]                 remove that item (the value must be empty/null)
    financing                                replace the whole list

An item's key is its ``id``, else its ``instrument``, else its ``name`` (the municipality's
spending lines and consolidation measures); if no item of the list has that key, items are
matched by their ``instrument`` (so ``financing[programme_grant]`` finds a programme grant
whatever its id). A key that matches two items is refused unless ``#n`` (1 = the first of them) says which. The older
dotted form reads a list step as a selector: ``financing.programme_grant.years`` is
``financing[programme_grant].years``, ``financing.0.share`` is ``financing[0].share``.

Every error is a :class:`ScenarioError` naming the file and the path as far as it was valid, and
a missing item lists the keys that exist. Patches change plain documents (dicts and lists, before
validation); :func:`apply_patch` is the entry point for other packages.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.scenario.errors import ScenarioError

MAX_PATH_CHARS = 300
#: The shape of a path for schemas that store one (e.g. an experiment's lever): snake_case keys
#: joined by dots, each optionally followed by selectors ``[key]``, ``[key#2]``, ``[0]``, ``[+]``,
#: ``[-key]``. Whether the keys exist is checked against a scenario by :func:`check_path`.
PATH_PATTERN = (
    r"^[A-Za-z0-9_]+(?:\[[-+]?[A-Za-z0-9_#]*\])*(?:\.[A-Za-z0-9_]+(?:\[[-+]?[A-Za-z0-9_#]*\])*)*$"
)
_STEP = re.compile(r"^(?P<name>[^\[\]]*)(?P<selectors>(?:\[[^\[\]]*\])*)$")
_SELECTOR = re.compile(r"\[([^\[\]]*)\]")
_OCCURRENCE = re.compile(r"^(?P<key>[^#]+)#(?P<n>[0-9]{1,3})$")


@dataclass(frozen=True)
class Step:
    """One step of a path: a mapping key, a list item, an append or a removal."""

    kind: str  # "key" | "item" | "append" | "remove"
    text: str  # the key, or the selector inside the brackets (without + or -)
    shown: str  # the path up to and including this step, for messages


def parse_path(path: Any, file: str) -> list[Step]:
    """Split a path into steps; ScenarioError if it is not a well-formed path."""
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_CHARS:
        raise ScenarioError(file, str(path)[:80], "a path must be non-empty text")
    steps: list[Step] = []
    shown = ""
    for part in path.split("."):
        match = _STEP.match(part)
        if match is None or (not match["name"] and not steps):
            raise ScenarioError(file, path[:80], f"{part!r} is not a key[selector] step")
        if match["name"]:
            shown = f"{shown}.{match['name']}" if shown else match["name"]
            steps.append(Step("key", match["name"], shown))
        elif not match["selectors"]:
            raise ScenarioError(file, path[:80], "empty step between dots")
        for selector in _SELECTOR.findall(match["selectors"]):
            shown = f"{shown}[{selector}]"
            steps.append(_selector_step(selector, shown, path, file))
    for step in steps[:-1]:
        if step.kind in ("append", "remove"):
            raise ScenarioError(file, step.shown, "[+] and [-key] may only end a path")
    return steps


def _selector_step(selector: str, shown: str, path: str, file: str) -> Step:
    if selector == "+":
        return Step("append", "", shown)
    kind, text = ("remove", selector[1:]) if selector.startswith("-") else ("item", selector)
    if not text or text.startswith(("+", "-")):
        raise ScenarioError(file, shown, "a selector is [key], [key#n], [index], [+] or [-key]")
    return Step(kind, text, shown)


def get_path(doc: Any, path: str, file: str = "<scenario>") -> Any:
    """The value at ``path``; ScenarioError if the path does not exist."""
    node = doc
    for step in parse_path(path, file):
        if step.kind in ("append", "remove"):
            raise ScenarioError(file, step.shown, "[+] and [-key] change a list; nothing to read")
        node = _child(node, step, file)
    return node


def set_path(doc: Any, path: str, value: Any, file: str) -> None:
    """Apply one patch in place: set a value, replace/append/remove a list item."""
    steps = parse_path(path, file)
    node = doc
    for step in steps[:-1]:
        node = _child(node, step, file)
    last = steps[-1]
    if last.kind == "key" and isinstance(node, dict):
        node[last.text] = copy.deepcopy(value)
        return
    if not isinstance(node, list):
        what = "a section" if last.kind == "key" else "a list ([+], [-key], [key] need one)"
        raise ScenarioError(
            file, _parent_shown(steps), f"path goes through a value that is not {what}"
        )
    if last.kind == "append":
        node.append(copy.deepcopy(value))
    elif last.kind == "remove":
        if value not in (None, ""):
            hint = f"--set '{last.shown}=' or, in a file, '{last.shown}: null'"
            raise ScenarioError(file, last.shown, f"a removal takes no value ({hint})")
        del node[item_index(node, last.text, file, last.shown)]
    else:
        node[item_index(node, last.text, file, last.shown)] = copy.deepcopy(value)


def apply_patch(
    doc: dict, patch: Mapping[str, Any] | Iterable[tuple[str, Any]], file: str = "<patch>"
) -> None:
    """Apply ``{path: value}`` (or ``(path, value)`` pairs) to ``doc`` in place, in order.

    The experiment engine calls this to express a factor (a value, a list item) as a patch.
    """
    pairs = patch.items() if isinstance(patch, Mapping) else patch
    for path, value in pairs:
        set_path(doc, path, value, file)


def check_path(doc: Any, path: str, file: str = "<scenario>") -> None:
    """ScenarioError unless ``path`` could be patched in ``doc`` (the item or list exists)."""
    steps = parse_path(path, file)
    node = doc
    for step in steps[:-1]:
        node = _child(node, step, file)
    last = steps[-1]
    if last.kind in ("append", "remove") and not isinstance(node, list):
        raise ScenarioError(file, _parent_shown(steps), "not a list: [selector] needs a list")
    if last.kind == "remove":
        item_index(node, last.text, file, last.shown)
    elif last.kind != "append":
        _child(node, last, file)


def _child(node: Any, step: Step, file: str) -> Any:
    if isinstance(node, dict) and step.kind == "key":
        if step.text not in node:
            raise ScenarioError(file, step.shown, "no such field in the scenario")
        return node[step.text]
    if isinstance(node, list):
        return node[item_index(node, step.text, file, step.shown)]
    what = "a list item selector needs a list" if step.kind == "item" else "not a section"
    raise ScenarioError(file, step.shown, f"path goes through a value that is {what}")


def _parent_shown(steps: list[Step]) -> str:
    return steps[-2].shown if len(steps) > 1 else steps[-1].shown


def item_index(items: list, selector: str, file: str, shown: str) -> int:
    """Position of the item a selector names: an index, ``key`` or ``key#n``."""
    if selector.isascii() and selector.isdigit():  # not "²" or "١"
        if int(selector) < len(items):
            return int(selector)
        raise ScenarioError(file, shown, f"no item at index {selector}; {_valid(items)}")
    occurrence = _OCCURRENCE.match(selector)
    key, n = (occurrence["key"], int(occurrence["n"])) if occurrence else (selector, 0)
    found = _matches(items, key)
    if not found:
        raise ScenarioError(file, shown, f"no item with key {key!r}; {_valid(items)}")
    if n == 0 and len(found) > 1:
        choices = ", ".join(f"{key}#{i}" for i in range(1, len(found) + 1))
        raise ScenarioError(file, shown, f"{len(found)} items have key {key!r}: write {choices}")
    if n > len(found) or (occurrence and n == 0):
        raise ScenarioError(file, shown, f"{key!r} has {len(found)} item(s); {_valid(items)}")
    return found[max(n, 1) - 1]


def _matches(items: list, key: str) -> list[int]:
    """Items whose key (id, else instrument, else name) is ``key``; if none, items of that instrument."""
    found = [i for i, item in enumerate(items) if _key(item) == key]
    if found:
        return found
    return [
        i
        for i, item in enumerate(items)
        if isinstance(item, dict) and item.get("instrument") == key
    ]


def item_keys(items: list) -> list[str]:
    """The key of every item (``id``, else ``instrument``, else ``name``), with ``#n`` where a key repeats."""
    keys = [_key(item) for item in items]
    counts: dict[str, int] = {}
    out = []
    for key in keys:
        if key is None:
            continue
        counts[key] = counts.get(key, 0) + 1
        out.append(f"{key}#{counts[key]}" if keys.count(key) > 1 else key)
    return out


def _key(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    key = item.get("id", item.get("instrument", item.get("name")))
    return key if isinstance(key, str) else None


def _valid(items: list) -> str:
    keys = item_keys(items)
    index = f"an index 0-{len(items) - 1}" if items else "no index (the list is empty)"
    return f"valid keys: {', '.join(keys)} or {index}" if keys else f"valid: {index}"
