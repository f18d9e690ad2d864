"""The benchmark suite (``make bench``): prints every table and a summary of the targets.

    .venv/bin/python bench/run_all.py            # everything (about 10-15 minutes on 2 cores)
    .venv/bin/python bench/run_all.py --quick    # under a minute: fewer repeats, no 1M town, no sweeps
    .venv/bin/python bench/run_all.py --only full,reference

Parts: ``full`` (bench_full_run.py), ``reference`` (bench_reference.py), ``scaling``
(bench_scaling.py), ``memory`` (bench_memory.py), ``sweep`` (bench_sweep.py, the sweeps' own benchmark, run as it is) and
``make_run`` (wall time of the ``make run`` comparison: the sweep of
experiments/compare_organisation_models.yaml on 2 workers plus its report, in a temporary
folder). Every measurement runs in a fresh process. Nothing is written: copy the output into
bench/README.md by hand.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_full_run
import bench_memory
import bench_reference
import bench_scaling
from common import ROOT, machine, table, time_verdict, verdict

PARTS = ("full", "reference", "scaling", "memory", "sweep", "make_run")
EXPERIMENT = ROOT / "experiments" / "compare_organisation_models.yaml"
DEWAK = Path(sys.executable).with_name("dewak")
MAKE_RUN_TARGET_S = 300.0


def make_run_times() -> dict | None:
    """Wall time of the flagship sweep (2 workers) and of its report, in a temporary folder."""
    if not EXPERIMENT.exists():
        return None
    out = Path(tempfile.mkdtemp(prefix="bench-make-run-"))
    try:
        start = time.perf_counter()
        sweep = [
            str(DEWAK),
            "sweep",
            str(EXPERIMENT),
            "--out",
            str(out / "sweep"),
            "--workers",
            "2",
        ]
        done = subprocess.run([*sweep, "--no-progress"], capture_output=True, text=True, cwd=ROOT)
        sweep_s = time.perf_counter() - start
        start = time.perf_counter()
        report = [str(DEWAK), "report", str(out / "sweep"), "--out", str(out / "report.html")]
        rep = subprocess.run(report, capture_output=True, text=True, cwd=ROOT)
        report_s = time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {
        "sweep_s": sweep_s,
        "report_s": report_s,
        "sweep_exit": done.returncode,
        "report_exit": rep.returncode,
        "error": (done.stderr or rep.stderr)[-500:]
        if done.returncode > 1 or rep.returncode
        else "",
    }


def sweep_benchmark() -> str:
    """bench/bench_sweep.py as its author wrote it (pool and Dask efficiency, parent memory)."""
    command = [sys.executable, str(ROOT / "bench" / "bench_sweep.py")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    return done.stdout if done.returncode == 0 else f"bench_sweep.py failed:\n{done.stderr[-2000:]}"


def summary(results: dict) -> str:
    """One line per target: what was measured, and whether it met the target."""
    rows = full_rows(results.get("full", {})) + reference_rows(results.get("reference", []))
    if "scaling" in results:
        rows += scaling_rows(results["scaling"], results["scaling_floor"])
    shipped = next(iter(results.get("memory", {}).values()), None)
    if shipped:
        growth = bench_memory.growth_mb(shipped)
        label = f"RSS growth over {shipped['runs']} runs in one process, after the first 10"
        rows.append([label, "≤ 20 MB", f"{growth:+.1f} MB", verdict(growth, 20)])
    mr = results.get("make_run")
    if mr:
        total = mr["sweep_s"] + mr["report_s"]
        label = "`make run` comparison (sweep + report, 2 workers)"
        rows.append([label, "≤ 5 min", f"{total:.0f} s", verdict(total, MAKE_RUN_TARGET_S)])
    return table(["target", "limit", "measured", "verdict"], rows)


def full_rows(full: dict) -> list[list]:
    """Median time and peak memory of each full-run variant."""
    rows = []
    for label, r in full.items():
        wall, cpu, mb = r["wall_s"]["median"], r["cpu_s"]["median"], r["peak_rss_mb"]
        measured = f"{wall:.2f} s (CPU {cpu:.2f} s)"
        rows.append(
            [f"full Herten run, {label}", "≤ 1.5 s", measured, time_verdict(wall, cpu, 1.5)]
        )
        rows.append(
            [f"full Herten run, {label}: peak RSS", "≤ 300 MB", f"{mb:.0f} MB", verdict(mb, 300)]
        )
    return rows


def reference_rows(reference: list[dict]) -> list[list]:
    """Speed-up over the per-object reference, per case."""
    rows = []
    for r in reference:
        ratio = r["reference_wall_s"] / r["vector_wall_s"]["median"]
        label = f"speed-up over per-object reference, {r['population']:,} x {r['years']} y"
        rows.append([label, "≥ 30x", f"{ratio:.0f}x", verdict(ratio, 30, higher_is_better=True)])
    return rows


def scaling_rows(scaling: list[dict], floor: dict) -> list[list]:
    """Flatness of the time per resident-month, and the 1M town."""
    spreads = {}
    for key in ("wall_s", "cpu_s"):
        per = [bench_scaling.ns_per_resident_month(r, key) for r in scaling]
        spreads[key] = max(per) / min(per) - 1
    measured = f"wall {spreads['wall_s']:.0%}, CPU {spreads['cpu_s']:.0%}"
    flat = "met" if spreads["wall_s"] <= 0.3 else verdict(spreads["cpu_s"], 0.3) + " (CPU)"
    rows = [["time per resident-month: spread over sizes", "≤ 30 %", measured, flat]]
    per = [bench_scaling.marginal_ns(r, floor) for r in scaling]
    label = (
        f"same, above the size-independent {floor['cpu_s']['median'] * 1e3:.0f} ms per run (CPU)"
    )
    rows.append([label, "(diagnostic)", f"{max(per) / min(per) - 1:.0%}", ""])
    for r in scaling:
        if r["population"] >= 1_000_000:
            wall, cpu, mb = r["wall_s"]["median"], r["cpu_s"]["median"], r["peak_rss_mb"]
            measured = f"{wall:.1f} s (CPU {cpu:.1f} s)"
            rows.append(
                ["1M residents x 30 years", "≤ 60 s", measured, time_verdict(wall, cpu, 60)]
            )
            rows.append(
                ["1M residents x 30 years: peak RSS", "≤ 2 GB", f"{mb:.0f} MB", verdict(mb, 2048)]
            )
    return rows


def main() -> None:
    """Run the chosen parts and print their tables, then the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 1M town, no sweeps")
    parser.add_argument(
        "--only", default=",".join(PARTS), help="comma-separated: " + ",".join(PARTS)
    )
    args = parser.parse_args()
    parts = [p for p in args.only.split(",") if p]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    if args.quick:
        parts = [p for p in parts if p not in ("sweep", "make_run")]
    info = machine()
    print(f"# DeWaK benchmarks, {info['date']}\n")
    print(
        f"Machine: {info['nproc']} cores, {info['cpu']}; Python {info['python']}, numpy {info['numpy']};"
    )
    print(f"load average (1 min) at start: {info['load_1min']}\n")
    results: dict = {}
    if "full" in parts:
        results["full"] = bench_full_run.collect(runs=3 if args.quick else 5)
        print(
            "## 1. Full Herten run\n\n" + bench_full_run.render(results["full"]) + "\n", flush=True
        )
    if "reference" in parts:
        cases = ("10000x5",) if args.quick else bench_reference.CASES
        results["reference"] = bench_reference.collect(cases)
        print(
            "## 2. Vectorised vs per-object reference\n\n"
            + bench_reference.render(results["reference"])
            + "\n",
            flush=True,
        )
    if "scaling" in parts:
        sizes = bench_scaling.SIZES[:-1] if args.quick else bench_scaling.SIZES
        results["scaling"], floor = bench_scaling.collect(sizes, repeats=2 if args.quick else 3)
        results["scaling_floor"] = floor
        text = bench_scaling.render(results["scaling"], floor)
        print("## 3. Scaling\n\n" + text + "\n", flush=True)
    if "memory" in parts:
        results["memory"] = bench_memory.collect(runs=30 if args.quick else 60)
        text = bench_memory.render(results["memory"])
        print("## 3b. Memory of many runs in one process\n\n" + text + "\n", flush=True)
    if "sweep" in parts:
        print(
            "## 4a. Sweep throughput (bench/bench_sweep.py)\n\n" + sweep_benchmark(),
            flush=True,
        )
    if "make_run" in parts:
        results["make_run"] = mr = make_run_times()
        text = (
            "no experiments/compare_organisation_models.yaml yet"
            if mr is None
            else (
                f"sweep {mr['sweep_s']:.0f} s (exit {mr['sweep_exit']}), report {mr['report_s']:.0f} s "
                f"(exit {mr['report_exit']}), total {mr['sweep_s'] + mr['report_s']:.0f} s {mr['error']}"
            )
        )
        print(f"## 4b. `make run` comparison (2 workers)\n\n{text}\n", flush=True)
    print("## Targets\n\n" + summary(results))
    print(f"\nload average (1 min) at the end: {machine()['load_1min']}")


if __name__ == "__main__":
    main()
