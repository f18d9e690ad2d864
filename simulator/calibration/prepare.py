"""Check a calibration file against its scenarios and patterns before anything is written.

:func:`prepare` reads the file and its pattern file, loads every base scenario (with the
calibration's overlays and fixed ``set`` values), checks each parameter's path and prior against
the scenario schema, loads each scenario at both ends of every prior, chooses each scenario's
horizon, and runs each scenario once for a year to check that every pattern's outcomes and
columns exist. Any problem is a :class:`CalibrationError` naming the calibration file and field.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from simulator.calibration.adapter import ParticleModel, ScenarioRun, probe, resolve_file
from simulator.calibration.patterns import CalibrationError, Pattern
from simulator.calibration.priors import check_prior, schema_bounds
from simulator.calibration.schema import Calibration, read_with_patterns
from simulator.calibration.statistics import check_available, last_year_used, outcomes_used


@dataclass(frozen=True)
class PreparedCalibration:
    """A checked calibration, ready to run.

    Attributes:
        calibration: The validated file.
        source: Its path.
        pattern_file: The resolved pattern file.
        fit: The calibration patterns fitted, in file order.
        validate: The validation patterns reported beside them (never fitted).
        model: The particle model pyabc calls.
        scenario_hashes: sha256 of each base scenario as run (overlays and ``set`` applied).
        inputs_hash: sha256 of everything that decides the result (file, patterns, scenarios).
    """

    calibration: Calibration
    source: Path
    pattern_file: Path
    fit: tuple[Pattern, ...]
    validate: tuple[Pattern, ...]
    model: ParticleModel
    scenario_hashes: dict[str, str]
    inputs_hash: str


def prepare(path: str | Path) -> PreparedCalibration:
    """Read and check a calibration file; raise CalibrationError on the first problem."""
    path = Path(path)
    file = str(path)
    cal, pattern_path, fit, validate = read_with_patterns(path)
    base = path.resolve().parent
    runs, hashes, integer = [], {}, {}
    for i, text in enumerate(cal.scenarios):
        scenario_file = resolve_file(base, text, file, f"scenarios.{i}")
        scenario = _load(scenario_file, cal, {}, file, f"scenarios.{i}")
        stem = scenario_file.stem
        integer.update(_check_parameters(cal, stem, scenario, scenario_file, file))
        used = [(f, p) for f, p in _indexed(cal, fit, validate) if p.applies_to(stem)]
        if not any(p.role == "calibration" for _, p in used):
            raise CalibrationError(file, f"scenarios.{i}", f"no pattern in 'fit' concerns {stem}")
        years = cal.years if cal.years is not None else horizon([p for _, p in used], scenario)
        run = ScenarioRun(stem, str(scenario_file), cal.overlays, tuple(cal.set.items()), years)
        outcomes, columns, span = probe(run)
        check_available(used, outcomes, columns, span, file, stem)
        runs.append(run)
        hashes[stem] = _scenario_hash(scenario)
    params = tuple((p.name, p.path, p.scenarios, integer[p.name]) for p in cal.parameters)
    model = ParticleModel(
        tuple(runs), params, fit + validate, cal.master_seed, cal.seeds_per_particle
    )
    inputs = _inputs_hash(cal, fit + validate, hashes)
    return PreparedCalibration(cal, path, pattern_path, fit, validate, model, hashes, inputs)


def horizon(patterns: list[Pattern], scenario) -> int | None:
    """Years to run: up to the last year a pattern needs; the full horizon if one reads outcomes.

    An outcome (``utilisation_mean``, ``years_open`` ...) summarises the whole run, so it keeps
    its meaning only over the scenario's own horizon.
    """
    if any(outcomes_used(p.statistic) for p in patterns):
        return None
    last = max(last_year_used(p.statistic) for p in patterns)
    return max(1, min(scenario.time.years, last - scenario.time.start_year + 1))


def _indexed(cal: Calibration, fit, validate):
    yield from ((f"fit.{j}", p) for j, p in enumerate(fit))
    yield from ((f"validate.{j}", p) for j, p in enumerate(validate))


def _load(scenario_file: Path, cal: Calibration, extra: dict, file: str, field: str):
    from simulator.scenario import ScenarioError, load_scenario

    try:
        return load_scenario(scenario_file, overlays=cal.overlays, overrides={**cal.set, **extra})
    except ScenarioError as exc:
        where = "" if exc.file in {str(scenario_file), "--set"} else f" (in {Path(exc.file).name})"
        problem = f"{exc.field_path}: {exc.message}{where} [checked on {scenario_file.name}]"
        raise CalibrationError(file, field, problem) from None


def _check_parameters(
    cal: Calibration, stem: str, scenario, scenario_file: Path, file: str
) -> dict[str, bool]:
    """Each parameter's path exists and is numeric; its prior stays in the schema's bounds.

    Returns:
        ``{parameter name: True if its field is an integer}`` for the parameters checked.
    """
    integer = {}
    for j, param in enumerate(cal.parameters):
        if not param.applies_to(stem):
            continue
        try:
            bounds = schema_bounds(scenario, param.path)
        except ValueError as exc:
            raise CalibrationError(file, f"parameters.{j}.path", f"{exc} [{stem}]") from None
        check_prior(param, bounds, file, f"parameters.{j}")
        for end in ("low", "high"):
            value = getattr(param.prior, end)
            value = int(round(value)) if bounds.integer else float(value)
            _load(scenario_file, cal, {param.path: value}, file, f"parameters.{j}.prior.{end}")
        integer[param.name] = bounds.integer
    return integer


def _scenario_hash(scenario) -> str:
    from simulator.scenario import scenario_hash

    return scenario_hash(scenario)


def _inputs_hash(cal: Calibration, patterns, scenario_hashes: dict) -> str:
    data = {
        "calibration": cal.model_dump(mode="json"),
        "patterns": [p.model_dump(mode="json") for p in patterns],
        "scenarios": scenario_hashes,
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
