"""Model-level records: monthly rows, annual rows, stakeholder choices and the run summary."""

from __future__ import annotations

import numpy as np

from simulator.accounting import CATEGORIES, cost_shares
from simulator.processes.yearly import population_stats
from simulator.rules.visiting import target_groups

GROUPS = ("seniors", "families", "migrants", "low_income", "youth")


class Recorder:
    """Collects what happened; rows are plain dicts until the run turns them into tables."""

    def __init__(self, model):
        self.model = model
        self.monthly: list[dict] = []
        self.annual: list[dict] = []
        self.stakeholder_rows: list[dict] = []
        self.flows = {"births": 0, "deaths": 0, "moved_in": 0, "moved_out": 0}
        self.start_stats = population_stats(model.citizens)
        self.last_year = {
            "visits": 0.0,
            "grants_eur": 0.0,
            "paid_by": {},
            "reach": {},
            "stats": self.start_stats,
        }
        self._year_start_contrib = dict(model.ledger.contributions)
        self._year_start_paid = dict(model.ledger.paid_by)
        self._months: list[dict] = []

    def demography(self, flows: dict) -> None:
        """Remember this January's flows for the year's row."""
        self.flows = flows

    def stakeholders(self, rows: list[dict]) -> None:
        """Keep the providers' and housing company's choices with their utility components."""
        self.stakeholder_rows.extend(rows)

    def month_end(self) -> None:
        """Record the month; at December, close the year's row."""
        m = self.model
        ctx = m.month_ctx if m.facility.open else {}
        opened = bool(ctx)
        row = {
            "month_index": m.month_index,
            "year": m.year,
            "month": m.month,
            "facility_open": opened,
            "visits": ctx.get("visits", 0.0),
            "utilisation": ctx["booked"] / ctx["capacity"]
            if opened and ctx["capacity"] > 0
            else 0.0,
            "volunteers": int(m.citizens.volunteer.sum()) if opened else 0,
            "volunteer_hours": ctx.get("volunteer_hours", 0.0),
            "members": int(m.citizens.member.sum()),
            "facility_reserves_eur": m.facility.reserves,
            "cost_eur": sum(ctx.get("costs", {}).values()),
            "population": len(m.citizens),
        }
        m.month_ctx = {}
        self.monthly.append(row)
        self._months.append(row)
        if m.month == 12 or m.month_index == m.months - 1:
            self._close_year()

    def _close_year(self) -> None:
        m, months = self.model, self._months
        open_months = [r for r in months if r["facility_open"]]
        c = m.citizens
        visited = c.visited_within(12)
        groups = target_groups(c.age, c.parent, c.migrant, c.low_income)
        reach = {g: _share(visited, mask) for g, mask in groups.items()}
        reach["all"] = float(visited.mean()) if len(c) else 0.0
        contrib = _diff(m.ledger.contributions, self._year_start_contrib)
        paid = _diff(m.ledger.paid_by, self._year_start_paid)
        stats = population_stats(c)
        town_hall = m.municipality
        row = {
            "year": m.year,
            **{k: stats[k] for k in ("population", "share_65plus", "old_age_dependency")},
            **self.flows,
            "visits": sum(r["visits"] for r in months),
            "utilisation": _mean([r["utilisation"] for r in open_months]),
            "facility_reserves_eur": m.facility.reserves,
            "facility_open": m.facility.open,
            "volunteers": _mean([r["volunteers"] for r in open_months]),
            "members": months[-1]["members"],
            "cost_eur": sum(r["cost_eur"] for r in months),
            "reach_share": float(visited.mean()) if len(c) else 0.0,
            **{f"reach_{g}": reach[g] for g in GROUPS},
            **{f"income_{cat}_eur": contrib.get(cat, 0.0) for cat in CATEGORIES},
            "municipal_hsk": town_hall.hsk,
            "municipal_support": town_hall.support,
            "municipal_grant_factor": town_hall.grant_factor,
            "member_providers": len(m.member_providers()),
            "housing_company_supports": bool(m.housing_company and m.housing_company.member),
        }
        self.annual.append(row)
        self.flows = {"births": 0, "deaths": 0, "moved_in": 0, "moved_out": 0}
        self.last_year = {
            "visits": row["visits"],
            "grants_eur": paid.get("municipality", 0.0),
            "paid_by": paid,
            "reach": reach,
            "stats": stats,
        }
        self._year_start_contrib = dict(m.ledger.contributions)
        self._year_start_paid = dict(m.ledger.paid_by)
        self._months = []
        m.facility.shared_cost_last_year = sum(
            v for k, v in paid.items() if k.startswith("provider:")
        )

    def municipal_accounts(self, year: int) -> None:
        """After the municipality closed ``year``, add its accounts to that year's row."""
        row = next((r for r in self.annual if r["year"] == year), None)
        if row is None:
            return
        row.update(self.model.municipality.annual_columns())

    def summary(self) -> dict:
        """The run's outcomes under the names in DESIGN.md (Interfaces)."""
        m, annual = self.model, self.annual
        open_rows = [
            r for r in annual if r["facility_open"] or r["year"] == m.facility.closure_year
        ]
        open_months = [r for r in self.monthly if r["facility_open"]]
        shares = cost_shares(m.ledger.contributions)
        end = population_stats(m.citizens)
        population_end = end["population"]
        visits_total = sum(r["visits"] for r in annual)
        municipal_paid = m.ledger.contributions.get("municipality", 0.0)
        return {
            "viable": bool(m.facility.open),
            "closure_year": m.facility.closure_year,
            "closure_reason": m.facility.closure_reason,
            "years_open": len(open_months) / 12.0,
            "utilisation_mean": _mean([r["utilisation"] for r in open_months]),
            "visits_per_year_mean": _mean([r["visits"] for r in open_rows]),
            "volunteers_mean": _mean([r["volunteers"] for r in open_months]),
            "reach_share": _mean([r["reach_share"] for r in open_rows]),
            "cost_total_eur": sum(r["cost_eur"] for r in self.monthly),
            **{f"cost_share_{cat}": shares[cat] for cat in CATEGORIES},
            "municipal_cost_per_visit_eur": municipal_paid / visits_total
            if visits_total > 0
            else 0.0,
            "min_reserves_eur": min(
                (r["facility_reserves_eur"] for r in self.monthly), default=0.0
            ),
            "municipal_hsk_years": sum(1 for r in annual if r["municipal_hsk"]),
            "liquidity_loans_end_eur_per_capita": m.municipality.liquidity_loans
            / max(1, population_end),
            "population_start": self.start_stats["population"],
            "population_end": population_end,
            "share_65plus_start": self.start_stats["share_65plus"],
            "share_65plus_end": end["share_65plus"],
        }


def _diff(now: dict, before: dict) -> dict:
    return {k: v - before.get(k, 0.0) for k, v in now.items()}


def _share(visited, mask) -> float:
    """Share of a target group that visited (0 for an empty group)."""
    members = np.count_nonzero(mask)
    return np.count_nonzero(visited & mask) / members if members else 0.0


def _mean(values: list) -> float:
    return float(sum(values) / len(values)) if values else 0.0
