"""Experiment files: base scenario(s), what varies, what is measured, how it is sampled.

An experiment file is untrusted input, read like a scenario file (strict YAML, no aliases,
duplicate keys refused, bounded size) and validated by the pydantic models below and in
:mod:`.parameters` and :mod:`.design_specs` (names: :mod:`.namespace`). Every problem becomes
an :class:`ExperimentError` whose one-line text is ``FILE: FIELD.PATH: message``, with the
closest valid name suggested for a misspelt key or choice. Checks against the scenarios themselves (paths, overlays,
outcome names) are in :mod:`.checks`.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    model_validator,
)

from simulator.experiments.design_specs import (
    DESIGN_KINDS,
    MAX_DESIGN_CELLS,
    MAX_RUNS,
    DesignSpec,
)
from simulator.experiments.errors import ExperimentError
from simulator.experiments.namespace import check_names
from simulator.experiments.parameters import (
    DOTTED_PATH,
    NAME,
    OVERLAY_NAME,
    Outcome,
    Parameter,
    Strict,
)
from simulator.experiments.suggest import pydantic_hint
from simulator.scenario.errors import ScenarioError, format_validation_error
from simulator.scenario.schema.town import MAX_YEARS
from simulator.scenario.yaml_io import check_finite, read_yaml

OverlayName = Annotated[str, StringConstraints(pattern=OVERLAY_NAME)]
DottedPath = Annotated[str, StringConstraints(pattern=DOTTED_PATH, max_length=300)]

__all__ = [
    "Experiment",
    "ExperimentError",
    "Outcome",
    "Parameter",
    "load_experiment",
]


class Experiment(Strict):
    """An experiment: base scenario(s), fixed patches, factors, outcomes, design and seeds."""

    name: str = Field(pattern=NAME)
    description: str = Field("", max_length=5000)
    scenario: str | None = Field(None, min_length=1, max_length=500)
    scenarios: tuple[str, ...] | None = Field(None, min_length=1, max_length=50)
    overlays: tuple[OverlayName, ...] = Field((), max_length=20)
    sets: dict[DottedPath, Any] = Field(default_factory=dict, alias="set", max_length=100)
    levers: tuple[Parameter, ...] = Field((), max_length=100)
    uncertainties: tuple[Parameter, ...] = Field((), max_length=100)
    outcomes: tuple[Outcome, ...] = Field(min_length=1, max_length=200)
    design: DesignSpec
    replications: int = Field(1, ge=1, le=100_000)
    master_seed: int = Field(ge=0, lt=2**63)
    seeds: Literal["per_run", "common"] = "per_run"
    years: int | None = Field(None, ge=1, le=MAX_YEARS)
    patterns: str | None = Field(None, min_length=1, max_length=500)

    _source: Path | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _consistent(self) -> Experiment:
        if (self.scenario is None) == (self.scenarios is None):
            raise ValueError("give exactly one of 'scenario' or 'scenarios'")
        stems = {Path(s).stem for s in self.scenario_files}
        if len(stems) != len(self.scenario_files):
            raise ValueError("'scenarios' must name different files")
        check_names(self)
        self.design.check(self)
        if self.n_runs > MAX_RUNS:
            raise ValueError(f"the design has {self.n_runs:,} runs; the limit is {MAX_RUNS:,}")
        cells = self.n_samples * max(1, len(self.dimensions()))
        if cells > MAX_DESIGN_CELLS:
            raise ValueError(
                f"design: {self.n_samples:,} points x {len(self.dimensions())} factors = "
                f"{cells:,} values; the limit is {MAX_DESIGN_CELLS:,} (fewer samples or factors)"
            )
        return self

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """Levers, then uncertainties, in file order."""
        return self.levers + self.uncertainties

    @property
    def scenario_files(self) -> tuple[str, ...]:
        """The base scenario file names as written (one or several)."""
        return (self.scenario,) if self.scenario is not None else tuple(self.scenarios or ())

    def factor_specs(self) -> dict[str, tuple]:
        """``{factor: (choices or None, low, high)}`` in design order (base scenario first)."""
        out: dict[str, tuple] = {}
        if self.scenarios is not None:
            out["scenario"] = (tuple(Path(s).stem for s in self.scenarios), None, None)
        for p in self.parameters:
            out[p.name] = (None, p.low, p.high) if p.continuous else (p.choices, None, None)
        return out

    def dimensions(self) -> list[int | None]:
        """One entry per factor: its number of choices, or None for a range."""
        return [None if c is None else len(c) for c, _, _ in self.factor_specs().values()]

    @property
    def n_samples(self) -> int:
        """Number of sample points (before replications)."""
        return self.design.count(self.dimensions())

    @property
    def n_runs(self) -> int:
        """Number of runs: sample points times replications."""
        return self.n_samples * self.replications

    @property
    def source(self) -> Path | None:
        """The file this experiment was read from (None when built in Python)."""
        return self._source

    def definition(self) -> dict[str, Any]:
        """The experiment as plain data, with the keys of the file format."""
        return self.model_dump(mode="json", by_alias=True)

    def experiment_hash(self) -> str:
        """sha256 of the experiment's canonical JSON (what decides which runs exist)."""
        text = json.dumps(self.definition(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def derive(self, **changes: Any) -> Experiment:
        """A validated copy with some fields changed, still located at this one's file."""
        data = {**self.definition(), **changes}
        derived = parse_experiment(data, str(self._source or "<experiment>"))
        derived._source = self._source
        return derived

    def base_folder(self) -> Path:
        """The folder scenario paths are relative to: the experiment file's, else the current."""
        return self._source.parent if self._source is not None else Path.cwd()

    def resolve_scenarios(self) -> tuple[Path, ...]:
        """Absolute base scenario paths (relative ones are relative to the experiment file)."""
        where = str(self._source or "<experiment>")
        return tuple(
            scenario_path(self.base_folder(), text, where, field)
            for field, text in self._scenario_fields()
        )

    def pattern_file(self) -> Path | None:
        """The pattern file the report compares the runs with (relative to the experiment file)."""
        if self.patterns is None:
            return None
        where = str(self._source or "<experiment>")
        return scenario_path(self.base_folder(), self.patterns, where, "patterns")

    def _scenario_fields(self) -> list[tuple[str, str]]:
        if self.scenarios is None:
            return [("scenario", self.scenario)]
        return [(f"scenarios.{i}", s) for i, s in enumerate(self.scenarios)]


def scenario_path(base: Path, text: str, file: str, field_path: str) -> Path:
    """Resolve a base scenario reference: relative to ``base``, or absolute; must be a .yaml file.

    Experiments may live anywhere (another repository, a home folder): ``../`` and absolute
    paths are allowed. Files a *scenario* refers to (``extends``, overlays) stay confined to
    that scenario's folder by the scenario loader.
    """
    if "\x00" in text:
        raise ExperimentError(file, field_path, "must be a file name")
    try:
        resolved = (base.resolve() / text).resolve()
        exists = resolved.suffix in {".yaml", ".yml"} and resolved.is_file()
    except (OSError, RuntimeError) as exc:  # too long, symlink loop, ...
        raise ExperimentError(file, field_path, f"cannot use {text!r}: {exc}") from None
    if not exists:
        raise ExperimentError(file, field_path, f"{text!r} is not an existing .yaml file")
    return resolved


def field_names() -> set[str]:
    """Every key the experiment file format knows (for suggestions on a misspelt key)."""
    from simulator.experiments import design_specs

    models = [Experiment, Parameter, Outcome]
    kinds = ("FullFactorial", "Sobol", "Morris", "Explicit", "Posterior")
    models += [getattr(design_specs, n) for n in kinds]
    names = {"set"}
    for model in models:
        names |= set(model.model_fields)
    return names - {"sets"}


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
        raise _problem(file, exc) from None


def _problem(file: str, exc: ValidationError) -> ExperimentError:
    """The first validation error, its path without union tags, and a suggestion.

    A check of the whole experiment that names a field first (``design.points.1.x: ...``)
    is reported at that field.
    """
    first = exc.errors(include_url=False)[0]
    err = format_validation_error(file, exc)
    parts = [
        p for p in err.field_path.split(".") if p not in DESIGN_KINDS
    ]  # union tags name the key
    message = err.message.removeprefix("Value error, ") + pydantic_hint(first, field_names())
    named = _NAMED.match(message)
    if not first.get("loc") and named and named["field"].split(".")[0] in Experiment.model_fields:
        return ExperimentError(err.file, named["field"], named["rest"])
    return ExperimentError(err.file, ".".join(parts), message)


_NAMED = re.compile(r"^(?:Value error, )?(?P<field>[a-z_]+(?:\.\w+)*): (?P<rest>.*)$")


def load_experiment(path: str | Path) -> Experiment:
    """Read, validate and locate an experiment file (scenario paths resolved)."""
    path = Path(path)
    try:
        data = read_yaml(path)
    except ScenarioError as exc:
        raise ExperimentError(exc.file, exc.field_path, exc.message) from None
    experiment = parse_experiment(data, str(path))
    experiment._source = path.resolve()
    experiment.resolve_scenarios()
    experiment.pattern_file()
    return experiment
