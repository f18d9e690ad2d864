"""CooperationModel: the municipality, providers, housing company, facility and every resident."""

from __future__ import annotations

import mesa
import numpy as np

from simulator import financing, organisation
from simulator.accounting import FACILITY, Budgets, Ledger, Transfer
from simulator.agents.facility import Facility
from simulator.agents.housing_company import HousingCompany
from simulator.agents.municipality import Municipality
from simulator.agents.provider import Provider
from simulator.population.dynamics import Flows, tenant_shares
from simulator.population.synthesis import synthesise
from simulator.processes import money, opening, use, yearly
from simulator.processes.flow import Money, Offers, Use, month_record
from simulator.records import Recorder
from simulator.rules import offers as offer_rules
from simulator.rules import visiting, volunteering
from simulator.rules.demography import tenancy
from simulator.scenario import Scenario


class CooperationModel(mesa.Model):
    """One town, one facility, one organisation model and financing mix, stepped monthly.

    Built only from a validated :class:`Scenario` and a seed; all randomness comes from
    ``self.rng``. Institutional actors are Mesa agents; residents are one vectorised population.

    The synthesis and the yearly demography draw from ``self.demography_rng``, a stream spawned
    from the same seed: two runs with the same seed share one demographic path whatever the
    organisation model, financing mix or fiscal shock (common random numbers for comparisons).
    """

    def __init__(self, scenario: Scenario, seed: int = 0, years: int | None = None):
        super().__init__(rng=seed)
        self.demography_rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
        self.spec = scenario
        self.months = 12 * (years if years is not None else scenario.time.years)
        self.month_index = 0
        self.ledger = Ledger()
        self.decisions: list = []  # every Decision of the rescue sequence and reserve policy
        self.stakeholder_utility: dict[str, float] = {}  # actor -> membership utility in January
        self.flows = Flows()  # this year's demographic flows (phase 1)
        self.months_of_year: list = []  # this year's month records, closed in December
        self.citizens, self.synthesis_fit = synthesise(
            scenario.town, scenario.ages, self.demography_rng
        )
        self.citizens.tenant = tenancy(
            self.citizens.district, tenant_shares(scenario), self.demography_rng
        )
        self.n_districts = len(scenario.town.districts)
        self.distance_km = np.array([d.distance_km for d in scenario.town.districts], np.float32)
        self.municipality = Municipality(self, scenario.municipality, ages=scenario.ages)
        self.providers = [Provider(self, spec) for spec in scenario.providers]
        company = scenario.housing_company
        self.housing_company = HousingCompany(self, company) if company is not None else None
        self.facility = Facility(self, scenario.facility, scenario.viability)
        self.budgets = Budgets(payer_budgets(scenario))
        self.organisation = organisation.build(scenario.organisation)
        self.instruments = [financing.build(spec) for spec in scenario.financing]
        self.capabilities = financing.Capabilities.of(self.instruments)
        self.fee_per_visit = self.capabilities.fee_per_visit()  # regular, low-income visitor
        self.refresh_yearly_arrays()
        self._open_facility()
        self.recorder = Recorder(self)

    def step(self) -> None:
        """One month, in the order of the process overview (DESIGN.md); each phase hands on its record."""
        if self.month == 1:
            self.flows = yearly.demography(self)  # 1
            yearly.municipal_year(self)  # 2
            self.recorder.choices(yearly.cooperation_decisions(self))  # 3
        offered = used = paid = None
        if self.facility.open:
            offered = use.offers(self)  # 4
            used = use.citizens(self, offered)  # 5
            paid = money.money(self, offered, used)  # 6
            money.viability(self)  # 7
        else:
            use.closed_month(self)  # nobody visits: months since a visit run on
        self.end_month(offered, used, paid)  # 8, and 9 in December

    def end_month(self, offered: Offers | None, used: Use | None, paid: Money | None) -> None:
        """Phase 8: record the month. Phase 9, in December: close the year and record it.

        The model closes every year itself, the last one included, so a model stepped to its
        horizon by hand (the app) has the municipal accounts of its last year.
        """
        month = month_record(self, offered, used, paid)
        self.months_of_year.append(month)
        self.recorder.month_end(month)
        if self.month == 12:
            self.recorder.year_end(yearly.close_year(self, self.months_of_year))
            self.months_of_year = []
        self.month_index += 1
        self.running = self.month_index < self.months
        if not self.running:
            release_from_mesa(self)

    def dispose(self) -> None:
        """Drop the finished model's state at once (once its results are read).

        The model, its agents, recorder and Mesa's bookkeeping refer to each other in cycles,
        which only a full garbage collection would free; in a sweep worker that runs rarely,
        so dead models pile up. Emptying the model breaks every cycle: its arrays, ledger and
        agents are freed by reference counting when the last name for it goes.
        """
        self.remove_all_agents()
        release_from_mesa(self)
        vars(self).clear()

    # --- time -------------------------------------------------------------------------------
    @property
    def year_index(self) -> int:
        """Years since the start."""
        return self.month_index // 12

    @property
    def year(self) -> int:
        """Calendar year of the current month."""
        return self.spec.time.start_year + self.year_index

    @property
    def month(self) -> int:
        """Calendar month 1..12."""
        return self.month_index % 12 + 1

    # --- actors -----------------------------------------------------------------------------
    def member_providers(self) -> list[Provider]:
        """Providers that are members of the cooperation this year."""
        return [p for p in self.providers if p.member]

    # --- set-up -----------------------------------------------------------------------------
    def _open_facility(self) -> None:
        """Opening reserves; then a new facility's first awareness and founders, or an existing one's state."""
        reserves = self.spec.facility.initial_reserves_eur
        if reserves > 0:
            self.ledger.book(0, Transfer("opening_balance", FACILITY, "opening reserves", reserves))
        elif reserves < 0:
            self.ledger.book(0, Transfer(FACILITY, "opening_balance", "opening debt", -reserves))
        if self.spec.initial_state is None:
            opening.open_new(self)
        else:
            opening.warm_start(self, self.spec.initial_state)
        visited = self.citizens.months_since_visit == 0  # last month's visitors spread the word
        counts = np.bincount(self.citizens.district[visited], minlength=self.n_districts)
        self.visitor_share_by_district = counts / np.maximum(self.district_sizes, 1)

    def refresh_yearly_arrays(self) -> None:
        """Recompute what changes only with demography: target groups, need, distance-weighted chance, engagement."""
        c, p = self.citizens, self.spec.citizens
        groups = visiting.target_groups(c.age, c.parent, c.migrant, c.low_income, self.spec.ages)
        self.group_code = offer_rules.group_codes(groups)  # which offers match each resident
        need = visiting.need(groups, p.need)
        self.static_visit_chance = visiting.reach_chance(
            need, self.distance_km[c.district], p.distance_decay_km, p.visit_base_per_month
        )
        self.engagement_rate = volunteering.engagement_rate(c.age, p.volunteering)
        self.district_sizes = np.bincount(c.district, minlength=self.n_districts)


def payer_budgets(scenario: Scenario) -> dict[str, float]:
    """Each payer's yearly budget for the facility: providers' and the housing company's."""
    limits = {f"provider:{p.id}": p.budget_eur_per_year for p in scenario.providers}
    if scenario.housing_company is not None:
        limits["housing_company"] = scenario.housing_company.neighbourhood_budget_eur_per_year
    return limits


def release_from_mesa(model: mesa.Model) -> None:
    """Drop Mesa's class-level reference to a finished model, so it is freed with its last user.

    Mesa 3.3 numbers agents per model in a dict on the Agent class (``Agent._ids``, keyed by the
    model; Mesa issue 3179), which keeps every model of a process alive. Later Mesa numbers
    agents on the model and has no such dict; then there is nothing to drop.
    """
    ids = getattr(mesa.Agent, "_ids", None)
    if isinstance(ids, dict):
        ids.pop(model, None)
