"""The recorder: monthly rows, annual rows, stakeholder choices, decisions and the run summary.

Like Mesa's ``DataCollector`` it only reads. The model hands it each month's
:class:`~simulator.processes.flow.MonthRecord`, each year's
:class:`~simulator.processes.flow.YearEnd` and January's stakeholder choices; the summary and
the decisions table read the finished model. Nothing in the model reads the recorder. The money
columns and outcomes come from :mod:`simulator.payers`.
"""

from __future__ import annotations

from simulator.payers import money_columns, money_summary
from simulator.population.stats import population_stats
from simulator.processes.flow import MonthRecord, YearEnd

GROUPS = ("seniors", "families", "migrants", "low_income", "youth")
RESCUERS = {"municipality": "municipality", "housing_company": "housing_company"}


class Recorder:
    """Collects what happened; rows are plain dicts until the run turns them into tables."""

    def __init__(self, model):
        self.model = model
        self.monthly: list[dict] = []
        self.annual: list[dict] = []
        self.stakeholder_rows: list[dict] = []
        self.start_stats = population_stats(model.citizens, model.spec.ages)

    def choices(self, rows: list[dict]) -> None:
        """Keep the providers' and housing company's choices with their utility components."""
        self.stakeholder_rows.extend(rows)

    def month_end(self, record: MonthRecord) -> None:
        """Keep the month's row."""
        self.monthly.append(record.row())

    def year_end(self, year: YearEnd) -> None:
        """Keep the year's row: population, use, money by payer and kind, decisions, municipal accounts."""
        stats = year.stats
        self.annual.append(
            {
                "year": year.year,
                **{k: stats[k] for k in ("population", "share_65plus", "old_age_dependency")},
                "births": year.flows.births,
                "deaths": year.flows.deaths,
                "moved_in": year.flows.moved_in,
                "moved_out": year.flows.moved_out,
                "visits": year.visits,
                "utilisation": year.utilisation,
                "open_hours_per_week": year.open_hours_per_week,
                "facility_reserves_eur": year.facility_reserves_eur,
                "facility_open": year.facility_open,
                "volunteers": year.volunteers,
                "members": year.members,
                "cost_eur": year.cost_eur,
                "reach_share": year.reach["all"],
                **{f"reach_{g}": year.reach[g] for g in GROUPS},
                "reach_tenants": year.reach["tenants"],
                **money_columns(year.money),
                **decision_columns(year),
                "member_providers": year.member_providers,
                "housing_company_supports": year.housing_company_supports,
                "housing_social_return_eur": year.housing_social_return_eur,
                **year.municipal,
                **year.age_bands,
            }
        )
        for row in self.stakeholder_rows:
            if row["year"] == year.year and "paid_eur" not in row:
                row["paid_eur"] = year.budget_paid.get(row["actor"], 0.0)
                row["budget_eur"] = year.budgets.get(row["actor"], float("nan"))

    def decisions(self) -> list[dict]:
        """Every decision of the rescue sequence and the reserve policy, in time order."""
        return [d.row() for d in self.model.decisions]

    def summary(self) -> dict:
        """The run's outcomes under the names in DESIGN.md (Interfaces), with the money per payer."""
        m, annual = self.model, self.annual
        end = population_stats(m.citizens, m.spec.ages)
        population_end = end["population"]
        visits_total = sum(r["visits"] for r in annual)
        municipal_paid = m.ledger.contributions.get("municipality", 0.0)
        return {
            "viable": bool(m.facility.open),
            "closure_year": m.facility.closure_year,
            "closure_reason": m.facility.closure_reason,
            "closure_step": m.facility.closure_step,
            **self.use_outcomes(),
            "cost_total_eur": sum(r["cost_eur"] for r in self.monthly),
            **money_summary(m, sum(r["facility_open"] for r in self.monthly) / 12.0),
            "municipal_cost_per_visit_eur": municipal_paid / visits_total
            if visits_total > 0
            else 0.0,
            "min_reserves_eur": min(
                (r["facility_reserves_eur"] for r in self.monthly), default=0.0
            ),
            "max_reserves_eur": max(
                (r["facility_reserves_eur"] for r in self.monthly), default=0.0
            ),
            "rescue_eur": sum(r["rescue_eur"] for r in annual),
            "municipal_hsk_years": sum(1 for r in annual if r["municipal_hsk"]),
            **self.provider_choices(),
            "liquidity_loans_end_eur_per_capita": m.municipality.liquidity_loans
            / max(1, population_end),
            "population_start": self.start_stats["population"],
            "population_end": population_end,
            "share_65plus_start": self.start_stats["share_65plus"],
            "share_65plus_end": end["share_65plus"],
        }

    def use_outcomes(self) -> dict:
        """Years open, and the means of use while open from ``measured_from_year`` on (after an existing facility's burn-in)."""
        m = self.model
        measured_from = measured_from_year(m.spec)
        years = [
            r
            for r in self.annual
            if (r["facility_open"] or r["year"] == m.facility.closure_year)
            and r["year"] >= measured_from
        ]
        open_months = [r for r in self.monthly if r["facility_open"]]
        months = [r for r in open_months if r["year"] >= measured_from]
        return {
            "years_open": len(open_months) / 12.0,
            "open_since_year": open_since_year(m.spec),
            "measured_from_year": measured_from,
            "utilisation_mean": _mean([r["utilisation"] for r in months]),
            "open_hours_per_week_mean": _mean([r["open_hours_per_week"] for r in months]),
            "visits_per_year_mean": _mean([r["visits"] for r in years]),
            "volunteers_mean": _mean([r["volunteers"] for r in months]),
            "reach_share": _mean([r["reach_share"] for r in years]),
        }

    def provider_choices(self) -> dict[str, int]:
        """How often member providers decided to leave, out of the years they were free to (not bound as founders)."""
        rows = [r for r in self.stakeholder_rows if r["actor"].startswith("provider:")]
        decided = [r for r in rows if r["decision"] in ("stay", "leave") and not r.get("bound")]
        return {
            "provider_leave_decisions": sum(1 for r in decided if r["decision"] == "leave"),
            "provider_member_decisions": len(decided),
        }


def open_since_year(spec) -> int:
    """The year the facility opened: the first simulated year, or an existing one's ``open_since_year``."""
    state = spec.initial_state
    return spec.time.start_year if state is None else state.open_since_year


def measured_from_year(spec) -> int:
    """The first year outcome means count: after an existing facility's burn-in years."""
    state = spec.initial_state
    return spec.time.start_year + (0 if state is None else state.burn_in_years)


def decision_columns(year: YearEnd) -> dict[str, float]:
    """A year's rescue sequence and reserve policy: who rescued, what was cut, what was spent."""
    rescue = dict.fromkeys(("municipality", "housing_company", "providers"), 0.0)
    sums: dict[str, float] = {}
    for d in year.decisions:
        if d.kind == "rescue_grant":
            who = RESCUERS.get(d.actor, "providers")
            rescue[who] += d.amount_eur
        else:
            sums[d.kind] = sums.get(d.kind, 0.0) + d.amount_eur
    levels = year.levels
    return {
        "unpaid_bills_eur": max(0.0, -year.facility_reserves_eur),
        "last_resort_eur": sums.get("last_resort", 0.0),
        "rescue_eur": sum(rescue.values()),
        **{f"rescue_{who}_eur": v for who, v in rescue.items()},
        "grant_reduced_eur": sums.get("grant_reduced", 0.0),
        "level_open_hours": levels.open_hours,
        "level_staff": levels.staff,
        "level_floor_area": levels.floor_area,
        "extra_offers_eur_per_month": levels.extra_offers_eur_per_month,
    }


def _mean(values: list) -> float:
    return float(sum(values) / len(values)) if values else 0.0
