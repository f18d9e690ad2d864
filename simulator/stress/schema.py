"""The shock file of the stress test (``experiments/stress_shocks.yaml``): validated, strict.

A shock file names the test, its seeds and replications, the window in which the stress score
is read, and a list of shocks. Each shock has a name, a label, a source note and one or more
changes to the municipal budget; a change is a :class:`FiscalShockSpec` (target, size, start
year, duration), the same block a scenario's ``municipality.fiscal_shocks`` holds. Numbers may
carry their provenance (``{value: -0.1, source: "..."}``) as in scenario files.

Every problem is a :class:`ScenarioError` whose one line is ``FILE: FIELD.PATH: message``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, model_validator

from simulator.experiments.suggest import pydantic_hint
from simulator.scenario.errors import ScenarioError, format_validation_error
from simulator.scenario.schema.base import Name, Spec, Text, field
from simulator.scenario.schema.municipality import FiscalShockSpec
from simulator.scenario.yaml_io import check_finite, read_yaml

NAME = r"^[a-z][a-z0-9_]{0,63}$"
BASELINE = "baseline"
#: Runs per shock at most, in a shock file and for ``--replications`` alike.
MAX_REPLICATIONS = 10_000
#: Master seeds are 63-bit (as an experiment's), in a shock file and for ``--seed`` alike.
SEED_LIMIT = 2**63


class StressShock(Spec):
    """One shock of the test: a named set of changes to the municipal budget."""

    name: str = Field(pattern=NAME, description="Row name in the stress table (a-z, 0-9, _)")
    label: Name = Field(min_length=1, max_length=80, description="Readable label for plots")
    source: Text = Field(min_length=1, max_length=1000, description="Where the shock comes from")
    changes: list[FiscalShockSpec] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _not_baseline(self) -> StressShock:
        if self.name == BASELINE:
            raise ValueError(f"'{BASELINE}' is the unshocked row; give the shock another name")
        return self

    @property
    def first_year(self) -> int:
        """The first calendar year in which any change of the shock applies."""
        return min(change.start_year for change in self.changes)


class ShockFile(Spec):
    """A stress test: seeds, replications, the score window and the shocks."""

    stress_test: str = Field(pattern=NAME, description="Name of this set of shocks")
    description: str = Field("", max_length=5000)
    master_seed: int = field(
        ..., "Master seed; run seeds are children of SeedSequence(master_seed)", "-", ge=0
    )
    replications: int = field(10, "Runs per shock (same seeds for every shock)", "runs", ge=1)
    score_window_years: int = field(
        10, "Years from the first shock year in which the peak stress score is read", "years", ge=1
    )
    shocks: list[StressShock] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _unique_names(self) -> ShockFile:
        names = [shock.name for shock in self.shocks]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"shock names must be unique; repeated: {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _bounded(self) -> ShockFile:
        if self.master_seed >= SEED_LIMIT:
            raise ValueError("master_seed must be below 2**63")
        if self.replications > MAX_REPLICATIONS:
            raise ValueError(f"replications must be at most {MAX_REPLICATIONS}")
        if self.score_window_years > 100:
            raise ValueError("score_window_years must be at most 100")
        return self

    @property
    def window_start_year(self) -> int:
        """First year of the score window: the earliest start of any shock."""
        return min(shock.first_year for shock in self.shocks)


def load_shocks(path: str | Path) -> ShockFile:
    """Read and validate a shock file; raise ScenarioError naming the file and field path."""
    file = str(path)
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ScenarioError(file, "", "a shock file must be a mapping (stress_test, shocks, ...)")
    check_finite(raw, file)
    try:
        return ShockFile.model_validate(raw)
    except ValidationError as exc:
        err = format_validation_error(file, exc)
        names = set(ShockFile.model_fields) | set(StressShock.model_fields)
        hint = pydantic_hint(
            exc.errors(include_url=False)[0], names | set(FiscalShockSpec.model_fields)
        )
        raise ScenarioError(err.file, err.field_path, err.message + hint) from None


def check_years(shocks: ShockFile, file: str, start_year: int, years: int) -> None:
    """Refuse a change that starts before the run or after its horizon (it could change nothing)."""
    end = start_year + years - 1
    for i, shock in enumerate(shocks.shocks):
        for j, change in enumerate(shock.changes):
            if not start_year <= change.start_year <= end:
                raise ScenarioError(
                    file,
                    f"shocks.{i}.changes.{j}.start_year",
                    f"{change.start_year} is outside the run's years {start_year}-{end} "
                    f"(shock {shock.name!r})",
                )
