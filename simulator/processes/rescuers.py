"""Who offers a one-off rescue grant, how much, and why (step 3 of the rescue sequence).

Each actor's offer is its *willingness* (0..1) times its *own finances* this calendar year:

- **municipality**: willingness = the council's grant factor (0 below the support threshold,
  ``1 -`` the consolidation plan's cut of the facility line under HSK) times how far support
  lies above the threshold, up to ``rescue.support_margin``; finances = at most
  ``rescue.municipality_months_of_cost`` months of the facility's cash cost per council term
  (a one-off grant: once it is given, the council does not give again before the next
  election), less what it has given as rescue since the term began;
- **housing company** (while it supports the facility): willing = last year's social return
  over what it paid last year, at most 1 (full in the first year, as its instruments); finances
  = ``rescue.housing_company_share_of_budget`` of one year's neighbourhood budget per council
  term, less its rescues since the term began;
- **member providers**: willingness = the logit probability of their own January choice
  (their membership utility over their choice temperature; full in the first year); finances =
  ``rescue.providers_share_of_budget`` of one year's budget per council term, less their
  rescues since the term began.

A rescue is one-off: every actor renegotiates it once per council term (the election
interval), and the next term starts afresh.
Budgets left come from the budget rule (``model.budgets``), so a rescue never takes a payer
beyond its budget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    """One actor's rescue offer: its ledger account, EUR and why that much."""

    account: str
    amount: float
    reason: str


def offers(model) -> list[Offer]:
    """Every actor's offer, municipality first, then the housing company and member providers."""
    out = [municipality_offer(model)]
    if model.housing_company is not None:
        out.append(housing_company_offer(model))
    out += [provider_offer(model, p) for p in model.member_providers()]
    return out


def municipality_offer(model) -> Offer:
    """The council's one-off grant: its grant factor, its support margin, a ceiling per council term."""
    town, rules = model.municipality, model.spec.viability.rescue
    threshold = model.spec.municipality.support_threshold
    margin = min(1.0, max(0.0, (town.support - threshold) / rules.support_margin))
    willing = town.grant_factor * margin
    ceiling = rules.municipality_months_of_cost * model.facility.monthly_cash_cost
    since = term_start(model)
    given = sum(
        eur for year, who, eur in model.facility.rescues if who == "municipality" and year >= since
    )
    left = max(0.0, ceiling - given)
    reason = (
        f"support {town.support:.2f} against threshold {threshold:.2f}, grant factor "
        f"{town.grant_factor:.2f}: willing {willing:.0%} of {left:,.0f} EUR left in the "
        f"council term since {since}"
    )
    if town.grant_reason:  # the council's own reason, e.g. the HSK plan's cut of the line
        reason += f" ({town.grant_reason})"
    return Offer("municipality", willing * left, reason)


def term_start(model) -> int:
    """The first year of the current council term (the start year before the first election)."""
    spec = model.spec.municipality
    since = model.year - spec.first_election_year
    if since < 0:
        return model.spec.time.start_year
    return model.year - since % spec.election_interval_years


def housing_company_offer(model) -> Offer:
    """The housing company's grant while its social return justifies what it pays."""
    company, rules = model.housing_company, model.spec.viability.rescue
    if not company.member:
        return Offer("housing_company", 0.0, "does not support the facility this year")
    if model.year_index == 0:
        willing = 1.0
    else:
        willing = min(1.0, company.social_return_last_year / max(1.0, company.paid_last_year))
    left = term_left(model, "housing_company", rules.housing_company_share_of_budget)
    reason = (
        f"social return {company.social_return_last_year:,.0f} EUR against "
        f"{company.paid_last_year:,.0f} EUR paid last year: willing {willing:.0%} of "
        f"{left:,.0f} EUR it can still give"
    )
    return Offer("housing_company", willing * left, reason)


def provider_offer(model, provider) -> Offer:
    """A member provider's grant by its own valuation of membership, within its budget."""
    account, rules = f"provider:{provider.spec.id}", model.spec.viability.rescue
    utility = model.stakeholder_utility.get(account)
    if utility is None:
        willing = 1.0
    else:
        z = max(-50.0, min(50.0, utility / provider.spec.choice_temperature))
        willing = 1.0 / (1.0 + math.exp(-z))
    left = term_left(model, account, rules.providers_share_of_budget)
    reason = f"values membership at {willing:.0%}; {left:,.0f} EUR it can still give"
    return Offer(account, willing * left, reason)


def term_left(model, account: str, share: float) -> float:
    """What a budgeted actor can still give as rescue in this council term.

    ``share`` of one year's budget per term, less its rescues since the term began, and never
    more than its budget left this year.
    """
    since = term_start(model)
    given = sum(
        eur for year, who, eur in model.facility.rescues if who == account and year >= since
    )
    ceiling = max(0.0, share * model.budgets.budget(account) - given)
    return min(ceiling, model.budgets.left(account))
