"""The municipality: budget year, budget consolidation (HSK) and political support."""

from __future__ import annotations

from dataclasses import replace

import mesa

from simulator.fiscal.accounts import BudgetRules, YearState
from simulator.fiscal.budget import book_result, hsk_triggers, shock_add
from simulator.fiscal.counts import counts_from
from simulator.fiscal.plan import ConsolidationPlan, volume
from simulator.fiscal.projection import measure_units, need_function
from simulator.fiscal.record import annual_columns, planned_facility_grant
from simulator.scenario.schema.ages import AgesSpec


class Municipality(mesa.Agent):
    """Closes its accounts at each year-end, runs its consolidation plan and decides the facility grant.

    The budget of a kreisangehörige NRW town (simulator/fiscal/, docs/fiscal_model.md): taxes at
    the town's Hebesätze, tax shares, Schlüsselzuweisungen by the GFG formula, the Kreisumlage,
    own mandatory spending per resident of an age band, named voluntary lines (the facility grant
    is the line ``facility``), interest on liquidity loans, state aid. The result is booked the
    NKF way (``fiscal.budget.book_result``); cash deficits are liquidity loans. The § 76 (1) GO NRW
    triggers put the town under HSK; it then follows a plan (``fiscal.plan``) until balance is
    reached and held. Its starting status is data (``municipality.initial``).
    """

    def __init__(self, model, spec, start_year: int | None = None, ages: AgesSpec | None = None):
        super().__init__(model)
        self.spec = spec
        self.ages = ages if ages is not None else AgesSpec()  # the scenario's age limits
        init = spec.initial
        self.general_reserve = init.general_reserve_eur
        self.balancing_reserve = init.balancing_reserve_eur
        self.liquidity_loans = init.liquidity_loans_eur
        self.reserve_history = [init.general_reserve_eur, init.general_reserve_eur]
        self.growth_index = 1.0
        self.hsk = init.hsk
        self.hsk_reasons: list[str] = []
        self.balanced_years = 0
        self.support = spec.political_support_initial
        self.grant_factor = 1.0
        self.grant_reason = ""
        self.last_year: dict[str, float] = {}
        scenario = getattr(model, "spec", None)
        self.start_year = start_year or (scenario.time.start_year if scenario else None)
        self.rules: BudgetRules | None = None
        self.plan = ConsolidationPlan(spec)
        # the facility line: the grant the council pledged, else what it paid at full factor
        self.pledged_grant_eur = planned_facility_grant(scenario)
        self.facility_base_eur = self.pledged_grant_eur
        self.during: dict = {}  # the status during the year being closed (for its record)
        # election swings from their own stream: the same seed gives the same swings whatever
        # happens to the budget or the facility (paired comparisons, the stress test)
        self.politics_rng = model.rng.spawn(1)[0]

    @property
    def equity(self) -> float:
        """Equity (simplified): general plus balancing reserve."""
        return self.general_reserve + self.balancing_reserve

    def budget_year(self, year: int, stats: dict, facility_grants_eur: float) -> dict:
        """Close ``year``'s accounts from population ``stats``; apply the HSK rule; plan next year."""
        self.start(year)
        self.during = self._status()
        spec = self.spec
        self.growth_index *= (
            1.0 + spec.revenue_growth_per_year + shock_add(spec.fiscal_shocks, "growth", year)
        )
        if spec.debt_relief_year == year:  # the Land takes over loans: the debt is forgiven
            relief = min(self.liquidity_loans, spec.debt_relief_eur)
            self.liquidity_loans -= relief
            self.general_reserve += relief
        state = YearState(
            year,
            counts_from(stats, self._working_ages()),
            self.liquidity_loans,
            self.growth_index,
            facility_grants_eur,
            self.plan.levels,
        )
        accounts = self.rules.accounts(state)
        if self.pledged_grant_eur <= 0 and facility_grants_eur > 0 and self.grant_factor > 0:
            self.facility_base_eur = facility_grants_eur / self.grant_factor
        bare = replace(state, facility_eur=self.facility_base_eur, levels=self._no_measures())
        units = measure_units(self.rules, bare)
        accounts["facility_grants"] = facility_grants_eur
        accounts["consolidation"] = volume(self.plan.levels, units)
        self._book_result(accounts["result"])
        self._apply_hsk_rule(year, accounts["result"])
        bare = replace(bare, loans_eur=self.liquidity_loans)
        margin = spec.hsk.balance_margin_share * accounts["revenue"]
        allowance = 0.0 if self.hsk else self.balancing_reserve
        need = need_function(self.rules, bare, margin, self.equity, allowance)
        self._plan(year + 1, units, need)
        self.last_year = accounts
        return accounts

    def start(self, year: int, stats: dict | None = None) -> None:
        """Once: the budget rules, and the first year's plan of an HSK running at the start."""
        if self.rules is not None:
            return
        self.start_year = self.start_year or year
        self.rules = BudgetRules(self.spec, self.start_year)
        init = self.spec.initial
        if not init.hsk or stats is None:
            if init.hsk:
                self.plan.adopt(init.hsk_since_year or self.start_year, init.hsk_target_year)
            return
        self.plan.adopt(init.hsk_since_year or self.start_year, init.hsk_target_year)
        counts = counts_from(stats, self._working_ages())
        bare = YearState(
            year, counts, self.liquidity_loans, 1.0, self.facility_base_eur, self._no_measures()
        )
        revenue = self.rules.accounts(bare, shocked=False, with_aid=False)["revenue"]
        margin = self.spec.hsk.balance_margin_share * revenue
        units = measure_units(self.rules, bare)
        need = need_function(self.rules, bare, margin, self.equity, shocked=False)  # in HSK
        self._plan(year, units, need)

    def _plan(self, year: int, units: list[float], need) -> None:
        """The consolidation for ``year``: tightened under HSK, only released outside."""
        self.plan.plan_year(year, units, need, self.hsk)

    def _book_result(self, result: float) -> None:
        self.general_reserve, self.balancing_reserve = book_result(
            self.general_reserve, self.balancing_reserve, result
        )
        self.liquidity_loans = max(0.0, self.liquidity_loans - result)

    def _apply_hsk_rule(self, year: int, result: float) -> None:
        """Into HSK on a § 76 (1) condition; out once balance is reached and held.

        An aid programme keeps the plan (and the HSK) until its year of balance without aid.
        """
        two_ago, last = self.reserve_history[-2], self.reserve_history[-1]
        self.hsk_reasons = hsk_triggers(two_ago, last, self.general_reserve, self.equity)
        self.reserve_history.append(self.general_reserve)
        self.balanced_years = self.balanced_years + 1 if result >= 0 else 0
        if self.hsk:
            bound = any(year < p.balance_without_aid_year for p in self.spec.aid_programmes)
            held = self.balanced_years >= self.spec.hsk.held_years
            self.hsk = bool(self.hsk_reasons) or bound or not held
        elif self.hsk_reasons:
            self.hsk = True
            self.plan.adopt(year + 1)

    def _no_measures(self) -> tuple[float, ...]:
        return tuple(0.0 for _ in self.plan.levels)

    def _working_ages(self) -> tuple[int, int]:
        return self.ages.working_age_from, self.ages.working_age_to

    def _status(self) -> dict:
        """What held during the year now being closed (its row of the annual table)."""
        return {
            "hsk": self.hsk,
            "support": self.support,
            "grant_factor": self.grant_factor,
            "grant_reason": self.grant_reason,
            "facility_cut": self.plan.facility_cut,
            "target_year": self.plan.target_year if self.hsk else 0,
            "approvable": self.plan.approvable if self.hsk else True,
            "planned_eur": self.plan.planned_eur,
        }

    def annual_columns(self) -> dict:
        """Every ``municipal_*`` column of the annual table for the year just closed."""
        return annual_columns(self)

    # --- politics ---------------------------------------------------------------------------
    def update_support(self, year: int, visits_per_resident: float) -> None:
        """Support drifts to a level raised by visible use and lowered under HSK; elections add a swing."""
        spec = self.spec
        target = spec.support_drift_to + spec.support_gain_per_visit_rate * visits_per_resident
        self.support += spec.support_drift_rate * (target - self.support)
        if self.hsk:
            self.support -= spec.support_loss_under_hsk
        years_since = year - spec.first_election_year
        if years_since >= 0 and years_since % spec.election_interval_years == 0:
            self.support += self.politics_rng.normal(0.0, spec.election_swing_sd)
        self.support = min(1.0, max(0.0, self.support))

    def decide_grant(self) -> None:
        """The council decides the facility grant and keeps its reason.

        Stopped below the support threshold, else cut as far as the consolidation plan reaches
        the facility's line.
        """
        if self.rules is None and self.start_year is not None:
            citizens = getattr(self.model, "citizens", None)
            self.start(
                self.start_year, _stats(citizens, self.ages) if citizens is not None else None
            )
        spec, cut = self.spec, self.plan.facility_cut
        if self.support < spec.support_threshold:
            self.grant_factor = 0.0
            self.grant_reason = (
                f"council: support {self.support:.2f} below {spec.support_threshold:.2f}, "
                "grant stopped"
            )
        else:
            self.grant_factor = 1.0 - cut
            self.grant_reason = self.plan.facility_reason if cut > 0 else ""


def _stats(citizens, ages) -> dict:
    """The start population's head counts (as the year-end hands them to :meth:`budget_year`)."""
    from simulator.population.stats import population_stats

    return population_stats(citizens, ages)
