"""Base class of every scenario section: strict, frozen, numbers with their provenance.

In a scenario file a number may be written plainly (``0.5``) or with its provenance, as the
shipped scenarios do: ``{value: 0.5, source: "domain_facts §5"}`` or
``{value: 0.5, assumption: "why this value"}`` (optionally with ``unit``). The wrapper is
checked and unwrapped before the field's own bounds apply, so error messages name the field.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

PROVENANCE_KEYS = {"value", "source", "assumption", "unit", "note"}


def is_quantity(raw: Any) -> bool:
    """A mapping with a ``value`` key and only provenance keys is a quantity wrapper."""
    return isinstance(raw, dict) and "value" in raw and set(raw) <= PROVENANCE_KEYS


def unwrap(raw: Any) -> Any:
    """Return the bare value of a quantity wrapper (or the input unchanged)."""
    return raw["value"] if is_quantity(raw) else raw


class Spec(BaseModel):
    """Strict, immutable scenario section; accepts ``{value, source|assumption}`` numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _unwrap_quantities(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = {}
        for key, raw in data.items():
            if is_quantity(raw):
                _check_provenance(key, raw)
                raw = raw["value"]
            elif isinstance(raw, list):
                raw = [item["value"] if is_quantity(item) else item for item in raw]
            out[key] = raw
        return out


def _check_provenance(key: str, raw: dict) -> None:
    has_source = bool(raw.get("source"))
    has_assumption = bool(raw.get("assumption"))
    if has_source == has_assumption:
        raise ValueError(
            f"{key}: a number with provenance needs exactly one of 'source' or 'assumption'"
        )


def field(default: Any, description: str, unit: str, **bounds: Any) -> Any:
    """A scenario field with its description, unit and bounds (shown in docs and the app)."""
    return Field(default, description=description, json_schema_extra={"unit": unit}, **bounds)


Share = dict(ge=0.0, le=1.0)
NonNegative = dict(ge=0.0)
Positive = dict(gt=0.0)


#: Unicode categories refused in names: control (C0/C1, so terminal escapes), format (bidi
#: overrides, zero-width), surrogates, private use, unassigned, line and paragraph separators.
UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(text: str, allowed: str = "") -> str:
    """Return ``text`` unless it holds a character that could change what a terminal shows."""
    for ch in text:
        if ch not in allowed and unicodedata.category(ch) in UNPRINTABLE:
            raise ValueError(
                f"contains the control character U+{ord(ch):04X}; use printable text only"
            )
    return text


#: A name printed to terminals, reports and plots: printable, one line.
Name = Annotated[str, AfterValidator(printable)]
#: Free text that may span lines (a scenario's question): printable plus line breaks and tabs.
Text = Annotated[str, AfterValidator(lambda text: printable(text, allowed="\n\t"))]
