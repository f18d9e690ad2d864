"""Patterns with sources: what the model should reproduce, how it is measured, and why we think so.

A pattern file (``experiments/patterns.yaml``) lists named patterns. Each has a *statistic* of a
run (see :mod:`simulator.calibration.statistics`), the *scenarios* (file stems) it applies to,
a *target* (a value with its uncertainty, or a range), the *source* of that target (a section
of ``domain_facts.md``, ``demography_inputs.md`` or ``municipal_finance_nrw.md``, cited as
``DF §n``, ``DI §n`` or ``MF §n``) and a *role*: ``calibration`` patterns may be fitted,
``validation`` patterns are only ever compared with the model, never fitted, and
``consistency`` patterns are reported like validation patterns but hold by construction or were
fitted by hand elsewhere (an input, a hand-tuned number): they check the code, not the model.

The file is untrusted input, read like a scenario file and validated by the pydantic models
below; a problem is a :class:`CalibrationError` with the one-line text ``FILE: FIELD: message``.
"""

from __future__ import annotations

import math
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
    "year_of_max",
    "year_of_min",
)
ROLES = ("calibration", "validation", "consistency")
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
    """What the statistic should be, with its unit: one of four forms.

    ``{value, sd}`` (target interval ``value ± 2 sd``), ``{range: [low, high]}``, or a one-sided
    bound ``{at_least: x}`` / ``{at_most: x}`` (only for patterns that are never fitted: a bound
    has no scale for the calibration's distance). A model hits the target when its median lies
    inside the target interval.
    """

    value: float | None = None
    sd: float | None = Field(None, gt=0)
    range: tuple[float, float] | None = None
    at_least: float | None = None
    at_most: float | None = None
    unit: str = Field("", max_length=100)

    @model_validator(mode="after")
    def _one_form(self) -> Target:
        point = self.value is not None or self.sd is not None
        given = [point, self.range is not None, self.at_least is not None]
        if sum(given) + (self.at_most is not None) != 1:
            raise ValueError(
                "give one of 'value' with 'sd', 'range: [low, high]', 'at_least' or 'at_most'"
            )
        if point and (self.value is None or self.sd is None):
            raise ValueError("a value target needs both 'value' and 'sd' (its uncertainty)")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError("range: low must be smaller than high")
        return self

    @property
    def one_sided(self) -> bool:
        """True for an ``at_least`` or ``at_most`` bound."""
        return self.at_least is not None or self.at_most is not None

    @property
    def interval(self) -> tuple[float, float]:
        """The interval a model median must lie in to hit the target (inf for an open side)."""
        if self.range is not None:
            return self.range
        if self.one_sided:
            low, high = self.at_least, self.at_most
            return (-math.inf if low is None else low, math.inf if high is None else high)
        return (self.value - 2 * self.sd, self.value + 2 * self.sd)

    @property
    def centre(self) -> float:
        """The value, the middle of the range, or the bound."""
        if self.one_sided:
            return self.at_least if self.at_least is not None else self.at_most
        return self.value if self.value is not None else sum(self.range) / 2

    @property
    def scale(self) -> float:
        """One unit of misfit: the sd, or half the range's width (NaN for a bound)."""
        if self.one_sided:
            return math.nan
        return self.sd if self.sd is not None else (self.range[1] - self.range[0]) / 2

    def describe(self) -> str:
        """``0.002 ± 0.001 share/year``, ``[14, 40] persons`` or ``≥ 0 EUR``."""
        unit = f" {self.unit}" if self.unit else ""
        if self.range is not None:
            return f"[{self.range[0]:g}, {self.range[1]:g}]{unit}"
        if self.at_least is not None:
            return f"≥ {self.at_least:g}{unit}"
        if self.at_most is not None:
            return f"≤ {self.at_most:g}{unit}"
        return f"{self.value:g} ± {self.sd:g}{unit}"


class Pattern(_Strict):
    """One pattern: statistic, scenarios, target, source and role."""

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=2000)
    statistic: Statistic
    scenarios: tuple[Annotated[str, Field(pattern=STEM)], ...] = Field((), max_length=50)
    target: Target
    source: str = Field(min_length=4, max_length=1000)
    role: Literal[ROLES]  # type: ignore[valid-type]
    note: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def _fit_needs_a_scale(self) -> Pattern:
        if self.role == "calibration" and self.target.one_sided:
            raise ValueError(
                "target: a calibration pattern needs 'value' with 'sd' or a 'range' "
                "(a one-sided bound gives the distance no scale)"
            )
        return self

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
