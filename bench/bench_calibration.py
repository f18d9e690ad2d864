"""The calibration benchmark: an 8-parameter ABC-SMC of both towns against 6 patterns.

    .venv/bin/python bench/bench_calibration.py                 # bench/calibrate_both_towns.yaml, 2 workers
    .venv/bin/python bench/bench_calibration.py --workers 1
    .venv/bin/python bench/bench_calibration.py --generations 2 --particles 40   # a quick look

Runs ``dewak calibrate`` in a fresh process into a temporary folder (removed afterwards) and
prints its wall time, the CPU time of the process and all its workers (``RUSAGE_CHILDREN``),
the generations (epsilon, acceptance rate, effective sample size, model runs), the posterior and
the pattern fit. Target (issue #13): at most 30 minutes on this 2-core machine. Nothing is
written: copy the output into bench/README.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml
from common import ROOT, machine, table

CALIBRATION = ROOT / "bench" / "calibrate_both_towns.yaml"
DEWAK = Path(sys.executable).with_name("dewak")
TARGET_S = 30 * 60


def run(workers: int, generations: int | None, particles: int | None) -> dict:
    """Calibrate in a temporary folder; return times, diagnostics and the summary."""
    folder = Path(tempfile.mkdtemp(prefix="bench-calibration-"))
    try:
        path = _calibration_file(folder, particles)
        command = [str(DEWAK), "calibrate", str(path), "--out", str(folder / "out")]
        command += ["--workers", str(workers)]
        if generations is not None:
            command += ["--generations", str(generations)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        load, start = os.getloadavg()[0], time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        summary = json.loads((folder / "out" / "summary.json").read_text())
        gens = pd.read_csv(folder / "out" / "generations.csv")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "load_start": load,
        "load_end": os.getloadavg()[0],
        "summary": summary,
        "generations": gens,
    }


def _calibration_file(folder: Path, particles: int | None) -> Path:
    """The benchmark's calibration file, with another population size if asked (same folder)."""
    if particles is None:
        return CALIBRATION
    data = yaml.safe_load(CALIBRATION.read_text())
    data["population_size"] = particles
    path = ROOT / "bench" / f".bench-calibration-{os.getpid()}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def report(result: dict, workers: int) -> None:
    """Print the measurement as Markdown."""
    s = result["summary"]
    print(f"\n{machine()}")
    print(
        f"\n{s['name']}: {len(s['parameters'])} parameters, "
        f"{sum(p['role'] == 'calibration' for p in s['patterns'])} calibration patterns, "
        f"{workers} workers; stopped by {s['stop_reason']} after {s['generations']} generations"
    )
    verdict = "met" if result["wall_s"] <= TARGET_S else "MISSED"
    print(
        f"wall {result['wall_s'] / 60:.1f} min, CPU {result['cpu_s'] / 60:.1f} min "
        f"(process and workers); target ≤ 30 min wall: {verdict}; load average "
        f"{result['load_start']:.1f} at the start, {result['load_end']:.1f} at the end"
    )
    print(f"{s['model_runs']} model runs, {s['particle_evaluations']} particle evaluations\n")
    gens = result["generations"]
    print(table(list(gens.columns), gens.round(4).astype(object).values.tolist()))
    print("\n| parameter | median | 90 % interval | prior |\n|---|---|---|---|")
    for name, p in s["parameters"].items():
        prior = p["prior"]
        print(
            f"| {name} | {p['median']:.4g} | {p['q05']:.4g} – {p['q95']:.4g} | "
            f"{prior['kind']} [{prior['low']:g}, {prior['high']:g}] |"
        )
    print("\n| pattern | role | target | model median (90 %) | |\n|---|---|---|---|---|")
    for row in s["patterns"]:
        verdict = "n/a" if row["hit"] is None else "hit" if row["hit"] else "miss"
        print(
            f"| {row['pattern']} | {row['role']} | {row['target']} | {row['model_median']:.4g} "
            f"({row['model_q05']:.4g} – {row['model_q95']:.4g}) | {verdict} |"
        )


def main() -> None:
    """Parse options, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--generations", type=int, default=None)
    parser.add_argument("--particles", type=int, default=None)
    args = parser.parse_args()
    try:
        result = run(args.workers, args.generations, args.particles)
    finally:
        for stale in (ROOT / "bench").glob(f".bench-calibration-{os.getpid()}.yaml"):
            stale.unlink()
    report(result, args.workers)


if __name__ == "__main__":
    main()
