"""The columns the results store writes itself, in one place.

``runs.parquet`` holds, per run, the ids (:data:`IDS`), the base scenario (:data:`SCENARIO`),
every factor's value, :data:`SCENARIO_HASH`, the outcomes and the rest of the run's summary,
then :data:`TRAILING`; ``samples.parquet`` holds ``sample_id``, every factor's value and its
unit coordinate ``u_<factor>`` (:data:`UNIT_PREFIX`). Levers, uncertainties and outcomes share
one namespace that may not use these names (:data:`RESERVED`), so no name can hide another in
a table; ``tests/test_names.py`` checks this list against the columns a sweep writes.
"""

from __future__ import annotations

IDS = ("run_id", "sample_id", "replication", "seed")
SCENARIO = "scenario"
SCENARIO_HASH = "scenario_hash"
TRAILING = ("status", "error", "duration_s")
UNIT_PREFIX = "u_"
#: Every column name the store writes of its own.
RESERVED = frozenset({*IDS, SCENARIO, SCENARIO_HASH, *TRAILING})
