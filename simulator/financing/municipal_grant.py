"""Municipal grant: fixed sum, deficit cover, per capita or per visit (a voluntary service)."""

from __future__ import annotations

from simulator.financing.base import CoversShortfall, FinancesDeficit, Instrument, MonthState, pay


class MunicipalGrant(Instrument, CoversShortfall, FinancesDeficit):
    """The municipality pays by the chosen mode; the council's decision scales it (0 = stopped, cut under HSK).

    Modes: ``fixed`` pays a twelfth of the yearly sum each month; ``per_capita`` a twelfth of
    the sum per resident times the population; ``per_visit`` the sum per visit times this
    month's visits; ``deficit_cover`` (Fehlbedarfsfinanzierung) pays nothing up front and,
    after all other money of the month is booked, covers ``deficit_share`` of the negative
    reserves (:meth:`cover_shortfall`). In every mode the amount is multiplied by the
    municipality's ``grant_factor`` (0 below the support threshold, 1 minus the HSK plan's cut of
    the facility line), stops after ``years`` and never exceeds ``cap_eur_per_year`` in a year.

    With ``deficit_financing`` (Fehlbedarfsfinanzierung, the default) the town pays only what
    the facility needs: a fixed, per-capita or per-visit grant falls by the reserves above the
    cap (:meth:`reduction_eur`); a deficit-cover grant never builds reserves in the first place.
    """

    key = "municipal_grant"
    category = "municipality"

    def __init__(self, spec):
        super().__init__(spec)
        self._year: int | None = None
        self._paid_this_year = 0.0

    def transfers(self, state: MonthState, rng) -> list:
        """Pay this month's grant (all modes except deficit cover), less any reduction."""
        if self.spec.mode == "deficit_cover":
            return []
        return self._grant(self._due(state), state, self.reduction_eur(state))

    def reduction_eur(self, state: MonthState) -> float:
        """EUR the grant falls by this month because reserves exceed the cap (deficit financing)."""
        spec = self.spec
        if spec.mode == "deficit_cover" or not spec.deficit_financing or not self._running(state):
            return 0.0
        return min(max(0.0, self._due(state)) * state.grant_factor, state.reserve_excess_eur)

    def _running(self, state: MonthState) -> bool:
        return self.spec.years is None or state.year_index < self.spec.years

    def cover_shortfall(self, shortfall_eur: float, state: MonthState) -> list:
        """Deficit cover: pay the share of the shortfall left after the month's other money."""
        if self.spec.mode != "deficit_cover":
            return []
        return self._grant(self.spec.deficit_share * max(0.0, shortfall_eur), state)

    def _due(self, state: MonthState) -> float:
        spec = self.spec
        if spec.mode == "per_capita":
            return spec.eur_per_capita_year * state.population / 12.0
        if spec.mode == "per_visit":
            return spec.eur_per_visit * state.visits
        return spec.amount_eur_per_year / 12.0

    def _grant(self, due: float, state: MonthState, reduction: float = 0.0) -> list:
        """Apply the term, the council's decision, a reduction and the yearly cap; book what is paid."""
        if not self._running(state):
            return []
        if state.year != self._year:
            self._year, self._paid_this_year = state.year, 0.0
        due = max(0.0, max(0.0, due) * state.grant_factor - reduction)
        if self.spec.cap_eur_per_year is not None:
            due = min(due, max(0.0, self.spec.cap_eur_per_year - self._paid_this_year))
        self._paid_this_year += due
        return pay("municipality", f"municipal grant ({self.spec.mode})", due)
