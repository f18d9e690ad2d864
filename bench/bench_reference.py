"""Benchmark 2: the vectorised model against the per-object reference, side by side.

    .venv/bin/python bench/bench_reference.py [--cases 10000x30,61500x2]

Both models run the same scenario (Herten with ``org_municipal``, council support threshold 0
so the facility stays open) from the identical synthesised population (same seed) with the
same institutions, money phase and records; they differ only in how the residents' phases run:
numpy arrays (``simulator.rules``) or one ``mesa.Agent`` per resident stepped with
``AgentSet.shuffle_do`` (``simulator.reference``). Per case one fresh process runs the
vectorised model ``--runs`` times and the reference once. Reported: whole-run times and their
ratio, and the time spent in the residents' phases alone (demography and the monthly citizens
phase; in the reference including copying agent state into the arrays the shared phases read).

Target (issue 9): the vectorised model at least 30 times faster than the reference.
"""

from __future__ import annotations

import argparse
import time

from common import HERTEN, child, emit, spread, table, timed, verdict

CASES = ("10000x30", "61500x2")
TARGET_RATIO = 30.0


def phase_timer(owner, name: str, bucket: list) -> None:
    """Wrap ``owner.name`` so that its wall time is added to ``bucket[0]``."""
    original = getattr(owner, name)

    def wrapped(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            bucket[0] += time.perf_counter() - start

    setattr(owner, name, wrapped)


def measure(population: int, years: int, runs: int) -> dict:
    """In this (fresh) process: the vectorised model ``runs`` times, then the reference once."""
    import simulator
    from simulator.processes import use, yearly
    from simulator.reference import ReferenceModel, simulate_reference
    from simulator.runner import simulate

    overrides = {"town.population": population, "municipality.support_threshold": 0.0}
    scenario = simulator.load_scenario(HERTEN, ["org_municipal"], overrides)
    fast_phase, slow_phase = [0.0], [0.0]
    for name in ("citizens", "demography"):
        phase_timer(use if name == "citizens" else yearly, name, fast_phase)
    for name in ("citizens_month", "demography"):
        phase_timer(ReferenceModel, name, slow_phase)
    walls, cpus = [], []
    for _ in range(runs):
        fast, wall, cpu = timed(simulate, scenario, seed=1, years=years)
        walls.append(wall)
        cpus.append(cpu)
    slow, slow_wall, slow_cpu = timed(simulate_reference, scenario, seed=1, years=years)
    months = 12 * years
    return {
        "population": population,
        "years": years,
        "vector_wall_s": spread(walls),
        "vector_cpu_s": spread(cpus),
        "vector_residents_phase_s": fast_phase[0] / runs,
        "reference_wall_s": slow_wall,
        "reference_cpu_s": slow_cpu,
        "reference_residents_phase_s": slow_phase[0],
        "resident_months": population * months,
        "visits": [
            fast.recorder.summary()["visits_per_year_mean"],
            slow.recorder.summary()["visits_per_year_mean"],
        ],
        "population_end": [len(fast.citizens), len(slow.citizens)],
    }


def collect(cases=CASES, runs: int = 3) -> list[dict]:
    """One child per case ("POPULATIONxYEARS")."""
    out = []
    for case in cases:
        population, years = (int(x) for x in case.split("x"))
        out.append(
            child(
                "bench_reference.py", "--population", population, "--years", years, "--runs", runs
            )
        )
    return out


def render(results: list[dict]) -> str:
    """The Markdown table with the speed ratios."""
    rows = []
    for r in results:
        fast = r["vector_wall_s"]["median"]
        ratio = r["reference_wall_s"] / fast
        cpu_ratio = r["reference_cpu_s"] / r["vector_cpu_s"]["median"]
        phase_ratio = r["reference_residents_phase_s"] / r["vector_residents_phase_s"]
        rows.append(
            [
                f"{r['population']:,} x {r['years']} y",
                f"{fast:.2f}",
                f"{r['reference_wall_s']:.1f}",
                f"{ratio:.0f}x",
                f"{cpu_ratio:.0f}x",
                f"{phase_ratio:.0f}x",
                f"{r['reference_wall_s'] / r['resident_months'] * 1e6:.1f}",
                f"{fast / r['resident_months'] * 1e9:.0f}",
                " / ".join(f"{v:,.0f}" for v in r["visits"]),
                verdict(ratio, TARGET_RATIO, higher_is_better=True),
            ]
        )
    header = ["residents x years", "vectorised s (median)", "reference s", "speed-up (wall)"]
    header += [
        "speed-up (CPU)",
        "speed-up, residents' phases only",
        "reference µs / resident-month",
    ]
    header += ["vectorised ns / resident-month", "visits/year vec / ref", "≥ 30x"]
    return table(header, rows)


def main() -> None:
    """Parse options; as parent print the table, as child measure one case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="POPULATIONxYEARS,...")
    parser.add_argument("--runs", type=int, default=3, help="vectorised runs per case")
    parser.add_argument("--population", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--years", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        emit(measure(args.population, args.years, args.runs))
        return
    print(render(collect(args.cases.split(","), args.runs)))


if __name__ == "__main__":
    main()
