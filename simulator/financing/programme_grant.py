"""External programme grant: a share of eligible cost, a cap, a fixed number of years (the funding cliff)."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay

ELIGIBLE = {
    "staff": ("staff",),
    "staff_and_materials": ("staff", "materials"),
    "all_operating": ("staff", "materials", "rent", "running", "platform", "coordination"),
}


class ProgrammeGrant(Instrument):
    """A programme pays a share of eligible cost, at most a twelfth of its yearly cap a month, only in its years, and only if the municipality co-finances its required share.

    The programme runs in the years ``start_year_offset`` to ``start_year_offset + years - 1``
    (counted from the start); in the month after its last year it pays nothing (the funding
    cliff). The municipality's co-financing is ``cofinancing_share`` times the programme's
    payment, paid alongside it; when the municipality cannot co-finance (its council stopped
    the facility's grants) a programme that requires co-financing pays nothing either.
    """

    key = "programme_grant"
    category = "programmes"

    def transfers(self, state: MonthState, rng) -> list:
        """Return the programme's payment and the municipal co-financing it requires."""
        spec = self.spec
        if not self.running(state.year_index):
            return []
        if spec.cofinancing_share > 0 and not state.municipality_can_cofinance:
            return []
        eligible = state.cost_of(*ELIGIBLE[spec.eligible])
        due = min(spec.share_of_eligible_cost * eligible, spec.cap_eur_per_year / 12.0)
        payer = f"programme:{spec.id}"
        return pay(payer, f"programme grant {spec.id}", due) + pay(
            "municipality", f"co-financing of {spec.id}", spec.cofinancing_share * due
        )

    def running(self, year_index: int) -> bool:
        """Whether the programme pays in this year of the run."""
        start = self.spec.start_year_offset
        return start <= year_index < start + self.spec.years
