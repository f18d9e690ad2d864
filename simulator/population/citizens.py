"""The citizen population: every resident an individual, held as a structure of numpy arrays.

One row per resident. Columns are plain arrays so that each rule in ``simulator/rules/`` is a
few vectorised lines; there is no Python object per citizen (DESIGN.md, performance).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

FEMALE = 1
MALE = 0


@dataclass
class Citizens:
    """State of all residents; every field is an array of the same length."""

    age: np.ndarray  # int16, completed years
    female: np.ndarray  # bool
    district: np.ndarray  # intp, index into the scenario's districts (intp: fast lookups)
    migrant: np.ndarray  # bool, migration background
    low_income: np.ndarray  # bool, on minimum income
    parent: np.ndarray  # bool, lives with minor children
    aware: np.ndarray  # bool, knows the facility
    attachment: np.ndarray  # float32 0..1, bond with the facility
    volunteer: np.ndarray  # bool, volunteers at the facility
    volunteer_hours: np.ndarray  # float32, hours per week when volunteering
    member: np.ndarray  # bool, member of the association / cooperative
    months_since_visit: np.ndarray  # int16, 999 = never
    tenant: np.ndarray  # bool, lives in a dwelling of the housing company

    @classmethod
    def empty(cls, n: int) -> Citizens:
        """Residents with neutral behavioural state (to be filled by synthesis or migration)."""
        return cls(
            age=np.zeros(n, np.int16),
            female=np.zeros(n, bool),
            district=np.zeros(n, np.intp),
            migrant=np.zeros(n, bool),
            low_income=np.zeros(n, bool),
            parent=np.zeros(n, bool),
            aware=np.zeros(n, bool),
            attachment=np.zeros(n, np.float32),
            volunteer=np.zeros(n, bool),
            volunteer_hours=np.zeros(n, np.float32),
            member=np.zeros(n, bool),
            months_since_visit=np.full(n, 999, np.int16),
            tenant=np.zeros(n, bool),
        )

    @classmethod
    def joining(cls, columns: dict[str, np.ndarray]) -> Citizens:
        """Newcomers (births, moves in) with the given attributes (``age`` required) and a newcomer's neutral state otherwise."""
        out = cls.empty(len(columns["age"]))
        for name, values in columns.items():
            setattr(out, name, values)
        return out

    def __len__(self) -> int:
        return int(self.age.shape[0])

    def keep(self, mask: np.ndarray) -> None:
        """Keep only the residents where ``mask`` is true (deaths, moves out)."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name)[mask])

    def extend(self, other: Citizens) -> None:
        """Append new residents (births, moves in)."""
        for f in fields(self):
            setattr(self, f.name, np.concatenate([getattr(self, f.name), getattr(other, f.name)]))

    def visited_within(self, months: int) -> np.ndarray:
        """Residents who visited in the last ``months`` months."""
        return self.months_since_visit < months
