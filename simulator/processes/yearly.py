"""The phases of the year: demography (1), municipal year (2), cooperation decisions (3) in January; the year-end (9) in December."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from simulator.population.dynamics import demography_year
from simulator.population.stats import age_bands, age_sex_counts, population_stats
from simulator.processes.flow import Decision, Flows, MonthRecord, YearEnd, share_of
from simulator.processes.views import organisation_view
from simulator.rules.giving import update_members
from simulator.rules.visiting import target_groups


def demography(model) -> Flows:
    """Phase 1: a year of deaths, births and moves (not in the first month: the start population is given)."""
    if model.month_index == 0:
        return Flows()
    flows = demography_year(model.citizens, model.spec, model.year, model.demography_rng)
    model.refresh_yearly_arrays()
    return flows


def municipal_year(model) -> None:
    """Phase 2: political support moves with last year's use of the facility; the council decides the grant.

    Last year's budget was closed at its year-end (phase 9), so the HSK status is this year's.
    """
    town_hall = model.municipality
    if model.month_index > 0:
        visits = model.facility.visits_last_year
        town_hall.update_support(model.year, visits / max(1, len(model.citizens)))
    town_hall.decide_grant()


def cooperation_decisions(model) -> list[dict]:
    """Phase 3: providers and the housing company choose; residents join or leave; the decider rules on continuing.

    Returns the stakeholder records (utility components, decision and reason of each actor).
    """
    if model.month_index == 0 or not model.facility.open:
        return []
    facility = model.facility
    open_ = facility.open
    per_resident = facility.visits_last_year / max(1, len(model.citizens))
    rows = [
        provider.decide(model.year, facility.reach_last_year, per_resident, open_)
        for provider in model.providers
    ]
    company = model.housing_company
    if company is not None:
        rows.append(company.decide(model.year, per_resident, open_))
    model.stakeholder_utility = {row["actor"]: row["utility"] for row in rows}
    if model.organisation.has_membership:
        update_membership(model)
    go_on, reason = model.organisation.continues(organisation_view(model))
    if not go_on:
        decider = model.organisation.decider
        model.decisions.append(
            Decision(model.month_index, model.year, 1, decider, "close", 0.0, reason)
        )
        facility.close(model.year, reason, step="decider")
    return rows


def update_membership(model) -> None:
    """Residents join or leave the association or cooperative once a year."""
    c, giving = model.citizens, model.spec.citizens.giving
    c.member = update_members(
        c.member,
        c.age,
        c.visited_within(12),
        c.attachment,
        giving.member_join_per_year * model.organisation.engagement_multiplier,
        giving.member_quit_per_year,
        model.spec.ages.adult_from,
        model.rng,
    )


def seed_members(model, n: int) -> None:
    """At the start, ``n`` members are drawn among adults; they know the facility and like it."""
    c = model.citizens
    adults = np.flatnonzero(c.age >= model.spec.ages.adult_from)
    n = min(n, adults.size)
    chosen = model.rng.choice(adults, size=n, replace=False)
    c.member[chosen] = True
    c.aware[chosen] = True
    c.attachment[chosen] = 0.5


def close_year(model, months: list[MonthRecord]) -> YearEnd:
    """Phase 9 (December): close the facility's year and the municipal budget year; return the year's record.

    Each actor keeps what it needs of this year: the facility its visits, reach and shared cost,
    each provider and the housing company what it paid; the municipality books its accounts.
    """
    c, ledger = model.citizens, model.ledger
    visited = c.visited_within(12)
    groups = target_groups(c.age, c.parent, c.migrant, c.low_income, model.spec.ages)
    reach = {g: share_of(visited, mask) for g, mask in groups.items()}
    reach["all"] = float(visited.mean()) if len(c) else 0.0
    reach["tenants"] = share_of(visited, c.tenant)
    year_money = ledger.close_year()
    paid_by = year_money.paid_by
    budget_paid = dict(model.budgets.paid)
    model.budgets.new_year()
    counts = age_sex_counts(c.age, c.female)
    stats = population_stats(c, model.spec.ages, counts)
    visits = sum(m.visits for m in months)
    keep_for_next_year(model, visits, reach, paid_by)
    model.municipality.budget_year(model.year, stats, paid_by.get("municipality", 0.0))
    company = model.housing_company
    open_months = [m for m in months if m.facility_open]
    return YearEnd(
        year=model.year,
        flows=model.flows,
        stats=stats,
        age_bands=age_bands(counts),
        visits=visits,
        utilisation=_mean([m.utilisation for m in open_months]),
        open_hours_per_week=_mean([m.open_hours_per_week for m in open_months]),
        volunteers=_mean([m.volunteers for m in open_months]),
        members=months[-1].members,
        cost_eur=sum(m.cost_eur for m in months),
        reach=reach,
        money=year_money,
        budget_paid=budget_paid,
        budgets=dict(model.budgets.limits),
        levels=replace(model.facility.levels),
        decisions=this_years(model.decisions, model.year),
        facility_open=model.facility.open,
        facility_reserves_eur=model.facility.reserves,
        member_providers=len(model.member_providers()),
        housing_company_supports=bool(company and company.member),
        housing_social_return_eur=company.social_return_last_year if company else 0.0,
        municipal=model.municipality.annual_columns(),
    )


def keep_for_next_year(model, visits: float, reach: dict, paid_by: dict) -> None:
    """The facility keeps its year's visits, reach and shared cost; each payer what it paid; the housing company books its social return from its tenants reached."""
    model.facility.close_year(visits, reach, paid_by)
    for provider in model.providers:
        provider.paid_last_year = paid_by.get(f"provider:{provider.spec.id}", 0.0)
    if model.housing_company is not None:
        model.housing_company.paid_last_year = paid_by.get("housing_company", 0.0)
        model.housing_company.setup_paid_last_year = paid_for_setup(model, "housing_company")
        model.housing_company.book_social_return(reach["tenants"])


def paid_for_setup(model, payer: str) -> float:
    """EUR ``payer`` gave this year towards the set-up (purposes starting "set-up"; set-up is booked in the first month only)."""
    if model.year_index > 0:
        return 0.0
    rows = model.ledger.rows
    return sum(
        r[4] for r in rows if r[1] == payer and r[2] == "facility" and r[3].startswith("set-up")
    )


def this_years(decisions: list, year: int) -> list:
    """The decisions of ``year`` (they are appended in time order)."""
    out = []
    for d in reversed(decisions):
        if d.year != year:
            break
        out.append(d)
    return out[::-1]


def _mean(values: list) -> float:
    return float(sum(values) / len(values)) if values else 0.0
