"""The one namespace of an experiment: levers, uncertainties and outcomes by name.

Called by :class:`simulator.experiments.schema.Experiment` when it validates itself; a problem
is a ``ValueError`` whose text starts with the field it names (``levers.0.name: ...``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.experiments.columns import RESERVED, UNIT_PREFIX
from simulator.experiments.outcomes import OUTCOME_NAMES
from simulator.experiments.suggest import did_you_mean

if TYPE_CHECKING:
    from simulator.experiments.schema import Experiment


def check_names(exp: Experiment) -> None:
    """Levers, uncertainties and outcomes share one namespace without the store's own columns.

    A factor named like an outcome the model reports (listed or not) would hide that outcome
    in ``runs.parquet``; a name of the store's own columns would break the tables.
    """
    factors: dict[str, str] = {}
    for section in ("levers", "uncertainties"):
        for i, param in enumerate(getattr(exp, section)):
            where, name = f"{section}.{i}.name", param.name
            if name in factors:
                raise ValueError(f"{where}: {name!r} is used twice (also {factors[name]})")
            if name in RESERVED:
                raise ValueError(
                    f"{where}: {name!r} is a column the results store writes itself; {_rename(name, section)}"
                )
            if name in OUTCOME_NAMES:
                raise ValueError(
                    f"{where}: {name!r} is an outcome the model reports; a factor of that name "
                    f"would hide it in runs.parquet; {_rename(name, section)}"
                )
            factors[name] = f"{section}.{i}"
    for name, place in factors.items():
        if name.startswith(UNIT_PREFIX) and name[len(UNIT_PREFIX) :] in factors:
            raise ValueError(
                f"{place}.name: {name!r} is the unit coordinate column of factor {name[2:]!r} in samples.parquet; {_rename(name, place.split('.')[0])}"
            )
    _check_outcome_names(exp, factors)
    paths = [p.path for p in exp.parameters if p.path is not None] + list(exp.sets)
    if len(set(paths)) != len(paths):
        raise ValueError("two parameters (or 'set') change the same scenario path")


def _check_outcome_names(exp: Experiment, factors: dict[str, str]) -> None:
    seen: set[str] = set()
    for i, outcome in enumerate(exp.outcomes):
        where, name = f"outcomes.{i}", outcome.name
        if name in seen:
            raise ValueError(f"{where}: {name!r} is named twice")
        if name in RESERVED:
            hint = did_you_mean(name, OUTCOME_NAMES)
            raise ValueError(
                f"{where}: {name!r} is a column the results store writes itself, not an "
                f"outcome{hint}"
            )
        if name in factors:
            raise ValueError(f"{where}: {name!r} is also the name of {factors[name]}")
        seen.add(name)


def _rename(name: str, section: str) -> str:
    suffix = "lever" if section == "levers" else "uncertainty"
    return f"rename it, e.g. {f'{name}_{suffix}'[:64]!r}"
