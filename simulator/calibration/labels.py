"""``calibrated:`` labels: how a calibrated number is written into a scenario file.

A calibrated number carries the calibration that produced it, in the form the scenario schema
checks (:data:`simulator.scenario.schema.base.CALIBRATED`)::

    demography.in_migration_rate_per_year: {value: 0.0362, calibrated: "calibrate_herten,
      2026-12-06, commit 1a2b3c4: posterior median 0.0362, 90 % interval [0.031, 0.041]"}

``dewak calibrate`` writes these lines into ``summary.md`` and, per base scenario, a ready
overlay ``calibrated/<scenario>.yaml`` whose ``set:`` holds every parameter that applies to it
(docs/calibration.md, "Applying a calibration").
"""

from __future__ import annotations

import json
import math


def stamp_of(date: str, commit: str | None) -> str:
    """``2026-12-06, commit 1a2b3c4`` (the date and the source tree's commit)."""
    return f"{date}, commit {commit[:7] if commit else 'unknown'}"


def value_of(stats: dict) -> float | int:
    """The number a scenario gets: the posterior median (rounded to 4 significant digits)."""
    median = float(f"{stats['median']:.4g}")
    return int(round(median)) if stats.get("integer") else median


def label(name: str, stamp: str, stats: dict) -> str:
    """The ``calibrated:`` text of one parameter (its interval contains :func:`value_of`)."""
    low, high = float(f"{stats['q05']:.4g}"), float(f"{stats['q95']:.4g}")
    if stats.get("integer"):
        low, high = math.floor(low), math.ceil(high)
    return (
        f"{name}, {stamp}: posterior median {_num(stats['median'])}, "
        f"90 % interval [{_num(low)}, {_num(high)}]"
    )


def entry(name: str, stamp: str, stats: dict) -> str:
    """``{value: <median>, calibrated: "<label>"}`` as one YAML flow mapping."""
    text = json.dumps(label(name, stamp, stats), ensure_ascii=False)
    return f"{{value: {yaml_number(value_of(stats))}, calibrated: {text}}}"


def lines(summary: dict, stamp: str) -> list[str]:
    """One ``path: {value, calibrated}`` line per parameter (and where it applies)."""
    out = []
    for stats in summary["parameters"].values():
        where = "" if stats["scenarios"] == "all" else f"  # in {', '.join(stats['scenarios'])}"
        out.append(f"{stats['path']}: {entry(summary['name'], stamp, stats)}{where}")
    return out


def overlay(summary: dict, stamp: str, stem: str) -> str:
    """A scenario overlay that sets the posterior medians of the parameters applying to ``stem``."""
    name = summary["name"]
    head = [
        f"# Posterior medians of the calibration {name} ({stamp}) for {stem}.yaml,",
        "# written by dewak calibrate. Apply: copy to scenarios/overlays/<name>.yaml and use",
        "# --overlay <name> (or an experiment's overlays:), or paste the set: lines into the",
        "# scenario file in place of the numbers they replace (docs/calibration.md).",
        f"overlay: {name}",
        f"description: Posterior medians of {name} ({stamp}).",
        "set:",
    ]
    body = [
        f"  {stats['path']}: {entry(name, stamp, stats)}"
        for stats in summary["parameters"].values()
        if stats["scenarios"] == "all" or stem in stats["scenarios"]
    ]
    return "\n".join(head + body) + "\n"


def yaml_number(value: float | int) -> str:
    """A number as YAML reads it back with its type: ``3``, ``0.0``, ``1.0e-05`` (never text)."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    mantissa, _, exponent = text.partition("e")
    if exponent and "." not in mantissa:  # YAML 1.1 reads 1e-05 as text, 1.0e-05 as a number
        text = f"{mantissa}.0e{exponent}"
    return text


def _num(value) -> str:
    return f"{value:.4g}"
