"""What an organisation model decides: operator, continuation, cost split, deficit, engagement.

Every model's class docstring states, under these labels (``tests/test_code_health.py`` checks
them): ``Operator``, ``Decides``, ``Cost split``, ``Deficit`` (tolerance and payer of last
resort), ``Coordination cost`` and ``Engagement`` (with its source or ``assumption``).
"""

from __future__ import annotations

from simulator.accounting import FACILITY, Transfer

DOCSTRING_LABELS = (
    "Operator:",
    "Decides:",
    "Cost split:",
    "Deficit:",
    "Coordination cost:",
    "Engagement:",
)


class OrganisationModel:
    """Base of the six organisation models (one subclass per file, registered by ``key``).

    Class attributes give each model's defaults; a scenario's ``organisation`` section may
    override tolerance, coordination cost and engagement multiplier.
    """

    key = ""
    operator = ""  # who runs it
    decider = ""  # who decides each year whether it continues
    last_resort = ""  # who bears an uncovered deficit ("" = nobody)
    has_membership = False  # residents can join (association, cooperative)
    default_tolerance_months = 6
    default_coordination_eur_per_year = 0.0
    default_engagement_multiplier = 1.0

    def __init__(self, spec):
        self.spec = spec
        self.tolerance_months = _pick(spec.deficit_tolerance_months, self.default_tolerance_months)
        self.coordination_eur_per_year = _pick(
            spec.coordination_cost_eur_per_year, self.default_coordination_eur_per_year
        )
        self.engagement_multiplier = _pick(
            spec.engagement_multiplier, self.default_engagement_multiplier
        )

    def cost_split(self, members: list) -> dict[str, float]:
        """Member providers' shares of shared costs by the scenario's key (room-hours, equal, headcount); they sum to 1."""
        if not members:
            return {}
        key = self.spec.cost_split_key
        if key == "room_hours":
            weights = [m.spec.offer_hours_per_week for m in members]
        elif key == "headcount":
            weights = [m.spec.staff_fte for m in members]
        else:
            weights = [1.0] * len(members)
        total = sum(weights)
        if total <= 0:
            weights, total = [1.0] * len(members), float(len(members))
        return {m.spec.id: w / total for m, w in zip(members, weights, strict=True)}

    def cover_deficit(self, shortfall: float, model) -> list[Transfer]:
        """Transfers by the payer of last resort towards a negative reserve (default: none)."""
        return []

    def continues(self, model) -> tuple[bool, str]:
        """The decider's yearly verdict: go on or close, with the reason."""
        return True, "no reason to close"


def cash_paid_this_year(model, payer: str) -> float:
    """EUR ``payer`` has given the facility in cash so far this calendar year (from the ledger)."""
    return model.ledger.cash_paid_since(model.month_index - (model.month - 1), payer)


def remaining_budget(model, payer: str, budget_eur_per_year: float) -> float:
    """What is left of a payer's yearly budget this calendar year, EUR."""
    return max(0.0, budget_eur_per_year - cash_paid_this_year(model, payer))


def last_resort_transfer(payer: str, purpose: str, amount: float) -> list[Transfer]:
    """One transfer to the facility, or none if the amount is not positive."""
    return [Transfer(payer, FACILITY, purpose, float(amount))] if amount > 0 else []


def _pick(value, default):
    return default if value is None else value
