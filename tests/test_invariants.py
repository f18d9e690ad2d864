"""Invariants of every run, over random valid scenarios (hypothesis, strategies.valid_scenarios).

For each generated scenario (a shipped scenario, random overlays, numeric fields moved within
the schema's bounds) and seed: the ledger balances every month for every account and the
facility's monthly reserves are its ledger balance; contributions per payer category match the
annual table in cash and in kind, and the shares of cost and of cash sum to 1; no payer with a
yearly budget gives the facility more cash in a year than that budget; births - deaths + moves = population change every year;
utilisation and reach stay in [0, 1]; no table holds NaN or infinity; the same seed gives the
same tables. The default profile is small (fast CI); ``make test-long`` runs many more.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from money_checks import check_within_budgets
from strategies import edge_scenarios, valid_scenarios

import simulator
from simulator.accounting import CATEGORIES, FACILITY, category
from simulator.population.bounds import PopulationBoundError
from simulator.runner import simulate

TOLERANCE_EUR = 1e-6  # assumption: float rounding of sums of up to ~1e5 bookings of <= 1e8 EUR
FAST = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(FAST, max_examples=150, derandomize=False)


def tables(case, seed: int, years: int) -> dict:
    """Run the case once; keep the finished model beside the tables ``simulator.run`` returns.

    A case that grows beyond its population bound stops as failed before it has tables (that
    stop is tested in tests/test_bounds.py); such a case is rejected.
    """
    try:
        model = simulate(case.scenario, seed=seed, years=years)
    except PopulationBoundError:
        reject()
    rec = model.recorder
    return {
        "model": model,
        "ledger": model.ledger.frame(),
        "monthly": pd.DataFrame(rec.monthly),
        "annual": pd.DataFrame(rec.annual),
        "summary": rec.summary(),
    }


def tolerance(amounts: pd.Series) -> float:
    """Absolute tolerance for comparing sums of these bookings (relative to their size)."""
    return TOLERANCE_EUR + 1e-9 * float(amounts.abs().sum())


def check_ledger_balances(t: dict) -> None:
    """Inflows - outflows = change in balance, for every account and month; money is conserved."""
    ledger, model = t["ledger"], t["model"]
    assert (ledger["amount_eur"] > 0).all() and np.isfinite(ledger["amount_eur"]).all()
    inflow = ledger.groupby(["month_index", "payee"])["amount_eur"].sum()
    outflow = ledger.groupby(["month_index", "payer"])["amount_eur"].sum()
    inflow.index.names = outflow.index.names = ["month_index", "account"]
    net = inflow.sub(outflow, fill_value=0.0).unstack(fill_value=0.0)  # month x account
    tol = tolerance(ledger["amount_eur"])
    assert np.allclose(net.sum(axis=1), 0.0, atol=tol), "a month's bookings do not net to zero"
    final = net.sum(axis=0)
    for account, balance in model.ledger.balances.items():
        assert math.isclose(final.get(account, 0.0), balance, abs_tol=tol), account
    reserves = net[FACILITY].cumsum() if FACILITY in net else pd.Series(dtype=float)
    monthly = t["monthly"].set_index("month_index")["facility_reserves_eur"]
    expected = reserves.reindex(range(len(monthly)), fill_value=np.nan).ffill().fillna(0.0)
    np.testing.assert_allclose(monthly.to_numpy(), expected.to_numpy(), atol=tol)


def check_contributions_and_shares(t: dict) -> None:
    """Payments to the facility by category match the annual table, in cash and in kind.

    The shares of cost (six payer categories, the opening reserves used and the bills left
    unpaid) sum to 1; the cash shares of the five cash payers sum to 1.
    """
    ledger, annual, summary = t["ledger"], t["annual"], t["summary"]
    paid = ledger[ledger["payee"] == FACILITY].copy()
    paid["category"] = paid["payer"].map(category)
    paid["year_index"] = paid["month_index"] // 12
    by_year = paid.groupby(["year_index", "category"])["amount_eur"].sum()
    running = paid[paid["phase"] != "setup"]
    by_kind = running.groupby(["year_index", "category", "in_kind"])["amount_eur"].sum()
    tol = tolerance(ledger["amount_eur"])
    for i, row in annual.reset_index(drop=True).iterrows():
        for cat in CATEGORIES:
            booked = by_year.get((i, cat), 0.0)
            assert math.isclose(row[f"income_{cat}_eur"], booked, abs_tol=tol), (i, cat)
            cash, in_kind = by_kind.get((i, cat, False), 0.0), by_kind.get((i, cat, True), 0.0)
            assert math.isclose(row[f"cash_{cat}_eur"], cash, abs_tol=tol), (i, cat)
            assert math.isclose(row[f"in_kind_{cat}_eur"], in_kind, abs_tol=tol), (i, cat)
    parts = [*(f"cost_share_{c}" for c in CATEGORIES), "cost_share_reserves", "cost_share_unpaid"]
    shares = [summary[p] for p in parts]
    assert all(-1e-12 <= s <= 1.0 + 1e-12 for s in shares)
    has_cost = ledger.loc[ledger["payer"] == FACILITY, "amount_eur"].sum() > 0
    assert math.isclose(sum(shares), 1.0 if has_cost else 0.0, abs_tol=1e-9)
    cash_shares = [summary[f"cash_share_{c}"] for c in CATEGORIES if c != "volunteers"]
    has_cash = (~running["in_kind"] & running["category"].notna()).any()
    assert math.isclose(sum(cash_shares), 1.0 if has_cash else 0.0, abs_tol=1e-9)


def check_budgets(t: dict) -> None:
    """No payer with a yearly budget gives the facility more cash in a year than its budget."""
    check_within_budgets(t["model"].spec, t["ledger"])


def check_demography(t: dict) -> None:
    """Every year: population change = births - deaths + moved in - moved out."""
    annual, monthly = t["annual"], t["monthly"]
    before = [t["summary"]["population_start"], *annual["population"].iloc[:-1]]
    flows = annual["births"] - annual["deaths"] + annual["moved_in"] - annual["moved_out"]
    assert (annual["population"] - before).tolist() == flows.tolist()
    assert (annual[["births", "deaths", "moved_in", "moved_out"]] >= 0).all().all()
    within_year = monthly.groupby("year")["population"].nunique()
    assert (within_year == 1).all(), "population changes only in January"
    assert monthly.groupby("year")["population"].last().tolist() == annual["population"].tolist()


def check_bounds_and_finite(t: dict) -> None:
    """Utilisation and reach in [0, 1]; no NaN or infinity in any table or the summary."""
    annual, monthly, summary = t["annual"], t["monthly"], t["summary"]
    for frame in (monthly, annual):
        assert frame["utilisation"].between(0.0, 1.0).all()
    reach = annual.filter(like="reach_")
    assert ((reach >= 0) & (reach <= 1)).all().all()
    assert 0.0 <= summary["utilisation_mean"] <= 1.0
    for name in ("ledger", "monthly", "annual"):
        numbers = t[name].select_dtypes(include="number")
        assert np.isfinite(numbers.to_numpy(dtype=float)).all(), f"NaN or inf in {name}"
    for key, value in summary.items():
        if isinstance(value, float):
            assert math.isfinite(value), key


def check_all(case, seed: int, years: int) -> None:
    t = tables(case, seed, years)
    assert len(t["annual"]) == years and len(t["monthly"]) == 12 * years
    check_ledger_balances(t)
    check_contributions_and_shares(t)
    check_budgets(t)
    check_demography(t)
    check_bounds_and_finite(t)


seeds = st.integers(0, 2**32 - 1)


@FAST
@given(case=edge_scenarios(), seed=seeds)
def test_invariants_hold_at_the_schema_bounds(case, seed):
    check_all(case, seed, years=2)


@FAST
@given(case=valid_scenarios(), seed=seeds, years=st.integers(2, 4))
def test_invariants_hold_for_random_valid_scenarios(case, seed, years):
    check_all(case, seed, years)


@FAST
@given(case=valid_scenarios(max_changes=4), seed=seeds)
def test_same_seed_gives_identical_results(case, seed):
    first = simulator.run(case.scenario, seed=seed, years=2)
    second = simulator.run(case.scenario, seed=seed, years=2)
    assert first.summary == second.summary
    for name in ("annual", "monthly", "stakeholders", "ledger", "decisions"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


@pytest.mark.long
@LONG
@given(case=valid_scenarios(max_changes=20), seed=seeds, years=st.integers(2, 12))
def test_invariants_hold_long(case, seed, years):
    check_all(case, seed, years)
