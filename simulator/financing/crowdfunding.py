"""All-or-nothing crowdfunding campaigns whose success rises with the engaged community."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, pay


class Crowdfunding(Instrument):
    """Every few years a campaign closes in its month: each reached resident pledges with the campaign's chance; the facility gets the pledges only if they reach the goal (all-or-nothing), at most ``max_overfunding`` times the goal.

    Reached residents = ``int(engaged x reach_per_engaged)``, where engaged = members,
    volunteers and attached residents, so success rises with the community. A campaign's pledge
    chance is drawn from a Beta distribution with mean ``pledge_probability`` and concentration
    ``campaign_concentration`` (some campaigns catch on, some do not; domain_facts §6: 53-57 %
    of campaigns succeed), then the number of backers is binomial.
    """

    key = "crowdfunding"
    category = "citizens"

    def __init__(self, spec):
        super().__init__(spec)
        self.campaigns: list[dict] = []  # year, engaged, pledged EUR, raised EUR, success

    def transfers(self, state: MonthState, rng) -> list:
        """The campaign's proceeds in a campaign month if it succeeds, else nothing."""
        spec = self.spec
        if state.month != spec.campaign_month or state.year_index % spec.every_years != 0:
            return []
        reached = int(state.engaged * spec.reach_per_engaged)
        backers = int(rng.binomial(reached, self.campaign_chance(rng))) if reached > 0 else 0
        pledged = backers * spec.backing_eur
        success = pledged >= spec.goal_eur and pledged > 0
        raised = min(pledged, spec.max_overfunding * spec.goal_eur) if success else 0.0
        self.campaigns.append(
            {
                "year": state.year,
                "engaged": state.engaged,
                "pledged_eur": pledged,
                "raised_eur": raised,
                "success": success,
            }
        )
        return pay("citizens", "crowdfunding", raised)

    def campaign_chance(self, rng) -> float:
        """This campaign's pledge chance: Beta around ``pledge_probability`` (fixed at 0 or 1)."""
        p, k = self.spec.pledge_probability, self.spec.campaign_concentration
        if p <= 0.0 or p >= 1.0:
            return p
        return float(rng.beta(p * k, (1.0 - p) * k))
