"""The ``design:`` section of an experiment file: which design draws the points, with options.

One class per design, told apart by ``kind``. Each knows how many points it yields for the
experiment's factors (plain arithmetic, so ``dewak validate`` checks design sizes without
numpy). The code that draws the points lives in :mod:`simulator.experiments.designs`, one
module per kind, registered in its ``REGISTRY``. Adding a design takes a :class:`DesignBase` subclass here (added
to :data:`DesignSpec` and :data:`DESIGN_KINDS`), a module there and one registry line; a test
checks the two registries agree. A design that reads a file names it in ``files()``, so its
hash joins the inputs a resume must find unchanged, and checks it in ``check_inputs()``; a
design that sets scenario paths itself names them in ``scenario_paths()`` (checked like a
lever's path), and one whose points fall into groups that should share seeds under
``seeds: common`` says so in ``seed_groups()`` (``posterior``: one group per draw).

``dims`` below is one entry per factor: its number of choices, or None for a low/high range.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from simulator.experiments.parameters import Scalar, Strict

MAX_RUNS = 1_000_000
#: Points x factors of a design at most: the design matrix (float64), its values and the
#: samples table each take about 8 bytes a value, so about 160 MB apiece at this size.
#: A 1,000,000 x 128 Latin hypercube (1 GB a copy) is refused at ``dewak validate``.
MAX_DESIGN_CELLS = 20_000_000


class DesignBase(Strict):
    """What every design spec offers: its size, its checks, the input files it reads."""

    def count(self, dims: list[int | None]) -> int:  # pragma: no cover - every design has one
        """Number of points for factors of these dimensions."""
        raise NotImplementedError

    def check(self, experiment: Any) -> None:
        """Raise ValueError if the design does not fit the experiment (default: it fits)."""

    def files(self, experiment: Any) -> list[Path]:
        """Input files the design reads (hashed into the manifest; a change blocks --resume)."""
        return []

    def check_inputs(self, experiment: Any) -> None:
        """Check the files the design reads (an ExperimentError naming the field; default: none)."""

    def scenario_paths(self, experiment: Any, stem: str) -> list[tuple[str, str]]:
        """``(experiment field, dotted path)`` the design sets in runs of base scenario ``stem``."""
        return []

    def seed_groups(self, n_samples: int) -> list[int]:
        """Under ``seeds: common``: the seed group of each point (default: all share one)."""
        return [0] * n_samples


class FullFactorial(DesignBase):
    """Every combination of every factor's choices (discrete factors only)."""

    kind: Literal["full_factorial"]

    def count(self, dims: list[int | None]) -> int:
        """Number of points."""
        return math.prod(d or 0 for d in dims)

    def check(self, experiment: Any) -> None:
        """Refuse ranges, which have no list of choices to cross."""
        for param in experiment.parameters:
            if param.continuous:
                raise ValueError(
                    f"{self.kind} needs discrete parameters; {param.name!r} is a "
                    "low/high range (use 'values', or latin_hypercube / sobol)"
                )


class _Sampled(DesignBase):
    samples: int | None = Field(None, ge=1, le=MAX_RUNS)

    @model_validator(mode="after")
    def _needs_samples(self) -> _Sampled:
        if self.samples is None:
            raise ValueError(f"{self.kind} needs 'samples'")
        return self


class LatinHypercube(_Sampled):
    """``samples`` stratified points (scipy's ``qmc.LatinHypercube``)."""

    kind: Literal["latin_hypercube"]

    def count(self, dims: list[int | None]) -> int:
        """Number of points."""
        return self.samples


class Sobol(_Sampled):
    """SALib's Saltelli/Sobol' sampler: ``samples`` base points (a power of two).

    Gives ``samples * (D + 2)`` points, or ``samples * (2D + 2)`` with ``second_order``.
    """

    kind: Literal["sobol"]
    second_order: bool = False

    @model_validator(mode="after")
    def _power_of_two(self) -> Sobol:
        if self.samples & (self.samples - 1):
            raise ValueError("sobol needs 'samples' to be a power of two (e.g. 64, 128, 256)")
        return self

    def count(self, dims: list[int | None]) -> int:
        """Number of points."""
        d = len(dims)
        return self.samples * ((2 * d + 2 if self.second_order else d + 2) if d else 1)


class Morris(DesignBase):
    """SALib's Morris sampler: ``trajectories`` paths of ``D + 1`` points on ``levels`` levels.

    Defaults: Campolongo, Cariboni & Saltelli (2007) use 10-20 trajectories and 4 levels.
    """

    kind: Literal["morris"]
    trajectories: int = Field(10, ge=2, le=MAX_RUNS)
    levels: int = Field(4, ge=2, le=100)

    @model_validator(mode="after")
    def _even_levels(self) -> Morris:
        if self.levels % 2:
            raise ValueError("morris needs an even number of 'levels' (e.g. 4)")
        return self

    def count(self, dims: list[int | None]) -> int:
        """Number of points."""
        return self.trajectories * (len(dims) + 1)

    def check(self, experiment: Any) -> None:
        """Morris needs at least one factor to move."""
        if not experiment.dimensions():
            raise ValueError("morris needs at least one lever or uncertainty")


class Explicit(DesignBase):
    """Points given one by one: each names a value for every factor."""

    kind: Literal["explicit"]
    points: tuple[dict[str, Scalar], ...] = Field(min_length=1, max_length=100_000)

    def count(self, dims: list[int | None]) -> int:
        """Number of points."""
        return len(self.points)

    def check(self, experiment: Any) -> None:
        """Every point gives every factor one of its choices, or a number in its range."""
        factors = experiment.factor_specs()
        for i, point in enumerate(self.points):
            if set(point) != set(factors):
                raise ValueError(
                    f"design.points.{i}: give exactly the factors {', '.join(factors)} "
                    f"(got {', '.join(point) or 'none'})"
                )
            for name, value in point.items():
                _check_point_value(i, name, value, factors[name])


class Posterior(FullFactorial):
    """``draws`` parameter sets from calibrations' posteriors at every full-factorial point.

    ``posterior`` names a ``posterior.parquet`` of ``dewak calibrate`` (or the folder holding
    it) for every base scenario, or ``{scenario stem: file}`` when the scenarios have their own
    calibrations; paths are relative to the experiment file. Each point of the discrete factors
    gets draws ``0..draws-1``, each a particle chosen by weight from the posterior of the
    point's scenario; under ``seeds: common`` draw ``d`` with replication ``r`` has the same
    seed at every point (paired over levers, different between draws).
    """

    kind: Literal["posterior"]  # type: ignore[assignment]
    posterior: str | dict[str, str]
    draws: int = Field(ge=1, le=MAX_RUNS)

    def count(self, dims: list[int | None]) -> int:
        """Number of points: every combination of choices times the draws."""
        return self.draws * math.prod(d or 0 for d in dims)

    def check(self, experiment: Any) -> None:
        """Discrete factors only; a dict names every base scenario exactly once."""
        super().check(experiment)
        if isinstance(self.posterior, dict):
            stems = sorted(Path(s).stem for s in experiment.scenario_files)
            if sorted(self.posterior) != stems:
                raise ValueError(
                    f"design.posterior: name one posterior for each base scenario: {', '.join(stems)}"
                )

    def files(self, experiment: Any) -> list[Path]:
        """Each posterior file and the summary.json beside it."""
        from simulator.experiments.posterior import SUMMARY, posterior_inputs

        items = posterior_inputs(experiment)
        return [f for item in items for f in (item.file, item.file.with_name(SUMMARY))]

    def check_inputs(self, experiment: Any) -> None:
        """The posteriors exist and fit the experiment (names, paths)."""
        from simulator.experiments.posterior import check_posteriors

        check_posteriors(experiment)

    def scenario_paths(self, experiment: Any, stem: str) -> list[tuple[str, str]]:
        """The paths the posterior of ``stem`` sets."""
        from simulator.experiments.posterior import posterior_inputs

        item = next(i for i in posterior_inputs(experiment) if i.stem == stem)
        return [(item.field, s["path"]) for n, s in item.parameters.items() if item.applies(n)]

    def seed_groups(self, n_samples: int) -> list[int]:
        """Point ``i`` holds draw ``i % draws``: one seed group per draw."""
        return [i % self.draws for i in range(n_samples)]


def _check_point_value(i: int, name: str, value: Any, spec: tuple) -> None:
    choices, low, high = spec
    if choices is not None and value not in choices:
        raise ValueError(f"design.points.{i}.{name}: {value!r} is not one of {list(choices)}")
    if choices is None and not (
        isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high
    ):
        raise ValueError(f"design.points.{i}.{name}: {value!r} is not a number in [{low}, {high}]")


DesignSpec = Annotated[
    FullFactorial | LatinHypercube | Sobol | Morris | Explicit | Posterior,
    Field(discriminator="kind"),
]
#: Every design kind the file format knows.
DESIGN_KINDS = ("full_factorial", "latin_hypercube", "sobol", "morris", "explicit", "posterior")
