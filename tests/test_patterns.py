"""The patterns of docs/ODD.md "Purpose and patterns", each as a directional test.

Directions only, never exact numbers: averages over several seeds, short horizons where the
pattern shows early. Two kinds, marked and labelled in the ODD's table:

- ``consistency`` — the pattern holds by construction (a rule or an input says so) or because a
  parameter was calibrated to it. A failure means the code does not do what it says; a pass
  validates nothing.
- ``model_test`` — the pattern comes from a source and the model was neither built nor fitted to
  reproduce it: it emerges from several mechanisms together. A pass is (weak) evidence for the
  model.

The last test checks that every test the ODD names exists and carries the kind the ODD gives.
"""

import importlib
import re

import numpy as np
import pytest

import simulator
from simulator.model import CooperationModel
from simulator.scenario.loader import load_raw, validate
from tests.conftest import ROOT, TOWNS, scenario_path

SEEDS = range(3)


def load(town: str, overlays=(), overrides=None):
    return simulator.load_scenario(
        scenario_path(town), overlays=list(overlays), overrides=overrides
    )


def runs(scenario, years: int, seeds=SEEDS):
    return [simulator.run(scenario, seed=seed, years=years) for seed in seeds]


def mean(results, outcome: str) -> float:
    return float(np.mean([r.summary[outcome] for r in results]))


@pytest.mark.consistency
@pytest.mark.parametrize("town", TOWNS)
def test_share_65plus_rises_in_both_towns(town):
    results = runs(load(town), years=10)
    assert mean(results, "share_65plus_end") > mean(results, "share_65plus_start")


@pytest.mark.consistency
@pytest.mark.parametrize("town", TOWNS)
def test_funding_cliff_deepens_the_deficit(town):
    # The gap the cliff leaves is bridged by rescue grants (and, where they do not suffice, by
    # the reserves): Herten's network never lets its reserves fall below zero, so the rescue
    # money shows it. Wetter's Treff closes in some seeds without the cliff too: eight seeds over
    # twelve years show the direction.
    seeds = range(8)
    base, cliff = runs(load(town), 12, seeds), runs(load(town, ["funding_cliff"]), 12, seeds)
    assert mean(cliff, "rescue_eur") > mean(base, "rescue_eur")
    assert mean(cliff, "min_reserves_eur") <= mean(base, "min_reserves_eur") + 1.0  # EUR rounding
    assert mean(cliff, "years_open") <= mean(base, "years_open")


# a calm town: outside HSK, 30 M EUR reserves, other services (line 5) cut to a small surplus
CALM_SERVICES = {"herten_integration_centre": 760.0, "wetter_buergertreff": 900.0}


def calm(town: str) -> dict:
    return {
        "municipality.initial.hsk": False,
        "municipality.initial.general_reserve_eur": 30e6,
        "municipality.own_spending[other_services].eur_per_person_year": CALM_SERVICES[town],
    }


@pytest.mark.consistency
@pytest.mark.parametrize("town", TOWNS)
def test_fiscal_stress_brings_hsk_and_cuts_the_grant(town):
    """Fiscal stress brings HSK to a calm town. In the shipped towns (in HSK from the start) it
    lowers the reserves and never shortens the HSK, eases the plan's cut of the facility grant
    or raises the town's payments to the facility; tests/test_stylised_facts.py shows the plan
    cutting the grant once its measures reach the facility's line."""
    quiet = calm(town)
    base, stress = (
        runs(load(town, overrides=quiet), 10),
        runs(load(town, ["fiscal_stress"], quiet), 10),
    )
    assert mean(base, "municipal_hsk_years") == 0 < mean(stress, "municipal_hsk_years")
    base, stress = runs(load(town), 10), runs(load(town, ["fiscal_stress"]), 10)
    assert mean(stress, "municipal_hsk_years") >= mean(base, "municipal_hsk_years")
    reserves = [
        [r.annual.municipal_general_reserve_eur.iloc[-1] for r in rs] for rs in (base, stress)
    ]
    assert np.mean(reserves[1]) < np.mean(reserves[0])
    cut = [[r.annual.municipal_facility_grant_cut_share.sum() for r in rs] for rs in (base, stress)]
    assert np.mean(cut[1]) >= np.mean(cut[0])
    paid = [[r.annual.income_municipality_eur.sum() for r in rs] for rs in (base, stress)]
    assert np.mean(paid[1]) <= np.mean(paid[0])


def with_fees(town: str, fee_eur: float):
    raw = load_raw(scenario_path(town))
    raw["financing"].append(
        {"instrument": "user_fees", "fee_eur_per_visit": fee_eur, "paying_share_of_visits": 1.0}
    )
    return validate(raw, f"{town} with a fee of {fee_eur} EUR")


@pytest.mark.consistency
@pytest.mark.parametrize("town", TOWNS)
def test_fees_hit_low_income_visits_most(town):
    def reach(fee_eur):
        annual = [r.annual for r in runs(with_fees(town, fee_eur), years=3)]
        return (
            np.mean([a.reach_low_income.mean() for a in annual]),
            np.mean([a.reach_share.mean() for a in annual]),
        )

    (low_free, all_free), (low_fee, all_fee) = reach(0.0), reach(5.0)
    assert low_fee / low_free < all_fee / all_free < 1.0


def yearly_payments_by_member(result) -> dict[str, float]:
    ledger = result.ledger
    paid = ledger[(ledger.payee == "facility") & ledger.payer.str.startswith("provider:")]
    years = max(1, result.annual.shape[0])
    return (paid.groupby("payer").amount_eur.sum() / years).to_dict()


@pytest.mark.consistency
def test_providers_pay_less_than_rooms_of_their_own():
    scenario = load("herten_integration_centre")
    rent_alone = {
        f"provider:{p.id}": 12 * p.rent_elsewhere_eur_per_month for p in scenario.providers
    }
    ratios = [
        paid / rent_alone[payer]
        for result in runs(scenario, years=5)
        for payer, paid in yearly_payments_by_member(result).items()
    ]
    assert ratios and np.mean(ratios) < 1.0


@pytest.mark.consistency
def test_sharing_among_more_members_lowers_each_share():
    path = scenario_path("herten_integration_centre")
    few = {"providers.caritas.member_at_start": False, "providers.vhs.member_at_start": False}
    scenarios = {
        "all": simulator.load_scenario(path),
        "few": simulator.load_scenario(path, overrides=few),
    }
    paid_by_awo = {
        k: np.mean([yearly_payments_by_member(r)["provider:awo"] for r in runs(s, years=1)])
        for k, s in scenarios.items()
    }
    assert paid_by_awo["all"] < paid_by_awo["few"]


@pytest.mark.consistency
@pytest.mark.parametrize("town", TOWNS)
def test_awareness_falls_with_distance_from_the_facility(town):
    scenario = simulator.load_scenario(scenario_path(town))
    correlations = []
    for seed in SEEDS:
        model = CooperationModel(scenario, seed=seed, years=2)
        for _ in range(24):
            model.step()
        c = model.citizens
        aware = np.bincount(c.district, weights=c.aware, minlength=model.n_districts)
        share = aware / np.maximum(np.bincount(c.district, minlength=model.n_districts), 1)
        correlations.append(np.corrcoef(model.distance_km, share)[0, 1])
    assert np.mean(correlations) < -0.5


@pytest.mark.model_test
@pytest.mark.parametrize("town", ["herten_integration_centre", "herten_buergerhaus_2024"])
def test_utilisation_lies_in_the_audited_range(town):
    """DF §5 Hessen audit of 54 community houses: use between 1 and 54 % of the target hours.
    Utilisation emerges from provider offers, volunteer-led groups, open hours, regular groups
    and visits; no parameter is fitted to it."""
    results = runs(load(town), years=10)
    assert 0.01 <= mean(results, "utilisation_mean") <= 0.54


@pytest.mark.model_test
@pytest.mark.xfail(
    strict=True,
    reason="known miss since Wetter's volunteer share was calibrated to 14-40 volunteers in "
    "2028-32 (DF §6 repair cafés, DF §5 Treff Waschhaus): use falls to 0.86 of the last staffed "
    "year on average, rises in 2 of 6 seeds; the two sourced patterns pull against each other "
    "(docs/calibration.md, 'Wetter')",
)
def test_use_falls_when_a_fixed_term_post_ends_and_volunteers_do_not_make_it_up():
    """DF §5: after funding ends quarter meeting places are "unmöglich ehrenamtlich getragen"
    (Weil a.Rh.), Berlin gives quarters two years of Verstetigung. Wetter's quarter manager is
    funded for three years; the town covers every gap (org_municipal), so only use is compared.
    Whether volunteers take over follows from the pool the staffed years built, its coordination
    and word of mouth together; no parameter is fitted to it."""
    scenario = load("wetter_buergertreff", ["org_municipal"])
    last_staffed = scenario.time.start_year + scenario.facility.staff_years - 1
    falls = []
    for seed in range(1, 7):
        annual = simulator.run(scenario, seed=seed, years=7).annual.set_index("year")
        after = annual.visits.loc[last_staffed + 1 : last_staffed + 3].mean()
        falls.append(after / annual.visits.loc[last_staffed])
    assert np.mean(falls) < 0.8, falls


PATTERN_ROW = re.compile(
    r"^\|(?P<pattern>[^|]+)\|[^|]+\|\s*(?P<kind>[^|]+?)\s*\|(?P<test>[^|]+)\|$"
)
KINDS = {"consistency check": "consistency", "tests the model": "model_test"}


def test_every_pattern_in_the_odd_has_a_test():
    odd = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    section = odd.split("### 1.2", 1)[1].split("\n## ", 1)[0]
    rows = [m for line in section.splitlines() if (m := PATTERN_ROW.match(line))]
    named = [
        (kind, test)
        for m in rows
        for kind in [m["kind"]]
        for test in re.findall(r"`(tests/[\w/]+\.py::\w+)`", m["test"])
    ]
    assert len(named) >= 9, "the patterns table names its tests as `tests/file.py::test_name`"
    assert {kind for kind, _ in named} == set(KINDS), "both kinds of pattern are in the table"
    for kind, test in named:
        file, name = test.split("::")
        module = importlib.import_module(file.removesuffix(".py").replace("/", "."))
        function = getattr(module, name, None)
        assert function is not None, f"docs/ODD.md names {test}, which does not exist"
        marks = {mark.name for mark in getattr(function, "pytestmark", [])}
        assert KINDS[kind] in marks, f"{test} is a {kind!r} in docs/ODD.md but not marked so"
