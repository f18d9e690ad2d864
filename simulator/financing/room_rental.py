"""Idle room-hours rented to third parties; rentals take capacity from other uses."""

from __future__ import annotations

from simulator.financing.base import Instrument, MonthState, RentsRooms, pay


class RoomRental(Instrument, RentsRooms):
    """Third parties rent idle room-hours up to their demand at the rental price."""

    key = "room_rental"
    category = "citizens"

    def transfers(self, state: MonthState, rng) -> list:
        """Rental income for the room-hours rented this month."""
        hours = self.rented_room_hours(state.idle_room_hours)
        return pay("third_parties", "room rental", hours * self.spec.eur_per_room_hour)

    def rented_room_hours(self, idle_room_hours: float) -> float:
        """Rented room-hours: third-party demand, at most the idle hours."""
        return max(0.0, min(self.spec.demand_room_hours_per_month, idle_room_hours))
