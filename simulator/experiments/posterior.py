"""Posteriors of ``dewak calibrate`` as experiment input: find, check, read and draw from them.

A calibration writes ``results/calibration/<name>/posterior.parquet`` (one row per particle:
one column per parameter and ``weight``) and, beside it, ``summary.json`` (each parameter's
dotted scenario path, the base scenarios it applies to, whether it is an integer, its prior).
The ``posterior`` design (:mod:`simulator.experiments.designs.posterior`) draws parameter sets
from such files; :func:`posterior_inputs` finds and checks them for ``dewak validate`` without
numpy, :func:`load_posterior` and :func:`draw` read and sample them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.experiments.errors import ExperimentError

FILE = "posterior.parquet"
SUMMARY = "summary.json"
#: Columns every posterior run carries besides the parameters.
DRAW_COLUMNS = ("posterior_draw", "posterior_particle")


@dataclass(frozen=True)
class PosteriorInput:
    """One posterior named by an experiment, checked.

    Attributes:
        stem: The base scenario it is drawn for.
        field: Its field in the experiment file (``design.posterior.<stem>``).
        file: The ``posterior.parquet`` file.
        summary: The calibration's ``summary.json``.
    """

    stem: str
    field: str
    file: Path
    summary: dict[str, Any]

    @property
    def parameters(self) -> dict[str, dict[str, Any]]:
        """``{parameter: {path, scenarios, integer, prior, ...}}`` as the calibration wrote it."""
        return self.summary["parameters"]

    def applies(self, name: str) -> bool:
        """True if the calibration set parameter ``name`` in runs of this base scenario."""
        where = self.parameters[name].get("scenarios", "all")
        return where == "all" or self.stem in where


def posterior_file(base: Path, text: str) -> Path:
    """The ``posterior.parquet`` a design names: the file, or the folder holding it."""
    path = (Path(base) / text).resolve()
    return path if path.suffix == ".parquet" else path / FILE


def posterior_inputs(experiment) -> list[PosteriorInput]:
    """The posteriors of an experiment's ``posterior`` design, one per base scenario, checked.

    Raises:
        ExperimentError: A file is missing (naming the calibration to run), unreadable, or not
            a posterior of ``dewak calibrate``.
    """
    design = experiment.design
    where = str(experiment.source or "<experiment>")
    stems = [Path(s).stem for s in experiment.scenario_files]
    named = design.posterior if isinstance(design.posterior, dict) else dict.fromkeys(stems)
    out = []
    for stem in stems:
        text = named[stem] if isinstance(design.posterior, dict) else design.posterior
        field = (
            f"design.posterior.{stem}" if isinstance(design.posterior, dict) else "design.posterior"
        )
        file = posterior_file(experiment.base_folder(), text)
        out.append(PosteriorInput(stem, field, file, _summary(experiment, file, where, field)))
    return out


def _summary(experiment, file: Path, where: str, field: str) -> dict[str, Any]:
    summary_file = file.with_name(SUMMARY)
    if not file.is_file() or not summary_file.is_file():
        missing = file if not file.is_file() else summary_file
        message = f"{_shown(missing)} does not exist{_hint(experiment, file)}"
        raise ExperimentError(where, field, message)
    try:
        summary = json.loads(summary_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExperimentError(where, field, f"cannot read {summary_file}: {exc}") from None
    parameters = summary.get("parameters") if isinstance(summary, dict) else None
    if not isinstance(parameters, dict) or not parameters:
        raise ExperimentError(where, field, f"{summary_file} is not a dewak calibrate summary")
    for name, stats in parameters.items():
        if name in DRAW_COLUMNS or not isinstance(stats, dict) or "path" not in stats:
            raise ExperimentError(where, field, f"{summary_file}: parameter {name!r} is unusable")
    return summary


def _hint(experiment, file: Path) -> str:
    """How to make the posterior: the calibration file of the same name, if there is one."""
    name = file.parent.name
    calibration = experiment.base_folder() / f"{name}.yaml"
    if calibration.is_file():
        return f"; run 'dewak calibrate {_shown(calibration)}' first (it writes this file)"
    return "; run dewak calibrate on the calibration that writes it first"


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check_posteriors(experiment) -> None:
    """Names and paths of the posteriors' parameters fit the experiment (ExperimentError if not).

    A parameter may not take the name of a factor, an outcome or a column the store writes,
    and may not set a path a lever, an uncertainty or ``set`` sets too; a parameter found in
    several posteriors must set the same path in each.
    """
    from simulator.experiments.columns import RESERVED

    where = str(experiment.source or "<experiment>")
    taken = set(experiment.factor_specs()) | {o.name for o in experiment.outcomes}
    taken |= RESERVED | set(DRAW_COLUMNS)
    paths = {p.path for p in experiment.parameters if p.path} | set(experiment.sets)
    seen: dict[str, str] = {}
    for item in posterior_inputs(experiment):
        for name, stats in item.parameters.items():
            if name in taken:
                raise ExperimentError(
                    where, item.field, f"parameter {name!r} is also a column here"
                )
            if stats["path"] in paths:
                raise ExperimentError(
                    where, item.field, f"{stats['path']} is set by the experiment and the posterior"
                )
            if seen.setdefault(name, stats["path"]) != stats["path"]:
                raise ExperimentError(
                    where, item.field, f"parameter {name!r} sets another path than before"
                )


@dataclass(frozen=True)
class Posterior:
    """A calibration's posterior.

    Attributes:
        name: The calibration's name.
        particles: One row per particle: one column per parameter and ``weight`` (sums to 1).
        paths: ``{parameter: dotted scenario path}``.
        scenarios: ``{parameter: base scenario stems it applies to}`` (empty tuple: all).
    """

    name: str
    particles: Any
    paths: dict[str, str]
    scenarios: dict[str, tuple[str, ...]]


def load_posterior(path: str | Path) -> Posterior:
    """Read ``posterior.parquet`` (or the folder holding it) and its ``summary.json``.

    Raises:
        ExperimentError: If the files are missing or do not belong together.
    """
    import pandas as pd

    file = posterior_file(Path.cwd(), str(path))
    summary_file = file.with_name(SUMMARY)
    if not file.is_file() or not summary_file.is_file():
        raise ExperimentError(str(file), "", "no posterior here (run dewak calibrate first)")
    particles = pd.read_parquet(file)
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    parameters = summary.get("parameters", {})
    names = [c for c in particles.columns if c != "weight"]
    if "weight" not in particles or sorted(names) != sorted(parameters):
        raise ExperimentError(str(file), "", "posterior and summary.json do not match")
    scenarios = {
        n: () if parameters[n]["scenarios"] == "all" else tuple(parameters[n]["scenarios"])
        for n in names
    }
    paths = {n: parameters[n]["path"] for n in names}
    return Posterior(summary.get("name", ""), particles, paths, scenarios)


def draw(posterior: Posterior, n: int, seed: int):
    """``n`` parameter sets drawn with replacement by weight: ``draw``, ``particle``, values."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    weights = posterior.particles["weight"].to_numpy(dtype=float)
    chosen = rng.choice(len(weights), size=n, replace=True, p=weights / weights.sum())
    values = posterior.particles.drop(columns="weight").iloc[chosen].reset_index(drop=True)
    return pd.concat([pd.DataFrame({"draw": np.arange(n), "particle": chosen}), values], axis=1)
