"""Phase 6's settlement and phase 7: the rescue sequence, the reserve policy, the closure decision.

A shortfall — reserves below zero once the month's money and costs are booked — goes through:

1. **reserves**: the month's costs were paid from them; only what they could not pay is short;
2. **deficit financing and the payer of last resort**: every ``CoversShortfall`` instrument
   (a deficit-cover grant, Fehlbedarfsfinanzierung) decides on the same shortfall, then the
   organisation model's payer of last resort pays what its rule allows, within its budget;
3. **renegotiation**: the municipality, the housing company and the member providers each offer
   a one-off rescue grant by their willingness and their own finances
   (:mod:`simulator.processes.rescuers`); they share the unfunded deficit in proportion to
   their offers (decide-then-apply). A rescue follows the gap, so a small gap asks for little;
4. **cost cuts**: the rescue bridges the deficit, the operator closes the gap in the flow that
   opened it — it cuts extra offers, open hours, staff and floor area, in this order, by what the
   month's regular money fell short of its cost plus the deficit still unpaid over
   ``viability.cuts.payback_months`` (effective from the next month, whose flow shows what is
   still missing; the size follows the gap, so a small gap is a small cut);
5. **closure** (phase 7, :func:`viability`) only when the deficit left unfunded is material
   (``viability.material_months_of_cost``) and has lasted longer than the organisation model's
   tolerance; the reason names what each step did.

The **reserve policy**: above the reserve cap (``viability.reserves``) a deficit-financing funder
reduces its grant (the instruments, on ``MonthState.reserve_excess_eur``). Once a year, in
December, the operator plans the next year: a year whose regular money exceeded its cost restores
cuts by that surplus (with a material cushion in the reserves), reserves above the cap are spent
over ``spend_months`` — restoring cuts (staff, then open hours; rooms given up stay given up),
then buying extra offers — and below the cap the extra offers are trimmed again.

Every step that moves money or the facility's levels is a :class:`~simulator.processes.flow.Decision`
of an actor, with its reason, appended to ``model.decisions``.
"""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.agents.facility import LEVERS
from simulator.processes.flow import Decision
from simulator.processes.rescuers import offers
from simulator.processes.views import organisation_view

EUR = 0.005  # half a cent: below this a balance is zero (float rounding of sums of bookings)


def book(model, transfers: list[Transfer]) -> float:
    """Book transfers through the budget rule; return the EUR booked to the facility."""
    admitted = model.budgets.admit(transfers)
    model.ledger.book_all(model.month_index, admitted)
    return sum(t.amount_eur for t in admitted)


def decide(model, actor: str, kind: str, amount: float, reason: str) -> None:
    """Record one decision of an actor, with its amount and reason."""
    model.decisions.append(
        Decision(model.month_index, model.year, model.month, actor, kind, float(amount), reason)
    )


def settle(model, state) -> None:
    """After the month's booking: the rescue sequence on a shortfall; in December the reserve policy.

    The month's *regular* net flow — money in (deficit financing and the payer of last resort
    included, rescue grants not) less the cost without the one-off renewal — sizes the cuts and
    the restorations: the rescue grants bridge an unfunded deficit, the cuts close the gap in
    the flow that opened it.
    """
    facility = model.facility
    if facility.reserves < -EUR:
        cover(model, state)
    regular = facility.reserves - state.reserves_eur + state.cost_of("renewal")
    facility.flow_this_year += regular
    if facility.reserves < -EUR:
        rescue(model, -facility.reserves)
        cut(model, max(0.0, -regular))
    if model.month == 12:
        surplus(model)
        facility.flow_this_year = 0.0


def cover(model, state) -> None:
    """Step 2: deficit financing (``CoversShortfall`` instruments), then the payer of last resort."""
    facility, can = model.facility, model.capabilities
    covers = [t for i in can.covers_shortfall for t in i.cover_shortfall(-facility.reserves, state)]
    book(model, covers)
    if facility.reserves < -EUR:
        last_resort(model)


def last_resort(model) -> None:
    """Step 2: the organisation model's payer of last resort, within its budget."""
    organisation = model.organisation
    short = -model.facility.reserves
    paid = book(model, organisation.cover_deficit(short, organisation_view(model)))
    who = organisation.last_resort or "no payer of last resort"
    if paid > EUR:
        decide(model, who, "last_resort", paid, f"covers {paid:,.0f} of a {short:,.0f} EUR gap")
    model.facility.rescue_steps = f"last resort ({who}) paid {paid:,.0f} EUR"


def rescue(model, unfunded: float) -> None:
    """Step 3: one-off rescue grants, shared in proportion to what each actor offers."""
    offered = offers(model)
    total = sum(o.amount for o in offered)
    scale = min(1.0, unfunded / total) if total > 0 else 0.0
    parts = []
    for o in offered:
        amount = o.amount * scale
        paid = book(model, [Transfer(o.account, "facility", "rescue grant", amount)])
        if paid > EUR:
            model.facility.rescues.append((model.year, o.account, paid))
        decide(model, o.account, "rescue_grant", paid, o.reason)
        parts.append(f"{o.account} {paid:,.0f} EUR ({o.reason})")
    steps = "; rescue grants: " + ("; ".join(parts) if parts else "nobody to ask")
    model.facility.rescue_steps += steps


def cut(model, gap: float) -> None:
    """Step 4: the operator cuts its levers, in order, by what the gap and the payback need.

    ``gap`` is what the month's regular money fell short of its cost (one-off renewal aside);
    the payback is the deficit left after the rescue grants over ``payback_months``. Cuts take
    effect from the next month, whose flow shows what is still missing.
    """
    facility, cuts = model.facility, model.spec.viability.cuts
    unfunded = max(0.0, -facility.reserves)
    need = gap + unfunded / cuts.payback_months
    saved, done = 0.0, []
    for lever in LEVERS:
        if saved >= need:
            break
        unit, room = lever_saving(model, lever), cut_room(model, lever)
        if unit <= 0 or room <= 0:
            continue
        step = min(room, (need - saved) / unit)
        shift_level(facility, lever, -step)
        saved += step * unit
        reason = (
            f"the month's money fell {gap:,.0f} EUR short of its cost; {unfunded:,.0f} EUR "
            "unpaid after the rescue grants"
        )
        decide(model, model.organisation.operator, f"cut_{lever}", step * unit, reason)
        done.append(f"{lever} -{step * unit:,.0f} EUR/month")
    levels = facility.levels
    facility.rescue_steps += (
        f"; cuts: {', '.join(done) if done else 'none left'} (open hours {levels.open_hours:.0%},"
        f" staff {levels.staff:.0%}, floor area {levels.floor_area:.0%} of plan)"
    )


def surplus(model) -> None:
    """The reserve policy, when the operator plans the next year (December).

    A year whose regular money exceeded its cost restores cuts by that monthly surplus, once the
    reserves hold a material cushion; reserves above the cap are spent over ``spend_months``.
    Restoring goes staff, then open hours (rooms given up stay given up), then extra offers;
    below the cap the extra offers fall by the gap over ``spend_months``.
    """
    facility, policy = model.facility, model.spec.viability.reserves
    excess = facility.reserves - reserve_cap(model)
    levels, operator = facility.levels, model.organisation.operator
    flow = facility.flow_this_year / 12.0
    budget = flow if flow > EUR and facility.reserves >= material(model) else 0.0
    if excess > EUR:
        budget += excess / policy.spend_months
    elif levels.extra_offers_eur_per_month > EUR:
        trim = min(levels.extra_offers_eur_per_month, -excess / policy.spend_months)
        levels.extra_offers_eur_per_month -= trim
        reason = f"reserves {facility.reserves:,.0f} EUR below the cap"
        decide(model, operator, "trim_offers", trim, reason)
        return
    reason = (
        f"the year's money exceeded its cost by {max(0.0, flow):,.0f} EUR a month; reserves "
        f"{facility.reserves:,.0f} EUR against a cap of {reserve_cap(model):,.0f} EUR"
    )
    for lever in ("staff", "open_hours"):
        unit, room = lever_saving(model, lever), 1.0 - getattr(levels, lever)
        if budget <= EUR or unit <= 0 or room <= 0:
            continue
        step = min(room, budget / unit)
        shift_level(facility, lever, step)
        budget -= step * unit
        decide(model, operator, f"restore_{lever}", step * unit, reason)
    if budget > EUR and excess > EUR:
        budget = min(budget, excess / policy.spend_months)
        levels.extra_offers_eur_per_month += budget
        decide(model, operator, "extra_offers", budget, reason)


def viability(model) -> None:
    """Phase 7: close when a material unfunded deficit has lasted beyond the model's tolerance."""
    facility = model.facility
    if not facility.open:
        return
    unfunded = -facility.reserves
    is_material = unfunded > EUR and unfunded >= material(model)
    facility.material_months = facility.material_months + 1 if is_material else 0
    if facility.material_months > model.organisation.tolerance_months:
        months = facility.monthly_cash_cost
        reason = (
            f"unfunded deficit of {unfunded:,.0f} EUR ({unfunded / max(months, 1.0):.1f} months "
            f"of cash cost) for {facility.material_months} months: reserves used up; "
            f"{facility.rescue_steps}"
        )
        decide(model, model.organisation.decider, "close", unfunded, reason)
        facility.close(model.year, reason, step="money")


def material(model) -> float:
    """The unfunded deficit from which it is material, EUR (months of this month's cash cost)."""
    return model.spec.viability.material_months_of_cost * model.facility.monthly_cash_cost


def reserve_cap(model) -> float:
    """The reserve cap, EUR (months of this month's cash cost)."""
    return model.spec.viability.reserves.cap_months_of_cost * model.facility.monthly_cash_cost


def cut_room(model, lever: str) -> float:
    """How far a lever can still be cut (share of plan, or EUR/month for extra offers)."""
    levels, cuts = model.facility.levels, model.spec.viability.cuts
    if lever == "extra_offers":
        return levels.extra_offers_eur_per_month
    floor = {
        "open_hours": cuts.open_hours_floor_share,
        "staff": cuts.staff_floor_share,
        "floor_area": cuts.floor_area_floor_share,
    }[lever]
    return max(0.0, getattr(levels, lever) - floor)


def lever_saving(model, lever: str) -> float:
    """EUR a month saved per unit of a lever (a share of plan; one euro for extra offers)."""
    facility, spec = model.facility, model.facility.spec
    if lever == "extra_offers":
        return 1.0
    if lever == "staff":
        return facility.planned_staff_fte(model.year_index) * spec.staff_cost_eur_per_fte_year / 12
    hours_share = model.spec.viability.cuts.running_cost_hours_share
    running = spec.floor_area_m2 * spec.running_cost_eur_per_m2_month
    if lever == "open_hours":
        return running * facility.levels.floor_area * hours_share
    kept = 1.0 - hours_share * (1.0 - facility.levels.open_hours)
    return spec.floor_area_m2 * spec.rent_eur_per_m2_month + running * kept


def shift_level(facility, lever: str, step: float) -> None:
    """Move one lever by ``step`` (negative: a cut)."""
    levels = facility.levels
    if lever == "extra_offers":
        levels.extra_offers_eur_per_month = max(0.0, levels.extra_offers_eur_per_month + step)
    else:
        setattr(levels, lever, min(1.0, max(0.0, getattr(levels, lever) + step)))
