"""Unit tests of the rules of issue 14: offers and open hours, the offer match, coordination,
the start of an existing facility, minimum-income transitions by age, tenancy; each against the
sentence its docstring states."""

import numpy as np
import pytest

from simulator.processes.opening import weighted_sample
from simulator.rules import awareness, demography, offers, volunteering
from simulator.scenario.schema.demography import DemographySpec

RNG = np.random.default_rng(0)


def test_open_hours_are_what_staff_and_volunteers_cover_up_to_the_building_hours():
    assert offers.open_hours(50, 19.5, 10) == 29.5
    assert offers.open_hours(25, 19.5, 10) == 25
    assert offers.open_hours(25, 0, 0) == 0


def test_volunteers_run_hours_in_teams():
    assert offers.volunteer_hours_as(60, 0.5, 3) == 10


def test_provider_hours_go_to_their_target_group_or_to_everyone():
    by_group, general = offers.provider_hours_by_group(
        ["seniors", "all", "migrants", "seniors"], [4, 12, 10, 2]
    )
    assert general == 12
    assert dict(zip(offers.GROUPS, by_group, strict=True)) == {
        "seniors": 6,
        "families": 0,
        "migrants": 10,
        "low_income": 0,
        "youth": 0,
    }


def test_group_codes_set_one_bit_per_target_group():
    groups = {name: np.zeros(3, bool) for name in offers.GROUPS}
    groups["seniors"][1] = True
    groups["low_income"][1:] = True
    assert offers.group_codes(groups).tolist() == [0, 1 | 8, 8]


def test_offer_match_rises_with_the_hours_for_a_group_and_halves_at_the_half_hours():
    targeted = np.array([10.0, 0, 0, 0, 0])  # ten hours for seniors
    match = offers.match_by_code(targeted, 20.0, 3.0, 50.0)
    assert match[0] == pytest.approx(20 / 70)  # nobody's group: the hours open to all
    assert match[1] == pytest.approx(50 / 100)  # seniors: 20 + 3 x 10 = 50, half the match
    assert match[2] == match[0]  # families get nothing extra from seniors' hours
    more = offers.match_by_code(2 * targeted, 20.0, 3.0, 50.0)
    assert more[1] > match[1] and more[0] == match[0]
    assert (match < 1).all() and (match >= 0).all()


def test_visit_capacity_is_offered_room_hours_times_persons_at_most_the_rooms():
    assert offers.visit_capacity(100, 400, 4) == 400
    assert offers.visit_capacity(500, 400, 4) == 1600


def test_coordination_coverage():
    assert volunteering.coordination_coverage(10, 100, 0.2) == 0.5
    assert volunteering.coordination_coverage(30, 100, 0.2) == 1.0
    assert volunteering.coordination_coverage(0, 0, 0.2) == 0.0  # no one to recruit
    assert volunteering.coordination_coverage(5, 0, 0.2) == 1.0


def test_recruitment_and_quitting_follow_coverage():
    assert volunteering.recruitment_factor(1.0, 0.2) == 1.0
    assert volunteering.recruitment_factor(0.0, 0.2) == 0.2
    assert volunteering.coordinated_quit_chance(0.02, 1.0, 3.0) == pytest.approx(0.02)
    assert volunteering.coordinated_quit_chance(0.02, 0.0, 3.0) == pytest.approx(0.06)
    assert volunteering.coordinated_quit_chance(0.5, 0.0, 3.0) == 1.0


def test_initial_awareness_reaches_the_share_and_falls_with_distance():
    nearness = np.repeat(np.exp(-np.array([0.5, 2.0, 6.0]) / 2.0), 20000)
    aware = awareness.initial_awareness(nearness, 0.3, RNG)
    assert aware.mean() == pytest.approx(0.3, abs=0.01)
    by_district = aware.reshape(3, -1).mean(axis=1)
    assert by_district[0] > by_district[1] > by_district[2]


def test_weighted_sample_draws_distinct_residents_by_weight():
    weights = np.array([0.0, 1.0, 1.0, 8.0, 0.0])
    picks = np.array([weighted_sample(weights, 1, RNG)[0] for _ in range(2000)])
    assert set(picks) <= {1, 2, 3}
    assert np.mean(picks == 3) == pytest.approx(0.8, abs=0.04)
    assert sorted(weighted_sample(weights, 10, RNG)) == [1, 2, 3]  # at most those with weight


def test_low_income_transitions_use_the_rates_of_the_age_group():
    spec = DemographySpec(
        low_income_entry_per_year=0.5,
        low_income_exit_per_year=0.0,
        low_income_entry_per_year_65plus=0.0,
        low_income_exit_per_year_65plus=1.0,
    )
    age = np.array([30] * 1000 + [70] * 1000, np.int16)
    before = np.array([False] * 1000 + [True] * 1000)
    after = demography.update_low_income(before, age, spec, 65, RNG)
    assert after[:1000].mean() == pytest.approx(0.5, abs=0.05)
    assert not after[1000:].any()


def test_newcomers_rent_by_their_districts_share_and_babies_live_with_their_mother():
    district = np.repeat([0, 1], 5000)
    tenant = demography.tenancy(district, np.array([0.0, 0.4]), RNG)
    assert not tenant[:5000].any() and tenant[5000:].mean() == pytest.approx(0.4, abs=0.03)
    babies = demography.newborns(
        district[:2], np.zeros(2, bool), np.zeros(2, bool), np.array([True, False]), 0.5, RNG
    )
    assert babies["tenant"].tolist() == [True, False]
