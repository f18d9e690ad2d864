"""Money and decisions (issue #12): the budget rule, the rescue sequence, closure, the reserve policy.

Directional tests on paired seeds (the same seeds, one cause changed). The setting where money
decides is Wetter's Bürgertreff under its residents' association with the quarter manager kept
for good (``facility.staff_years`` 30) and no yearly grant of the town: its financing base does
not carry a full-time post, so the association runs out of money within a few years even with
rescue grants and cuts (issue #12: "keep the post and it closes").
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import simulator
from simulator import organisation
from simulator.accounting import FACILITY, Budgets, Transfer
from simulator.runner import simulate
from simulator.scenario.loader import load_raw, validate
from tests.conftest import TOWNS, scenario_path
from tests.money_checks import check_within_budgets
from tests.test_ledger_properties import mixes

SEEDS = range(1, 7)  # six paired seeds
YEARS = 12
WETTER = scenario_path("wetter_buergertreff")
KEPT_POST = {"facility.staff_years": 30}
NO_GRANT = {"financing[municipal_grant].amount_eur_per_year": 0.0}


def short_of_money(**overrides):
    """Wetter's association with the post kept: the setting in which money closes the Treff."""
    return simulator.load_scenario(
        WETTER, ["org_citizen_association"], overrides={**KEPT_POST, **NO_GRANT, **overrides}
    )


def summaries(scenario, years: int = YEARS) -> list[dict]:
    return [simulator.run(scenario, seed=s, years=years).summary for s in SEEDS]


# --- the budget rule -----------------------------------------------------------------------


def test_budgets_cut_each_payers_cash_to_what_is_left_of_its_year():
    budgets = Budgets({"provider:a": 1000.0})
    first = budgets.admit([Transfer("provider:a", FACILITY, "cost share", 700.0)])
    second = budgets.admit(
        [
            Transfer("provider:a", FACILITY, "deficit cover", 500.0),
            Transfer("provider:a", FACILITY, "rescue grant", 100.0),
            Transfer("municipality", FACILITY, "grant", 5000.0),  # no budget: unlimited
        ]
    )
    assert [t.amount_eur for t in first + second] == [700.0, 300.0, 5000.0]
    assert budgets.left("provider:a") == 0.0
    outside = [
        Transfer("provider:a", FACILITY, "set-up share", 900.0, phase="setup"),
        Transfer("provider:a", FACILITY, "rooms lent", 900.0, in_kind=True),
    ]
    assert budgets.admit(outside) == outside  # set-up and in-kind value are outside the rule
    budgets.new_year()
    assert budgets.left("provider:a") == 1000.0


@settings(
    max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    town=st.sampled_from(TOWNS),
    model=st.sampled_from(sorted(organisation.REGISTRY)),
    mix=mixes(),
    budget_scale=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**16),
)
def test_no_actor_year_pays_beyond_its_budget(town, model, mix, budget_scale, seed):
    """Over ten years, random mixes, models and smaller budgets: the ledger invariant holds."""
    raw = load_raw(scenario_path(town), overlays=[f"org_{model}"])
    raw["financing"] = mix
    for p in raw["providers"]:
        p["budget_eur_per_year"] = budget_scale * _value(p["budget_eur_per_year"])
    scenario = validate(raw, f"{town}+org_{model}+random mix")
    model_run = simulate(scenario, seed=seed, years=10)
    check_within_budgets(scenario, model_run.ledger.frame())
    rows = model_run.recorder.stakeholder_rows
    assert all(r["paid_eur"] <= r["budget_eur"] + 1e-6 for r in rows if "paid_eur" in r)


def _value(raw):
    return raw["value"] if isinstance(raw, dict) else raw


# --- closure only on a material deficit ----------------------------------------------------


def test_no_closure_for_money_on_less_than_a_month_of_cash_cost():
    """Every closure for money comes with unpaid bills of at least one month's cash cost."""
    closed = 0
    for scenario in (short_of_money(), simulator.load_scenario(WETTER, ["org_cooperative"])):
        for seed in SEEDS:
            model = simulate(scenario, seed=seed, years=YEARS)
            if model.facility.closure_step != "money":
                continue
            closed += 1
            unfunded = -model.facility.reserves
            assert unfunded >= model.facility.monthly_cash_cost > 0
    assert closed >= 3, "the setting no longer runs out of money"


def test_a_material_threshold_of_zero_closes_on_trivial_deficits_and_one_month_does_not():
    """The knife edge of issue #12 (closure on a few hundred euros) is gone with the threshold."""
    trivial = short_of_money(**{"viability.material_months_of_cost": 0.0})
    material = short_of_money()
    for a, b in zip(summaries(trivial), summaries(material), strict=True):
        assert a["years_open"] <= b["years_open"]
    assert sum(s["years_open"] for s in summaries(trivial)) < sum(
        s["years_open"] for s in summaries(material)
    )


def test_the_closure_reason_names_every_step_that_failed():
    reasons = [s["closure_reason"] for s in summaries(short_of_money()) if not s["viable"]]
    assert reasons
    for reason in reasons:
        for step in ("reserves used up", "last resort", "rescue grants", "cuts"):
            assert step in reason, reason


# --- what changes survival, and what does not ---------------------------------------------


def test_a_higher_municipal_grant_never_closes_a_run_that_survived():
    """Per paired seed, viability never falls with the grant; the years open, on average, rise.

    Single seeds may close a month or two sooner with a higher grant when the council stops it
    later: the surplus it paid was spent on restored hours and extra offers (the reserve
    policy), so the Treff enters the lean years with a higher cost base (documented in
    docs/models_and_instruments.md).
    """
    by_grant = [
        summaries(short_of_money(**{"financing[municipal_grant].amount_eur_per_year": g}))
        for g in (0.0, 20000.0, 60000.0)
    ]
    for seed_runs in zip(*by_grant, strict=True):
        viable = [s["viable"] for s in seed_runs]
        assert viable == sorted(viable), viable
    means = [sum(s["years_open"] for s in runs) / len(runs) for runs in by_grant]
    assert means == sorted(means), means
    lowest, highest = (sum(s["viable"] for s in runs) for runs in (by_grant[0], by_grant[-1]))
    assert lowest == 0 and highest >= 2, (lowest, highest)  # 2 of 6 at 60k EUR (measured)


def test_rescue_grants_and_cuts_keep_a_facility_open_longer():
    no_help = short_of_money(
        **{
            "viability.rescue.municipality_months_of_cost": 0.0,
            "viability.rescue.housing_company_share_of_budget": 0.0,
            "viability.rescue.providers_share_of_budget": 0.0,
            "viability.cuts.open_hours_floor_share": 1.0,
            "viability.cuts.staff_floor_share": 1.0,
            "viability.cuts.floor_area_floor_share": 1.0,
        }
    )
    helped, alone = summaries(short_of_money()), summaries(no_help)
    for a, b in zip(alone, helped, strict=True):
        assert a["years_open"] <= b["years_open"] and b["rescue_eur"] >= a["rescue_eur"] == 0
    assert sum(s["years_open"] for s in helped) > sum(s["years_open"] for s in alone)


def test_cuts_come_only_when_money_ran_out_and_sooner_the_shorter_the_money():
    richer = short_of_money(**{"financing[municipal_grant].amount_eur_per_year": 40000.0})
    sooner = 0
    for seed in SEEDS:
        poor = simulator.run(short_of_money(), seed=seed, years=YEARS)
        rich = simulator.run(richer, seed=seed, years=YEARS)
        first = [first_cut(run) for run in (poor, rich)]
        assert first[0] <= first[1], first
        sooner += first[0] < first[1]
        cuts = poor.decisions[poor.decisions.kind.str.startswith("cut_")]
        reserves = poor.monthly.set_index("month_index").facility_reserves_eur
        assert (reserves.loc[cuts.month_index] <= 0.005).all()  # none with money in hand
    assert sooner >= 3


def first_cut(result) -> float:
    """The month of the first cut (infinite if none)."""
    cuts = result.decisions[result.decisions.kind.str.startswith("cut_")]
    return float(cuts.month_index.min()) if len(cuts) else float("inf")


def test_rescue_and_cut_rules_do_not_move_a_facility_the_town_always_covers():
    """Unrelated inputs: under the municipal model the town pays every gap at once as operator,
    so the rules of the later steps change nothing on the same seeds."""
    base = simulator.load_scenario(WETTER, ["org_municipal"], overrides=KEPT_POST)
    other = simulator.load_scenario(
        WETTER,
        ["org_municipal"],
        overrides={
            **KEPT_POST,
            "viability.material_months_of_cost": 3.0,
            "viability.rescue.providers_share_of_budget": 0.0,
            "viability.cuts.staff_floor_share": 0.0,
        },
    )
    for seed in SEEDS[:3]:
        a, b = (
            simulator.run(base, seed=seed, years=YEARS),
            simulator.run(other, seed=seed, years=YEARS),
        )
        assert a.summary == b.summary


# --- the reserve policy --------------------------------------------------------------------


def test_deficit_financing_lowers_the_grant_and_leaves_no_hoard():
    """A grant above what the Treff needs piles up without the reserve policy; with it, it falls.

    Wetter as shipped hoarded 228-238k EUR before issue #12; since its volunteers need the
    quarter manager's coordination it no longer has surpluses, so the town's grant is raised
    to 40k EUR a year (eight times the shipped grant) to make money pile up.
    """
    rich = {"financing[municipal_grant].amount_eur_per_year": 40000.0}
    hoarding = {
        **rich,
        "financing[municipal_grant].deficit_financing": False,
        "viability.reserves.cap_months_of_cost": 60.0,
    }
    runs = {
        name: [
            simulator.run(simulator.load_scenario(WETTER, overrides=o), seed=s, years=30)
            for s in SEEDS
        ]
        for name, o in (("policy", rich), ("no_policy", hoarding))
    }
    for a, b in zip(runs["policy"], runs["no_policy"], strict=True):
        assert a.summary["max_reserves_eur"] < b.summary["max_reserves_eur"]
        assert a.summary["max_reserves_eur"] < 40000  # a few months of cost, not a hoard
        assert a.annual["grant_reduced_eur"].sum() > 0 == b.annual["grant_reduced_eur"].sum()
    assert min(r.summary["max_reserves_eur"] for r in runs["no_policy"]) > 100000


def test_stakeholders_show_what_each_actor_paid_against_its_budget():
    result = simulator.run(simulator.load_scenario(scenario_path(TOWNS[0])), seed=1, years=4)
    rows = result.stakeholders
    assert {"paid_eur", "budget_eur"} <= set(rows.columns) and len(rows)
    assert (rows.paid_eur <= rows.budget_eur + 1e-6).all()
    assert (rows.groupby("actor").budget_eur.nunique() == 1).all()
