"""The state of an existing facility at the start of a run (a warm start); absent for a new one."""

from __future__ import annotations

from simulator.scenario.schema.base import Share, Spec, field


class InitialStateSpec(Spec):
    """An existing facility: since when it is open, who knows it, uses it and volunteers there.

    Without this section the facility opens at the start of the run (a cold start: awareness
    ``citizens.awareness_initial_share``, no visitors or volunteers). Its reserves at the start are
    ``facility.initial_reserves_eur`` either way.
    """

    open_since_year: int = field(
        ...,
        "Calendar year the facility opened (at most the first simulated year)",
        "year",
        ge=1900,
        le=2100,
    )
    awareness_share: float = field(
        ...,
        "Residents who know the facility at the start (more of them near it)",
        "share",
        **Share,
    )
    visitor_share: float = field(
        0.0, "Residents who visited in the twelve months before the start", "share", **Share
    )
    volunteers: int = field(0, "Volunteers at the start", "persons", ge=0, le=100000)
    members: int | None = field(
        None,
        "Resident members at the start, for models with membership (null: the organisation's "
        "initial_members)",
        "persons",
        ge=0,
        le=1000000,
    )
    burn_in_years: int = field(
        0,
        "First years of the run that outcome means leave out while the state settles",
        "years",
        ge=0,
        le=50,
    )
