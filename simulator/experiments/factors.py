"""Factors: the dimensions of a design, and how a coordinate in ``[0, 1)`` becomes a value.

Every factor (the base scenario when there are several, then each lever and uncertainty) gets
one coordinate ``u`` in the unit interval. Continuous factors map ``u`` linearly onto
``[low, high]`` (integers: ``floor`` over ``low..high`` inclusive); discrete factors (values,
overlays, items, shock sets, scenarios) take choice ``floor(u * k)`` of their ``k`` choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from simulator.experiments.parameters import Parameter
from simulator.experiments.patches import Patch
from simulator.experiments.schema import Experiment


@dataclass(frozen=True)
class Factor:
    """One dimension of the design.

    Attributes:
        name: Column name in the runs table.
        role: ``scenario``, ``lever``, ``uncertainty`` or ``posterior`` (a design's own).
        choices: Discrete choices (values, overlay, item, shock-set or scenario names), or None.
        low: Lower bound of a continuous range.
        high: Upper bound of a continuous range.
        integer: Whether a continuous range takes whole numbers.
        parameter: The lever or uncertainty (None for the base scenario).
    """

    name: str
    role: str
    choices: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    integer: bool = False
    parameter: Parameter | None = None

    @property
    def path(self) -> str | None:
        """The dotted scenario path the factor changes (None for overlays, shocks, scenarios)."""
        return None if self.parameter is None else self.parameter.path

    @property
    def unit(self) -> str:
        """The factor's unit as the experiment writes it."""
        return "" if self.parameter is None else self.parameter.unit

    def patch(self, value: Any) -> Patch | None:
        """The patch for one value (None: the base scenario, a draw id, or no value here)."""
        return None if self.parameter is None or value is None else self.parameter.patch(value)

    def from_unit(self, u: np.ndarray) -> list[Any]:
        """Map unit-interval coordinates onto this factor's values (plain Python scalars)."""
        if self.choices is not None:
            index = np.minimum((u * len(self.choices)).astype(int), len(self.choices) - 1)
            return [self.choices[i] for i in index]
        if self.integer:
            span = self.high - self.low + 1
            whole = np.minimum(np.floor(self.low + u * span), self.high)
            return [int(v) for v in whole]
        return [float(v) for v in self.low + u * (self.high - self.low)]

    def to_unit(self, values: list[Any]) -> np.ndarray:
        """The coordinate of given values: a range linearly, choice ``i`` at ``(i + 0.5) / k``."""
        if self.choices is not None:
            index = np.array([self.choices.index(v) for v in values], dtype=float)
            return (index + 0.5) / len(self.choices)
        if self.integer:
            span = self.high - self.low + 1
            return (np.asarray(values, dtype=float) - self.low + 0.5) / span
        return (np.asarray(values, dtype=float) - self.low) / (self.high - self.low)

    def describe(self) -> dict[str, Any]:
        """The factor as plain data, for the manifest (analyses read it back)."""
        kind = _patch_kind(self.parameter) if self.parameter is not None else self.role
        kind = "record" if kind == "posterior" else kind  # a draw id: recorded, patches nothing
        return {
            "name": self.name,
            "role": self.role,
            "patch": kind,
            "path": self.path,
            "unit": self.unit,
            "choices": list(self.choices) if self.choices is not None else None,
            "low": self.low,
            "high": self.high,
            "integer": self.integer,
        }


def _patch_kind(param: Parameter) -> str:
    for kind in ("overlays", "items", "shocks"):
        if getattr(param, kind) is not None:
            return {"overlays": "overlay", "items": "list_item", "shocks": "shock_set"}[kind]
    return "set_value"


def factors(experiment: Experiment) -> list[Factor]:
    """The design's factors in column order: scenario (if several), levers, uncertainties.

    A design may add factors of its own after them (``posterior``: the draw id, the particle
    and every posterior parameter, role ``posterior``), from its module's ``factors()``.
    """
    out = []
    if experiment.scenarios is not None:
        names = tuple(Path(s).stem for s in experiment.scenarios)
        out.append(Factor("scenario", "scenario", choices=names))
    for role, params in (("lever", experiment.levers), ("uncertainty", experiment.uncertainties)):
        for p in params:
            if p.continuous:
                low, high = float(p.low), float(p.high)
                out.append(Factor(p.name, role, None, low, high, p.integer, parameter=p))
            else:
                out.append(Factor(p.name, role, p.choices, parameter=p))
    return out + design_factors(experiment)


def design_factors(experiment: Experiment) -> list[Factor]:
    """Factors the design itself adds (its registry module's ``factors()``, if it has one).

    The module describes each as data (``name``, ``role``, ``low``, ``high``, ``integer`` and
    the ``path`` its value is set at, or None for a column that only records).
    """
    from importlib import import_module

    from simulator.experiments.designs import REGISTRY

    own = getattr(import_module(REGISTRY[experiment.design.kind]), "factors", None)
    out = []
    for f in own(experiment) if own is not None else []:
        low, high = float(f["low"]), float(f["high"])
        parameter = None
        if f["path"] is not None:
            parameter = Parameter(name=f["name"], path=f["path"], low=low, high=high)
        out.append(Factor(f["name"], f["role"], None, low, high, f["integer"], parameter))
    return out
