"""January phases: demography (1), municipal budget year (2), cooperation decisions (3)."""

from __future__ import annotations

import numpy as np

from simulator.population.dynamics import demography_year
from simulator.rules.giving import update_members


def population_stats(citizens) -> dict:
    """Head counts the budget and the records need."""
    age = citizens.age
    n = len(citizens)
    seniors = int((age >= 65).sum())
    working = int(((age >= 15) & (age <= 64)).sum())
    return {
        "population": n,
        "working_age": working,
        "aged_80plus": int((age >= 80).sum()),
        "children": int((age <= 17).sum()),
        "low_income": int(citizens.low_income.sum()),
        "share_65plus": seniors / n if n else 0.0,
        "old_age_dependency": seniors / working if working else 0.0,
        "by_age": np.bincount(age, minlength=121),  # residents per single year of age
    }


def demography(model) -> None:
    """Phase 1: a year of deaths, births and moves (not in the first month: the start population is given)."""
    if model.month_index == 0:
        return
    flows = demography_year(model.citizens, model.spec, model.year, model.demography_rng)
    model.recorder.demography(flows)
    model.refresh_yearly_arrays()


def municipal_budget_year(model) -> None:
    """Phase 2: close last year's accounts, apply the HSK rule, update support, decide the grant."""
    town_hall = model.municipality
    if model.month_index > 0:
        last = model.recorder.last_year
        town_hall.budget_year(model.year - 1, last["stats"], last["grants_eur"])
        model.recorder.municipal_accounts(model.year - 1)
        town_hall.update_support(model.year, last["visits"] / max(1, len(model.citizens)))
    town_hall.decide_grant()


def cooperation_decisions(model) -> None:
    """Phase 3: providers and the housing company choose; residents join or leave; the decider rules on continuing."""
    if model.month_index == 0 or not model.facility.open:
        return
    last = model.recorder.last_year
    open_ = model.facility.open
    per_resident = last["visits"] / max(1, len(model.citizens))
    rows = []
    for provider in model.providers:
        provider.paid_last_year = last["paid_by"].get(f"provider:{provider.spec.id}", 0.0)
        rows.append(provider.decide(model.year, last["reach"], per_resident, open_))
    company = model.housing_company
    if company is not None:
        company.paid_last_year = last["paid_by"].get("housing_company", 0.0)
        company.book_social_return(last["visits"], open_)
        rows.append(company.decide(model.year, per_resident, open_))
    model.recorder.stakeholders(rows)
    if model.organisation.has_membership:
        update_membership(model)
    go_on, reason = model.organisation.continues(model)
    if not go_on:
        model.facility.close(model.year, reason)


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
        model.rng,
    )


def seed_members(model) -> None:
    """At the start, the organisation's initial members are drawn among adults; they know the facility."""
    c = model.citizens
    adults = np.flatnonzero(c.age >= 18)
    n = min(model.spec.organisation.initial_members, adults.size)
    chosen = model.rng.choice(adults, size=n, replace=False)
    c.member[chosen] = True
    c.aware[chosen] = True
    c.attachment[chosen] = 0.5
