"""Citizens' behaviour: awareness, visiting, volunteering, giving, membership."""

from __future__ import annotations

from pydantic import model_validator

from simulator.scenario.schema.base import NonNegative, Share, Spec, field


class NeedSpec(Spec):
    """Relative need for the facility's offers by target group (the highest applies)."""

    seniors: float = field(1.0, "Residents aged 65+", "relative need", ge=0, le=10)
    families: float = field(
        0.8, "Parents of minors and children under 10", "relative need", ge=0, le=10
    )
    migrants: float = field(
        1.2, "Residents with migration background", "relative need", ge=0, le=10
    )
    low_income: float = field(1.2, "Residents on minimum income", "relative need", ge=0, le=10)
    youth: float = field(0.6, "Residents aged 10-24", "relative need", ge=0, le=10)
    other: float = field(0.3, "Everyone else", "relative need", ge=0, le=10)


class VolunteeringSpec(Spec):
    """Volunteering at the facility (FWS 2019 rates scaled to this facility)."""

    rate_14_29: float = field(0.40, "Engagement rate aged 14-29", "share", **Share)
    rate_30_49: float = field(0.42, "Engagement rate aged 30-49", "share", **Share)
    rate_50_64: float = field(0.406, "Engagement rate aged 50-64", "share", **Share)
    rate_65plus: float = field(0.312, "Engagement rate aged 65+", "share", **Share)
    facility_share: float = field(
        0.006,
        "Share of engaged, aware residents who would give their time to this facility",
        "share",
        **Share,
    )
    quit_per_month: float = field(0.025, "Monthly chance a volunteer stops", "1/month", **Share)
    hours_per_week: list[float] = field(
        [1.5, 4.0, 8.0], "Hours of the three FWS time classes", "hours/week"
    )
    hours_probabilities: list[float] = field(
        [0.60, 0.23, 0.17], "Shares of the three FWS time classes", "share"
    )
    offer_share_of_hours: float = field(
        0.5, "Share of volunteer hours spent running groups that book a room", "share", **Share
    )
    volunteers_per_group_hour: float = field(
        3.0,
        "Volunteers who together run one hour of a volunteer-led group",
        "volunteers/room-hour",
        ge=1,
        le=50,
    )
    open_share_of_hours: float = field(
        0.3,
        "Share of volunteer hours spent keeping the house open (café, reception)",
        "share",
        **Share,
    )
    volunteers_per_open_hour: float = field(
        2.0, "Volunteers on duty in one open hour", "volunteers/hour", ge=1, le=20
    )
    self_coordination_share_of_hours: float = field(
        0.03,
        "Share of volunteer hours spent coordinating other volunteers (board, rota)",
        "share",
        **Share,
    )
    coordination_hours_per_volunteer_week: float = field(
        0.2,
        "Coordination one volunteer needs for full recruitment and retention",
        "hours/week per volunteer",
        gt=0,
        le=10,
    )
    uncoordinated_join_share: float = field(
        0.2,
        "Recruitment without any coordination, relative to recruitment with full coordination",
        "share",
        **Share,
    )
    uncoordinated_quit_ratio: float = field(
        3.0,
        "Quitting without any coordination, relative to quitting with full coordination",
        "ratio",
        ge=1,
        le=20,
    )

    @model_validator(mode="after")
    def _classes_consistent(self) -> VolunteeringSpec:
        if len(self.hours_per_week) != len(self.hours_probabilities):
            raise ValueError("hours_per_week and hours_probabilities must have the same length")
        if any(h < 0 for h in self.hours_per_week) or any(p < 0 for p in self.hours_probabilities):
            raise ValueError("hours and probabilities must not be negative")
        if abs(sum(self.hours_probabilities) - 1.0) > 1e-6:
            raise ValueError(
                f"hours_probabilities sum to {sum(self.hours_probabilities):.4f}, not 1"
            )
        return self

    @model_validator(mode="after")
    def _time_adds_up(self) -> VolunteeringSpec:
        total = (
            self.offer_share_of_hours
            + self.open_share_of_hours
            + self.self_coordination_share_of_hours
        )
        if total > 1.0 + 1e-9:
            raise ValueError(
                "offer_share_of_hours + open_share_of_hours + self_coordination_share_of_hours"
                f" = {total:.3f} is more than all of the volunteers' time (1)"
            )
        return self


class OfferMatchSpec(Spec):
    """How the hours offered to a target group raise its visit chance (DESIGN.md offer match)."""

    half_match_hours_per_week: float = field(
        60.0,
        "Offer hours relevant to a resident at which their visit chance is half its maximum",
        "hours/week",
        gt=0,
        le=1000,
    )
    targeted_offer_weight: float = field(
        3.0,
        "How much an hour offered to a resident's own target group counts against an hour open "
        "to everyone",
        "ratio",
        ge=0,
        le=20,
    )


class GivingSpec(Spec):
    """Donations and membership of residents (domain_facts §6)."""

    donor_probability_per_year: float = field(
        0.25, "Share of adults who donate in a year", "share", **Share
    )
    local_share: float = field(
        0.08, "Share of donors who give to a local cause like this one", "share", **Share
    )
    donation_eur: float = field(35.0, "Amount per donation", "EUR", **NonNegative)
    donations_per_donor_year: float = field(
        1.0, "Donations per local donor and year", "1/year", ge=0, le=52
    )
    member_join_per_year: float = field(
        0.02,
        "Yearly chance an attached adult visitor joins (where membership exists)",
        "1/year",
        **Share,
    )
    member_quit_per_year: float = field(0.08, "Yearly chance a member leaves", "1/year", **Share)


class CitizensSpec(Spec):
    """Parameters of the citizen rules in simulator/rules/."""

    awareness_initial_share: float = field(
        0.10, "Residents aware of the facility at opening", "share", **Share
    )
    awareness_base_per_month: float = field(
        0.002, "Monthly chance to learn of it by outreach", "1/month", **Share
    )
    word_of_mouth_per_month: float = field(
        0.5,
        "Monthly chance to learn of it, per share of district residents visiting",
        "1/month",
        ge=0,
        le=50,
    )
    forgetting_per_month: float = field(
        0.01, "Monthly chance an unattached resident forgets it", "1/month", **Share
    )
    visit_base_per_month: float = field(
        0.20,
        "Monthly visit chance at need 1, aware, next door, with a full offer match",
        "1/month",
        **Share,
    )
    distance_decay_km: float = field(
        2.0, "Distance at which visiting falls to 1/e", "km", gt=0, le=100
    )
    visits_per_visitor_month: float = field(
        2.0, "Visits of a citizen who comes in a month", "visits", gt=0, le=31
    )
    attachment_gain: float = field(0.15, "Attachment gained by a visit", "0..1", **Share)
    attachment_decay_per_month: float = field(
        0.05, "Relative attachment lost per month", "1/month", **Share
    )
    attachment_visit_boost: float = field(
        1.0, "Extra visit chance at full attachment (relative)", "ratio", ge=0, le=10
    )
    need: NeedSpec = NeedSpec()
    offer_match: OfferMatchSpec = OfferMatchSpec()
    volunteering: VolunteeringSpec = VolunteeringSpec()
    giving: GivingSpec = GivingSpec()
    fee_elasticity: float = field(
        0.02, "Relative fall in visits per EUR of user fee per visit", "1/EUR", ge=0, le=1
    )
    fee_elasticity_low_income_factor: float = field(
        3.0, "How much more low-income residents react to fees", "ratio", **NonNegative
    )
