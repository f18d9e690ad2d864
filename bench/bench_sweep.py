"""Sweep benchmark: runs per hour, parallel efficiency, parent memory (prints a table).

    .venv/bin/python bench/bench_sweep.py                 # real model, defaults below
    .venv/bin/python bench/bench_sweep.py --model toy     # toy runner (no model needed)

Parts:

1. **Throughput and parallel efficiency.** The same runs are executed serially, on the local
   process pool with 2 workers and on a Dask LocalCluster with 2 workers (127.0.0.1).
   Efficiency = serial time / (2 x parallel time), wall clock of the whole ``run_experiment``
   call, start-up of the workers included. With ``--model real`` each run is the real model
   on the Herten scenario (``--years``, default its full horizon); with ``--model toy`` each
   run burns ``--work`` million floating-point operations in the toy runner.
2. **Parent peak memory** for 100 and for 1,000 runs: peak resident memory (ru_maxrss) of the
   parent process of a pool sweep with 2 workers. The runs use the cheap toy runner (the
   parent's memory is what is measured, and the parent never runs a model on the pool), each
   with a 10-year annual table, so the parent receives, batches and writes realistic results.

Each measurement runs in a fresh child process (fair start-up, independent memory peaks).
Timings are printed, never asserted by tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HERTEN = ROOT / "scenarios" / "herten_integration_centre.yaml"


def write_experiment(folder: Path, model: str, runs: int, work: float, years: int | None) -> Path:
    """An experiment of ``runs`` replications of one point (distinct seeds)."""
    (folder / "experiments").mkdir(parents=True, exist_ok=True)
    scenarios = folder / "scenarios"
    if model == "toy":
        scenarios.mkdir(exist_ok=True)
        (scenarios / "toy.yaml").write_text("name: toy\n")
        scenario = "../scenarios/toy.yaml"
    else:
        if not scenarios.exists():  # a copy: the loader refuses symlinks out of the folder
            shutil.copytree(ROOT / "scenarios", scenarios)
        scenario = f"../scenarios/{HERTEN.name}"
    experiment = {
        "name": f"bench_{model}_{runs}",
        "scenario": scenario,
        "uncertainties": [{"name": "work", "path": "toy.work", "values": [work]}]
        if model == "toy"
        else [],
        "outcomes": ["viable"],
        "design": {"kind": "full_factorial"},
        "replications": runs,
        "master_seed": 1,
        "years": years,
    }
    path = folder / "experiments" / f"bench_{model}_{runs}.yaml"
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))
    return path


def child(args: argparse.Namespace) -> None:
    """Run one sweep and print its wall time and the parent's peak memory as JSON."""
    from simulator.experiments import run_experiment
    from simulator.experiments.toy import TOY_RUNNER
    from simulator.experiments.worker import DEFAULT_RUNNER

    with tempfile.TemporaryDirectory() as tmp:
        path = write_experiment(Path(tmp), args.model, args.runs, args.work, args.years)
        runner = TOY_RUNNER if args.model == "toy" else DEFAULT_RUNNER
        start = time.perf_counter()
        result = run_experiment(
            path,
            executor=args.executor,
            workers=args.workers,
            out=Path(tmp) / "out",
            progress=False,
            runner=runner,
        )
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "failed": result.failed}))


def measure(model: str, executor: str, workers: int, runs: int, work: float, years) -> dict:
    """Run :func:`child` in a fresh interpreter and return its JSON line."""
    command = [sys.executable, __file__, "--child", "--model", model, "--executor", executor]
    command += ["--workers", str(workers), "--runs", str(runs), "--work", str(work)]
    if years is not None:
        command += ["--years", str(years)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def throughput(args: argparse.Namespace) -> list[tuple]:
    """Serial, pool and Dask on the same runs: seconds, runs per hour, efficiency."""
    rows = []
    serial = None
    for executor, workers in (("serial", 1), ("pool", 2), ("dask", 2)):
        m = measure(args.model, executor, workers, args.runs, args.work, args.years)
        serial = serial or m["seconds"]
        efficiency = serial / (workers * m["seconds"])
        per_hour = args.runs / m["seconds"] * 3600
        rows.append((executor, workers, args.runs, m["seconds"], per_hour, efficiency, m["failed"]))
    return rows


def memory() -> list[tuple]:
    """Parent peak memory of a pool sweep of 100 and of 1,000 cheap toy runs."""
    return [(n, measure("toy", "pool", 2, n, 0.0, 10)["peak_mb"]) for n in (100, 1000)]


def main() -> None:
    """Parse options, run the parts, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["real", "toy"], default="real")
    parser.add_argument("--runs", type=int, default=48, help="runs per executor (default 48)")
    parser.add_argument("--work", type=float, default=40, help="toy: MFLOP per run")
    parser.add_argument("--years", type=int, default=None, help="real: horizon in years")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="serial", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(f"## Sweep throughput ({args.model} model, {args.runs} runs, same runs each)\n")
    print("| executor | workers | runs | wall s | runs/hour | parallel efficiency | failed |")
    print("|---|---|---|---|---|---|---|")
    for ex, w, n, s, ph, eff, failed in throughput(args):
        print(f"| {ex} | {w} | {n} | {s:.1f} | {ph:,.0f} | {eff:.0%} | {failed} |")
    if not args.skip_memory:
        (n1, m1), (n2, m2) = memory()
        print("\n## Parent peak memory (pool of 2, toy runs with 10-year annual tables)\n")
        print("| runs | parent peak RSS MB |\n|---|---|")
        print(f"| {n1} | {m1:.0f} |\n| {n2} | {m2:.0f} |")
        print(f"\n1,000 vs 100 runs: {m2 / m1 - 1:+.1%}")


if __name__ == "__main__":
    main()
