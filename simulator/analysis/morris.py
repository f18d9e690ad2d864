"""Morris screening as an experiment: the same factors, drawn by the engine's ``morris`` design.

``dewak sensitivity --method morris`` keeps an experiment's levers, uncertainties, outcomes,
replications and seeds, and replaces its design by ``{kind: morris, trajectories, levels}``
(:mod:`simulator.experiments.designs.morris`). The result is an ordinary experiment named
``<name>_morris``: resumable, on any executor, stored like any other, its inputs one column each.
"""

from __future__ import annotations

from simulator.analysis import AnalysisError
from simulator.scenario.errors import ScenarioError

#: Defaults. source: Campolongo, Cariboni & Saltelli (2007) use r = 10-20 trajectories and
#: p = 4 levels; SALib's default is 4 levels.
TRAJECTORIES = 10
LEVELS = 4


def morris_experiment(experiment, trajectories: int = TRAJECTORIES, levels: int = LEVELS):
    """The experiment ``<name>_morris``: this one with a Morris design.

    Raises:
        AnalysisError: For fewer than 2 trajectories, an odd number of levels, or no factor.
    """
    where = str(experiment.source or "<experiment>")
    if not experiment.dimensions():
        raise AnalysisError(where, "levers", "Morris needs at least one lever or uncertainty")
    if trajectories < 2:
        raise AnalysisError(where, "--trajectories", "must be at least 2")
    if levels < 2 or levels % 2:
        raise AnalysisError(where, "--levels", "must be an even number of at least 2")
    design = {"kind": "morris", "trajectories": trajectories, "levels": levels}
    try:
        return experiment.derive(name=f"{experiment.name[:57]}_morris", design=design)
    except ScenarioError as err:  # a bound of the design: name the option that set it
        option = err.field_path.replace("design.", "--", 1) if err.field_path in _OPTIONS else ""
        raise AnalysisError(where, option or err.field_path, err.message) from None


_OPTIONS = ("design.trajectories", "design.levels")
