"""Priors: check them against the scenario schema's own bounds, and turn them into pyabc's.

The bounds come from the pydantic field the dotted path ends in (its ``ge``/``gt``/``le``/``lt``
constraints), so a prior can never propose a value the scenario would refuse.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from simulator.calibration.patterns import CalibrationError
from simulator.calibration.schema import CalibrationParameter, Prior


@dataclass(frozen=True)
class Bounds:
    """What the schema allows for a number: limits (None = open), strictness, integer or not."""

    low: float | None = None
    low_strict: bool = False
    high: float | None = None
    high_strict: bool = False
    integer: bool = False

    def describe(self) -> str:
        """``[0, 0.3]``, ``(0, inf)``, ..."""
        left = "(" if self.low is None or self.low_strict else "["
        right = ")" if self.high is None or self.high_strict else "]"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"{left}{low}, {high}{right}"


def schema_bounds(scenario: BaseModel, dotted: str) -> Bounds:
    """The bounds of the numeric scenario field at ``dotted`` (ValueError if there is none).

    The path is walked on the validated scenario: attributes of sections, list items by index,
    ``id`` or ``instrument`` (as the scenario loader addresses them).
    """
    owner, node = None, scenario
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        where = ".".join(parts[: i + 1])
        if isinstance(node, BaseModel):
            if part not in type(node).model_fields:
                raise ValueError(f"{where}: no such field in the scenario")
            owner, node = node, getattr(node, part)
        elif isinstance(node, list | tuple):
            owner, node = None, _item(node, part, where)
        else:
            raise ValueError(f"{where}: path goes through a value that is not a section")
    if owner is None:
        raise ValueError(f"{dotted}: a list item is not a number with bounds")
    field = type(owner).model_fields[parts[-1]]
    kind = _numeric_type(field.annotation)
    if kind is None:
        raise ValueError(f"{dotted}: not a number (calibrate numeric fields only)")
    return _bounds(field.metadata, integer=kind is int)


def _item(items, part: str, where: str):
    if part.isascii() and part.isdigit() and int(part) < len(items):
        return items[int(part)]
    for item in items:
        if part in (getattr(item, "id", None), getattr(item, "instrument", None)):
            return item
    raise ValueError(f"{where}: no list item with index, id or instrument {part!r}")


def _numeric_type(annotation) -> type | None:
    """``float`` or ``int`` for a (possibly optional) numeric annotation, else None."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kinds = {_numeric_type(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    return annotation if annotation in (float, int) else None


def _bounds(metadata: list, integer: bool) -> Bounds:
    """Read pydantic's ``Ge``/``Gt``/``Le``/``Lt`` constraint objects (annotated-types)."""
    out: dict = {"integer": integer}
    limits = (
        ("ge", "low", False),
        ("gt", "low", True),
        ("le", "high", False),
        ("lt", "high", True),
    )
    for item in metadata:
        for attr, key, strict in limits:
            if getattr(item, attr, None) is not None:
                out.update({key: float(getattr(item, attr)), f"{key}_strict": strict})
    return Bounds(**out)


def check_prior(param: CalibrationParameter, bounds: Bounds, file: str, field: str) -> None:
    """Raise CalibrationError if the prior's [low, high] leaves what the schema allows."""
    prior = param.prior
    allowed = f"the schema allows {param.path} in {bounds.describe()}"
    if bounds.low is not None and (
        prior.low < bounds.low or (bounds.low_strict and prior.low <= bounds.low)
    ):
        raise CalibrationError(file, f"{field}.prior.low", f"{prior.low:g} is too low: {allowed}")
    if bounds.high is not None and (
        prior.high > bounds.high or (bounds.high_strict and prior.high >= bounds.high)
    ):
        raise CalibrationError(
            file, f"{field}.prior.high", f"{prior.high:g} is too high: {allowed}"
        )


def pyabc_distribution(parameters: tuple[CalibrationParameter, ...]):
    """The joint prior as a ``pyabc.Distribution`` (independent parameters)."""
    import pyabc

    return pyabc.Distribution(**{p.name: _random_variable(p.prior) for p in parameters})


def _random_variable(prior: Prior):
    """A pyabc ``RV`` over scipy.stats: uniform, loguniform or truncnorm."""
    import pyabc

    if prior.kind == "uniform":
        return pyabc.RV("uniform", prior.low, prior.high - prior.low)
    if prior.kind == "log_uniform":
        return pyabc.RV("loguniform", prior.low, prior.high)
    a, b = ((bound - prior.mean) / prior.sd for bound in (prior.low, prior.high))
    return pyabc.RV("truncnorm", a, b, loc=prior.mean, scale=prior.sd)
