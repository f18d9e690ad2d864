"""A calibration's result files, all derived from pyabc's history (so a resume rewrites them).

``posterior.parquet`` (parameters and weight per particle of the last generation; weights sum to
1), ``predictive.parquet`` (the same particles' pattern statistics and distance),
``generations.csv`` (epsilon, evaluations, model runs, acceptance rate and effective sample size
per generation), ``summary.json`` (posterior median and 90 % interval per parameter, every
pattern's fit) and, at the end, ``summary.md`` (the same as Markdown, with ``calibrated:``
labels for the scenario files) and ``calibrated/<scenario>.yaml`` (overlays that set the
posterior medians with those labels).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulator.calibration.fit import fit_row, weighted_quantiles
from simulator.calibration.store import write_frame, write_json, write_text


def particles(history, prepared) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(posterior, predictive) frames of the last generation, one row per particle."""
    population = history.get_population()
    names = [p.name for p in prepared.calibration.parameters]
    patterns = [p.name for p in prepared.fit + prepared.validate]
    weights = np.array([p.weight for p in population.particles], dtype=float)
    weights = weights / weights.sum()
    posterior = pd.DataFrame(
        {n: [float(p.parameter[n]) for p in population.particles] for n in names}
    )
    posterior["weight"] = weights
    predictive = pd.DataFrame(
        {n: [float(np.asarray(p.sum_stat[n])) for p in population.particles] for n in patterns}
    )
    predictive["distance"] = [float(p.distance) for p in population.particles]
    predictive["weight"] = weights
    return posterior, predictive


def generations(history, runs_per_particle: int) -> pd.DataFrame:
    """Per-generation diagnostics (the prior sample pyabc takes to set the first epsilon: t = -1)."""
    from pyabc.weighted_statistics import effective_sample_size

    pops = history.get_all_populations()
    rows = []
    for pop in pops.itertuples():
        ess, particles = np.nan, np.nan  # t = -1: pyabc's prior sample, nothing accepted
        if pop.t >= 0:
            particles = int(pop.particles)
            _, w = history.get_distribution(m=0, t=int(pop.t))
            ess = float(effective_sample_size(np.asarray(w)))
        rows.append(
            {
                "generation": int(pop.t),
                "epsilon": float(pop.epsilon),
                "particles": particles,
                "evaluations": int(pop.samples),
                "model_runs": int(pop.samples) * runs_per_particle,
                "acceptance_rate": particles / pop.samples if pop.samples else np.nan,
                "ess": ess,
                "wall_time_s": float(getattr(pop, "wall_time", np.nan) or np.nan),
            }
        )
    return pd.DataFrame(rows)


def summary(prepared, posterior: pd.DataFrame, predictive: pd.DataFrame, gens, state) -> dict:
    """The contents of summary.json."""
    cal = prepared.calibration
    weights = posterior["weight"].to_numpy()
    integer = {name: flag for name, _, _, flag in prepared.model.parameters}
    parameters = {}
    for p in cal.parameters:
        median, q05, q95 = weighted_quantiles(posterior[p.name], weights, (0.5, 0.05, 0.95))
        parameters[p.name] = {
            "path": p.path,
            "scenarios": list(p.scenarios) or "all",
            "integer": integer[p.name],
            "unit": p.unit,
            "prior": p.prior.model_dump(mode="json"),
            "median": median,
            "q05": q05,
            "q95": q95,
            "mean": float(np.sum(posterior[p.name] * weights)),
        }
    fits = [
        fit_row(p, predictive[p.name], predictive["weight"])
        for p in prepared.fit + prepared.validate
    ]
    done = gens[gens.generation >= 0]
    return {
        "name": cal.name,
        "status": state["status"],
        "stop_reason": state["stop_reason"],
        "generations": len(done),
        "epsilon": float(done.epsilon.iloc[-1]) if len(done) else None,
        "particles": len(posterior),
        "effective_sample_size": float(done.ess.iloc[-1]) if len(done) else None,
        "particle_evaluations": int(gens.evaluations.sum()),
        "model_runs": int(gens.model_runs.sum()),
        "runs_per_particle": cal.runs_per_particle,
        "interval": "90 % (weighted 5th to 95th percentile of the last generation)",
        "parameters": parameters,
        "patterns": fits,
    }


def write_all(folder: Path, prepared, history, state: dict, figures: bool) -> dict | None:
    """Write posterior, predictive, generations, summary (and figures); return the summary.

    Nothing but generations.csv is written before the first generation has finished (None).
    """
    folder = Path(folder)
    gens = generations(history, prepared.calibration.runs_per_particle)
    write_frame(folder / "generations.csv", gens)
    if not (gens.generation >= 0).any():
        return None
    posterior, predictive = particles(history, prepared)
    write_frame(folder / "posterior.parquet", posterior)
    write_frame(folder / "predictive.parquet", predictive)
    result = summary(prepared, posterior, predictive, gens, state)
    write_json(folder / "summary.json", result)
    if figures:
        from simulator.calibration.figures import draw_all
        from simulator.calibration.markdown import render

        draw_all(folder / "figures", prepared, gens, posterior, result)
        stamp = _stamp(folder)
        write_text(folder / "summary.md", render(result, stamp))
        write_overlays(folder / "calibrated", result, stamp, prepared.calibration.stems)
    return result


def write_overlays(folder: Path, summary: dict, stamp: str, stems) -> None:
    """``calibrated/<scenario>.yaml``: per base scenario, an overlay with the posterior medians."""
    from simulator.calibration.labels import overlay

    folder.mkdir(exist_ok=True)
    for stem in stems:
        write_text(folder / f"{stem}.yaml", overlay(summary, stamp, stem))


def _stamp(folder: Path) -> str:
    """``2026-12-06, commit 1a2b3c4`` for the calibrated: labels: the tree the runs came from.

    The commit is the one the calibration's manifest recorded when it started (the code that
    made the runs), not the checkout at the time the summary is written.
    """
    import json

    from simulator.calibration.labels import stamp_of
    from simulator.provenance import git_state, now

    try:
        git = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("git")
    except (OSError, ValueError):
        git = None
    return stamp_of(now()[:10], (git or git_state() or {}).get("commit"))
