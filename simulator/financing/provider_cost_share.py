"""Member providers pay rent and shared costs by the organisation's cost-split key."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay

COVERED = {
    "rent": ("rent",),
    "rent_and_running": ("rent", "running"),
    "all_costs": ("rent", "running", "staff", "materials", "platform", "coordination", "renewal"),
}


class ProviderCostShare(Instrument):
    """Each member provider pays its key share of the covered costs, up to its monthly budget."""

    key = "provider_cost_share"
    category = "providers"

    def transfers(self, state: MonthState, rng) -> list:
        """One transfer per member provider."""
        covered = self.spec.share * state.cost_of(*COVERED[self.spec.covers])
        out = []
        for provider_id, share in state.provider_shares.items():
            budget = state.provider_budgets.get(provider_id, 0.0)
            out += pay(f"provider:{provider_id}", "cost share", min(covered * share, budget))
        return out
