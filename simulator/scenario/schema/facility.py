"""The facility: rooms, hours, costs in three phases, and its digital platform."""

from __future__ import annotations

from pydantic import Field, model_validator

from simulator.scenario.schema.base import Name, NonNegative, Positive, Share, Spec, field


class PlatformSpec(Spec):
    """Digital platform: shared booking, events calendar, volunteer matching."""

    enabled: bool = False
    setup_eur: float = field(15000.0, "One-off set-up cost", "EUR", **NonNegative)
    cost_eur_per_year: float = field(6000.0, "Hosting, licences, upkeep", "EUR/year", **NonNegative)
    capacity_gain_share: float = field(
        0.10,
        "Extra usable room-hours from shared booking (fewer idle booked hours)",
        "share",
        ge=0,
        le=1,
    )
    awareness_gain_per_month: float = field(
        0.004, "Extra monthly chance that a resident learns of the facility", "1/month", ge=0, le=1
    )
    matching_gain_share: float = field(
        0.15, "Relative rise in volunteer recruitment from matching", "share", ge=0, le=2
    )


class StaffingSpec(Spec):
    """What paid staff and a volunteer agency in the house do with their time (issue 14)."""

    open_share_of_staff_time: float = field(
        0.5,
        "Share of paid staff time spent keeping the house open to visitors (reception, café, drop-in)",
        "share",
        **Share,
    )
    coordination_share_of_staff_time: float = field(
        0.25,
        "Share of paid staff time spent recruiting, training and supporting volunteers",
        "share",
        **Share,
    )
    volunteer_agency_hours_per_week: float = field(
        0.0,
        "Hours a volunteer agency in the house spends coordinating the facility's volunteers",
        "hours/week",
        ge=0,
        le=200,
    )
    open_rooms: float = field(
        1.0,
        "Rooms open to drop-in visitors during open hours (a café or meeting room)",
        "rooms",
        ge=0,
        le=100,
    )

    @model_validator(mode="after")
    def _time_adds_up(self) -> StaffingSpec:
        total = self.open_share_of_staff_time + self.coordination_share_of_staff_time
        if total > 1.0 + 1e-9:
            raise ValueError(
                f"open_share_of_staff_time + coordination_share_of_staff_time = {total:.3f} "
                "is more than all of the staff's time (1)"
            )
        return self


class FacilitySpec(Spec):
    """Floor area, rooms, opening hours, staff and running costs of the facility."""

    name: Name = Field("facility", min_length=1, max_length=120, description="Facility name")
    district: Name = field(
        ..., "District the facility is in (must be a town district)", "name", max_length=80
    )
    floor_area_m2: float = field(..., "Usable floor area", "m2", gt=0, le=20000)
    rooms: int = field(..., "Bookable rooms", "rooms", ge=1, le=100)
    opening_hours_per_week: float = field(..., "Opening hours", "hours/week", gt=0, le=168)
    persons_per_room_hour: float = field(
        6.0, "Visits one room can take in one hour", "visits/room-hour", **Positive
    )
    rent_eur_per_m2_month: float = field(..., "Net cold rent", "EUR/m2/month", **NonNegative)
    running_cost_eur_per_m2_month: float = field(
        3.0, "Heating, cleaning, insurance", "EUR/m2/month", **NonNegative
    )
    staff_fte: float = field(..., "Coordinator / quarter manager", "FTE", ge=0, le=50)
    staff_years: int | None = field(
        None,
        "Years the paid staff is employed from the start (null: the whole horizon)",
        "years",
        ge=0,
        le=100,
    )
    staff_cost_eur_per_fte_year: float = field(
        70000.0, "Employer cost of one FTE", "EUR/FTE/year", **NonNegative
    )
    staff_hours_per_fte_week: float = field(
        39.0, "Working hours of one FTE", "hours/week", **Positive
    )
    materials_eur_per_year: float = field(
        10000.0, "Material and participation budget", "EUR/year", **NonNegative
    )
    initial_reserves_eur: float = field(5000.0, "Reserves when it opens", "EUR")
    setup_cost_eur: float = field(
        0.0, "Renovation and fit-out before opening", "EUR", **NonNegative
    )
    setup_grant_rate: float = field(0.6, "Urban-development grant rate on set-up", "share", **Share)
    setup_housing_company_share: float = field(
        0.0, "Share of set-up paid by the housing company", "share", **Share
    )
    renewal_interval_years: int = field(10, "Years between refits", "years", ge=1, le=100)
    renewal_cost_eur_per_m2: float = field(60.0, "Cost of a refit", "EUR/m2", **NonNegative)
    base_booking_share: float = field(
        0.15, "Share of room-hours booked by groups regardless of providers", "share", **Share
    )
    platform: PlatformSpec = PlatformSpec()
    staffing: StaffingSpec = StaffingSpec()
