"""The budget-consolidation plan (HSK, § 76 GO NRW, MF §5a): what it needs and what gives it.

Each January of an HSK year the Kämmerer projects the result without measures and aid (last
year's, plus the changes already known: interest path, GFG mass, tax index, a scheduled debt
relief) and the plan's conditions: balance with a small surplus by the target year (at most ten
years after the first plan year), and for an aid programme balance with aid from one year and
without aid from another. The consolidation for the coming year closes the remaining gap to each
condition in equal steps over the years left; the largest such step is planned. It is drawn
from the measures in their priority order, each up to what it can give by then (staff savings
and tax rises build up year by year, voluntary cuts act at once), so a line — the facility's
grant among them — is cut only when every measure before it is used up. The plan is revised each
year; a need that falls is released along the plan's path, the last line cut restored first.
Outside HSK the budget must balance each year (§ 75 (2) GO NRW): the town takes at once what
balance with the margin needs in the coming year, as far as the measures can grow in a year.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario.schema.municipality import FACILITY_LINE

INF = float("inf")


@dataclass(frozen=True)
class Condition:
    """A plan condition: balance (with the target surplus) in ``year``, with or without aid."""

    year: int
    with_aid: bool


def ceilings(measures, initial_rate_points: float) -> list[float]:
    """The largest level of each measure (share, or Hebesatz points above the start)."""
    out = []
    for m in measures:
        if m.measure == "property_tax":
            out.append(max(0.0, m.max_rate_points - initial_rate_points))
        else:
            out.append(m.max_share)
    return out


def steps(measures) -> list[float]:
    """How much each measure's level can grow in one year."""
    return [
        m.max_share_per_year
        if m.measure == "savings"
        else m.max_points_per_year
        if m.measure == "property_tax"
        else INF
        for m in measures
    ]


def reachable(levels, caps, yearly, years: int) -> list[float]:
    """Levels each measure can reach in ``years`` years from ``levels``."""
    return [min(c, lv + s * years) for lv, c, s in zip(levels, caps, yearly, strict=True)]


def volume(levels, units) -> float:
    """EUR a year the measures at ``levels`` give (``units``: EUR per unit of level)."""
    return sum(lv * u for lv, u in zip(levels, units, strict=True))


def allocate(wanted: float, units, floors, caps) -> tuple[float, ...]:
    """Levels giving ``wanted`` EUR: keep ``floors``, then fill measures in order up to ``caps``."""
    levels = list(floors)
    left = wanted - volume(floors, units)
    for i, unit in enumerate(units):
        if left <= 1.0:  # below a euro: rounding, not a measure
            break
        if unit <= 0:
            continue
        extra = min(max(0.0, caps[i] - levels[i]), left / unit)
        levels[i] += extra
        left -= extra * unit
    return tuple(levels)


class ConsolidationPlan:
    """The plan in force: its years, conditions, the measures' levels and why the facility is cut."""

    def __init__(self, spec):
        self.spec = spec
        self.measures = spec.hsk.measures
        self.caps = ceilings(self.measures, spec.initial.property_tax_rate_points)
        self.yearly = steps(self.measures)
        self.levels: tuple[float, ...] = tuple(0.0 for _ in self.measures)
        self.first_year: int | None = None
        self.target_year: int | None = None
        self.approvable = True
        self.planned_eur = 0.0
        self.facility_reason = ""

    def adopt(self, first_year: int, target_year: int | None = None) -> None:
        """A new plan from ``first_year``; balance by ``target_year`` (default: the legal maximum)."""
        self.first_year = first_year
        self.target_year = target_year or first_year + self.spec.hsk.max_plan_years
        self.approvable = True

    def conditions(self) -> list[Condition]:
        """Balance by the target year (aid counted), and each aid programme's two years."""
        out = [Condition(self.target_year, True)]
        for programme in self.spec.aid_programmes:
            out.append(Condition(programme.balance_with_aid_year, True))
            out.append(Condition(programme.balance_without_aid_year, False))
        return out

    @property
    def facility_cut(self) -> float:
        """Share of the facility grant the plan cuts (0 if its line is not reached)."""
        for measure, level in zip(self.measures, self.levels, strict=True):
            if measure.measure == "voluntary_cut" and measure.line == FACILITY_LINE:
                return level
        return 0.0

    def plan_year(self, year: int, units, need, hsk: bool) -> None:
        """Set the measures for ``year``.

        Under HSK: the largest equal step from the measures in force towards any condition (the
        plan is revised each year; a smaller need is released along the plan's path). Outside
        HSK: what balance with the margin needs in ``year`` (§ 75 (2) GO NRW). More is drawn in
        priority order, as far as the measures can grow in a year; less is released in reverse
        order. ``need(year, with_aid)`` is the consolidation (EUR) a condition requires.
        """
        current = volume(self.levels, units)
        wanted = self._hsk_step(year, units, need, current) if hsk else need(year, True)
        if wanted >= current:
            caps = reachable(self.levels, self.caps, self.yearly, 1)
            self.levels = allocate(wanted, units, self.levels, caps)
        else:
            self.levels = allocate(max(0.0, wanted), units, [0.0] * len(units), self.levels)
        self.planned_eur = wanted
        self._explain(year, units, wanted, hsk)

    def _hsk_step(self, year: int, units, need, current: float) -> float:
        """The largest equal step towards any condition; whether the plan can reach them all.

        A condition whose year has passed requires balance at once: a missed target buys no time.
        """
        wanted, self.approvable = -INF, True
        for c in self.conditions():
            required = need(max(c.year, year), c.with_aid)
            years_left = max(1, c.year - year + 1)
            wanted = max(wanted, current + (required - current) / years_left)
            best = reachable(self.levels, self.caps, self.yearly, years_left)
            self.approvable &= volume(best, units) >= required
        return wanted

    def _explain(self, year: int, units, wanted: float, hsk: bool) -> None:
        """The reason the plan gives for the facility grant's cut (empty if not cut)."""
        cut = self.facility_cut
        if cut <= 0:
            self.facility_reason = ""
            return
        before = []
        for measure, level, unit in zip(self.measures, self.levels, units, strict=True):
            if measure.measure == "voluntary_cut" and measure.line == FACILITY_LINE:
                break
            name = getattr(measure, "line", None) or measure.measure
            before.append(f"{name} {level * unit / 1e6:.1f}")
        plan = f"HSK plan {self.first_year}-{self.target_year}" if hsk else f"budget {year}"
        self.facility_reason = (
            f"{plan}: {wanted / 1e6:.1f} M EUR "
            f"consolidation planned for {year}; the measures before the facility grant "
            f"({', '.join(before)} M EUR) do not cover it, so the council cuts the grant by "
            f"{cut:.0%} on the Kämmerer's draft"
            + ("" if self.approvable or not hsk else " (balance not reachable in the plan period)")
        )
