"""Benchmark 1: the full Herten scenario, every resident an individual, 30 years monthly.

    .venv/bin/python bench/bench_full_run.py [--runs 5] [--years 30] [--against REV]

``--against REV`` times this tree and git revision REV (checked out in a temporary worktree,
imported instead of this tree) in alternation, twice, and prints the CPU medians and their ratio.

Two variants: the scenario as shipped (provider network; the facility may close, after which the
citizens' phases stop) and with the ``org_municipal`` overlay (the town runs and funds it, so it
stays open and every mechanism runs every month of the 30 years). Each variant runs in one fresh
process: import time, scenario loading, then ``--runs`` timed calls of ``simulator.run`` (seeds
1..N; wall and CPU time; the first run is not discarded), then peak resident memory of the whole
process (``ru_maxrss``, interpreter and libraries included), then one more run under
``tracemalloc`` for the peak of memory allocated by the run itself.

Targets (issues 2 and 9): median at most 1.5 s (issue 9; issue 2: 2 s on one core), peak
memory at most 300 MB.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import (
    HERTEN,
    ROOT,
    child,
    emit,
    peak_rss_mb,
    spread,
    table,
    time_verdict,
    timed,
    verdict,
)

VARIANTS = {"as shipped": "", "org_municipal (open 30 years)": "org_municipal"}
TARGET_S, TARGET_MB = 1.5, 300


def measure(overlay: str, runs: int, years: int) -> dict:
    """In this (fresh) process: import, load, time ``runs`` runs, then memory."""
    start = time.perf_counter()
    import simulator
    import simulator.runner  # noqa: F401  (numpy, pandas, mesa, pydantic, humanleague)

    import_s = time.perf_counter() - start
    rss_import_mb = peak_rss_mb()
    overlays = [overlay] if overlay else []
    herten = Path(simulator.__file__).resolve().parents[1] / "scenarios" / HERTEN.name
    scenario, load_s, _ = timed(simulator.load_scenario, herten, overlays)
    walls, cpus, open_years = [], [], []
    for seed in range(1, runs + 1):
        result, wall, cpu = timed(simulator.run, scenario, seed=seed, years=years)
        walls.append(wall)
        cpus.append(cpu)
        open_years.append(result.summary["years_open"])
    peak_mb = peak_rss_mb()
    tracemalloc.start()
    simulator.run(scenario, seed=1, years=years)
    traced_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {
        "wall_s": spread(walls),
        "cpu_s": spread(cpus),
        "import_s": import_s,
        "load_s": load_s,
        "rss_after_import_mb": rss_import_mb,
        "peak_rss_mb": peak_mb,
        "traced_peak_mb": traced_mb,
        "years_open_mean": sum(open_years) / len(open_years),
        "population": scenario.town.population,
    }


def collect(runs: int = 5, years: int = 30, tree: Path | None = None) -> dict:
    """Both variants, each in its own child process (importing ``tree``'s code if given)."""
    out = {}
    for label, overlay in VARIANTS.items():
        out[label] = child(
            "bench_full_run.py", "--overlay", overlay, "--runs", runs, "--years", years, tree=tree
        )
    return out


def against(revision: str, runs: int, years: int) -> str:
    """This tree and ``revision`` (a temporary git worktree) side by side, in alternation."""
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "tree"
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "--detach", str(old), revision], check=True)
        try:
            rows = []
            for _ in range(2):  # alternate, so a change in load hits both
                now, then = collect(runs, years), collect(runs, years, tree=old)
                for label in VARIANTS:
                    a, b = now[label]["cpu_s"]["median"], then[label]["cpu_s"]["median"]
                    rows.append([label, f"{a:.2f}", f"{b:.2f}", f"{a / b:.2f}"])
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(old)], check=True)
    header = ["Herten, 30 years", "CPU median s, this tree", f"CPU median s, {revision}", "ratio"]
    return table(header, rows)


def render(results: dict) -> str:
    """The Markdown table."""
    rows = []
    for label, r in results.items():
        w = r["wall_s"]
        rows.append(
            [
                label,
                f"{r['population']:,}",
                f"{r['years_open_mean']:.1f}",
                f"{w['median']:.2f}",
                f"{w['min']:.2f}",
                f"{w['max']:.2f}",
                f"{r['cpu_s']['median']:.2f}",
                f"{r['import_s']:.2f}",
                f"{r['peak_rss_mb']:.0f} ({r['rss_after_import_mb']:.0f} after import)",
                f"{r['traced_peak_mb']:.0f}",
                f"{time_verdict(w['median'], r['cpu_s']['median'], TARGET_S)}"
                f" / {verdict(r['peak_rss_mb'], TARGET_MB)}",
            ]
        )
    header = [
        "Herten, 30 years",
        "residents",
        "years open",
        f"median s (n={w['n']})",
        "min s",
        "max s",
        "CPU median s",
        "import s",
        "peak RSS MB",
        "run's own peak MB (tracemalloc)",
        "≤ 1.5 s / ≤ 300 MB",
    ]
    return table(header, rows)


def main() -> None:
    """Parse options; as parent print the table, as child measure one variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--overlay", default="", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--against", metavar="REV", help="also time git revision REV; print ratios")
    args = parser.parse_args()
    if args.child:
        emit(measure(args.overlay, args.runs, args.years))
        return
    if args.against:
        print(against(args.against, args.runs, args.years))
        return
    print(render(collect(args.runs, args.years)))


if __name__ == "__main__":
    sys.exit(main())
