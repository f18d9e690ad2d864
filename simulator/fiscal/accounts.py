"""One year's accounts of the town, from the scenario, the population and the measures in force.

``BudgetRules.accounts`` is a pure function of its inputs except for one remembered number: the
Kreis's social spending per resident in the first year after its last observed levy rate (the
reference its later rate follows). The same function drafts the plan's projections: without
measures, shocks or aid, for a future year, on the last known population.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.fiscal import county, revenue
from simulator.fiscal.budget import shock_add, shock_factor
from simulator.fiscal.counts import Counts
from simulator.scenario.schema.municipality import FACILITY_LINE


@dataclass(frozen=True)
class YearState:
    """What a year's accounts depend on besides the scenario.

    Attributes:
        year: Calendar year.
        counts: Head counts of the population (December of the year).
        loans_eur: Liquidity loans at the start of the year (after a debt relief in it).
        growth_index: Real tax growth index (with growth shocks) since the start.
        facility_eur: The municipality's payments to the facility in the year.
        levels: Level of each consolidation measure (scenario order): share or Hebesatz points.
    """

    year: int
    counts: Counts
    loans_eur: float
    growth_index: float
    facility_eur: float
    levels: tuple[float, ...]


class BudgetRules:
    """The budget equations of docs/fiscal_model.md for one town."""

    def __init__(self, spec, start_year: int):
        self.spec = spec
        self.start_year = start_year
        self.social_reference: float | None = None
        self._last_rate_year = max(spec.county.levy_rate)

    def measure_levels(self, levels: tuple[float, ...]) -> tuple[dict, float, dict]:
        """Saving share per own line, added Hebesatz points, cut share per voluntary line."""
        savings, points, cuts = {}, 0.0, {}
        for measure, level in zip(self.spec.hsk.measures, levels, strict=True):
            if measure.measure == "savings":
                savings[measure.line] = level
            elif measure.measure == "property_tax":
                points = level
            else:
                cuts[measure.line] = level
        return savings, points, cuts

    def accounts(self, s: YearState, shocked: bool = True, with_aid: bool = True) -> dict:
        """The year's accounts: every revenue and spending line, the result (EUR)."""
        savings, points, cuts = self.measure_levels(s.levels)
        out = self._revenues(s, points, shocked)
        spend_index = (1.0 + self.spec.spending_growth_per_year) ** (s.year - self.start_year)
        social = (
            shock_factor(self.spec.fiscal_shocks, "mandatory_spending", s.year) if shocked else 1
        )
        out.update(self._county_levy(s, out["tax_capacity"] + out["key_allocations"], social))
        out.update(self._own_spending(s.counts, spend_index * social, savings))
        out.update(self._voluntary(s, spend_index, cuts))
        rate = revenue.at_year(
            self.spec.interest_rate_path, s.year, self.spec.interest_rate_liquidity
        )
        if shocked:
            rate += shock_add(self.spec.fiscal_shocks, "interest_rate", s.year)
        out["interest"] = max(0.0, rate) * s.loans_eur
        out["aid"] = self.aid(s.year) if with_aid else 0.0
        out["mandatory"] = out["own_mandatory"] + out["county_levy"]
        out["expenditure"] = out["mandatory"] + out["voluntary"] + out["interest"]
        out["result"] = out["revenue"] + out["aid"] - out["expenditure"]
        return out

    def aid(self, year: int) -> float:
        """State aid paid in ``year`` (all programmes)."""
        return sum(p.payments_eur.get(year, 0.0) for p in self.spec.aid_programmes)

    def _revenues(self, s: YearState, points: float, shocked: bool) -> dict:
        spec, taxes, gfg, c = self.spec, self.spec.taxes, self.spec.key_allocations, s.counts
        index = (
            revenue.at_year(spec.tax_index, s.year, 1.0)
            / revenue.at_year(spec.tax_index, self.start_year, 1.0)
            * s.growth_index
        )
        rate = spec.initial.property_tax_rate_points + points
        trade_base = taxes.trade_tax_base_eur * index
        out = {
            "property_tax_rate": rate,
            "property_tax": taxes.property_tax_base_eur * rate / 100.0,
            "trade_tax": trade_base
            * (spec.initial.trade_tax_rate_points - taxes.trade_tax_levy_points)
            / 100.0,
            "income_tax": taxes.income_tax_eur_per_working_age_year * c.working_age * index,
            "sales_tax": taxes.sales_tax_eur_per_capita_year * c.population * index,
        }
        spend_index = (1.0 + spec.spending_growth_per_year) ** (s.year - self.start_year)
        out["other_revenue"] = taxes.other_revenue_eur_per_capita_year * c.population * spend_index
        out["tax_capacity"] = (
            taxes.property_tax_base_eur * gfg.fictive_property_tax_rate_points / 100.0
            + trade_base * (gfg.fictive_trade_tax_rate_points - taxes.trade_tax_levy_points) / 100
            + out["income_tax"]
            + out["sales_tax"]
        )
        mass = revenue.at_year(gfg.mass_bn_eur, s.year, 1.0)
        mass0 = revenue.at_year(gfg.mass_bn_eur, self.start_year, 1.0)
        out["key_need"] = (
            gfg.base_amount_eur * mass / mass0 * revenue.need_units(c.population, c.low_income, gfg)
        )
        out["key_allocations"] = revenue.key_allocations(
            out["key_need"], out["tax_capacity"], gfg.equalisation_share
        )
        lines = ("property_tax", "trade_tax", "income_tax", "sales_tax", "other_revenue")
        total = sum(out[k] for k in lines) + out["key_allocations"]
        out["revenue"] = total * (
            shock_factor(spec.fiscal_shocks, "revenues", s.year) if shocked else 1.0
        )
        return out

    def _county_levy(self, s: YearState, levy_base: float, social_shock: float) -> dict:
        """Kreisumlage = rate x (tax capacity + Schlüsselzuweisungen), on the unshocked base."""
        kreis = self.spec.county
        share = kreis.social_share_of_need
        if s.year <= self._last_rate_year:
            rate = county.levy_rate(
                revenue.at_year(kreis.levy_rate, s.year, 0.0), share, social_shock
            )
        else:
            now = county.social_spending_per_capita(kreis.social_spending, s.counts)
            if self.social_reference is None:
                self.social_reference = now
            ratio = now / self.social_reference if self.social_reference > 0 else 1.0
            last = kreis.levy_rate[self._last_rate_year]
            rate = county.levy_rate(last, share, social_shock * ratio)
        return {"county_levy_rate": rate, "county_levy": rate * levy_base}

    def _own_spending(self, counts: Counts, index: float, savings: dict[str, float]) -> dict:
        out, total, saved = {}, 0.0, 0.0
        for line in self.spec.own_spending:
            amount = line.eur_per_person_year * counts.line(line) * index
            out[f"own_{line.name}"] = amount
            saved += amount * savings.get(line.name, 0.0)
            total += amount * (1.0 - savings.get(line.name, 0.0))
        out["savings"] = saved
        out["own_mandatory"] = total
        return out

    def _voluntary(self, s: YearState, index: float, cuts: dict[str, float]) -> dict:
        out = {}
        for line in self.spec.voluntary:
            if line.name == FACILITY_LINE:
                amount = s.facility_eur
            else:
                full = line.eur_per_capita_year * s.counts.population * index
                amount = full * (1.0 - cuts.get(line.name, 0.0))
            out[f"voluntary_{line.name}"] = amount
        out["voluntary"] = sum(out.values())
        return out
