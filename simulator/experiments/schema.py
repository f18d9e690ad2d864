"""Experiment files: what varies (levers, uncertainties), what is measured, how it is sampled.

An experiment file is untrusted input, read like a scenario file (strict YAML, no aliases,
duplicate keys refused, bounded size) and validated by the pydantic models below. Every
problem becomes an :class:`ExperimentError` whose one-line text is ``FILE: FIELD.PATH: message``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from simulator.scenario.errors import ScenarioError, format_validation_error
from simulator.scenario.yaml_io import check_finite, read_yaml

NAME = r"^[a-z][a-z0-9_]{0,63}$"
DOTTED_PATH = r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$"
OVERLAY_NAME = r"^[a-z0-9_]{1,60}$"  # as the scenario loader requires
MAX_RUNS = 1_000_000

#: Columns of ``runs.parquet`` that the store itself writes; parameters may not use these names.
RESERVED_COLUMNS = frozenset(
    {
        "run_id",
        "sample_id",
        "replication",
        "seed",
        "scenario",
        "scenario_hash",
        "status",
        "error",
        "duration_s",
    }
)

Scalar = StrictBool | StrictInt | StrictFloat | StrictStr


class ExperimentError(ScenarioError):
    """Invalid experiment file or sweep option; ``str(err)`` is ``FILE: FIELD.PATH: message``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Parameter(_Strict):
    """One lever or uncertainty, in exactly one of three forms.

    * ``{name, path, values: [...]}`` — a discrete choice among values set at a dotted path;
    * ``{name, path, low, high}`` — a continuous range (``integer: true`` for whole numbers);
    * ``{name, overlays: [...]}`` — a choice among scenario overlays (``scenarios/overlays``).
    """

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=2000)
    path: str | None = Field(None, pattern=DOTTED_PATH, max_length=300)
    values: tuple[Scalar, ...] | None = Field(None, min_length=1, max_length=1000)
    low: StrictInt | StrictFloat | None = None
    high: StrictInt | StrictFloat | None = None
    integer: bool = False
    overlays: tuple[str, ...] | None = Field(None, min_length=1, max_length=100)
    unit: str = Field("", max_length=100)

    @model_validator(mode="after")
    def _one_form(self) -> Parameter:
        forms = [self.values is not None, self.low is not None or self.high is not None]
        forms.append(self.overlays is not None)
        if sum(forms) != 1:
            raise ValueError("give exactly one of 'values', 'low'/'high' or 'overlays'")
        if self.overlays is not None:
            _check_overlays(self)
        elif self.path is None:
            raise ValueError("'path' (a dotted path into the scenario) is required")
        if self.values is not None:
            _check_values(self.values)
        if forms[1]:
            _check_range(self)
        elif self.integer:
            raise ValueError("'integer' only applies to a low/high range")
        return self

    @property
    def continuous(self) -> bool:
        """True for a low/high range, False for a choice among values or overlays."""
        return self.low is not None

    @property
    def choices(self) -> tuple[Any, ...]:
        """The discrete values (or overlay names) this parameter can take."""
        return self.values if self.values is not None else self.overlays or ()


def _check_overlays(param: Parameter) -> None:
    if param.path is not None:
        raise ValueError("an overlay choice takes no 'path'")
    for name in param.overlays or ():
        if not re.match(OVERLAY_NAME, name):
            raise ValueError(f"overlay {name!r}: use the file name without '.yaml' (a-z, 0-9, _)")
    if len(set(param.overlays or ())) != len(param.overlays or ()):
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


class Outcome(_Strict):
    """A named outcome (a key of the run summary) and whether more of it is better."""

    name: str = Field(pattern=NAME)
    direction: Literal["maximize", "minimize", "info"] = "info"
    description: str = Field("", max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class Design(_Strict):
    """How sample points are drawn from the parameters.

    ``full_factorial`` crosses every choice (discrete parameters only); ``latin_hypercube``
    draws ``samples`` stratified points; ``sobol`` uses SALib's Saltelli/Sobol' sampler with
    ``samples`` base points (a power of two), giving ``samples * (D + 2)`` points, or
    ``samples * (2D + 2)`` with ``second_order``.
    """

    kind: Literal["full_factorial", "latin_hypercube", "sobol"]
    samples: int | None = Field(None, ge=1, le=MAX_RUNS)
    second_order: bool = False

    @model_validator(mode="after")
    def _samples_fit_kind(self) -> Design:
        if self.kind == "full_factorial":
            if self.samples is not None:
                raise ValueError("'samples' does not apply to full_factorial (it crosses all)")
        elif self.samples is None:
            raise ValueError(f"{self.kind} needs 'samples'")
        if self.kind == "sobol" and self.samples & (self.samples - 1):
            raise ValueError("sobol needs 'samples' to be a power of two (e.g. 64, 128, 256)")
        if self.second_order and self.kind != "sobol":
            raise ValueError("'second_order' only applies to sobol")
        return self


class Experiment(_Strict):
    """A sweep: base scenario(s), levers, uncertainties, outcomes, design and seeds."""

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=5000)
    scenario: str | None = Field(None, min_length=1, max_length=500)
    scenarios: tuple[str, ...] | None = Field(None, min_length=1, max_length=50)
    levers: tuple[Parameter, ...] = Field((), max_length=100)
    uncertainties: tuple[Parameter, ...] = Field((), max_length=100)
    outcomes: tuple[Outcome, ...] = Field(min_length=1, max_length=200)
    design: Design
    replications: int = Field(1, ge=1, le=100_000)
    master_seed: int = Field(ge=0, lt=2**63)
    seeds: Literal["per_run", "common"] = "per_run"
    years: int | None = Field(None, ge=1, le=200)

    _source: Path | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _consistent(self) -> Experiment:
        if (self.scenario is None) == (self.scenarios is None):
            raise ValueError("give exactly one of 'scenario' or 'scenarios'")
        if self.scenarios is not None and len({Path(s).stem for s in self.scenarios}) != len(
            self.scenarios
        ):
            raise ValueError("'scenarios' must name different files")
        _check_names(self)
        if self.design.kind == "full_factorial":
            for param in self.parameters:
                if param.continuous:
                    raise ValueError(
                        f"full_factorial needs discrete parameters; {param.name!r} is a "
                        "low/high range (use 'values', or latin_hypercube / sobol)"
                    )
        if self.n_runs > MAX_RUNS:
            raise ValueError(f"the design has {self.n_runs} runs; the limit is {MAX_RUNS}")
        return self

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """Levers, then uncertainties, in file order."""
        return self.levers + self.uncertainties

    @property
    def scenario_files(self) -> tuple[str, ...]:
        """The base scenario file names as written (one or several)."""
        return (self.scenario,) if self.scenario is not None else tuple(self.scenarios or ())

    @property
    def n_samples(self) -> int:
        """Number of sample points (before replications)."""
        from simulator.experiments.design import count_samples

        return count_samples(self)

    @property
    def n_runs(self) -> int:
        """Number of runs: sample points times replications."""
        return self.n_samples * self.replications

    @property
    def source(self) -> Path | None:
        """The file this experiment was read from (None when built in Python)."""
        return self._source

    def experiment_hash(self) -> str:
        """sha256 of the experiment's canonical JSON (what decides which runs exist)."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def project_root(self) -> Path:
        """The folder this experiment's scenario paths are confined to."""
        return project_root(self._source.parent if self._source is not None else Path.cwd())

    def resolve_scenarios(self) -> tuple[Path, ...]:
        """Absolute base scenario paths, checked to stay inside the experiment's project."""
        base = self._source.parent if self._source is not None else Path.cwd()
        where = str(self._source or "<experiment>")
        return tuple(
            confined_path(base, text, where, f"scenarios.{i}" if self.scenarios else "scenario")
            for i, text in enumerate(self.scenario_files)
        )


def _check_names(exp: Experiment) -> None:
    names = [p.name for p in exp.parameters]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"parameter name {name!r} is used twice")
        if name in RESERVED_COLUMNS:
            raise ValueError(f"parameter name {name!r} is reserved for the results table")
        seen.add(name)
    outcome_names = [o.name for o in exp.outcomes]
    if len(set(outcome_names)) != len(outcome_names):
        raise ValueError("outcome names must be unique")
    if clash := seen & set(outcome_names):
        raise ValueError(f"{sorted(clash)[0]!r} is both a parameter and an outcome")
    paths = [p.path for p in exp.parameters if p.path is not None]
    if len(set(paths)) != len(paths):
        raise ValueError("two parameters set the same scenario path")


def project_root(base: Path) -> Path:
    """The folder scenario references must stay in, for an experiment file in ``base``."""
    base = base.resolve()
    return base.parent if (base.parent / "scenarios").is_dir() else base


def confined_path(base: Path, text: str, file: str, field_path: str) -> Path:
    """Resolve ``text`` against ``base`` and refuse anything outside the project folder.

    The project folder is ``base`` itself, or its parent when that parent holds a
    ``scenarios/`` folder (the layout of this repository: ``experiments/`` beside
    ``scenarios/``). Absolute paths, ``..`` beyond that folder and symlinks out of it are refused.
    """
    if "\x00" in text or Path(text).is_absolute():
        raise ExperimentError(file, field_path, "must be a file name relative to the experiment")
    try:
        root = project_root(base)
        resolved = (base.resolve() / text).resolve()
        if not resolved.is_relative_to(root):
            raise ExperimentError(file, field_path, f"{text!r} points outside {root}")
        exists = resolved.suffix in {".yaml", ".yml"} and resolved.is_file()
    except (OSError, RuntimeError) as exc:  # too long, symlink loop, ...
        raise ExperimentError(file, field_path, f"cannot use {text!r}: {exc}") from None
    if not exists:
        raise ExperimentError(file, field_path, f"{text!r} is not an existing .yaml file")
    return resolved


def parse_experiment(data: Any, file: str = "<experiment>") -> Experiment:
    """Validate already-parsed YAML data as an experiment; raise ExperimentError if invalid."""
    if not isinstance(data, dict):
        raise ExperimentError(file, "", "an experiment file must be a mapping of fields")
    try:
        check_finite(data, file)
    except ScenarioError as exc:
        raise ExperimentError(exc.file, exc.field_path, exc.message) from None
    try:
        return Experiment.model_validate(data)
    except ValidationError as exc:
        err = format_validation_error(file, exc)
        raise ExperimentError(err.file, err.field_path, err.message) from None


def load_experiment(path: str | Path) -> Experiment:
    """Read, validate and locate an experiment file (scenario paths resolved and confined)."""
    path = Path(path)
    try:
        data = read_yaml(path)
    except ScenarioError as exc:
        raise ExperimentError(exc.file, exc.field_path, exc.message) from None
    experiment = parse_experiment(data, str(path))
    experiment._source = path.resolve()
    experiment.resolve_scenarios()
    return experiment
