"""Patterns with sources: what the model should reproduce, how it is measured, and why we think so.

A pattern file (``experiments/patterns.yaml``) lists named patterns. Each has a *statistic* of a
run (see :mod:`simulator.calibration.statistics`), the *scenarios* (file stems) it applies to,
a *target* (a value with its uncertainty, or a range), the *source* of that target (a section
of ``domain_facts.md``, ``demography_inputs.md`` or ``municipal_finance_nrw.md``, cited as
``DF §n``, ``DI §n`` or ``MF §n``) and a *role*: ``calibration`` patterns may be fitted,
``validation`` patterns are only ever compared with the model, never fitted.

The file is untrusted input, read like a scenario file and validated by the pydantic models
below; a problem is a :class:`CalibrationError` with the one-line text ``FILE: FIELD: message``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from simulator.scenario.errors import ScenarioError, format_validation_error
from simulator.scenario.yaml_io import check_finite, read_yaml

NAME = r"^[a-z][a-z0-9_]{0,63}$"
#: A source names a section of one of the three reference files: "DF §5", "DI §6b", "MF §3a".
SOURCE = re.compile(r"^(DF|DI|MF) §\d+[a-z]?\b")
#: An annual column, or a sum and difference of columns: "visits", "moved_in - moved_out".
COLUMN_TERM = r"[a-z_][a-z0-9_]{0,63}"
COLUMNS = re.compile(rf"^\s*{COLUMN_TERM}(\s*[+-]\s*{COLUMN_TERM})*\s*$")
AGGREGATES = (
    "mean",
    "sum",
    "first",
    "last",
    "min",
    "max",
    "change",
    "relative_change",
    "growth_rate",
    "share_of_years",
)
STEM = r"^[A-Za-z0-9_.-]{1,100}$"


class CalibrationError(ScenarioError):
    """Invalid pattern or calibration input; ``str(err)`` is ``FILE: FIELD.PATH: message``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutcomeStatistic(_Strict):
    """A run's outcome (a key of its summary), e.g. ``{outcome: utilisation_mean}``."""

    outcome: str = Field(pattern=NAME)


class AnnualStatistic(_Strict):
    """An aggregate of an annual column over a window of calendar years (both inclusive).

    ``annual`` is a column of the annual table or a sum/difference of columns
    (``moved_in - moved_out``); ``aggregate`` is one of :data:`AGGREGATES`.
    """

    annual: str = Field(max_length=300)
    aggregate: Literal[AGGREGATES]  # type: ignore[valid-type]
    years: tuple[int, int]

    @field_validator("annual")
    @classmethod
    def _columns(cls, text: str) -> str:
        if not COLUMNS.match(text):
            raise ValueError("write a column name or columns joined by + and - (a - b)")
        return " ".join(text.split())

    @field_validator("years")
    @classmethod
    def _window(cls, years: tuple[int, int]) -> tuple[int, int]:
        first, last = years
        if not (1900 <= first <= last <= 2200):
            raise ValueError("[first, last] calendar years, first <= last, within 1900-2200")
        return years

    @property
    def terms(self) -> list[tuple[int, str]]:
        """The column terms as (sign, name): ``a - b`` gives ``[(1, 'a'), (-1, 'b')]``."""
        tokens = re.findall(rf"([+-]?)\s*({COLUMN_TERM})", self.annual)
        return [(-1 if sign == "-" else 1, name) for sign, name in tokens]


def _operand_kind(data: Any) -> str | None:
    if isinstance(data, dict):
        return "outcome" if "outcome" in data else "annual" if "annual" in data else None
    return "outcome" if isinstance(data, OutcomeStatistic) else "annual"


Operand = Annotated[
    Annotated[OutcomeStatistic, Tag("outcome")] | Annotated[AnnualStatistic, Tag("annual")],
    Discriminator(
        _operand_kind,
        custom_error_type="statistic",
        custom_error_message="give 'outcome' or 'annual'",
    ),
]


class RatioStatistic(_Strict):
    """The ratio of two outcome or annual statistics: ``{ratio: [numerator, denominator]}``."""

    ratio: tuple[Operand, Operand]


def _statistic_kind(data: Any) -> str | None:
    if isinstance(data, dict) and "ratio" in data or isinstance(data, RatioStatistic):
        return "ratio"
    return _operand_kind(data)


Statistic = Annotated[
    Annotated[OutcomeStatistic, Tag("outcome")]
    | Annotated[AnnualStatistic, Tag("annual")]
    | Annotated[RatioStatistic, Tag("ratio")],
    Discriminator(
        _statistic_kind,
        custom_error_type="statistic",
        custom_error_message="give 'outcome', 'annual' or 'ratio'",
    ),
]


class Target(_Strict):
    """What the statistic should be: ``{value, sd}`` or ``{range: [low, high]}``, with its unit.

    The target interval is ``value ± 2 sd`` or the range; a model hits the target when its
    median lies inside that interval.
    """

    value: float | None = None
    sd: float | None = Field(None, gt=0)
    range: tuple[float, float] | None = None
    unit: str = Field("", max_length=100)

    @model_validator(mode="after")
    def _one_form(self) -> Target:
        point = self.value is not None or self.sd is not None
        if point == (self.range is not None):
            raise ValueError("give either 'value' with 'sd', or 'range: [low, high]'")
        if point and (self.value is None or self.sd is None):
            raise ValueError("a value target needs both 'value' and 'sd' (its uncertainty)")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError("range: low must be smaller than high")
        return self

    @property
    def interval(self) -> tuple[float, float]:
        """The interval a model median must lie in to hit the target."""
        if self.range is not None:
            return self.range
        return (self.value - 2 * self.sd, self.value + 2 * self.sd)

    @property
    def centre(self) -> float:
        """The value, or the middle of the range."""
        return self.value if self.value is not None else sum(self.range) / 2

    @property
    def scale(self) -> float:
        """One unit of misfit: the sd, or half the range's width."""
        return self.sd if self.sd is not None else (self.range[1] - self.range[0]) / 2

    def describe(self) -> str:
        """``0.002 ± 0.001 share/year`` or ``[14, 40] persons``."""
        unit = f" {self.unit}" if self.unit else ""
        if self.range is not None:
            return f"[{self.range[0]:g}, {self.range[1]:g}]{unit}"
        return f"{self.value:g} ± {self.sd:g}{unit}"


class Pattern(_Strict):
    """One pattern: statistic, scenarios, target, source and role."""

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=2000)
    statistic: Statistic
    scenarios: tuple[Annotated[str, Field(pattern=STEM)], ...] = Field((), max_length=50)
    target: Target
    source: str = Field(min_length=4, max_length=1000)
    role: Literal["calibration", "validation"]
    note: str = Field("", max_length=2000)

    @field_validator("source")
    @classmethod
    def _cited(cls, text: str) -> str:
        if not SOURCE.match(text):
            raise ValueError("start with the section it comes from: 'DF §5 ...', 'DI §6b ...'")
        return text

    def applies_to(self, scenario_stem: str) -> bool:
        """True if the pattern concerns runs of this base scenario (file stem)."""
        return not self.scenarios or scenario_stem in self.scenarios


class PatternFile(_Strict):
    """The contents of a pattern file: ``patterns: [...]`` with unique names."""

    description: str = Field("", max_length=5000)
    patterns: tuple[Pattern, ...] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _unique(self) -> PatternFile:
        names = [p.name for p in self.patterns]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})[0]
            raise ValueError(f"patterns: the name {twice!r} is used twice")
        return self

    def by_name(self) -> dict[str, Pattern]:
        """The patterns keyed by name."""
        return {p.name: p for p in self.patterns}


def from_validation_error(file: str, exc: ValidationError) -> CalibrationError:
    """A pydantic error as a CalibrationError at the field it is about (named_fields)."""
    err = format_validation_error(file, exc, named_fields=True)
    message = err.message.removeprefix("Value error, ")
    field = err.field_path.rsplit(".", 1)[-1]
    return CalibrationError(err.file, err.field_path, message.removeprefix(f"{field}: "))


def load_patterns(path: str | Path) -> PatternFile:
    """Read and validate a pattern file; raise CalibrationError naming file and field."""
    file = str(path)
    try:
        data = read_yaml(path)
        if not isinstance(data, dict):
            raise CalibrationError(file, "", "a pattern file is a mapping with 'patterns'")
        check_finite(data, file)
        return PatternFile.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(file, exc) from None
    except CalibrationError:
        raise
    except ScenarioError as exc:
        raise CalibrationError(exc.file, exc.field_path, exc.message) from None
