"""All-or-nothing crowdfunding campaigns whose success rises with the engaged community."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class Crowdfunding(Instrument):
    """Every few years a campaign closes in its month: each reached resident pledges with a chance; the facility gets the pledges only if they reach the goal."""

    key = "crowdfunding"
    category = "citizens"

    def __init__(self, spec):
        super().__init__(spec)
        self.campaigns: list[tuple[int, float, bool]] = []  # (year, pledged EUR, success)

    def transfers(self, state: MonthState, rng) -> list:
        """The campaign's proceeds in a campaign month if it succeeds, else nothing."""
        spec = self.spec
        if state.month != spec.campaign_month or state.year_index % spec.every_years != 0:
            return []
        reached = int(state.engaged * spec.reach_per_engaged)
        backers = int(rng.binomial(reached, spec.pledge_probability)) if reached > 0 else 0
        pledged = backers * spec.backing_eur
        success = pledged >= spec.goal_eur and pledged > 0
        self.campaigns.append((state.year, pledged, success))
        return pay("citizens", "crowdfunding", pledged) if success else []
