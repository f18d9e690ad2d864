"""ReferenceModel: CooperationModel with every resident a :class:`Citizen` agent.

Same scenario, same seed, same initial population, same institutional agents, money phase and
records as :class:`~simulator.model.CooperationModel`; only the residents' phases (5, citizens,
and 1, demography) run per object with ``AgentSet.shuffle_do``. After each of them the agents'
state is copied into the arrays (``self.citizens``) that the shared phases and the records read.
Membership (yearly, phase 3) is decided by the shared rule on those arrays and copied back.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np

from simulator.model import CooperationModel
from simulator.population.citizens import Citizens
from simulator.population.dynamics import (
    Flows,
    district_shares,
    in_movers,
    in_movers_expected,
    refugee_arrivals,
    refugees,
)
from simulator.processes import money, use, yearly
from simulator.processes.flow import Offers, Use
from simulator.reference.citizen import Citizen
from simulator.rules.visiting import crowding_factor

FIELDS = [f.name for f in fields(Citizens)]
DTYPES = {name: getattr(Citizens.empty(0), name).dtype for name in FIELDS}
MONTHLY = ("aware", "attachment", "volunteer", "volunteer_hours", "months_since_visit")


class ReferenceModel(CooperationModel):
    """The model with one Mesa agent per resident (slow on purpose: for checks and teaching)."""

    def __init__(self, scenario, seed: int = 0, years: int | None = None):
        """Build the vectorised model's start state, then turn every resident into an agent."""
        super().__init__(scenario, seed=seed, years=years)
        self.visitor_share = [0.0] * self.n_districts
        self.add_residents(self.citizens)
        self.gather_all()

    def step(self) -> None:
        """One month, in the order of the process overview (DESIGN.md), residents as objects."""
        if self.month == 1:
            self.flows = self.demography()  # 1, per resident
            yearly.municipal_year(self)  # 2
            self.recorder.choices(yearly.cooperation_decisions(self))  # 3 (membership on arrays)
            self.scatter("member")
        offered = used = paid = None
        if self.facility.open:
            offered = use.offers(self)  # 4
            used = self.citizens_month(offered)  # 5, per resident
            paid = money.money(self, offered, used)  # 6
            money.viability(self)  # 7
        else:
            use.closed_month(self)  # nobody visits: months since a visit run on
            self.scatter("months_since_visit")
        self.end_month(offered, used, paid)  # 8, and 9 in December

    @property
    def residents(self):
        """All resident agents (a Mesa AgentSet)."""
        return self.agents_by_type[Citizen]

    # --- phase 5 ------------------------------------------------------------------------------
    def citizens_month(self, offered: Offers) -> Use:
        """Awareness for all first; then crowding from everyone's chance; then each acts."""
        p, platform = self.spec.citizens, self.spec.facility.platform
        self.learn_base = p.awareness_base_per_month + (
            platform.awareness_gain_per_month if platform.enabled else 0.0
        )
        multiplier = self.organisation.engagement_multiplier
        self.donation_boost = multiplier
        self.join_multiplier = multiplier * (
            1.0 + (platform.matching_gain_share if platform.enabled else 0.0)
        )
        self.offer_hours = offered.offer_hours_per_week
        self.coordination_coverage = offered.coordination_coverage
        self.residents.shuffle_do("learn_or_forget")
        expected = sum(a.visit_chance() for a in self.residents) * p.visits_per_visitor_month
        self.residents.shuffle_do("step", crowding_factor(expected, offered.visit_capacity))
        self.gather(MONTHLY)  # the rest changes only in January
        return self.tally_month(offered, sum(a.donation_chance for a in self.residents))

    def tally_month(self, offered: Offers, donation_chances: float) -> Use:
        """The month's counts for money, records and next month's word of mouth."""
        c, p = self.citizens, self.spec.citizens
        visited = c.months_since_visit == 0
        counts = np.bincount(c.district[visited], minlength=self.n_districts)
        self.visitor_share = (counts / np.maximum(self.district_sizes, 1)).tolist()
        visits = float(np.count_nonzero(visited)) * p.visits_per_visitor_month
        low_income = float(np.count_nonzero(visited & c.low_income))
        visit_hours = visits / self.spec.facility.persons_per_room_hour
        return Use(
            visits=visits,
            visits_low_income=low_income * p.visits_per_visitor_month,
            expected_donations=donation_chances * p.giving.donations_per_donor_year,
            engaged=np.count_nonzero(c.member | c.volunteer | (c.attachment > 0.5)),
            booked_room_hours=min(
                offered.capacity_room_hours, max(offered.booked_room_hours, visit_hours)
            ),
        )

    # --- phase 1 ------------------------------------------------------------------------------
    def demography(self) -> Flows:
        """Each resident lives a year; then movers and refugees arrive; then circumstances change."""
        if self.month_index == 0:
            return Flows()
        spec, start = self.spec.demography, len(self.residents)
        self.tally = {"births": 0, "deaths": 0, "moved_out": 0, "moved_in": 0}
        self.residents.shuffle_do("live_a_year", self.year - self.spec.time.start_year)
        self.gather_all()
        shares = district_shares(self.spec)
        n_in = int(self.demography_rng.poisson(in_movers_expected(spec, start)))
        arrivals = [in_movers(n_in, self.citizens, shares, self.spec, self.demography_rng)]
        for shock, n in refugee_arrivals(spec, self.year, start):
            arrivals.append(refugees(n, shock, shares, self.spec, self.demography_rng))
        for group in arrivals:
            self.tally["moved_in"] += len(group)
            self.add_residents(group)
        self.residents.shuffle_do("update_circumstances")
        self.gather_all()
        self.district_sizes = np.bincount(self.citizens.district, minlength=self.n_districts)
        return Flows(**self.tally)

    # --- between objects and arrays -------------------------------------------------------------
    def add_residents(self, rows: Citizens) -> None:
        """One Citizen agent per row."""
        columns = [getattr(rows, name).tolist() for name in FIELDS]
        for values in zip(*columns, strict=True):
            Citizen(self, **dict(zip(FIELDS, values, strict=True)))

    def gather_all(self) -> None:
        """Copy every resident's whole state into ``self.citizens`` (one array per field)."""
        self._order = list(self.residents)
        self.citizens = Citizens.empty(len(self._order))
        self.gather(FIELDS)

    def gather(self, names) -> None:
        """Copy these fields of every resident into ``self.citizens`` (same order as before)."""
        for name in names:
            values = (getattr(a, name) for a in self._order)
            setattr(self.citizens, name, np.fromiter(values, DTYPES[name], count=len(self._order)))

    def scatter(self, name: str) -> None:
        """Copy one array of ``self.citizens`` back into the agents (same order as the gather)."""
        for agent, value in zip(self._order, getattr(self.citizens, name).tolist(), strict=True):
            setattr(agent, name, value)


def simulate_reference(scenario, seed: int = 0, years: int | None = None) -> ReferenceModel:
    """Build the reference model and step it to the horizon (as ``runner.simulate`` does)."""
    model = ReferenceModel(scenario, seed=seed, years=years)
    while model.running:
        model.step()
    return model
