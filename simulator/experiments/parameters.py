"""Levers and uncertainties: what a factor varies and the patch each of its values makes.

A parameter takes exactly one of five forms; each value becomes one named patch
(:mod:`simulator.experiments.patches`):

* ``{name, path, values: [...]}`` — a discrete choice among values set at a dotted path;
* ``{name, path, low, high}`` — a continuous range (``integer: true`` for whole numbers);
* ``{name, overlays: [...]}`` — a choice among scenario overlays (``scenarios/overlays``);
* ``{name, path, items: {choice: item}}`` — a choice among items of the list at ``path``
  (each replaces the item with its key, or is appended; ``{remove: KEY}`` removes one);
* ``{name, shocks: {choice: [change, ...]}}`` — a choice among sets of fiscal shocks,
  appended to ``municipality.fiscal_shocks`` (an empty list: no shock).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from simulator.experiments.patches import ListItem, Overlay, Patch, SetValue, ShockSet

NAME = r"^[a-z][a-z0-9_]{0,63}$"
#: Dotted path; a part may name a list item in brackets (``financing[user_fees].eur_per_visit``).
DOTTED_PATH = r"^[A-Za-z0-9_]+(\[[A-Za-z0-9_+-]*\])?(\.[A-Za-z0-9_]+(\[[A-Za-z0-9_+-]*\])?)*$"
OVERLAY_NAME = r"^[a-z0-9_]{1,60}$"  # as the scenario loader requires
CHOICE_NAME = r"^[A-Za-z0-9_.+-]{1,60}$"
FORMS = ("values", "low/high", "overlays", "items", "shocks")
Scalar = StrictBool | StrictInt | StrictFloat | StrictStr


class Strict(BaseModel):
    """A frozen model that refuses unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Parameter(Strict):
    """One lever or uncertainty, in exactly one of five forms (see the module docstring)."""

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=2000)
    path: str | None = Field(None, pattern=DOTTED_PATH, max_length=300)
    values: tuple[Scalar, ...] | None = Field(None, min_length=1, max_length=1000)
    low: StrictInt | StrictFloat | None = None
    high: StrictInt | StrictFloat | None = None
    integer: bool = False
    overlays: tuple[str, ...] | None = Field(None, min_length=1, max_length=100)
    items: dict[str, Any] | None = Field(None, min_length=1, max_length=100)
    shocks: dict[str, tuple[dict[str, Any], ...]] | None = Field(None, min_length=1, max_length=100)
    unit: str = Field("", max_length=100)

    @model_validator(mode="after")
    def _one_form(self) -> Parameter:
        present = dict(zip(FORMS, self._forms(), strict=True))
        if sum(present.values()) != 1:
            raise ValueError(f"give exactly one of {', '.join(map(repr, FORMS))}")
        needs_path = present["values"] or present["low/high"] or present["items"]
        if needs_path and self.path is None:
            raise ValueError("'path' (a dotted path into the scenario) is required")
        if not needs_path and self.path is not None:
            raise ValueError("an overlay or shock choice takes no 'path'")
        if present["overlays"]:
            _check_overlays(self.overlays or ())
        if present["values"]:
            _check_values(self.values or ())
        if present["low/high"]:
            _check_range(self)
        elif self.integer:
            raise ValueError("'integer' only applies to a low/high range")
        for name in self.items or self.shocks or {}:
            if not re.match(CHOICE_NAME, name):
                raise ValueError(f"choice name {name!r}: use a-z, A-Z, 0-9, _ . + -")
        return self

    def _forms(self) -> list[bool]:
        ranged = self.low is not None or self.high is not None
        given = (self.values, self.overlays, self.items, self.shocks)
        values, overlays, items, shocks = (g is not None for g in given)
        return [values, ranged, overlays, items, shocks]

    @property
    def continuous(self) -> bool:
        """True for a low/high range, False for a choice among values, overlays, items, shocks."""
        return self.low is not None

    @property
    def choices(self) -> tuple[Any, ...]:
        """The discrete values (or overlay, item or shock-set names) this parameter can take."""
        if self.values is not None:
            return self.values
        return tuple(self.overlays or self.items or self.shocks or ())

    def patch(self, value: Any) -> Patch:
        """The patch that gives this parameter the value (or choice) ``value``."""
        if self.overlays is not None:
            return Overlay(value)
        if self.items is not None:
            return ListItem(self.path, self.items[value])
        if self.shocks is not None:
            return ShockSet(value, tuple(self.shocks[value]))
        return SetValue(self.path, value)


def _check_overlays(names: tuple[str, ...]) -> None:
    for name in names:
        if not re.match(OVERLAY_NAME, name):
            raise ValueError(f"overlay {name!r}: use the file name without '.yaml' (a-z, 0-9, _)")
    if len(set(names)) != len(names):
        raise ValueError("overlay names must be unique")


def _check_values(values: tuple[Any, ...]) -> None:
    kinds = {
        "bool" if isinstance(v, bool) else "str" if isinstance(v, str) else "num" for v in values
    }
    if len(kinds) > 1:
        raise ValueError("values must all be of one type (all numbers, all text or all true/false)")
    if len(set(values)) != len(values):
        raise ValueError("values must be unique")


def _check_range(param: Parameter) -> None:
    if param.low is None or param.high is None:
        raise ValueError("a range needs both 'low' and 'high'")
    if not (param.low < param.high):
        raise ValueError("'low' must be smaller than 'high'")
    if param.integer and not (float(param.low).is_integer() and float(param.high).is_integer()):
        raise ValueError("an integer range needs whole-number 'low' and 'high'")


class Outcome(Strict):
    """A named outcome (a key of the run summary) and whether more of it is better."""

    name: str = Field(pattern=NAME)
    direction: Literal["maximize", "minimize", "info"] = "info"
    description: str = Field("", max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data
