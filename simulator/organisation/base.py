"""What an organisation model decides, and the read-only view of the world it decides on.

Every model's class docstring states, under these labels (``tests/test_code_health.py`` checks
them): ``Operator``, ``Decides``, ``Cost split``, ``Deficit`` (tolerance and payer of last
resort), ``Coordination cost`` and ``Engagement`` (with its source or ``assumption``). Its
settings are its own section of the scenario schema
(``simulator/scenario/schema/organisation.py``); it reads the world only through an
:class:`OrganisationView`, as instruments read a ``MonthState``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simulator.accounting import FACILITY, Transfer

DOCSTRING_LABELS = (
    "Operator:",
    "Decides:",
    "Cost split:",
    "Deficit:",
    "Coordination cost:",
    "Engagement:",
)


@dataclass(frozen=True)
class Payer:
    """An actor a model may call on to pay: its account, membership and yearly budget."""

    account: str  # ledger account, e.g. "provider:awo", "housing_company"
    member: bool  # takes part in the cooperation this year
    budget_eur_per_year: float  # what it can give the facility in a calendar year
    paid_this_year_eur: float  # cash it gave the facility so far this calendar year

    @property
    def budget_left_eur(self) -> float:
        """What is left of its yearly budget this calendar year, EUR."""
        return max(0.0, self.budget_eur_per_year - self.paid_this_year_eur)


@dataclass(frozen=True)
class OrganisationView:
    """What an organisation model may read, built fresh for each decision (read-only)."""

    resident_members: int  # residents who are members (association, cooperative)
    member_providers: Sequence  # ProviderSpec of each member provider, in scenario order
    providers: Mapping[str, Payer]  # every provider by id, in scenario order
    housing_company: Payer | None  # None: the scenario has none
    grant_factor: float  # the municipality's decision: 0 stopped, <1 cut under HSK


class OrganisationModel:
    """Base of the six organisation models (one subclass per file, registered by ``key``).

    ``spec`` is the model's own section of the scenario (its settings with their defaults).
    """

    key = ""
    operator = ""  # who runs it
    decider = ""  # who decides each year whether it continues
    last_resort = ""  # who bears an uncovered deficit ("" = nobody)
    has_membership = False  # residents can join (association, cooperative)

    def __init__(self, spec):
        self.spec = spec
        self.tolerance_months = spec.deficit_tolerance_months
        self.coordination_eur_per_year = spec.coordination_cost_eur_per_year
        self.engagement_multiplier = spec.engagement_multiplier

    def cost_split(self, members: Sequence) -> dict[str, float]:
        """Member providers' (ProviderSpec) shares of shared costs by the scenario's key (room-hours, equal, headcount); they sum to 1."""
        if not members:
            return {}
        key = self.spec.cost_split_key
        if key == "room_hours":
            weights = [m.offer_hours_per_week for m in members]
        elif key == "headcount":
            weights = [m.staff_fte for m in members]
        else:
            weights = [1.0] * len(members)
        total = sum(weights)
        if total <= 0:
            weights, total = [1.0] * len(members), float(len(members))
        return {m.id: w / total for m, w in zip(members, weights, strict=True)}

    def cover_deficit(self, shortfall: float, view: OrganisationView) -> list[Transfer]:
        """Transfers by the payer of last resort towards a negative reserve (default: none)."""
        return []

    def continues(self, view: OrganisationView) -> tuple[bool, str]:
        """The decider's yearly verdict: go on or close, with the reason."""
        return True, "no reason to close"


def last_resort_transfer(payer: str, purpose: str, amount: float) -> list[Transfer]:
    """One transfer to the facility, or none if the amount is not positive."""
    return [Transfer(payer, FACILITY, purpose, float(amount))] if amount > 0 else []
