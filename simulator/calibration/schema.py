"""Calibration files (``experiments/calibrate_*.yaml``): scenarios, parameters with priors, patterns.

Read like every experiment file (strict YAML, bounded, duplicate keys refused) and validated by
the pydantic models below. The checks that need the scenarios and the model (paths exist, priors
inside the schema's bounds, patterns computable) live in :mod:`simulator.calibration.prepare`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from simulator.calibration.patterns import (
    NAME,
    STEM,
    CalibrationError,
    Pattern,
    from_validation_error,
)
from simulator.scenario.errors import ScenarioError
from simulator.scenario.yaml_io import check_finite, read_yaml

DOTTED_PATH = r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$"
OVERLAY_NAME = r"^[a-z0-9_]{1,60}$"
#: Column names of posterior.parquet that parameters may not take.
RESERVED = frozenset({"weight", "generation", "distance"})
Number = StrictInt | StrictFloat
Scalar = StrictBool | StrictInt | StrictFloat | StrictStr


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prior(_Strict):
    """A prior with bounds: ``uniform`` or ``log_uniform`` on [low, high], or ``normal``.

    ``normal`` takes ``mean`` and ``sd`` and is truncated to [low, high]; the bounds are
    required for every kind, so no draw can leave the range the scenario schema allows.
    """

    kind: Literal["uniform", "log_uniform", "normal"]
    low: Number
    high: Number
    mean: Number | None = None
    sd: Number | None = Field(None, gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> Prior:
        if not self.low < self.high:
            raise ValueError("'low' must be smaller than 'high'")
        if self.kind == "normal":
            if self.mean is None or self.sd is None:
                raise ValueError("a normal prior needs 'mean' and 'sd' (and 'low', 'high')")
            if not self.low <= self.mean <= self.high:
                raise ValueError("'mean' must lie between 'low' and 'high'")
        elif self.mean is not None or self.sd is not None:
            raise ValueError(f"'mean' and 'sd' only apply to a normal prior, not {self.kind}")
        if self.kind == "log_uniform" and self.low <= 0:
            raise ValueError("a log_uniform prior needs 'low' > 0")
        return self

    def describe(self) -> str:
        """``uniform(0.02, 0.05)``, ``normal(1.1, 0.05) on [1, 1.2]``."""
        if self.kind == "normal":
            return f"normal({self.mean:g}, {self.sd:g}) on [{self.low:g}, {self.high:g}]"
        return f"{self.kind}({self.low:g}, {self.high:g})"


class CalibrationParameter(_Strict):
    """One calibrated number: a dotted scenario path, its prior, optionally only some scenarios."""

    name: str = Field(pattern=NAME)
    path: str = Field(pattern=DOTTED_PATH, max_length=300)
    prior: Prior
    scenarios: tuple[Annotated[str, Field(pattern=STEM)], ...] = Field((), max_length=50)
    unit: str = Field("", max_length=100)
    description: str = Field("", max_length=2000)

    def applies_to(self, scenario_stem: str) -> bool:
        """True if the parameter is set in runs of this base scenario (file stem)."""
        return not self.scenarios or scenario_stem in self.scenarios


class Stop(_Strict):
    """When the calibration stops (whichever comes first; checked after each generation).

    ``generations`` counts every generation in the history (a resumed calibration continues up
    to it); ``max_runs`` counts model runs (particle evaluations times runs per particle);
    ``min_epsilon`` is in units of the targets' uncertainty (see docs/calibration.md).
    """

    generations: int = Field(8, ge=1, le=100)
    max_runs: int | None = Field(None, ge=1, le=100_000_000)
    min_epsilon: float = Field(0.0, ge=0)
    min_acceptance_rate: float = Field(0.0, ge=0, lt=1)


class Calibration(_Strict):
    """A calibration: base scenarios, parameters with priors, patterns to fit and to report."""

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=5000)
    scenarios: tuple[str, ...] = Field(min_length=1, max_length=20)
    overlays: tuple[Annotated[str, Field(pattern=OVERLAY_NAME)], ...] = Field((), max_length=20)
    set: dict[Annotated[str, Field(pattern=DOTTED_PATH, max_length=300)], Scalar] = Field(
        default_factory=dict, max_length=100
    )
    pattern_file: str = Field("patterns.yaml", min_length=1, max_length=500)
    fit: tuple[Annotated[str, Field(pattern=NAME)], ...] = Field(min_length=1, max_length=100)
    validate_: tuple[Annotated[str, Field(pattern=NAME)], ...] = Field(
        (), max_length=100, alias="validate"
    )
    parameters: tuple[CalibrationParameter, ...] = Field(min_length=1, max_length=30)
    population_size: int = Field(100, ge=5, le=10_000)
    seeds_per_particle: int = Field(1, ge=1, le=50)
    years: int | None = Field(None, ge=1, le=200)
    distance: Literal["target", "adaptive"] = "target"
    master_seed: int = Field(ge=0, lt=2**63)
    stop: Stop = Stop()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> Calibration:
        _unique("scenarios", [Path(s).stem for s in self.scenarios], "name different files")
        _unique("parameters", [p.name for p in self.parameters], "use a name once")
        for stem in self.stems:
            paths = [p.path for p in self.parameters if p.applies_to(stem)]
            _unique("parameters", paths, f"set a path once in {stem}")
        _unique("fit", self.fit + self.validate_, "name a pattern once (in 'fit' or 'validate')")
        for param in self.parameters:
            if param.name in RESERVED:
                raise ValueError(f"parameters: the name {param.name!r} is reserved")
            if param.path in self.set:
                raise ValueError(f"parameters: {param.path!r} is also fixed in 'set'")
        stems = {Path(s).stem for s in self.scenarios}
        for param in self.parameters:
            if unknown := sorted(set(param.scenarios) - stems):
                raise ValueError(
                    f"parameters: {param.name!r} names no base scenario {unknown[0]!r}"
                )
        return self

    @property
    def stems(self) -> tuple[str, ...]:
        """The base scenarios' file stems, in file order."""
        return tuple(Path(s).stem for s in self.scenarios)

    @property
    def runs_per_particle(self) -> int:
        """Model runs behind one particle: base scenarios times seeds."""
        return len(self.scenarios) * self.seeds_per_particle

    def calibration_hash(self) -> str:
        """sha256 of the file's canonical JSON."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def _unique(field: str, items: list, advice: str) -> None:
    if len(set(items)) != len(items):
        raise ValueError(f"{field}: an entry appears twice ({advice})")


def parse_calibration(data: Any, file: str = "<calibration>") -> Calibration:
    """Validate parsed YAML as a calibration; raise CalibrationError naming file and field."""
    if not isinstance(data, dict):
        raise CalibrationError(file, "", "a calibration file is a mapping of fields")
    try:
        check_finite(data, file)
        return Calibration.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(file, exc) from None
    except ScenarioError as exc:
        raise CalibrationError(exc.file, exc.field_path, exc.message) from None


def read_calibration(path: str | Path) -> Calibration:
    """Read and validate a calibration file (schema only; see prepare for the model checks)."""
    try:
        data = read_yaml(path)
    except ScenarioError as exc:
        raise CalibrationError(exc.file, exc.field_path, exc.message) from None
    return parse_calibration(data, str(path))


def read_with_patterns(path: str | Path):
    """Read a calibration file and its pattern file; check the names and roles of its patterns.

    Light (no numpy, no model run): ``dewak validate`` uses it; ``prepare`` adds the checks
    against the scenarios and the model.

    Returns:
        ``(calibration, pattern file path, fitted patterns, validation patterns)``.
    """
    from simulator.calibration.adapter import resolve_file
    from simulator.calibration.patterns import load_patterns

    path = Path(path)
    file = str(path)
    cal = read_calibration(path)
    pattern_path = resolve_file(path.resolve().parent, cal.pattern_file, file, "pattern_file")
    known = load_patterns(pattern_path).by_name()
    fit = _pick(known, cal.fit, ("calibration",), "fit", file)
    validate = _pick(known, cal.validate_, ("validation", "consistency"), "validate", file)
    return cal, pattern_path, tuple(fit), tuple(validate)


def _pick(known: dict, names, roles: tuple[str, ...], field: str, file: str) -> list[Pattern]:
    out = []
    for j, name in enumerate(names):
        if name not in known:
            raise CalibrationError(file, f"{field}.{j}", f"no pattern {name!r} in the pattern file")
        if known[name].role not in roles:
            why = (
                f"{known[name].role} patterns never enter the calibration"
                if field == "fit"
                else "list calibration patterns under 'fit'"
            )
            raise CalibrationError(
                file, f"{field}.{j}", f"{name!r} is a {known[name].role} pattern; {why}"
            )
        out.append(known[name])
    return out
