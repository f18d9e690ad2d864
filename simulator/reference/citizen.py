"""One resident as one Mesa agent: the citizen rules written the slow, readable way.

Each method states one rule of ``simulator/rules/`` for a single resident, with ``if`` and
Python floats instead of arrays. The vectorised model must agree with this one statistically
(``tests/test_reference_model.py``); it is about 100 times slower (``bench/``).
"""

from __future__ import annotations

import math
from functools import cache

import mesa

from simulator.population.tables import asfr, life_table, out_migration
from simulator.rules.volunteering import FWS_AGE_GROUPS_FROM


@cache
def tables() -> tuple[list, list, list]:
    """The demographic tables as plain lists: qx[age][sex], births per woman[age], moves[age]."""
    return life_table().tolist(), asfr().tolist(), out_migration().tolist()


class Citizen(mesa.Agent):
    """A resident with the same state as one row of :class:`simulator.population.Citizens`."""

    def __init__(self, model, *, age, female, district, migrant, low_income, parent, **state):
        """Create a resident; behavioural state (aware, attachment, ...) defaults to a newcomer's."""
        super().__init__(model)
        self.age, self.female, self.district = int(age), bool(female), int(district)
        self.migrant, self.low_income, self.parent = bool(migrant), bool(low_income), bool(parent)
        self.aware = bool(state.get("aware", False))
        self.attachment = float(state.get("attachment", 0.0))
        self.volunteer = bool(state.get("volunteer", False))
        self.volunteer_hours = float(state.get("volunteer_hours", 0.0))
        self.member = bool(state.get("member", False))
        self.months_since_visit = int(state.get("months_since_visit", 999))
        self.tenant = bool(state.get("tenant", False))
        self.donation_chance = 0.0
        self.refresh_year()

    # --- once a year, after demography --------------------------------------------------------
    def refresh_year(self) -> None:
        """Recompute what changes only with age and circumstances: reach, fees, engagement."""
        p, ages = self.model.spec.citizens, self.model.spec.ages
        groups = {
            "seniors": self.age >= ages.senior_from,
            "families": self.parent or self.age < ages.youth_from,
            "migrants": self.migrant,
            "low_income": self.low_income,
            "youth": ages.youth_from <= self.age <= ages.youth_to,
        }
        self.groups = [g for g, yes in groups.items() if yes]
        need = max([p.need.other] + [getattr(p.need, g) for g in self.groups])
        distance_km = float(self.model.distance_km[self.district])
        self.reach_chance = (
            p.visit_base_per_month * need * math.exp(-distance_km / p.distance_decay_km)
        )
        fee = self.model.fee_per_visit[1 if self.low_income else 0]
        sensitivity = p.fee_elasticity * (
            p.fee_elasticity_low_income_factor if self.low_income else 1.0
        )
        self.fee_factor = min(1.0, max(0.0, 1.0 - sensitivity * fee))
        v = p.volunteering
        youngest, from_30, from_50, from_65 = FWS_AGE_GROUPS_FROM
        rates = (
            (youngest, 0.0),
            (from_30, v.rate_14_29),
            (from_50, v.rate_30_49),
            (from_65, v.rate_50_64),
        )
        self.engagement_rate = next((r for limit, r in rates if self.age < limit), v.rate_65plus)

    # --- every month ------------------------------------------------------------------------
    def learn_or_forget(self) -> None:
        """An unaware resident learns of the facility by outreach or from visitors in their district; an aware one without attachment may forget it."""
        m, p = self.model, self.model.spec.citizens
        if self.aware:
            self.aware = self.random.random() >= p.forgetting_per_month * (1.0 - self.attachment)
        else:
            learn = m.learn_base + p.word_of_mouth_per_month * m.visitor_share[self.district]
            self.aware = self.random.random() < learn

    def offer_match(self) -> float:
        """The offers draw a resident more the more hours are relevant to them: hours open to all, plus their own groups' hours, weighted."""
        match, hours = self.model.spec.citizens.offer_match, self.model.offer_hours
        relevant = hours["all"] + match.targeted_offer_weight * sum(hours[g] for g in self.groups)
        return relevant / (relevant + match.half_match_hours_per_week)

    def visit_chance(self) -> float:
        """An aware resident's chance to visit rises with the offers for them and with attachment; fees lower it."""
        if not self.aware:
            return 0.0
        boost = self.model.spec.citizens.attachment_visit_boost
        chance = self.reach_chance * self.offer_match() * (1.0 + boost * self.attachment)
        return chance * self.fee_factor

    def step(self, crowding: float) -> None:
        """This month: perhaps visit, then volunteer or quit, then decide how likely to donate."""
        self.visit(crowding)
        self.volunteer_or_quit()
        self.donation_chance = self.chance_to_donate()

    def visit(self, crowding: float) -> None:
        """Visit with one's chance (shrunk when crowded); a visit strengthens the bond, otherwise it fades."""
        p = self.model.spec.citizens
        if self.random.random() < self.visit_chance() * crowding:
            self.attachment += p.attachment_gain * (1.0 - self.attachment)
            self.months_since_visit = 0
        else:
            self.attachment *= 1.0 - p.attachment_decay_per_month
            self.months_since_visit = min(self.months_since_visit + 1, 999)

    def volunteer_or_quit(self) -> None:
        """A volunteer stops with a monthly chance, more often without coordination; an aware resident starts with their engagement rate, less often without it."""
        v, covered = self.model.spec.citizens.volunteering, self.model.coordination_coverage
        if self.volunteer:
            uncovered = (v.uncoordinated_quit_ratio - 1.0) * (1.0 - covered)
            if self.random.random() < v.quit_per_month * (1.0 + uncovered):
                self.volunteer, self.volunteer_hours = False, 0.0
            return
        recruitment = v.uncoordinated_join_share + (1.0 - v.uncoordinated_join_share) * covered
        monthly = self.engagement_rate * v.facility_share * self.model.join_multiplier * recruitment
        monthly *= (0.5 + self.attachment) / 12.0
        if self.aware and self.random.random() < min(1.0, monthly):
            self.volunteer = True
            self.volunteer_hours = self.random.choices(v.hours_per_week, v.hours_probabilities)[0]

    def chance_to_donate(self) -> float:
        """An aware adult donates in a month with the yearly donor rate times the local share, more when attached."""
        if not self.aware or self.age < self.model.spec.ages.adult_from:
            return 0.0
        g = self.model.spec.citizens.giving
        yearly = g.donor_probability_per_year * g.local_share * self.model.donation_boost
        return min(1.0, yearly * (0.5 + self.attachment)) / 12.0

    # --- every January ------------------------------------------------------------------------
    def live_a_year(self, year_index: int) -> None:
        """Perhaps die; perhaps give birth; grow a year older; perhaps move away."""
        d, flows = self.model.spec.demography, self.model.tally
        qx, fertility, _ = tables()
        q = qx[min(self.age, len(qx) - 1)][int(self.female)] * d.mortality_hazard_ratio
        q *= (1.0 + d.mortality_trend_per_year) ** year_index
        if self.age >= d.max_age or self.random.random() < q:
            flows["deaths"] += 1
            self.remove()
            return
        if self.female and self.age < len(fertility):
            tfr = max(0.0, d.tfr + d.tfr_trend_per_year * year_index)
            if self.random.random() < fertility[self.age] * tfr / sum(fertility):
                self.give_birth()
        self.age += 1
        self.maybe_move_out()

    def give_birth(self) -> None:
        """A newborn is a girl with the given share and lives in its mother's district, dwelling and circumstances."""
        self.model.tally["births"] += 1
        girl = self.random.random() < self.model.spec.demography.girl_share_at_birth
        baby = Citizen(
            self.model,
            **dict(age=0, female=girl, district=self.district, migrant=self.migrant),
            **dict(low_income=self.low_income, parent=False, tenant=self.tenant),
        )
        baby.maybe_move_out()

    def maybe_move_out(self) -> None:
        """A resident moves out within the year by the age schedule of moves, scaled."""
        moves = tables()[2]
        chance = (
            moves[min(self.age, len(moves) - 1)] * self.model.spec.demography.out_migration_scale
        )
        if self.random.random() < chance:
            self.model.tally["moved_out"] += 1
            self.remove()

    def update_circumstances(self) -> None:
        """Leave or enter minimum income at the rates of their age group; become a parent at 25 with the town's share, stop counting at 50."""
        d, town, ages = self.model.spec.demography, self.model.spec.town, self.model.spec.ages
        senior = self.age >= ages.senior_from
        if self.low_income:
            leave = d.low_income_exit_per_year_65plus if senior else d.low_income_exit_per_year
            self.low_income = self.random.random() >= leave
        else:
            enter = d.low_income_entry_per_year_65plus if senior else d.low_income_entry_per_year
            self.low_income = self.random.random() < enter
        if self.age == ages.parent_from and self.random.random() < town.parent_share_25_49:
            self.parent = True
        if self.age > ages.parent_to:
            self.parent = False
        self.refresh_year()
