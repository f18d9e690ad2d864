"""How plain YAML values become numbers, booleans and null: the YAML 1.2 core schema, strictly.

PyYAML implements YAML 1.1, where ``010`` is octal 8, ``1:30`` is 90 (base 60), ``yes`` and
``on`` are true, and ``1_000`` is 1000; YAML 1.2 reads ``010`` as 10 and the others as text.
(``y`` and ``n``, booleans in the YAML 1.1 spec, are text in PyYAML and in YAML 1.2: text here.)
A scenario must not mean one thing to us and another to the next tool, so a plain value that
the two versions read differently is refused with a message saying how to write it. The rest
follows the 1.2 core schema: ``true``/``false`` (any of three cases), ``null``/``~``/empty,
decimal integers, and floats with a dot or an exponent (``1e3`` is 1000.0, not text).

The refusal costs nothing extra: like every YAML resolver, ours picks candidate patterns by
the value's first character, and the refused forms are one more pattern there. Resolution runs
in Python on both PyYAML paths (libyaml's C parser only produces the events), so the rules are
the same with and without libyaml.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

REFUSED = "tag:dewak,2025:refused"

# y/Y/n/N are booleans in the YAML 1.1 spec too, but text in PyYAML and in YAML 1.2 (and common
# as names: levers "x", "y"); they stay text here.
_BOOL_11 = r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
_NUMBER_11 = (
    r"[-+]?0[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"  # leading zero: octal in YAML 1.1
    r"|[-+]?0[xXoObB][0-9a-fA-F_]*"  # hexadecimal, octal, binary
    r"|[-+]?[0-9][0-9_]*(?::[0-9_]+)+(?:\.[0-9_]*)?"  # base 60
    r"|[-+]?(?:[0-9_]*\.)?[0-9_]*_[0-9_.]*(?:[eE][-+]?[0-9]+)?"  # "_" between digits
)
_PATTERNS = [
    (REFUSED, rf"^(?:{_BOOL_11}|{_NUMBER_11})\Z", "yYnNoO-+.0123456789"),  # first chars
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)\Z", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)\Z", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)\Z", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z",
        "-+.0123456789",
    ),
]


class AmbiguousScalar(yaml.YAMLError):
    """A plain value that YAML 1.1 and YAML 1.2 read differently; carries its field path."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


class CoreResolver(BaseResolver):
    """YAML 1.2 core-schema resolution that refuses the forms YAML 1.1 reads differently."""

    def __init__(self):
        super().__init__()
        self._where: list[tuple] = []

    def descend_resolver(self, current_node, current_index):  # noqa: D102 - PyYAML hook
        self._where.append((current_node, current_index))

    def ascend_resolver(self):  # noqa: D102 - PyYAML hook
        self._where.pop()

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook (no path resolvers)
        if kind is not ScalarNode:
            return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG
        if implicit[0]:  # a plain value; quoted ones are text
            for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    if tag is REFUSED:
                        raise AmbiguousScalar(self._field_path(value), why(value))
                    return tag
        return self.DEFAULT_SCALAR_TAG

    def _field_path(self, value: str) -> str:
        parts = []
        for parent, index in self._where:
            if isinstance(parent, SequenceNode):
                parts.append(str(index))
            elif isinstance(parent, MappingNode):  # index: the key's node, or None for a key
                parts.append(index.value if isinstance(index, ScalarNode) else value)
        return ".".join(parts)


for _tag, _regexp, _first in _PATTERNS:
    CoreResolver.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def why(value: str) -> str:
    """What is ambiguous about a refused plain value, and how to write it instead."""
    shown = repr(value)
    if re.fullmatch(_BOOL_11, value):
        return (
            f"{shown} is true/false in YAML 1.1 but text in YAML 1.2: write true or false, "
            "or quote it as text"
        )
    if re.fullmatch(r"[-+]?0[xXoObB].*", value):
        return f"{shown}: write numbers in decimal (no 0x, 0o or 0b), or quote it as text"
    if ":" in value:
        return (
            f"{shown} is a base-60 number in YAML 1.1 (1:30 = 90) but text in YAML 1.2: "
            "write the number (e.g. 1.5 hours), or quote it as text"
        )
    if "_" in value:
        return f"{shown}: write numbers without '_' between digits, or quote it as text"
    return (
        f"{shown} has a leading zero (octal in YAML 1.1, decimal in YAML 1.2): "
        "write it without leading zeros, or quote it as text"
    )
