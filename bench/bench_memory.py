"""Benchmark: memory of many runs in one process (a sweep worker), with and without the release.

    .venv/bin/python bench/bench_memory.py [--runs 60] [--warm-up 10]

Wetter (Ruhr), 30 years, ``simulator.run`` with seeds 1..N in one fresh process. Resident
memory (VmRSS, after ``gc.collect()``) is read after the warm-up runs and after the last one;
the growth between them is what a long sweep worker would accumulate. The second variant
switches the release off as it was before (``CooperationModel.dispose`` and
``simulator.model.release_from_mesa`` made no-ops): every model stayed referenced by Mesa 3.3's
``mesa.Agent._ids``, and its reference cycles waited for a full garbage collection.

Target (issue 16): growth at most 20 MB over 60 runs after the first 10.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from common import SCENARIOS, child, emit, table, verdict

WETTER = SCENARIOS / "wetter_buergertreff.yaml"
TARGET_MB = 20.0
VARIANTS = {"models released (as shipped)": "", "release switched off (Mesa 3.3 before)": "off"}


def rss_mb() -> float:
    """Current resident memory of this process after a full collection (Linux VmRSS)."""
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(runs: int, warm_up: int, release: str) -> dict:
    """In this (fresh) process: ``runs`` runs, memory after the warm-up and at the end."""
    import simulator
    import simulator.model

    if release == "off":
        simulator.model.release_from_mesa = lambda model: None
        simulator.model.CooperationModel.dispose = lambda model: None
    scenario = simulator.load_scenario(WETTER)
    after: dict[int, float] = {}
    for seed in range(1, runs + 1):
        simulator.run(scenario, seed=seed)
        if seed in (warm_up, runs):
            after[seed] = rss_mb()
    return {
        "runs": runs,
        "warm_up": warm_up,
        "rss_warm_mb": after[warm_up],
        "rss_end_mb": after[runs],
    }


def collect(runs: int = 60, warm_up: int = 10) -> dict:
    """Both variants, each in its own child process."""
    return {
        label: child("bench_memory.py", "--runs", runs, "--warm-up", warm_up, "--release", flag)
        for label, flag in VARIANTS.items()
    }


def growth_mb(result: dict) -> float:
    """RSS growth from the end of the warm-up to the last run, MB."""
    return result["rss_end_mb"] - result["rss_warm_mb"]


def render(results: dict) -> str:
    """The Markdown table."""
    rows = []
    for label, r in results.items():
        growth = growth_mb(r)
        rows.append(
            [
                label,
                r["runs"],
                f"{r['rss_warm_mb']:.0f}",
                f"{r['rss_end_mb']:.0f}",
                f"{growth:+.1f}",
                f"{growth / (r['runs'] - r['warm_up']):+.2f}",
                verdict(growth, TARGET_MB),
            ]
        )
    header = [
        "Wetter, 30 years, one process",
        "runs",
        "RSS after warm-up MB",
        "RSS at the end MB",
        "growth MB",
        "MB per run",
        f"≤ {TARGET_MB:.0f} MB",
    ]
    return table(header, rows)


def main() -> None:
    """Parse options; as parent print the table, as child measure one variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--warm-up", type=int, default=10)
    parser.add_argument("--release", default="", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        emit(measure(args.runs, args.warm_up, args.release))
        return
    print(render(collect(args.runs, args.warm_up)))


if __name__ == "__main__":
    sys.exit(main())
