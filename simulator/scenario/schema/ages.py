"""Age limits with a meaning, read by every rule, phase and count that needs them.

Like OpenFisca's ``age_of_majority``, each limit is a parameter with its source, written once
here and nowhere else in the code. Ages are completed years.
"""

from __future__ import annotations

from pydantic import model_validator

from simulator.scenario.schema.base import Spec, field

Age = dict(ge=0, le=120)
#: The synthesis reweights the age table's bands at the senior age: bands start at 0 and run to
#: 95+, so a senior age strictly inside keeps seniors and younger residents on both sides.
SeniorAge = dict(ge=1, le=95)


class AgesSpec(Spec):
    """The age limits of the target groups, head counts and rules."""

    adult_from: int = field(
        18,
        "Age of majority: adults may donate, join the association or cooperative and found it; "
        "younger residents count as children (mandatory child and youth spending); default "
        "§ 2 BGB",
        "years",
        ge=1,
        le=35,
    )
    senior_from: int = field(
        65,
        "Seniors from this age: target group, share 65+, old-age dependency ratio, 65+ shares of "
        "the synthesis; default the 65+ of DI §3 and of Eurostat's old-age dependency ratio",
        "years",
        **SeniorAge,
    )
    oldest_old_from: int = field(
        80,
        "Oldest old (Hochbetagte) from this age: mandatory care spending per resident; default "
        "Destatis' 80+",
        "years",
        **Age,
    )
    working_age_from: int = field(
        15,
        "Working age from (taxes per resident of working age, old-age dependency ratio); default "
        "Eurostat's working-age population 15-64",
        "years",
        **Age,
    )
    working_age_to: int = field(
        64, "Working age to (inclusive); default Eurostat's 15-64", "years", **Age
    )
    youth_from: int = field(
        10,
        "Youth target group from this age; children younger than it count to the families "
        "target group; default assumption (open youth work, SGB VIII § 11, reaches 10-24)",
        "years",
        **Age,
    )
    youth_to: int = field(
        24, "Youth target group to (inclusive); default assumption (see youth_from)", "years", **Age
    )
    parent_from: int = field(
        25,
        "Residents who may live with minor children (town.parent_share_25_49) from this age; "
        "default assumption (DI §7 households)",
        "years",
        **Age,
    )
    parent_to: int = field(
        49, "Parents stop counting as such after this age; default assumption", "years", **Age
    )

    @model_validator(mode="after")
    def _ranges_are_ordered(self) -> AgesSpec:
        for low, high in (
            ("working_age_from", "working_age_to"),
            ("youth_from", "youth_to"),
            ("parent_from", "parent_to"),
        ):
            if getattr(self, low) > getattr(self, high):
                raise ValueError(f"{low} must not be above {high}")
        return self
