"""The fiscal stress test is monotone by design (issue #11, item 8).

With the same seeds, a larger shock of one kind never gives fewer HSK years or a higher general
reserve in any year (each seed), nor a higher survival share of the facility (over the seeds);
from the second rung on, no more municipal money for it (over the seeds). Checked along the whole ladder (baseline and three sizes) of
revenue, interest and social-spending shocks, in both shipped towns, through ``simulator.run``
with ``municipality.fiscal_shocks`` — the same path the stress test takes. The municipal money
for the facility is not monotone in every single seed: docs/fiscal_model.md explains the case
with numbers (a town that consolidated earlier has its slow measures built up already).

Why it holds: the plan's measures are drawn in a fixed priority order and grow with the gap
(never less from any measure for a larger gap), the election swings come from their own random
stream (so politics do not differ between paired runs), and outside HSK the budget balances
each year just as inside, so an earlier HSK is no discipline a calmer town escapes
(docs/fiscal_model.md, "Monotone by design").
"""

from __future__ import annotations

import numpy as np
import pytest

import simulator
from tests.conftest import TOWNS, scenario_path

SEEDS = range(8)
YEARS = 20  # 2025-2044: the shocks start in 2027, the interest shock lasts to 2036
LADDERS = {
    "revenues": [("revenues", size, 5) for size in (-0.10, -0.20, -0.30)],
    "interest_rate": [("interest_rate", size, 10) for size in (0.015, 0.03, 0.045)],
    "social_spending": [("mandatory_spending", size, 100) for size in (0.05, 0.10, 0.20)],
}
EUR = 1.0  # tolerance: rounding only


def outcome(town: str, shock, seed: int) -> dict:
    """What a run says about the budget and the facility (one rung of a ladder, one seed)."""
    overrides = {}
    if shock is not None:
        target, size, years = shock
        change = {"name": "s", "target": target, "size": size, "start_year": 2027, "years": years}
        overrides["municipality.fiscal_shocks"] = [change]
    scenario = simulator.load_scenario(scenario_path(town), overrides=overrides)
    result = simulator.run(scenario, seed=seed, years=YEARS)
    annual = result.annual
    return {
        "hsk_years": int(annual.municipal_hsk.sum()),
        "reserve": annual.municipal_general_reserve_eur.to_numpy(),
        "paid": float(annual.income_municipality_eur.sum()),
        "viable": bool(result.summary["viable"]),
    }


@pytest.fixture(scope="module", params=TOWNS)
def ladders(request):
    town = request.param
    base = [outcome(town, None, seed) for seed in SEEDS]
    return {
        name: [base, *([outcome(town, shock, seed) for seed in SEEDS] for shock in rungs)]
        for name, rungs in LADDERS.items()
    }


@pytest.mark.parametrize("kind", LADDERS)
def test_a_larger_shock_never_eases_the_budget_or_the_facility(ladders, kind):
    rungs = ladders[kind]
    for smaller, larger in zip(rungs, rungs[1:], strict=False):
        for seed, (a, b) in enumerate(zip(smaller, larger, strict=True)):
            where = f"{kind}, seed {seed}"
            assert b["hsk_years"] >= a["hsk_years"], where
            assert (b["reserve"] <= a["reserve"] + EUR).all(), where
        mean = [np.mean([r["viable"] for r in rung]) for rung in (smaller, larger)]
        assert mean[1] <= mean[0], (kind, "viable")
    # The municipal money for the facility, over the seeds: every rung from the second on pays
    # no more than any smaller one. The first rung may pay a little more than the baseline
    # (Herten, interest +1.5 points: +2.6 % in the mean, measured after issue #12's money):
    # docs/fiscal_model.md, "What is still not monotone, and why".
    paid = [np.mean([r["paid"] for r in rung]) for rung in rungs]
    for j in range(2, len(rungs)):
        for i in range(j):
            assert paid[j] <= paid[i] + EUR, (kind, "paid", i, j)


def test_the_largest_shocks_do_bite(ladders):
    """Guards the guard: the ladders are not flat (a monotone test on equal runs proves nothing)."""
    for kind, rungs in ladders.items():
        base, largest = rungs[0], rungs[-1]
        lost = [b["reserve"][-1] - s["reserve"][-1] for b, s in zip(base, largest, strict=True)]
        assert np.mean(lost) > 0, kind
