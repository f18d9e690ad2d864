"""Unit tests of the citizen rules: each rule alone, on small arrays, against its stated sentence."""

import numpy as np
import pytest

from simulator.population.tables import asfr, life_table, out_migration
from simulator.rules import awareness, demography, giving, visiting, volunteering
from simulator.scenario.schema.ages import AgesSpec
from simulator.scenario.schema.citizens import NeedSpec, VolunteeringSpec
from simulator.scenario.schema.demography import DemographySpec

RNG = np.random.default_rng(0)


def test_death_probability_is_life_table_times_hazard_ratio_with_trend():
    spec = DemographySpec(mortality_hazard_ratio=1.1, mortality_trend_per_year=-0.01)
    age = np.array([0, 50, 80, 104, 105], dtype=np.int16)
    female = np.array([False, True, False, True, False])
    q0 = demography.death_probability(age, female, 0, spec, life_table())
    qx = life_table()
    assert q0[0] == pytest.approx(qx[0, 0] * 1.1)
    assert q0[1] == pytest.approx(qx[50, 1] * 1.1)
    assert q0[4] == 1.0  # certain death at the maximum age
    q10 = demography.death_probability(age, female, 10, spec, life_table())
    assert q10[2] == pytest.approx(q0[2] * 0.99**10)


def test_birth_probability_sums_to_tfr_and_only_for_women_15_49():
    spec = DemographySpec(tfr=1.5)
    ages = np.arange(0, 60, dtype=np.int16)
    women = demography.birth_probability(ages, np.ones(60, bool), 0, spec, asfr())
    men = demography.birth_probability(ages, np.zeros(60, bool), 0, spec, asfr())
    assert women.sum() == pytest.approx(1.5)
    assert men.sum() == 0.0
    assert women[:15].sum() == 0.0 and women[50:].sum() == 0.0
    assert asfr().sum() == pytest.approx(1.385, abs=0.01)  # DI §5a TFR 2023


def test_move_out_follows_the_age_schedule_scaled():
    spec = DemographySpec(out_migration_scale=2.0)
    p = demography.move_out_probability(np.array([20, 70], dtype=np.int16), spec, out_migration())
    assert p == pytest.approx([2 * 0.09, 2 * 0.012])  # DI §6c: 18-24 9 %, 65-74 1.2 %
    assert out_migration()[120] == pytest.approx(0.02)


def test_awareness_learning_and_forgetting():
    aware = np.array([False, False, True, True])
    attachment = np.array([0.0, 0.0, 1.0, 0.0], dtype=np.float32)
    district = np.array([0, 1, 0, 0])
    share = np.array([0.0, 1.0])
    out = awareness.update_awareness(aware, attachment, district, share, 0.0, 1.0, 1.0, RNG)
    # district 1 is full of visitors: certain to learn; district 0 has none: never learns;
    # full attachment: never forgets; no attachment with forgetting 1: always forgets
    assert out.tolist() == [False, True, True, False]


def test_need_is_the_highest_group_need():
    groups = visiting.target_groups(
        age=np.array([70, 30, 30, 12], dtype=np.int16),
        parent=np.array([False, True, False, False]),
        migrant=np.array([True, False, False, False]),
        low_income=np.array([False, False, False, False]),
        ages=AgesSpec(),
    )
    spec = NeedSpec(seniors=1.0, migrants=1.5, families=0.8, youth=0.6, other=0.3)
    assert visiting.need(groups, spec).tolist() == pytest.approx([1.5, 0.8, 0.3, 0.6])


def test_visit_chance_falls_with_distance_and_fees_hit_low_income_harder():
    chance = visiting.reach_chance(np.ones(3), np.array([0.0, 2.0, 4.0]), 2.0, 0.2)
    assert chance[0] > chance[1] > chance[2]
    assert chance[1] == pytest.approx(0.2 * np.exp(-1))
    factor = visiting.fee_factor(np.array([False, True]), 2.0, 0.05, 3.0)
    assert factor.tolist() == pytest.approx([0.9, 0.7])


def test_crowding_never_lets_expected_visits_exceed_capacity():
    assert visiting.crowding_factor(100.0, 200.0) == 1.0
    assert visiting.crowding_factor(400.0, 200.0) == pytest.approx(0.5)
    assert visiting.crowding_factor(0.0, 0.0) == 1.0


def test_attachment_grows_with_visits_and_fades_without():
    att = np.array([0.0, 0.5], dtype=np.float32)
    out = visiting.update_attachment(att, np.array([True, False]), 0.2, 0.1)
    assert out.tolist() == pytest.approx([0.2, 0.45])


def test_engagement_rate_by_fws_age_group():
    spec = VolunteeringSpec()
    rates = volunteering.engagement_rate(np.array([10, 20, 40, 60, 80], dtype=np.int16), spec)
    assert rates.tolist() == pytest.approx([0.0, 0.40, 0.42, 0.406, 0.312])


def test_volunteers_quit_and_join_with_fws_hours():
    spec = VolunteeringSpec()
    volunteer = np.array([True, True, False, False])
    hours = np.array([4.0, 8.0, 0.0, 0.0], dtype=np.float32)
    join = np.array([0.0, 0.0, 1.0, 0.0])
    new_v, new_h = volunteering.update_volunteers(volunteer, hours, join, 1.0, spec, RNG)
    assert new_v.tolist() == [False, False, True, False]
    assert new_h[2] in spec.hours_per_week and new_h[[0, 1, 3]].tolist() == [0, 0, 0]


def test_donations_only_from_aware_adults():
    chance = giving.donation_chance(
        np.array([10, 30, 30], dtype=np.int16),
        np.array([True, True, False]),
        np.zeros(3, np.float32),
        0.25,
        0.08,
        1.0,
        18,
    )
    assert chance[0] == 0.0 and chance[2] == 0.0
    assert chance[1] == pytest.approx(0.25 * 0.08 * 0.5 / 12)


def test_only_recent_adult_visitors_join_the_association():
    member = np.zeros(3, bool)
    out = giving.update_members(
        member,
        np.array([30, 30, 12], dtype=np.int16),
        np.array([True, False, True]),
        np.ones(3, np.float32),
        1.0,
        0.0,
        18,
        RNG,
    )
    assert out.tolist() == [True, False, False]
