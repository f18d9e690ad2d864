"""Use comes from offers, staff and volunteers; actors respond to it (issue 14, directional tests).

Each test changes one cause and runs the same seeds with and without it (paired seeds, common
random numbers), then asserts the direction and a minimum size of the change in means. The
towns run as municipal centres (``org_municipal``): the town covers every gap, so the facility
stays open and the money cannot close it; what is compared is how it is used.
"""

from __future__ import annotations

import numpy as np
import pytest

import simulator
from tests.conftest import TOWNS, scenario_path

SEEDS = range(1, 7)
YEARS = 8


def scenario(town: str, overrides=None):
    return simulator.load_scenario(scenario_path(town), ["org_municipal"], overrides or {})


def outcomes(sc, years: int = YEARS) -> dict[str, np.ndarray]:
    """Per seed: visits, mean volunteers, the housing company's mean yearly return."""
    rows = []
    for seed in SEEDS:
        result = simulator.run(sc, seed=seed, years=years)
        annual = result.annual
        rows.append(
            (annual.visits.sum(), annual.volunteers.mean(), annual.housing_social_return_eur.mean())
        )
    visits, volunteers, social_return = np.array(rows).T
    return {"visits": visits, "volunteers": volunteers, "social_return": social_return}


def no_provider_offers(town: str) -> dict:
    return {
        f"providers[{p.id}].offer_hours_per_week": 0
        for p in simulator.load_scenario(scenario_path(town)).providers
    }


@pytest.fixture(scope="module", params=TOWNS)
def base(request):
    return request.param, outcomes(scenario(request.param))


def test_without_provider_offers_visits_fall_by_a_fifth(base):
    """DESIGN.md offer match: a target group's visit chance rises with the hours offered for it."""
    town, with_offers = base
    without = outcomes(scenario(town, no_provider_offers(town)))
    ratio = without["visits"].mean() / with_offers["visits"].mean()
    assert ratio <= 0.8, f"{town}: visits without provider offers are {ratio:.0%} of the base"


def test_without_staff_visits_or_volunteers_fall_by_a_tenth(base):
    """Staff keep the house open and coordinate volunteers (DF §5: 'unmöglich ehrenamtlich getragen')."""
    town, staffed = base
    unstaffed = outcomes(scenario(town, {"facility.staff_fte": 0}))
    visits = unstaffed["visits"].mean() / staffed["visits"].mean()
    volunteers = unstaffed["volunteers"].mean() / staffed["volunteers"].mean()
    assert min(visits, volunteers) <= 0.9, (town, visits, volunteers)
    assert visits < 1 and volunteers < 1, (town, visits, volunteers)


def test_the_housing_companys_return_varies_with_use(base):
    """DF §7: fewer tenant changes and vacancies among the tenants the facility reaches."""
    town, normal = base
    busier = outcomes(scenario(town, {"citizens.visit_base_per_month": 0.5}))
    quieter = outcomes(scenario(town, no_provider_offers(town)))
    assert (busier["visits"] > normal["visits"]).all()
    assert busier["social_return"].mean() > normal["social_return"].mean()
    assert quieter["social_return"].mean() < normal["social_return"].mean()


def test_the_housing_companys_return_moves_from_year_to_year():
    """Not a constant (it was 45,600 EUR every year in Herten): it follows its tenants reached,
    up to the full sourced effect (at ``full_effect_household_reach`` of its households), which
    Herten's centre reaches after a few years since its calibration (issue #13)."""
    result = simulator.run(scenario("herten_integration_centre"), seed=1, years=YEARS)
    booked = result.annual.housing_social_return_eur
    rising = booked[booked < booked.max()]
    assert len(rising) >= len(booked) // 2 and rising.is_monotonic_increasing
    assert rising.nunique() == len(rising) and booked.iloc[-1] > booked.iloc[0]


@pytest.mark.parametrize(
    "unrelated",
    [{"citizens.giving.donation_eur": 70}, {"financing[room_rental].eur_per_room_hour": 30}],
    ids=["donation_size", "rental_price"],
)
def test_unrelated_inputs_do_not_move_use_or_the_return(base, unrelated):
    """Money that changes no one's decision (what a donation or a rented hour brings in) leaves
    visits, volunteers and the housing company's return exactly as they were."""
    town, reference = base
    changed = outcomes(scenario(town, unrelated))
    for name, values in reference.items():
        np.testing.assert_allclose(changed[name], values, rtol=1e-12, err_msg=name)


def test_without_any_coordination_the_volunteer_pool_decays():
    """Recruitment and retention depend on coordination: without staff, an agency or volunteers'
    own board work, an existing house's volunteers dwindle (MF §6: Dortmund-Hardenberg closed
    when nobody would sit on the board)."""
    path = scenario_path("herten_buergerhaus_2024")
    none = {
        "facility.staff_fte": 0,
        "facility.staffing.volunteer_agency_hours_per_week": 0,
        "citizens.volunteering.self_coordination_share_of_hours": 0,
    }
    kept, lost = [], []
    for seed in SEEDS:
        for overrides, into in (({}, kept), (none, lost)):
            sc = simulator.load_scenario(path, [], overrides)
            into.append(simulator.run(sc, seed=seed, years=YEARS).annual.volunteers.iloc[-1])
    start = simulator.load_scenario(path).initial_state.volunteers
    assert np.mean(lost) < 0.5 * start < np.mean(kept), (np.mean(lost), start, np.mean(kept))
