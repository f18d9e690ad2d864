"""The model SolaraViz builds on Reset: the chosen scenario, overlays and slider values, then the real model."""

from __future__ import annotations

from pathlib import Path

from simulator.app.money_params import financing_paths
from simulator.app.params import (
    AS_IN_SCENARIO,
    EXPOSED,
    NO_OVERLAY,
    changed,
    path_of,
    scenario_choices,
)
from simulator.model import CooperationModel
from simulator.scenario import Scenario, ScenarioError, load_scenario


def chosen_overlays(organisation: str, demography: str, finance: str) -> list[str]:
    """Overlay names for the app's three choices (``org_<model>``, demographic, financial)."""
    out = []
    if organisation not in ("", AS_IN_SCENARIO):
        out.append(f"org_{organisation}")
    out += [name for name in (demography, finance) if name not in ("", AS_IN_SCENARIO, NO_OVERLAY)]
    return out


def build_scenario(
    scenario_file: Path, overlays: list[str], overrides: dict
) -> tuple[Scenario, list[str], dict, list[str]]:
    """Load the scenario with the overlays and slider values; fall back step by step if they do not fit.

    Not every overlay fits every scenario: a financial overlay may change an instrument that the
    chosen financing mix does not have. The app then shows the scenario without the overlays
    (and, if the sliders are the problem, without them too) and says why, instead of failing.
    Returns the scenario, the overlays and overrides it was built with, and the notes.
    """
    notes: list[str] = []
    for ovl, ovr in ((overlays, overrides), ([], overrides), ([], {})):
        try:
            return load_scenario(scenario_file, overlays=ovl, overrides=ovr), ovl, ovr, notes
        except ScenarioError as err:
            notes.append(f"could not apply {ovl or 'the sliders'}: {err}")
    raise ScenarioError(str(scenario_file), "", "; ".join(notes))


class AppModel(CooperationModel):
    """A :class:`CooperationModel` built from the app's choices (one step = one month).

    Args:
        scenario_file: The scenario YAML; defaults to the first scenario on offer.
        organisation: An organisation model with an ``org_<model>`` overlay, or "as in scenario".
        demography: A demographic overlay, or "as in scenario".
        finance: A financial overlay, or "none".
        seed: Seed of the run's generator (text from the app's input box is accepted).
        **kwargs: Slider values keyed ``section__field`` (see ``params.key_of``), only for the
            paths in ``params.EXPOSED``.
    """

    def __init__(
        self,
        scenario_file: str = "",
        organisation: str = AS_IN_SCENARIO,
        demography: str = AS_IN_SCENARIO,
        finance: str = NO_OVERLAY,
        seed: int | str = 1,
        **kwargs,
    ):
        path = Path(scenario_file) if scenario_file else next(iter(scenario_choices().values()))
        overrides = {path_of(key): value for key, value in kwargs.items()}
        money = financing_paths(path)
        unknown = sorted(set(overrides) - set(EXPOSED) - money)
        if unknown:
            raise TypeError(f"AppModel got parameters it does not expose: {unknown}")
        # a financing slider left at the file's value is not sent: an organisation overlay may
        # bring its own mix without that instrument
        moved = changed(path, {p: v for p, v in overrides.items() if p in money})
        overrides = {p: v for p, v in overrides.items() if p not in money or p in moved}
        self.scenario_file = path
        scenario, self.overlays, self.overrides, self.notes = build_scenario(
            path, chosen_overlays(organisation, demography, finance), overrides
        )
        super().__init__(scenario, seed=self._seed(seed))

    def _seed(self, seed: int | str) -> int:
        """The seed as a whole number >= 0; anything else becomes 0, with a note."""
        try:
            value = int(seed)
        except (TypeError, ValueError):
            value = -1
        if value < 0:
            self.notes.append(f"seed {seed!r} is not a whole number >= 0; using 0")
        return max(value, 0)
