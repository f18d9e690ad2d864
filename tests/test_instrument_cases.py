"""Readable arithmetic cases for every financing instrument (tests/cases/<instrument>.yaml).

Each case names an instrument spec, the month's state and the transfers expected, worked out by
hand from the rule (see tests/cases/README.md for the format). Random draws are scripted: the
case says what the draw returns and, optionally, with which arguments the rule must draw.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from simulator import financing
from simulator.accounting import FACILITY
from simulator.financing.base import (
    BringsInKind,
    ChargesFees,
    CoversShortfall,
    MonthState,
    RentsRooms,
    ReplacesStaff,
)
from simulator.scenario.schema.financing import InstrumentSpec

CASES_DIR = Path(__file__).parent / "cases"
MIN_CASES = 3
SPEC = TypeAdapter(InstrumentSpec)
CAPABILITY_OF = {
    "expected_fee_per_visit": ChargesFees,
    "expected_rented_room_hours": RentsRooms,
    "expected_replaced_staff_hours": ReplacesStaff,
    "expected_in_kind_cost": BringsInKind,
}
STEP_KEYS = {
    "month",
    "draws",
    "expected_draw_args",
    "shortfall_eur",
    "expected_transfers",
    "expected_fee_per_visit",
    "expected_rented_room_hours",
    "expected_replaced_staff_hours",
    "expected_in_kind_cost",
}
CASE_KEYS = {"name", "instrument", "months", "absolute_error_margin"} | STEP_KEYS


def load_cases() -> list[tuple[str, dict]]:
    """Every case of every file, as (file stem, case)."""
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        out += [(path.stem, case) for case in yaml.safe_load(path.read_text())]
    return out


CASES = load_cases()


class ScriptedRng:
    """Stands in for numpy's generator: each draw returns the case's scripted outcome."""

    def __init__(self, draws: dict | None):
        self.left = {k: list(v) if isinstance(v, list) else [v] for k, v in (draws or {}).items()}
        self.calls: dict[str, list[list]] = {}

    def _draw(self, name: str, *args):
        self.calls.setdefault(name, []).append([float(a) for a in args])
        if not self.left.get(name):
            raise AssertionError(f"the rule drew {name}{args} but the case scripts no such draw")
        return self.left[name].pop(0)

    def poisson(self, lam):
        return self._draw("poisson", lam)

    def binomial(self, n, p):
        return self._draw("binomial", n, p)

    def beta(self, a, b):
        return self._draw("beta", a, b)


def month_state(fields: dict) -> MonthState:
    """A MonthState with the case's fields and harmless defaults for the rest."""
    values = {"year_index": 0, "month": 1, "costs": {}, "reserves_eur": 0.0}
    values |= {"population": 0, "visits": 0.0, **fields}
    values.setdefault("year", 2025 + values["year_index"])
    return MonthState(**values)


def run_step(instrument, step: dict, margin: float) -> None:
    """Run one month of the instrument and compare everything the step expects."""
    assert set(step) <= STEP_KEYS | {"name"}, f"unknown keys {set(step) - STEP_KEYS}"
    state = month_state(step.get("month", {}))
    rng = ScriptedRng(step.get("draws"))
    got = instrument.transfers(state, rng)
    if "shortfall_eur" in step:
        assert isinstance(instrument, CoversShortfall), "declare the capability CoversShortfall"
        got += instrument.cover_shortfall(step["shortfall_eur"], state)
    compare_transfers(got, step["expected_transfers"], margin)
    for name, calls in (step.get("expected_draw_args") or {}).items():
        drawn = rng.calls.get(name, [])
        assert len(drawn) == len(calls), f"{name} drawn with {rng.calls}"
        for args, want in zip(drawn, calls, strict=True):
            assert args == pytest.approx(want), f"{name} drawn with {args}, expected {want}"
    check_hooks(instrument, step, state, margin)


def compare_transfers(got: list, expected: list[dict], margin: float) -> None:
    """Same transfers (payer, payee, in kind, purpose if given) and amounts within the margin."""
    assert len(got) == len(expected), f"got {got}"
    key = lambda t: (t[0], t[1], t[2], t[3])  # noqa: E731
    got_rows = sorted(
        ((t.payer, t.payee, t.in_kind, t.amount_eur, t.purpose) for t in got), key=key
    )
    want_rows = sorted(
        (
            (e["payer"], e.get("payee", FACILITY), e.get("in_kind", False), e["amount_eur"], e)
            for e in expected
        ),
        key=key,
    )
    for (payer, payee, in_kind, amount, purpose), (p, q, k, a, e) in zip(
        got_rows, want_rows, strict=True
    ):
        assert (payer, payee, in_kind) == (p, q, k), f"got {got}"
        assert amount == pytest.approx(a, abs=margin), f"{payer}->{payee}: {amount} != {a}"
        assert amount > 0, "instruments book only positive amounts"
        if "purpose" in e:
            assert purpose == e["purpose"]


def check_hooks(instrument, step: dict, state: MonthState, margin: float) -> None:
    """The capabilities' results a step expects (fees, rentals, replaced hours, in kind)."""
    for key, capability in CAPABILITY_OF.items():
        if key in step:
            assert isinstance(instrument, capability), f"declare the capability {capability}"
    if "expected_fee_per_visit" in step:
        want = step["expected_fee_per_visit"]
        assert instrument.fee_per_visit(False) == pytest.approx(want["regular"], abs=margin)
        assert instrument.fee_per_visit(True) == pytest.approx(want["low_income"], abs=margin)
    if "expected_rented_room_hours" in step:
        hours = instrument.rented_room_hours(state.idle_room_hours)
        assert hours == pytest.approx(step["expected_rented_room_hours"], abs=margin)
    if "expected_replaced_staff_hours" in step:
        hours = instrument.replaced_staff_hours(state.volunteer_hours, state.staff_hours)
        assert hours == pytest.approx(step["expected_replaced_staff_hours"], abs=margin)
    if "expected_in_kind_cost" in step:
        value = instrument.in_kind_cost(state)
        assert value == pytest.approx(step["expected_in_kind_cost"], abs=margin)


@pytest.mark.parametrize(
    ("stem", "case"), CASES, ids=[f"{stem}: {case['name']}" for stem, case in CASES]
)
def test_instrument_case(stem, case):
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    spec = SPEC.validate_python(case["instrument"])
    assert spec.instrument == stem, "a case file holds cases of its own instrument only"
    instrument = financing.build(spec)
    steps = case.get("months") or [case]
    for step in steps:
        run_step(
            instrument,
            {k: v for k, v in step.items() if k in STEP_KEYS},
            case["absolute_error_margin"],
        )


@pytest.mark.parametrize("key", sorted(financing.REGISTRY))
def test_every_instrument_has_at_least_three_cases(key):
    n = sum(1 for stem, _ in CASES if stem == key)
    assert n >= MIN_CASES, f"tests/cases/{key}.yaml has {n} cases; add at least {MIN_CASES}"
