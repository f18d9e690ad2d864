"""What the report's bands cover, and the sweep against the patterns (``calibration.html.j2``).

* **Which bands include parameter uncertainty.** When the sweep's runs carry posterior draws
  (the ``posterior`` design, docs/experiments.md), every range and band of the report covers
  the model's randomness *and* the calibrated parameters' posterior; otherwise the seeds only.
  One sentence says which, under the at-a-glance table and in the section below.
* **The pattern table** (:func:`simulator.calibration.table.pattern_table`): each pattern's
  target against the runs' median and 90 % band, hit or miss, role and source — computed from
  the experiment's pattern file when it names one (``patterns:``), else read from the
  ``patterns.csv`` that ``dewak patterns`` wrote into the results folder; left out otherwise.
  Patterns of other base scenarios (the hindcast's, in a sweep of the shipped towns) are left
  out of the table.
"""

from __future__ import annotations

from pathlib import Path

from simulator.report.data import Sweep
from simulator.report.i18n import Text

PATTERNS_CSV = "patterns.csv"
#: Column heads of the pattern table (keys of the report's words).
HEADS = ("pat_pattern", "pat_role", "pat_target", "pat_model", "pat_verdict", "runs", "pat_source")


def uncertainty_context(sweep: Sweep, tx: Text) -> dict:
    """The values ``calibration.html.j2`` and the band caption show."""
    note = _band_note(sweep, tx)
    table = pattern_section(sweep, tx)
    return {"uncertainty_note": note, "calibration": {"head": tx("unc_head"), "note": note,
            "patterns": table}}  # fmt: skip


def posterior_draws(sweep: Sweep) -> dict | None:
    """Parameters, calibrations and draws of a sweep on posterior draws (None: seeds only)."""
    design = sweep.manifest.get("design", {})
    if design.get("kind") != "posterior" or "posterior_draw" not in sweep.ok:
        return None
    params = [
        f["name"] for f in design.get("factors", []) if f["role"] == "posterior" and f["path"]
    ]
    named = design.get("posterior")
    files = named.values() if isinstance(named, dict) else [named]
    calibrations = sorted({_calibration_name(str(f)) for f in files})
    return {"params": params, "calibrations": calibrations, "draws": design.get("draws")}


def _calibration_name(text: str) -> str:
    path = Path(text)
    return (path.parent if path.suffix == ".parquet" else path).name


def _band_note(sweep: Sweep, tx: Text) -> str:
    found = posterior_draws(sweep)
    if found is None:
        return tx("unc_seeds_only")
    return tx(
        "unc_posterior",
        params=", ".join(found["params"]),
        calibrations=", ".join(found["calibrations"]),
        draws=found["draws"],
    )


def pattern_section(sweep: Sweep, tx: Text) -> dict | None:
    """The pattern table's head, note, source and rows (None: the sweep has none)."""
    file, table = _pattern_table(sweep, tx)
    if file is None:
        return None
    section = {"head": tx("pat_head"), "note": tx("pat_note"), "heads": [tx(h) for h in HEADS]}
    section["source"] = tx("pat_from", file=file)
    if isinstance(table, str):
        return section | {"error": tx("pat_error", error=table), "rows": []}
    stems = set(sweep.scenario_files())
    rows = [r for r in table.to_dict("records") if _concerns(r["scenarios"], stems)]
    return section | {"error": "", "rows": [_row(r, tx) for r in rows]}


def _concerns(scenarios: str, stems: set[str]) -> bool:
    """True if a pattern (scenarios as the table writes them) concerns a town of the sweep."""
    return scenarios == "all" or bool(stems & {s.strip() for s in str(scenarios).split(",")})


def _pattern_table(sweep: Sweep, tx: Text):
    """``(where it came from, DataFrame or error text)``, or ``(None, None)``."""
    import pandas as pd

    from simulator.scenario.errors import ScenarioError

    named = (sweep.manifest.get("experiment") or {}).get("patterns")
    if named:
        source = sweep.manifest.get("experiment_file")
        path = (Path(source).parent if source else sweep.root) / named
        try:
            from simulator.calibration.patterns import load_patterns
            from simulator.calibration.table import table_of

            runs = sweep.ok.set_index("run_id")
            return str(named), table_of(runs, sweep.annual, load_patterns(path))
        except (ScenarioError, OSError) as exc:
            return str(named), str(exc)
    csv = sweep.root / PATTERNS_CSV
    if csv.is_file():
        return PATTERNS_CSV, pd.read_csv(csv)
    return None, None


def _row(row: dict, tx: Text) -> dict:
    n = int(row.get("n") or 0)
    if n:
        model = f"{_g(row['model_median'])} ({_g(row['model_q05'])} – {_g(row['model_q95'])})"
    else:
        model = str(row.get("note") or "")
    hit = row.get("hit")
    verdict = "none" if n == 0 or hit is None or hit != hit else "hit" if bool(hit) else "miss"
    return {
        "cells": [row["pattern"], row["role"], row["target"], model],
        "verdict": tx("pat_" + verdict),
        "miss": verdict == "miss",
        "n": tx.num(n),
        "source": row["source"],
    }


def _g(value) -> str:
    return f"{float(value):.4g}"
