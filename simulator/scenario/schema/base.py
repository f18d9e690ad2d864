"""Base class of every scenario section: strict, frozen, numbers with their provenance.

In a scenario file a number may be written plainly (``0.5``) or with its provenance, as the
shipped scenarios do: ``{value: 0.5, source: "domain_facts §5"}``,
``{value: 0.5, assumption: "why this value"}`` or, for a number fitted by ``dewak calibrate``,
``{value: 0.5, calibrated: "<calibration>, <date>, commit <hash>: posterior median <m>,
90 % interval [<low>, <high>]"}`` (optionally with ``unit`` and ``note``). The wrapper is
checked and unwrapped before the field's own bounds apply, so error messages name the field.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

#: The kinds of provenance a number may cite; exactly one per number.
PROVENANCE = ("source", "assumption", "calibrated")
PROVENANCE_KEYS = {"value", *PROVENANCE, "unit", "note"}
_NUMBER = r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"
#: The label ``dewak calibrate`` writes (summary.md, calibrated.yaml); more text may follow.
CALIBRATED = re.compile(
    r"^(?P<name>[a-z][a-z0-9_]{0,63}), (?P<date>\d{4}-\d{2}-\d{2}), "
    r"commit (?P<commit>[0-9a-f]{7,40}|unknown): "
    rf"posterior median (?P<median>{_NUMBER}), "
    rf"90 % interval \[(?P<low>{_NUMBER}), (?P<high>{_NUMBER})\]"
)
CALIBRATED_FORM = (
    "'<calibration>, <YYYY-MM-DD>, commit <hash>: posterior median <m>, "
    "90 % interval [<low>, <high>]' (as dewak calibrate writes it)"
)


def is_quantity(raw: Any) -> bool:
    """A mapping with a ``value`` key and only provenance keys is a quantity wrapper."""
    return isinstance(raw, dict) and "value" in raw and set(raw) <= PROVENANCE_KEYS


def unwrap(raw: Any) -> Any:
    """Return the bare value of a quantity wrapper (or the input unchanged)."""
    return raw["value"] if is_quantity(raw) else raw


class Spec(BaseModel):
    """Strict, immutable scenario section; accepts ``{value, source|assumption|calibrated}``."""

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
    if sum(bool(raw.get(kind)) for kind in PROVENANCE) != 1:
        raise ValueError(
            f"{key}: a number with provenance needs exactly one of 'source', 'assumption' "
            "or 'calibrated'"
        )
    if raw.get("calibrated"):
        check_calibrated(key, raw["value"], raw["calibrated"])


def check_calibrated(key: str, value: Any, label: Any) -> None:
    """A ``calibrated:`` label names its calibration, date, commit, median and 90 % interval.

    The value must lie inside the interval it cites (a rounded median does; a stale or
    mistyped one does not).
    """
    match = CALIBRATED.match(label) if isinstance(label, str) else None
    if match is None:
        raise ValueError(f"{key}: calibrated: write {CALIBRATED_FORM}")
    low, high = float(match["low"]), float(match["high"])
    if not low <= high:
        raise ValueError(f"{key}: calibrated: the interval [{low:g}, {high:g}] is reversed")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not low <= value <= high:
            raise ValueError(
                f"{key}: {value!r} lies outside the 90 % interval [{low:g}, {high:g}] "
                "its calibrated: label cites"
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
