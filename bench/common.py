"""Shared helpers of the benchmark scripts: fresh child processes, statistics, tables, machine.

Every measurement runs in a fresh Python process (``child``), so that start-up, caches and the
peak resident memory (``ru_maxrss``) belong to that measurement alone. The parent only starts
children, collects their JSON line and prints tables; it never writes a file.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
HERTEN = SCENARIOS / "herten_integration_centre.yaml"


def child(script: str, *args: str, timeout_s: float = 1800, tree: Path | None = None) -> dict:
    """Run ``bench/<script> --child ARGS`` in a fresh interpreter; return its last stdout line as JSON.

    ``tree``: import ``simulator`` from that checkout instead (an earlier commit, for ratios).
    """
    command = [sys.executable, str(ROOT / "bench" / script), "--child", *map(str, args)]
    env = None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=tree or ROOT, timeout=timeout_s, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function, *args, **kwargs) -> tuple[object, float, float]:
    """Call ``function``; return its result, wall seconds and CPU seconds of this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def spread(values: list[float]) -> dict:
    """Median, min and max of repeated measurements."""
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def machine() -> dict:
    """Where and when: date, cores, CPU model, Python and numpy versions, load average."""
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import numpy

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "load_1min": round(os.getloadavg()[0], 2),
    }


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(value: float, limit: float, higher_is_better: bool = False) -> str:
    """'met' or 'MISSED' for a target."""
    ok = value >= limit if higher_is_better else value <= limit
    return "met" if ok else "MISSED"


def time_verdict(wall_s: float, cpu_s: float, limit_s: float) -> str:
    """A time target judged on wall time, or, when other work loads the machine, on CPU time.

    The residents' phases are single-threaded numpy, so on an idle core wall time equals the
    process's CPU time; on a shared machine the wall time also counts waiting for a core.
    """
    if wall_s <= limit_s:
        return "met"
    if cpu_s <= limit_s:
        return f"met on CPU time (wall {wall_s:.1f} s under load)"
    return "MISSED"


def emit(result: dict) -> None:
    """Print a child's result as one JSON line (the parent reads the last line)."""
    print(json.dumps(result))
