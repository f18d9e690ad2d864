"""The recorder: monthly rows, annual rows, stakeholder choices, decisions and the run summary.

Like Mesa's ``DataCollector`` it only reads. The model hands it each month's
:class:`~simulator.processes.flow.MonthRecord`, each year's
:class:`~simulator.processes.flow.YearEnd` and January's stakeholder choices; the summary and
the decisions table read the finished model. Nothing in the model reads the recorder.
"""

from __future__ import annotations

from simulator.accounting import CATEGORIES, PHASES, YearMoney, shares_of_cost
from simulator.population.stats import population_stats
from simulator.processes.flow import MonthRecord, YearEnd

GROUPS = ("seniors", "families", "migrants", "low_income", "youth")
CASH_PAYERS = tuple(c for c in CATEGORIES if c != "volunteers")
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
                "facility_reserves_eur": year.facility_reserves_eur,
                "facility_open": year.facility_open,
                "volunteers": year.volunteers,
                "members": year.members,
                "cost_eur": year.cost_eur,
                "reach_share": year.reach["all"],
                **{f"reach_{g}": year.reach[g] for g in GROUPS},
                **money_columns(year.money),
                **decision_columns(year),
                "member_providers": year.member_providers,
                "housing_company_supports": year.housing_company_supports,
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
        open_rows = [
            r for r in annual if r["facility_open"] or r["year"] == m.facility.closure_year
        ]
        open_months = [r for r in self.monthly if r["facility_open"]]
        end = population_stats(m.citizens, m.spec.ages)
        population_end = end["population"]
        visits_total = sum(r["visits"] for r in annual)
        municipal_paid = m.ledger.contributions.get("municipality", 0.0)
        return {
            "viable": bool(m.facility.open),
            "closure_year": m.facility.closure_year,
            "closure_reason": m.facility.closure_reason,
            "closure_step": m.facility.closure_step,
            "years_open": len(open_months) / 12.0,
            "utilisation_mean": _mean([r["utilisation"] for r in open_months]),
            "visits_per_year_mean": _mean([r["visits"] for r in open_rows]),
            "volunteers_mean": _mean([r["volunteers"] for r in open_months]),
            "reach_share": _mean([r["reach_share"] for r in open_rows]),
            "cost_total_eur": sum(r["cost_eur"] for r in self.monthly),
            **money_summary(m, len(open_months) / 12.0),
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
            "liquidity_loans_end_eur_per_capita": m.municipality.liquidity_loans
            / max(1, population_end),
            "population_start": self.start_stats["population"],
            "population_end": population_end,
            "share_65plus_start": self.start_stats["share_65plus"],
            "share_65plus_end": end["share_65plus"],
        }


def money_columns(money: YearMoney) -> dict[str, float]:
    """A year's money by payer: cash and in kind (set-up apart), set-up, and the cost by phase.

    ``income_<payer>_eur`` (everything a payer category gave, as before), ``cash_<payer>_eur``
    and ``in_kind_<payer>_eur`` (operation and renewal), ``setup_<payer>_eur`` (the set-up
    financing), ``cost_<phase>_eur``, and the cost in cash and in kind.
    """
    running = ("operation", "renewal")
    return {
        **{f"income_{c}_eur": money.contributions.get(c, 0.0) for c in CATEGORIES},
        **{f"cash_{c}_eur": sum(money.into(c, "cash", p) for p in running) for c in CATEGORIES},
        **{
            f"in_kind_{c}_eur": sum(money.into(c, "in_kind", p) for p in running)
            for c in CATEGORIES
        },
        **{f"setup_{c}_eur": money.into(c, phase="setup") for c in CATEGORIES},
        **{f"cost_{p}_eur": money.cost(phase=p) for p in PHASES},
        "cost_cash_eur": money.cost(kind="cash"),
        "cost_in_kind_eur": money.cost(kind="in_kind"),
    }


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


def money_summary(model, years_open: float) -> dict[str, float]:
    """Who paid over the run: shares of cost, cash per year and its shares, in kind, set-up."""
    totals = model.ledger.totals()
    opening = model.spec.facility.initial_reserves_eur
    shares = shares_of_cost(totals, opening, model.facility.reserves)
    running = ("operation", "renewal")
    cash = {c: sum(totals.into(c, "cash", p) for p in running) for c in CASH_PAYERS}
    in_kind = {c: sum(totals.into(c, "in_kind", p) for p in running) for c in CATEGORIES}
    cash_total = sum(cash.values())
    setup = totals.cost(phase="setup")
    per_year = 1.0 / years_open if years_open > 0 else 0.0
    return {
        **{f"cost_share_{c}": shares[c] for c in CATEGORIES},
        "cost_share_reserves": shares["reserves"],
        "cost_share_unpaid": shares["unpaid"],
        **{f"cost_{p}_eur": totals.cost(phase=p) for p in PHASES},
        **{
            f"setup_share_{c}": totals.into(c, phase="setup") / setup if setup > 0 else 0.0
            for c in CATEGORIES
        },
        **{f"cash_eur_per_year_{c}": v * per_year for c, v in cash.items()},
        **{f"cash_share_{c}": v / cash_total if cash_total > 0 else 0.0 for c, v in cash.items()},
        **{f"in_kind_eur_per_year_{c}": v * per_year for c, v in in_kind.items()},
        "unpaid_bills_end_eur": max(0.0, -model.facility.reserves),
    }


def _mean(values: list) -> float:
    return float(sum(values) / len(values)) if values else 0.0
