"""The municipality: budget year, budget-consolidation status and political support."""

from __future__ import annotations

import mesa

from simulator.agents.budget import book_result, hsk_triggers, shock_add, shock_factor


class Municipality(mesa.Agent):
    """Closes its accounts at each year-end, applies the HSK rule and decides the facility grant.

    The budget is NKF-like but lean: revenues (taxes tied to residents of working age, state
    transfers per resident), mandatory spending tied to demography (80+, children, minimum
    income) and fixed spending per resident, voluntary spending as a share of revenue, interest
    on liquidity loans. Deficits use up the balancing reserve first, then the general reserve;
    surpluses close an uncovered deficit first, then fill the balancing reserve up to a third of
    equity (``budget.book_result``); cash deficits are financed with liquidity loans.
    """

    def __init__(self, model, spec):
        super().__init__(model)
        self.spec = spec
        self.general_reserve = spec.general_reserve_eur
        self.balancing_reserve = spec.balancing_reserve_eur
        self.liquidity_loans = spec.liquidity_loans_eur
        self.reserve_history = [spec.general_reserve_eur, spec.general_reserve_eur]
        self.growth_index = 1.0
        self.consolidation_share = 0.0  # of revenue, built up year by year under HSK
        self.hsk = False
        self.hsk_reasons: list[str] = []
        self.support = spec.political_support_initial
        self.grant_factor = 1.0
        self.last_year: dict[str, float] = {}
        self.year_status: dict = {}  # HSK, support and grant factor that governed the closed year

    @property
    def equity(self) -> float:
        """Equity (simplified): general plus balancing reserve."""
        return self.general_reserve + self.balancing_reserve

    def budget_year(self, year: int, stats: dict, facility_grants_eur: float) -> dict:
        """Book one budget year from population ``stats``; return its accounts."""
        spec, shocks = self.spec, self.spec.fiscal_shocks
        self.year_status = {"hsk": self.hsk, "support": self.support, "grant": self.grant_factor}
        self.growth_index *= 1.0 + spec.revenue_growth_per_year + shock_add(shocks, "growth", year)
        revenue = (
            spec.revenue_eur_per_working_age_year * stats["working_age"] * self.growth_index
            + spec.transfers_eur_per_capita_year * stats["population"]
        ) * shock_factor(shocks, "revenues", year)
        if self.hsk:
            self.consolidation_share += spec.hsk_consolidation_per_year
        consolidation = self.consolidation_share * revenue
        mandatory = (
            spec.mandatory_eur_per_80plus_year * stats["aged_80plus"]
            + spec.mandatory_eur_per_child_year * stats["children"]
            + spec.mandatory_eur_per_low_income_year * stats["low_income"]
        ) * shock_factor(shocks, "mandatory_spending", year)
        fixed = spec.fixed_spending_eur_per_capita_year * stats["population"]
        voluntary = spec.voluntary_share_of_revenue * revenue * (1.0 - self._cut())
        voluntary = max(voluntary, facility_grants_eur)  # the facility grant is part of it
        rate = max(0.0, spec.interest_rate_liquidity + shock_add(shocks, "interest_rate", year))
        if spec.debt_relief_year == year:
            self.liquidity_loans = max(0.0, self.liquidity_loans - spec.debt_relief_eur)
        interest = rate * self.liquidity_loans
        result = revenue + consolidation - mandatory - fixed - voluntary - interest
        expenditure = mandatory + fixed + voluntary + interest
        self._book_result(result)
        self._apply_hsk_rule(result)
        self.last_year = dict(
            revenue=revenue,
            mandatory=mandatory,
            fixed=fixed,
            voluntary=voluntary,
            interest=interest,
            expenditure=expenditure,
            result=result,
            consolidation=consolidation,
            facility_grants=facility_grants_eur,
        )
        return self.last_year

    def annual_columns(self) -> dict[str, float | int | str | bool]:
        """The municipality's columns of the annual table, after it closed the year's budget."""
        acc, status = self.last_year, self.year_status
        voluntary = acc.get("voluntary", 0.0)
        return {
            "municipal_hsk": status.get("hsk", self.hsk),
            "municipal_support": status.get("support", self.support),
            "municipal_grant_factor": status.get("grant", self.grant_factor),
            "municipal_general_reserve_eur": self.general_reserve,
            "municipal_equity_eur": self.equity,
            "municipal_liquidity_loans_eur": self.liquidity_loans,
            "municipal_result_eur": acc.get("result", 0.0),
            "municipal_revenue_eur": acc.get("revenue", 0.0),
            "municipal_voluntary_eur": voluntary,
            "municipal_mandatory_eur": acc.get("mandatory", 0.0),
            "municipal_interest_eur": acc.get("interest", 0.0),
            "municipal_expenditure_eur": acc.get("expenditure", 0.0),
            "facility_grant_share_of_voluntary": acc.get("facility_grants", 0.0) / voluntary
            if voluntary > 0
            else 0.0,
            "municipal_hsk_reasons": ",".join(self.hsk_reasons),
        }

    def _book_result(self, result: float) -> None:
        self.general_reserve, self.balancing_reserve = book_result(
            self.general_reserve, self.balancing_reserve, result
        )
        self.liquidity_loans = max(0.0, self.liquidity_loans - result)

    def _apply_hsk_rule(self, result: float) -> None:
        """HSK if a § 76 condition holds; once in HSK, it lasts until a balanced year."""
        two_ago, last = self.reserve_history[-2], self.reserve_history[-1]
        self.hsk_reasons = hsk_triggers(two_ago, last, self.general_reserve, self.equity)
        self.hsk = bool(self.hsk_reasons) or (self.hsk and result < 0)
        self.reserve_history.append(self.general_reserve)

    def _cut(self) -> float:
        return self.spec.hsk_voluntary_cut_share if self.hsk else 0.0

    def update_support(self, year: int, visits_per_resident: float) -> None:
        """Support drifts to a level raised by visible use and lowered under HSK; elections add a swing."""
        spec = self.spec
        target = spec.support_drift_to + spec.support_gain_per_visit_rate * visits_per_resident
        self.support += spec.support_drift_rate * (target - self.support)
        if self.hsk:
            self.support -= spec.support_loss_under_hsk
        years_since = year - spec.first_election_year
        if years_since >= 0 and years_since % spec.election_interval_years == 0:
            self.support += self.model.rng.normal(0.0, spec.election_swing_sd)
        self.support = min(1.0, max(0.0, self.support))

    def decide_grant(self) -> None:
        """The facility grant: stopped below the support threshold, cut under HSK."""
        self.grant_factor = 0.0 if self.support < self.spec.support_threshold else 1.0 - self._cut()
