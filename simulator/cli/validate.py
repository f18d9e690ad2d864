"""``dewak validate``: check scenario, experiment, shock, calibration or pattern files without running anything.

An experiment gets every check ``dewak sweep --dry-run`` makes (dotted paths, list items and
overlays against its scenarios, outcome names against the model's, design sizes); a shock file
is checked against every scenario named in the same call. A misspelt name is refused with the
closest valid one suggested. Nothing here imports numpy or pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import Overlays, Sets, fail, load, parse_sets
from simulator.scenario.errors import ScenarioError

EXPERIMENT_KEYS = {"levers", "uncertainties", "design", "replications", "master_seed"}


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Scenario, experiment, shock, calibration or pattern YAML files."),
    ],
    overlay: Overlays = None,
    set_: Sets = None,
) -> None:
    """Validate files: exit 0 if all are valid, else 2 with FILE: FIELD.PATH: message."""
    kinds = [(path, _kind(path)) for path in files]
    scenarios = [path for path, kind in kinds if kind == "scenario"]
    for path, kind in kinds:
        try:
            _check(path, kind, scenarios, overlay, set_)
        except ScenarioError as err:
            fail(err)
        typer.echo(f"ok: {path} ({kind})")


def _check(path: Path, kind: str, scenarios: list[Path], overlay, set_) -> None:
    if kind == "experiment":
        from simulator.experiments.checks import check_experiment
        from simulator.experiments.schema import load_experiment

        experiment = load_experiment(path)
        check_experiment(experiment)
        if experiment.patterns is not None:  # the pattern file its report compares the runs with
            from simulator.calibration.patterns import load_patterns

            load_patterns(experiment.pattern_file())
    elif kind == "stress-test shocks":
        from simulator.stress.plan import check_shocks

        check_shocks(path, scenarios, tuple(overlay or ()), parse_sets(set_))
    elif kind == "calibration":  # the file and its patterns; `dewak calibrate` checks the rest
        from simulator.calibration.schema import read_with_patterns

        read_with_patterns(path)
    elif kind == "patterns":
        from simulator.calibration.patterns import load_patterns

        load_patterns(path)
    else:
        load(path, overlay, set_)


def _kind(path: Path) -> str:
    from simulator.scenario.yaml_io import read_yaml

    try:
        doc = read_yaml(path)
    except ScenarioError as err:
        fail(err)
    if isinstance(doc, dict) and "stress_test" in doc:
        return "stress-test shocks"
    if isinstance(doc, dict) and {"fit", "parameters"} <= set(doc):
        return "calibration"
    if isinstance(doc, dict) and "patterns" in doc and not EXPERIMENT_KEYS & set(doc):
        return "patterns"
    return "experiment" if isinstance(doc, dict) and EXPERIMENT_KEYS & set(doc) else "scenario"
