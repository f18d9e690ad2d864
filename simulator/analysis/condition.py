"""The outcome conditions of scenario discovery: ``[not] NAME [OP NUMBER]``, parsed, never evaluated.

Examples: ``not viable``, ``viable``, ``cost_share_municipality > 0.5``,
``not years_open >= 20``. ``OP`` is one of ``< <= > >= == !=``; ``NUMBER`` is a plain decimal
(``0.5``, ``-3``, ``1e5``). Anything else is refused: the text comes from the command line and
is matched against one regular expression, so nothing in it can run as code.

Hand-written on purpose: the libraries that parse such expressions (``pandas.eval``/``query``,
numexpr, ``asteval``, ``simpleeval``) evaluate a general expression language, which is more than
a command-line condition needs and a door to code or resource abuse; a one-line grammar matched
by one regular expression cannot be.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

import numpy as np

from simulator.analysis import AnalysisError

MAX_LENGTH = 200
KEYWORDS = frozenset({"not", "and", "or", "in", "is", "true", "false", "none"})
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_PATTERN = re.compile(
    rf"\s*(?:(?P<not>not)\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    rf"\s*(?:(?P<op><=|>=|==|!=|<|>)\s*(?P<number>{_NUMBER}))?\s*"
)
OPERATORS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
WORDS = {
    "<": "is below",
    "<=": "is at most",
    ">": "is above",
    ">=": "is at least",
    "==": "equals",
    "!=": "differs from",
}
SLUG = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge", "==": "eq", "!=": "ne"}
#: Plain words for true/false outcomes the model reports (DESIGN.md outcome names).
BOOLEAN_PHRASES = {
    "viable": (
        "the facility is still open at the horizon",
        "the facility closes before the horizon",
    )
}


@dataclass(frozen=True)
class Condition:
    """A parsed condition on one outcome column.

    Attributes:
        text: The expression as given.
        negate: Whether it starts with ``not``.
        name: The outcome column.
        op: Comparison operator, or None for a true/false outcome.
        number: The number compared with, or None.
    """

    text: str
    negate: bool
    name: str
    op: str | None = None
    number: float | None = None

    def holds(self, values: np.ndarray) -> np.ndarray:
        """Where the condition holds, for float values (true = 1); NaN gives False."""
        values = np.asarray(values, float)
        if self.op is None:
            result = values == 1.0
        else:
            result = OPERATORS[self.op](values, self.number)
        result = ~result if self.negate else result
        return result & np.isfinite(values)

    def phrase(self) -> str:
        """The condition in words, e.g. ``the facility closes before the horizon``."""
        if self.op is None:
            if self.name in BOOLEAN_PHRASES:
                return BOOLEAN_PHRASES[self.name][int(self.negate)]
            return f"{self.name} is {'false' if self.negate else 'true'}"
        op = NEGATED[self.op] if self.negate else self.op
        return f"{self.name} {WORDS[op]} {self.number:g}"

    def slug(self) -> str:
        """A folder name for the condition, e.g. ``not_viable``, ``cost_share_gt_0.5``."""
        parts = ["not"] * self.negate + [self.name]
        if self.op is not None:
            parts += [SLUG[self.op], f"{self.number:g}"]
        return "_".join(parts)


def parse_condition(text: str, where: str = "--outcome") -> Condition:
    """Parse ``[not] NAME [OP NUMBER]``.

    Raises:
        AnalysisError: For anything else (the CLI exits 2).
    """
    expected = (
        "expected '[not] NAME [OP NUMBER]', e.g. 'not viable' or 'cost_share_municipality > 0.5'"
    )
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise AnalysisError(
            "dewak discover", where, f"{expected} (at most {MAX_LENGTH} characters)"
        )
    match = _PATTERN.fullmatch(text)
    if match is None or match["name"].lower() in KEYWORDS:
        raise AnalysisError("dewak discover", where, f"{expected}; got {text!r}")
    number = float(match["number"]) if match["number"] is not None else None
    if number is not None and not np.isfinite(number):
        raise AnalysisError("dewak discover", where, f"{match['number']!r} is not a finite number")
    return Condition(text.strip(), match["not"] is not None, match["name"], match["op"], number)
