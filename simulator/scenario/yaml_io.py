"""Safe YAML reading for untrusted scenario, overlay, experiment and shock files.

Plain data only, read by the YAML 1.2 core schema: ``true``/``false``, ``null``/``~``, decimal
integers and floats (``1e3`` is a number). Plain (unquoted) values that YAML 1.1 tools read
differently are refused instead of guessed (:mod:`simulator.scenario.yaml_core`): ``yes``/``no``/
``on``/``off``, leading zeros (``010``), base 60 (``1:30``), ``0x``/``0o``/``0b``
numbers and ``_`` between digits. Also refused: duplicate keys, aliases (no "billion laughs"),
explicit tags (``!!python/...``, ``!!binary``, ``!!set``...), documents beyond a size, depth
and node count. Every refusal is a :class:`ScenarioError` naming the file (and, for a refused
value, its field path).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from simulator.scenario.errors import ScenarioError
from simulator.scenario.yaml_core import AmbiguousScalar, CoreResolver

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
#: Largest number of YAML nodes (keys, values, lists, mappings) in one document. assumption:
#: the shipped scenarios have about 1,000; this bounds the parsing time of any accepted size.
MAX_NODES = 20_000
#: Largest magnitude of any number in a scenario. assumption: no quantity of a town needs more
#: (1e12 EUR is a thousand billion), and products of a few such numbers stay far from float
#: overflow, so no valid scenario can drive the model into infinities or NaN.
MAX_ABS_NUMBER = 1e12


class _StrictComposer(Composer):
    """Composes nodes from parser events, refusing aliases, tags, deep nesting and huge counts."""

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        self._nodes = getattr(self, "_nodes", 0) + 1
        if self._nodes > MAX_NODES:
            raise yaml.YAMLError(f"more than {MAX_NODES} values in one document")
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError(
                f"line {line}: YAML aliases (*name) are not allowed in scenario files"
            )
        if getattr(event, "tag", None) is not None:
            raise yaml.YAMLError(f"line {line}: YAML tags (!!type) are not allowed: {event.tag}")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.YAMLError(f"nesting deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _StrictConstructor(SafeConstructor):
    """SafeConstructor that refuses duplicate keys and keys that are not plain scalars."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: keys must be text")
            if key in seen:
                raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# libyaml's C parser (when PyYAML has it) produces the events ~6x faster than the pure-Python
# one; composing and constructing stay in Python, so every check above applies to both.
try:
    from yaml._yaml import CParser

    _PARSER: tuple[type, ...] = (CParser,)
except ImportError:  # PyYAML without libyaml
    _PARSER = (Reader, Scanner, Parser)


class _StrictLoader(_StrictComposer, *_PARSER, _StrictConstructor, CoreResolver):
    """Safe loading of plain data by the YAML 1.2 core schema, with the checks above."""

    def __init__(self, stream):
        if _PARSER[0] is Reader:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
        else:
            _PARSER[0].__init__(self, stream)
        _StrictComposer.__init__(self)
        _StrictConstructor.__init__(self)
        CoreResolver.__init__(self)


def parse_yaml_text(text: str, file: str = "<text>") -> Any:
    """Parse YAML text strictly; raise ScenarioError on anything unsafe or malformed."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise ScenarioError(file, "", f"file is larger than {MAX_FILE_BYTES} bytes")
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - strict SafeLoader subclass
    except AmbiguousScalar as exc:
        raise ScenarioError(file, exc.path, exc.message) from None
    except yaml.YAMLError as exc:
        raise ScenarioError(file, "", f"not valid YAML: {_one_line(exc)}") from None
    except RecursionError:
        raise ScenarioError(file, "", "document nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - e.g. 2024-13-45, 5000-digit ints: not our YAML
        raise ScenarioError(file, "", f"not valid YAML: {_one_line(exc)}") from None


def read_yaml(path: str | Path) -> Any:
    """Read one YAML file from disk with the limits of :func:`parse_yaml_text`."""
    path = Path(path)
    try:
        if not path.is_file():  # also refuses FIFOs and devices, which could block or never end
            missing = not path.exists()
            raise ScenarioError(str(path), "", "file not found" if missing else "not a file")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(data) > MAX_FILE_BYTES:
            raise ScenarioError(str(path), "", f"file is larger than {MAX_FILE_BYTES} bytes")
        text = data.decode("utf-8")
    except (UnicodeDecodeError, OSError, ValueError) as exc:
        raise ScenarioError(str(path), "", f"cannot read file: {_one_line(exc)}") from None
    return parse_yaml_text(text, str(path))


def check_finite(value: Any, file: str, path: str = "", max_abs: float | None = None) -> None:
    """Refuse NaN and infinities anywhere in a parsed document, and numbers beyond ``max_abs``."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(file, path, "NaN and infinite numbers are not allowed")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if max_abs is not None and number and abs(value) > max_abs:
        raise ScenarioError(file, path, f"numbers beyond +-{max_abs:g} are not allowed")
    if isinstance(value, dict):
        for key, item in value.items():
            check_finite(item, file, f"{path}.{key}" if path else str(key), max_abs)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_finite(item, file, f"{path}.{i}" if path else str(i), max_abs)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
