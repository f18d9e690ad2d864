"""External programme grant: a share of eligible cost, a cap, a fixed number of years (the funding cliff)."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay

ELIGIBLE = {
    "staff": ("staff",),
    "staff_and_materials": ("staff", "materials"),
    "all_operating": ("staff", "materials", "rent", "running", "platform", "coordination"),
}


class ProgrammeGrant(Instrument):
    """A programme pays a share of eligible cost up to a monthly twelfth of its yearly cap, only in its years, and only if the municipality co-finances its required share."""

    key = "programme_grant"
    category = "programmes"

    def transfers(self, state: MonthState, rng) -> list:
        """Return the programme's payment and the municipal co-financing it requires."""
        spec = self.spec
        running = spec.start_year_offset <= state.year_index < spec.start_year_offset + spec.years
        if not running:
            return []
        if spec.cofinancing_share > 0 and not state.municipality_can_cofinance:
            return []
        eligible = state.cost_of(*ELIGIBLE[spec.eligible])
        due = min(spec.share_of_eligible_cost * eligible, spec.cap_eur_per_year / 12.0)
        payer = f"programme:{spec.id}"
        return pay(payer, f"programme grant {spec.id}", due) + pay(
            "municipality", f"co-financing of {spec.id}", spec.cofinancing_share * due
        )
