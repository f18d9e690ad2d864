"""Municipal grant: fixed sum, deficit cover, per capita or per visit (a voluntary service)."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class MunicipalGrant(Instrument):
    """The municipality pays by the chosen mode; the council's decision scales it (0 = stopped, cut under HSK)."""

    key = "municipal_grant"
    category = "municipality"

    def __init__(self, spec):
        super().__init__(spec)
        self._year = None
        self._paid = 0.0

    def transfers(self, state: MonthState, rng) -> list:
        """Pay this month's grant, within the yearly cap."""
        if self.spec.years is not None and state.year_index >= self.spec.years:
            return []
        if state.year != self._year:
            self._year, self._paid = state.year, 0.0
        due = self._due(state) * state.grant_factor
        if self.spec.cap_eur_per_year is not None:
            due = min(due, max(0.0, self.spec.cap_eur_per_year - self._paid))
        self._paid += max(due, 0.0)
        return pay("municipality", f"municipal grant ({self.spec.mode})", due)

    def _due(self, state: MonthState) -> float:
        spec = self.spec
        if spec.mode == "fixed":
            return spec.amount_eur_per_year / 12.0
        if spec.mode == "per_capita":
            return spec.eur_per_capita_year * state.population / 12.0
        if spec.mode == "per_visit":
            return spec.eur_per_visit * state.visits
        # deficit_cover: last month's negative reserves (decided on the state at the start of the month)
        return spec.deficit_share * max(0.0, -state.reserves_eur)
