"""Benchmark 3: scaling with town size, 10k to 1M residents, 30 years monthly.

    .venv/bin/python bench/bench_scaling.py [--sizes 10000,30000,61500,250000,1000000]

Herten with the ``org_municipal`` overlay and ``town.population`` overridden; districts, age
structure and all rates stay as they are (the facility is not enlarged, so in large towns
crowding limits visits; that costs no time). The council's support threshold is set to 0 so
that the facility stays open for all 30 years at every size (in a town of 10,000 the council
otherwise withdraws in some seeds) and every mechanism runs every month; the table shows it. Each
size runs in a fresh process: ``--repeats`` runs for towns up to 61.5k, one run above. Time per
resident-month = wall time of ``simulator.run`` / sum over months of the population (the
population changes over the 30 years). Peak memory is the process's ``ru_maxrss``. A town of
1,000 is run too: its time is the part of a run that does not grow with the residents, and the
table's last line shows the cost per resident-month above it.

Targets (issue 9): time per resident-month flat within 30 % across sizes; 1M residents x 30
years at most 60 s and at most 2 GB.
"""

from __future__ import annotations

import argparse

from common import HERTEN, child, emit, peak_rss_mb, spread, table, time_verdict, timed, verdict

SIZES = (10_000, 30_000, 61_500, 250_000, 1_000_000)
FLOOR = 1_000  # a tiny town: its run time is the part that does not grow with residents
FLAT_WITHIN = 0.30
MILLION_S, MILLION_MB = 60.0, 2048.0


def measure(population: int, repeats: int, years: int) -> dict:
    """In this (fresh) process: ``repeats`` runs of a town of ``population``."""
    import simulator
    import simulator.runner  # noqa: F401

    overrides = {"town.population": population, "municipality.support_threshold": 0.0}
    scenario = simulator.load_scenario(HERTEN, ["org_municipal"], overrides)
    walls, cpus, open_years = [], [], []
    for seed in range(1, repeats + 1):
        result, wall, cpu = timed(simulator.run, scenario, seed=seed, years=years)
        walls.append(wall)
        cpus.append(cpu)
        open_years.append(result.summary["years_open"])
    resident_months = float(result.monthly["population"].sum())
    return {
        "population": population,
        "wall_s": spread(walls),
        "cpu_s": spread(cpus),
        "resident_months": resident_months,
        "years_open_min": min(open_years),
        "peak_rss_mb": peak_rss_mb(),
    }


def collect(sizes=SIZES, repeats: int = 3, years: int = 30) -> tuple[list[dict], dict]:
    """One child per size (several repeats only for the small towns), and the floor town."""
    floor = child("bench_scaling.py", "--population", FLOOR, "--repeats", repeats, "--years", years)
    out = []
    for n in sizes:
        reps = repeats if n <= 61_500 else 1
        out.append(
            child("bench_scaling.py", "--population", n, "--repeats", reps, "--years", years)
        )
    return out, floor


def ns_per_resident_month(r: dict, key: str = "wall_s") -> float:
    """Median time per resident-month in nanoseconds."""
    return r[key]["median"] / r["resident_months"] * 1e9


def marginal_ns(r: dict, floor: dict) -> float:
    """CPU ns per resident-month once the size-independent part (the floor town's CPU) is removed."""
    extra = r["resident_months"] - floor["resident_months"]
    return (r["cpu_s"]["median"] - floor["cpu_s"]["median"]) / extra * 1e9


def render(results: list[dict], floor: dict | None = None) -> str:
    """The Markdown table, the flatness and 1M verdicts, and the size-independent part."""
    rows = []
    for r in results:
        w = r["wall_s"]
        rows.append(
            [
                f"{r['population']:,}",
                w["n"],
                f"{r['years_open_min']:.0f}",
                f"{w['median']:.2f}",
                f"{w['min']:.2f}",
                f"{w['max']:.2f}",
                f"{r['cpu_s']['median']:.2f}",
                f"{ns_per_resident_month(r):.0f}",
                f"{ns_per_resident_month(r, 'cpu_s'):.0f}",
                f"{r['peak_rss_mb']:.0f}",
            ]
        )
    header = ["residents", "runs", "years open (min)", "median s", "min s", "max s", "CPU median s"]
    header += ["ns / resident-month", "CPU ns / resident-month", "peak RSS MB"]
    text = table(header, rows) + "\n"
    for key, label in (("wall_s", "wall"), ("cpu_s", "CPU")):
        per = [ns_per_resident_month(r, key) for r in results]
        ratio = max(per) / min(per) - 1.0
        text += f"\n- spread of {label} time per resident-month (max/min - 1): {ratio:.0%}"
        text += f" (target ≤ {FLAT_WITHIN:.0%}: {verdict(ratio, FLAT_WITHIN)})"
    if floor is not None:
        per = [marginal_ns(r, floor) for r in results]
        fixed_ms = floor["cpu_s"]["median"] * 1e3
        text += (
            f"\n- size-independent part (CPU of a town of {floor['population']:,}): {fixed_ms:.0f} ms"
            f" per run; above it, CPU ns per resident-month: {', '.join(f'{v:.0f}' for v in per)}"
            f" (spread {max(per) / min(per) - 1:.0%})"
        )
    million = [r for r in results if r["population"] >= 1_000_000]
    if million:
        m = million[0]
        text += (
            f"\n- 1M residents x 30 years: {m['wall_s']['median']:.1f} s, {m['peak_rss_mb']:.0f} MB"
            f" (CPU {m['cpu_s']['median']:.1f} s; targets ≤ 60 s:"
            f" {time_verdict(m['wall_s']['median'], m['cpu_s']['median'], MILLION_S)},"
            f" ≤ 2 GB: {verdict(m['peak_rss_mb'], MILLION_MB)})"
        )
    return text


def main() -> None:
    """Parse options; as parent print the table, as child measure one size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--population", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        emit(measure(args.population, args.repeats, args.years))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(render(*collect(sizes, args.repeats, args.years)))


if __name__ == "__main__":
    main()
